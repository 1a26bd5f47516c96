"""In-memory person records for the rule tests: no file, every date chosen by the test."""

from __future__ import annotations

import datetime as dt
from typing import Any

from commune_app.domain.record import PersonRecord
from commune_app.rules.calendar import WorkCalendar
from commune_app.rules.ruleset import load_rule_set

RULES = load_rule_set()
CALENDAR = WorkCalendar()
TODAY = dt.date(2026, 11, 20)
MEETING = "2026-10-01"


def ms(kind: str, date: str, **details: Any) -> dict[str, Any]:
    return {"kind": kind, "date": date, "doc_number": "", "issuer": "", "details": details}


def introducer(
    member_id: int,
    name: str,
    *,
    status: str = "official",
    official_on: str | None = "2015-01-01",
    together_from: str | None = "2023-01-01",
    together_to: str | None = None,
    document_on: str | None = "2026-06-10",
    cell_id: int = 1,
    replaces: int | None = None,
) -> dict[str, Any]:
    return {
        "id": 100 + member_id,
        "role": "introducer",
        "member_id": member_id,
        "member_name": name,
        "member_status": status,
        "member_official_on": official_on,
        "member_cell_id": cell_id,
        "together_from": together_from,
        "together_to": together_to,
        "document_on": document_on,
        "assigned_on": document_on or "2026-06-10",
        "ended_on": None,
        "replaces_link_id": replaces,
        "organisation": "",
    }


def mentor(member_id: int = 7, name: str = "Đinh Thị Lan", status: str = "official") -> dict[str, Any]:
    return {
        "id": 200 + member_id,
        "role": "mentor",
        "member_id": member_id,
        "member_name": name,
        "member_status": status,
        "member_official_on": "2015-01-01",
        "member_cell_id": 1,
        "assigned_on": "2025-09-02",
        "ended_on": None,
        "replaces_link_id": None,
        "organisation": "",
    }


READY_MILESTONES = (
    ("course_certificate", "2026-01-10"),
    ("application", "2026-02-02"),
    ("background_declared", "2026-02-09"),
    ("pages_sealed", "2026-03-02"),
    ("background_certified", "2026-05-04"),
    ("opinions_summary", "2026-06-01"),
)


# The parents of the ready candidate, verified before the certification of 04/05/2026.
VERIFIED_PARENTS = (
    {
        "relation": "Bố đẻ",
        "full_name": "Nguyễn Văn Ba",
        "birth_year": 1970,
        "is_party_member": 0,
        "exempt_reason": "",
        "verify_sent_on": "2026-03-16",
        "verify_replied_on": "2026-04-10",
        "verify_result": "Lịch sử chính trị rõ ràng",
    },
    {
        "relation": "Mẹ đẻ",
        "full_name": "Lê Thị Tư",
        "birth_year": 1972,
        "is_party_member": 0,
        "exempt_reason": "",
        "verify_sent_on": "2026-03-16",
        "verify_replied_on": "2026-04-13",
        "verify_result": "Lịch sử chính trị rõ ràng",
    },
)


def record(
    *,
    person: dict[str, Any] | None = None,
    milestones: list[dict[str, Any]] | None = None,
    links: list[dict[str, Any]] | None = None,
    relatives: list[dict[str, Any]] | None = None,
    cell: dict[str, Any] | None = None,
    replace: dict[str, dict[str, Any] | None] | None = None,
) -> PersonRecord:
    """A candidate ready for a cell meeting on 01/10/2026, changed by the arguments.

    ``replace`` maps a milestone kind to its replacement (None drops it).
    """
    base = {kind: ms(kind, date) for kind, date in READY_MILESTONES}
    for kind, value in (replace or {}).items():
        if value is None:
            base.pop(kind, None)
        else:
            base[kind] = value
    all_ms = list(base.values()) + list(milestones or [])
    all_ms.sort(key=lambda m: m["date"])
    for i, m in enumerate(all_ms, start=1):
        m.setdefault("id", i)
    row = {
        "id": 1,
        "full_name": "Nguyễn Văn An",
        "birth_date": "2000-05-10",
        "status": "candidate",
        "stage": "introduced",
        "cell_id": 1,
        "education_general": "12/12",
        "education_exception": "",
        "youth_union": 0,
        "trade_union": 0,
        "planned_meeting_on": None,
        **(person or {}),
    }
    return PersonRecord(
        person=row,
        milestones=all_ms,
        links=links if links is not None else [introducer(2, "Lò Văn Bình"), introducer(3, "Hà Thị Cúc")],
        relatives=[dict(r) for r in VERIFIED_PARENTS] if relatives is None else relatives,
        cell=cell or {"id": 1, "name": "Chi bộ thôn Nà Lầu", "routing": "chi_bo_co_so", "has_sub_committee": 0},
    )


def meeting(date: str = MEETING, **details: Any) -> dict[str, Any]:
    return {
        "date": date,
        "doc_number": "01-NQ/CB",
        "issuer": "Chi bộ",
        "details": {"official_total": 9, "votes_for": 9, **details},
    }


def codes(findings: list[Any], severity: str | None = None) -> set[str]:
    return {f.code for f in findings if severity is None or f.severity == severity}
