"""Names of the files the program saves, made for a clerk to find them again.

"9-KNĐ - Nguyễn Văn An - 02-12-2026.pdf", "Báo cáo quý IV-2026 - Đảng ủy xã Ba Sơn.xlsx":
what the paper is, whom it is about, and when, in Vietnamese as written (NFC), with only the
characters Windows refuses in a name replaced.
"""

from __future__ import annotations

import datetime as dt
import re

from commune_app import vn

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')  # what Windows refuses in a file name
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_STEM = 150  # leaves room for the folder within Windows' 260-character paths


def safe_file_name(stem: str, suffix: str) -> str:
    """``stem`` + ``suffix`` as a valid Windows file name."""
    clean = _FORBIDDEN.sub("-", vn.nfc(stem))
    clean = re.sub(r"\s+", " ", clean).strip(" .")[:MAX_STEM].rstrip(" .") or "tep"
    if clean.upper() in _RESERVED:
        clean = f"{clean}-"
    return clean + (suffix if suffix.startswith(".") else f".{suffix}")


def _day(on: dt.date) -> str:
    return on.strftime("%d-%m-%Y")


def document_name(title: str, person: str, on: dt.date, suffix: str = ".pdf") -> str:
    """A person's paper or set: "9-KNĐ - Nguyễn Văn An - 02-12-2026.pdf"."""
    parts = [p for p in (vn.nfc(title), vn.nfc(person), _day(on)) if p]
    return safe_file_name(" - ".join(parts), suffix)


def report_name(period_label: str, committee: str, suffix: str = ".xlsx") -> str:
    """A report for a period: "Báo cáo quý IV-2026 - Đảng ủy xã Ba Sơn.xlsx"."""
    parts = [f"Báo cáo {vn.nfc(period_label)}".strip(), vn.nfc(committee)]
    return safe_file_name(" - ".join(p for p in parts if p), suffix)


def list_name(title: str, on: dt.date, suffix: str = ".xlsx") -> str:
    """A list or a batch: "Danh sách người vào Đảng - 02-12-2026.xlsx"."""
    return safe_file_name(f"{vn.nfc(title)} - {_day(on)}", suffix)
