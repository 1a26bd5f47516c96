"""Rows that are not people, told by their shape, never by a name.

A total row has no birth date and no identity number, and says so: 'Cộng', 'Tổng cộng',
'Tổng số' followed by a number, a colon or nothing, or a count ('15 đồng chí'). The words are
compared with their tones (NFC, case ignored): folding would turn 'Tống', 'Công', 'Cống' and
'Cồng' (family names) into 'tong'/'cong' and lose real people. A row that has a valid birth
date or an identity number is always read as a person (see ``preview.build``).
"""

from __future__ import annotations

import re
from typing import Any

from commune_app import vn
from commune_app.importing.values import text

# After the word: nothing, or anything that holds a colon or a digit ('Cộng chi bộ: 2 đồng chí').
_TOTAL = re.compile(r"^(?:tổng\s+cộng|tổng\s+số|cộng|tổng)(?![^\W\d_])(?P<rest>.*)$")
_COUNT = re.compile(r"\b\d+\s*(?:đồng\s+chí|đ/c|người|đảng\s+viên|quần\s+chúng|hồ\s+sơ)(?![^\W\d_])")


def is_total_text(value: str) -> bool:
    """'Tổng cộng', 'Cộng:', 'Tổng số 15', 'Cộng chi bộ: 2 đồng chí'; not 'Tống Văn Tân', not 'Tổng Văn Tân'."""
    words = vn.nfc(value).casefold().lstrip(" .-–*")
    found = _TOTAL.match(words)
    if found is None:
        return False
    rest = found.group("rest")
    return not rest.strip() or any(ch == ":" or ch.isdigit() for ch in rest)


def is_count_text(value: str) -> bool:
    """'15 đồng chí', '(2 người)': a count written where a name would be."""
    return bool(_COUNT.search(vn.nfc(value).casefold()))


def numbers_only(cells: list[Any]) -> bool:
    """Every filled cell is a number (a row of sums without a label)."""
    return bool(cells) and all(
        (isinstance(v, (int, float)) and not isinstance(v, bool)) or re.fullmatch(r"[\d.,\s]+", text(v)) for v in cells
    )


def total_reason(cells: list[Any]) -> str | None:
    """Why a row without birth date and identity number is a total row; None when it is not one."""
    for value in cells:
        if isinstance(value, str) and is_total_text(value):
            return f"Dòng cộng, tổng số: “{text(value)}”"
    for value in cells:
        if isinstance(value, str) and is_count_text(value):
            return f"Dòng đếm số người: “{text(value)}”"
    if numbers_only(cells):
        return "Dòng chỉ có số, không có họ tên (dòng cộng)"
    return None
