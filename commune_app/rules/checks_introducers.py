"""Introducers (docs/domain.md §2, rules 10–12 of §3): who may introduce, and how many."""

from __future__ import annotations

import datetime as dt
from typing import Any

from commune_app import vn
from commune_app.domain.record import PersonRecord
from commune_app.rules.common import Collector, d, milestone_date, to_date
from commune_app.rules.findings import Finding
from commune_app.rules.ruleset import RuleSet

_GONE = {"transferred_out": "đã chuyển sinh hoạt đi", "removed": "đã ra khỏi Đảng", "deceased": "đã từ trần"}


def introducer_findings(
    record: PersonRecord,
    member_row: dict[str, Any],
    together_from: Any,
    together_to: Any,
    on_date: Any,
    rules: RuleSet,
    *,
    replacement: bool = False,
    require_period: bool = True,
) -> list[Finding]:
    """Findings on one member introducing ``record``'s person on ``on_date``.

    ``member_row`` has id, full_name, status, official_on and cell_id (a people row or a link
    row's member_* columns). ``require_period=False`` skips the 12-month check when the
    period together is not known yet (the list of possible introducers).
    """
    out = Collector(record, rules)
    on = to_date(on_date) or dt.date.today()
    name = member_row.get("full_name") or member_row.get("member_name") or "Người giới thiệu"
    status = member_row.get("status") or member_row.get("member_status")
    official_on = to_date(member_row.get("official_on") or member_row.get("member_official_on"))
    member_id = member_row.get("id") or member_row.get("member_id")
    if member_id is not None and int(member_id) == record.id:
        out.block("INTRODUCER-STATUS", "Người xin vào Đảng không thể tự giới thiệu mình.")
        return out.findings
    if status in _GONE:
        out.block("INTRODUCER-STATUS", f"{name} {_GONE[status]}, không thể giới thiệu người vào Đảng.")
    elif status == "probationary":
        out.block(
            "INTRODUCER-STATUS",
            f"{name} là đảng viên dự bị; chỉ đảng viên chính thức mới được giới thiệu người vào Đảng.",
        )
    elif status != "official":
        out.block("INTRODUCER-STATUS", f"{name} không phải là đảng viên chính thức.")
    elif official_on and official_on > on:
        out.block(
            "INTRODUCER-STATUS",
            f"{name} đến ngày {d(official_on)} mới là đảng viên chính thức, sau ngày giới thiệu {d(on)}.",
        )
    if not replacement:
        start, end = to_date(together_from), to_date(together_to) or on
        needed = int(rules["introducer_together_months"])
        if start is None:
            if require_period:
                out.block(
                    "INTRODUCER-12M",
                    f"Chưa ghi thời gian {name} cùng công tác, học tập hoặc cư trú với người xin vào Đảng.",
                )
        else:
            months = max(vn.full_months_between(start, min(end, on)), 0)
            if months < needed:
                out.block(
                    "INTRODUCER-12M",
                    f"{name} mới cùng công tác, học tập hoặc cư trú với người xin vào Đảng {months} tháng"
                    f" (từ {d(start)} đến {d(min(end, on))}), chưa đủ {needed} tháng.",
                )
    member_cell = member_row.get("cell_id", member_row.get("member_cell_id"))
    own_cell = record.person.get("cell_id")
    if member_cell is not None and own_cell is not None and member_cell != own_cell:
        out.warn(
            "INTRODUCER-STATUS", f"{name} sinh hoạt ở chi bộ khác; cần xác nhận cùng đơn vị với người xin vào Đảng."
        )
    return out.findings


def link_member_row(link: dict[str, Any]) -> dict[str, Any]:
    """The member columns of a link row as a member row for ``introducer_findings``."""
    return {
        "id": link.get("member_id"),
        "full_name": link.get("member_name"),
        "status": link.get("member_status"),
        "official_on": link.get("member_official_on"),
        "cell_id": link.get("member_cell_id"),
    }


def member_introducers(record: PersonRecord) -> list[dict[str, Any]]:
    return [link for link in record.links_with_role("introducer") if link.get("member_id") is not None]


def introducers_at(record: PersonRecord, on: dt.date, rules: RuleSet) -> list[Finding]:
    """Every current introducer checked for a meeting on ``on``, then the count rule."""
    out: list[Finding] = []
    for link in member_introducers(record):
        document_on = to_date(link.get("document_on")) or on
        out += introducer_findings(
            record,
            link_member_row(link),
            link.get("together_from"),
            link.get("together_to"),
            document_on,
            rules,
            replacement=link.get("replaces_link_id") is not None,
        )
    out += introducer_count(record, on, rules)
    return out


def union_resolution(record: PersonRecord, organisation: str) -> dict[str, Any] | None:
    kind = "youth_union_resolution" if organisation == "youth_union" else "trade_union_resolution"
    return record.latest(kind)


def introducer_count(record: PersonRecord, on: dt.date, rules: RuleSet) -> list[Finding]:
    """Two official members; or one + 4-KNĐ for a youth-age Youth Union member; or one + 4A-KNĐ."""
    out = Collector(record, rules)
    members = len(member_introducers(record))
    needed = int(rules["introducers_required"])
    if members >= needed:
        return out.findings
    birth = record.birth_date
    youth_limit = (int(rules["youth_age_max_years"]) + 1) * 12
    youth_age = birth is not None and vn.months_between(birth, on) < youth_limit
    youth = union_resolution(record, "youth_union")
    trade = union_resolution(record, "trade_union")
    if members == needed - 1:
        if youth is not None and youth_age and record.person.get("youth_union"):
            return out.findings
        if trade is not None and record.person.get("trade_union"):
            return out.findings
        if youth is not None and not youth_age:
            out.block(
                "INTRODUCER-COUNT",
                f"Người xin vào Đảng đã quá {rules['youth_age_max_years']} tuổi tại ngày {d(on)} nên"
                f" nghị quyết giới thiệu của Đoàn (4-KNĐ, ngày {d(milestone_date(youth))}) không thay"
                " được một đảng viên giới thiệu; cần 2 đảng viên chính thức.",
            )
            return out.findings
    missing = needed - members
    out.block(
        "INTRODUCER-COUNT",
        f"Mới có {members} đảng viên chính thức giới thiệu; cần {needed} đảng viên chính thức, hoặc"
        " 1 đảng viên chính thức và nghị quyết giới thiệu của BCH Đoàn cơ sở (4-KNĐ, người trong độ tuổi"
        " đoàn viên) hoặc của BCH Công đoàn cơ sở (4A-KNĐ)."
        + (f" Còn thiếu {missing} người giới thiệu." if missing > 1 else ""),
    )
    return out.findings
