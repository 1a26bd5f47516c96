"""Where the table is in a sheet: the header row(s) under the titles, and where data begin.

Clerks' lists start with title lines ('DANH SÁCH ĐẢNG VIÊN...'), often have a header over two
rows with merged cells ('Ngày, tháng, năm sinh' over 'Nam' / 'Nữ') and a row of column
numbers '(1) (2) (3)' under it. The header is the row among the first ones in which the
most columns are recognised; the row below belongs to it when it refines the labels.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from commune_app.errors import Refused
from commune_app.importing import headers
from commune_app.importing.reader import RawSheet
from commune_app.importing.values import filled, is_blank, text

HEADER_SEARCH_ROWS = 30
_COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2}|[A-Za-z])\s*\)?$")
_DATE_TEXT = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}")


@dataclass
class Layout:
    header_rows: list[int]  # 0-based indexes into the sheet's rows
    labels: list[tuple[str, str]]  # per column: upper header, lower header ('' if one row)
    data_start: int  # 0-based index of the first row that may hold data


def filled_rows(raw: RawSheet) -> list[list[Any]]:
    """Rows of equal width, each merged range filled with its top-left value (as Excel shows it)."""
    width = max((len(r) for r in raw.rows), default=0)
    rows = [list(r) + [None] * (width - len(r)) for r in raw.rows]
    for r1, c1, r2, c2 in raw.merged:
        if r1 >= len(rows) or c1 >= width:
            continue
        value = rows[r1][c1]
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            for c in range(c1, min(c2, width - 1) + 1):
                rows[r][c] = value
    # Columns empty all the way down (formatting Excel kept) are not columns of the table.
    used = 0
    for row in rows:  # each row looked at from the right, only as far as the widest row so far
        for index in range(len(row) - 1, used - 1, -1):
            if not is_blank(row[index]):
                used = index + 1
                break
    return [row[:used] for row in rows] if used < width else rows


def _score(labels: list[tuple[str, str]]) -> int:
    found = {headers.match_header(upper, lower) for upper, lower in labels}
    found.discard(None)
    found.discard("row_number")
    return len(found)


def is_column_numbers(row: list[Any]) -> bool:
    """'(1) (2) (3)…' or '1 2 3…' or 'A B 1 2…' under a header: not data."""
    cells = filled(row)
    if len(cells) < 2:
        return False
    return all(_COLUMN_NUMBER.match(text(v)) for v in cells)


def _data_like(row: list[Any]) -> bool:
    for value in row:
        if isinstance(value, (dt.date, dt.datetime)):
            return True
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 1000:
            return True
        if isinstance(value, str) and (_DATE_TEXT.search(value) or re.search(r"\d{6,}", value)):
            return True
    return False


def _two_row_labels(upper: list[Any], lower: list[Any]) -> list[tuple[str, str]]:
    labels: list[tuple[str, str]] = []
    for index, (top, sub) in enumerate(zip(upper, lower, strict=True)):
        top_text, sub_text = text(top), text(sub)
        if not top_text and sub_text:
            # A group label written once over several columns without a merge (CSV, careless sheets).
            for left in range(index - 1, -1, -1):
                if text(upper[left]):
                    if text(lower[left]):
                        top_text = text(upper[left])
                    break
        labels.append((top_text, sub_text if sub_text != top_text else ""))
    return labels


def _merged_under(raw: RawSheet, row: int) -> bool:
    """A header cell merged across columns (a group label) or down into the next row."""
    return any(r1 == row and (r2 > row or c2 > c1) for r1, c1, r2, c2 in raw.merged)


def _sub_row(rows: list[list[Any]], index: int) -> list[Any] | None:
    """The row under a header candidate, when it can be a second header row."""
    if index + 1 >= len(rows):
        return None
    lower = rows[index + 1]
    if _data_like(lower) or is_column_numbers(lower) or all(is_blank(v) for v in lower):
        return None
    return lower


def find_layout(raw: RawSheet, rows: list[list[Any]]) -> Layout:
    best: tuple[int, int, list[tuple[str, str]], bool] | None = None  # score, row, labels, two rows
    for index in range(min(HEADER_SEARCH_ROWS, len(rows))):
        single = [(text(v), "") for v in rows[index]]
        score = _score(single)
        if score < 2:
            continue
        candidate = (score, index, single, False)
        lower = _sub_row(rows, index)
        if lower is not None:
            double = _two_row_labels(rows[index], lower)
            double_score = _score(double)
            if double_score > score or (double_score == score and _merged_under(raw, index)):
                candidate = (double_score, index, double, True)
        if best is None or candidate[0] > best[0]:
            best = candidate
    if best is None:
        seen = [text(v) for r in rows[:HEADER_SEARCH_ROWS] for v in r if not is_blank(v)][:12]
        raise Refused(
            f"Không tìm thấy dòng tiêu đề của bảng trong trang “{raw.name}”: không nhận ra cột nào như "
            "“Họ và tên”, “Ngày sinh”, “Giới tính”, “Số CCCD”.",
            "Những chữ đọc được ở đầu trang: " + ("; ".join(seen) if seen else "(không có)"),
        )
    _, index, labels, two_rows = best
    header_rows = [index, index + 1] if two_rows else [index]
    start = header_rows[-1] + 1
    if start < len(rows) and is_column_numbers(rows[start]):
        start += 1
    return Layout(header_rows, labels, start)


def require_name(mapping: dict[int, str], labels: list[tuple[str, str]]) -> None:
    fields = set(mapping.values())
    if "full_name" in fields or {"family_middle", "given_name"} <= fields:
        return
    shown = [headers.column_label(u, low) for u, low in labels if u or low]
    raise Refused(
        "Chưa xác định được cột “Họ và tên” (hoặc hai cột “Họ và tên đệm” và “Tên”). "
        "Hãy chọn cột tương ứng trong bước ghép cột.",
        "Các cột của bảng tính: " + "; ".join(shown),
    )
