"""Builders of spreadsheets for the import tests: the layouts clerks really send."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def write_xlsx(
    path: Path, sheets: dict[str, Sequence[Sequence[Any]]], merges: dict[str, Sequence[str]] | None = None
) -> Path:
    """One worksheet per entry; ``merges`` lists ranges such as 'A1:H1' per sheet."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cell_range in (merges or {}).get(name, ()):
            sheet.merge_cells(cell_range)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, (dt.date, dt.datetime)):
                    cell.number_format = "dd/mm/yyyy"
    workbook.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    content = buffer.getvalue()
    path.write_bytes(to_cp1258(content) if encoding == "cp1258" else content.encode(encoding))
    return path


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: letters with ă â ê ô ơ ư, tones as combining marks."""
    import unicodedata

    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def commune_member_list(path: Path) -> Path:
    """A member list as a commune clerk keeps it: titles, a two-row merged header, column
    numbers, group headings per cell, a subtotal, dates in three forms and a CCCD stored as a number."""
    rows = [
        ["ĐẢNG BỘ XÃ NÀ LẦU", None, None, None, None, None, None, None, None],
        ["DANH SÁCH ĐẢNG VIÊN ĐẢNG BỘ XÃ NÀ LẦU", None, None, None, None, None, None, None, None],
        [None] * 9,
        ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Dân tộc", "Tôn giáo", "Số CCCD", "Ngày vào Đảng", None],
        [None, None, "Nam", "Nữ", None, None, None, "Dự bị", "Chính thức"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
        ["I. CHI BỘ THÔN NÀ LẦU", None, None, None, None, None, None, None, None],
        [1, "Nguyễn Văn An", "05/02/1980", None, "Kinh", "Không", 1080012345, "03/02/2005", "03/02/2006"],
        [
            2,
            "  Hoàng  thị   Bích ",
            None,
            dt.datetime(1990, 7, 12),
            "Tày",
            "",
            "019190001234",
            dt.datetime(2015, 5, 19),
            dt.datetime(2016, 5, 19),
        ],
        ["Cộng chi bộ: 2 đồng chí", None, None, None, None, None, None, None, None],
        ["II. CHI BỘ THÔN PÁC BÓ", None, None, None, None, None, None, None, None],
        [3, "Lò Văn Cường", 1975, None, "thai", "Phật", None, "1/6/98", None],
        [4, "Mùa A Dính", "30/02/1985", None, "HMông", "Không", None, "02/09/2010", "02/09/2011"],
        ["Tổng cộng", None, None, None, None, None, None, None, None],
    ]
    merges = ["A1:I1", "A2:I2", "A4:A5", "B4:B5", "C4:D4", "E4:E5", "F4:F5", "G4:G5", "H4:I4", "A7:I7", "A11:I11"]
    return write_xlsx(path, {"Đảng viên": rows, "Ghi chú": [["Trang ghi chú"]]}, {"Đảng viên": merges})
