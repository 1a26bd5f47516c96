"""The columns of the people lists: title, value and sort, shared by the window and the export.

A column's ``value(row, today)`` returns what the cell holds (text, a date, a number); the
window shows dates as dd/mm/yyyy and the Excel export writes them as real dates, so both
read the same column definitions and always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from commune_app import vn
from commune_app.domain import codes
from commune_app.domain.road import STAGE_LABELS


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str
    value: Callable[[dict[str, Any], dt.date], Any]
    sort: str | None = None  # a store.people.SORTS key, when the list can sort by it in SQL
    width: int = 110
    # The value grows as the sort key shrinks (ages by birth date, party age by admission date),
    # so an ascending click sorts the key descending.
    reverse: bool = False
    hint: str = ""  # the column title's tooltip: what a short title stands for


def _date(name: str) -> Callable[[dict[str, Any], dt.date], Any]:
    return lambda row, _today: dt.date.fromisoformat(row[name]) if row.get(name) else None


def _birth(row: dict[str, Any], _today: dt.date) -> Any:
    if not row.get("birth_date"):
        return None
    born = dt.date.fromisoformat(row["birth_date"])
    return born.year if row.get("birth_year_only") else born


def party_age(admitted_on: str | None, today: dt.date) -> str:
    """'3 năm 2 tháng' since the admission decision; '' before it."""
    if not admitted_on:
        return ""
    months = max(vn.full_months_between(dt.date.fromisoformat(admitted_on), today), 0)
    years, rest = divmod(months, 12)
    if not years:
        return f"{rest} tháng"
    return f"{years} năm {rest} tháng" if rest else f"{years} năm"


def _age(row: dict[str, Any], today: dt.date) -> Any:
    if not row.get("birth_date"):
        return None
    return vn.months_between(dt.date.fromisoformat(row["birth_date"]), today) // 12


def _name_parts(row: dict[str, Any]) -> tuple[str, str]:
    """(family and middle names, given name) as stored; split from the full name for rows
    written without the split columns (bulk loads)."""
    if row.get("given_name"):
        return " ".join(p for p in (row["family_name"], row["middle_name"]) if p), row["given_name"]
    parts = vn.split_name(row.get("full_name") or "")
    return parts.family_middle, parts.given


COLUMNS: dict[str, ListColumn] = {
    c.key: c
    for c in (
        ListColumn("family_middle", "Họ và tên đệm", lambda r, _t: _name_parts(r)[0], "name", 150),
        ListColumn("given_name", "Tên", lambda r, _t: _name_parts(r)[1], "name", 80),
        ListColumn("full_name", "Họ và tên", lambda r, _t: r["full_name"], "name", 190),
        ListColumn("gender", "Giới tính", lambda r, _t: codes.GENDER_LABELS.get(r["gender"], ""), None, 70),
        ListColumn("birth_date", "Ngày sinh", _birth, "birth_date", 95),
        ListColumn("age", "Tuổi", _age, "birth_date", 50, reverse=True),
        ListColumn("ethnicity", "Dân tộc", lambda r, _t: r["ethnicity"], None, 80),
        ListColumn("religion", "Tôn giáo", lambda r, _t: r["religion"], None, 90),
        ListColumn("cccd", "Số CCCD", lambda r, _t: r["cccd"] or "", None, 115),
        ListColumn("phone", "Điện thoại", lambda r, _t: r["phone"], None, 100),
        ListColumn("residence", "Nơi cư trú", lambda r, _t: r["residence"], None, 130),
        ListColumn("cell", "Chi bộ", lambda r, _t: r["cell"] or "", "cell", 170),
        ListColumn(
            "status", "Tình trạng", lambda r, _t: codes.STATUS_LABELS.get(r["status"], r["status"]), "status", 195
        ),
        ListColumn("stage", "Bước hiện tại", lambda r, _t: STAGE_LABELS.get(r["stage"], r["stage"]), "stage", 200),
        ListColumn(
            "certificate_on",
            "Ngày cấp GCN",
            _date("certificate_on"),
            None,
            110,
            hint="Ngày cấp giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng (NTVĐ)",
        ),
        ListColumn("planned_meeting_on", "Dự kiến họp xét", _date("planned_meeting_on"), None, 105),
        ListColumn("admitted_on", "Ngày vào Đảng", _date("admitted_on"), "admitted_on", 100),
        ListColumn(
            "party_age", "Tuổi đảng", lambda r, t: party_age(r.get("admitted_on"), t), "admitted_on", 120, reverse=True
        ),
        ListColumn("official_on", "Ngày chính thức", _date("official_on"), "official_on", 100),
        ListColumn("party_card_new", "Số thẻ đảng viên", lambda r, _t: r["party_card_new"], None, 115),
        ListColumn("party_card_old", "Số thẻ cũ", lambda r, _t: r.get("party_card_old") or "", None, 95),
        ListColumn("youth_union", "Đoàn viên", lambda r, _t: "x" if r["youth_union"] else "", None, 70),
    )
}


def display(value: Any) -> str:
    """How a column value reads on screen."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return vn.format_date(value)
    return str(value)
