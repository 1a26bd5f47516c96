"""Builders for people at each point of the road, through the real operations."""

from __future__ import annotations

from typing import Any

from commune_app.ops import road as road_ops
from commune_app.ops import road_relatives
from commune_app.ops.context import Session
from commune_app.store import people as people_store
from commune_app.store import road as road_store
from tests.factories import make_cell, make_person

_MEMBER_NAMES = (
    "Lò Văn Bình",
    "Hà Thị Cúc",
    "Vi Văn Dũng",
    "Lường Thị Én",
    "Nông Văn Giang",
    "Sầm Thị Hoa",
    "Lục Văn Khánh",
    "Đinh Thị Lan",
    "Triệu Văn Minh",
    "Hoàng Thị Nga",
)


def make_member(
    session: Session,
    full_name: str,
    *,
    cell_id: int | None,
    status: str = "official",
    admitted_on: str = "2010-03-02",
    official_on: str | None = "2011-03-15",
    birth_date: str = "1980-01-01",
) -> int:
    """A member admitted before this file was kept: their milestones written as history."""
    ceremony = admitted_on[:8] + "28"
    with session.write() as audit:
        pid = people_store.insert(
            session.store,
            audit,
            {"full_name": full_name, "gender": "M", "birth_date": birth_date},
            cell_id=cell_id,
            assigned_on="2010-01-01",
        )
        history = [("admission_decision", admitted_on, {}), ("ceremony", ceremony, {})]
        if status == "official":
            history.append(("recognition_decision", official_on, {"official_on": official_on}))
        for kind, date, details in history:
            road_store.add_milestone(session.store, audit, pid, {"kind": kind, "date": date, "details": details})
    return pid


def make_cell_with_members(
    session: Session, name: str = "Chi bộ thôn Nà Lầu", members: int = 9, **cell: Any
) -> tuple[int, list[int]]:
    cell_id = make_cell(session, name, **cell)
    ids = [
        make_member(session, _MEMBER_NAMES[i % len(_MEMBER_NAMES)] + ("" if i < 10 else f" {i}"), cell_id=cell_id)
        for i in range(members)
    ]
    return cell_id, ids


def step(session: Session, person_id: int, kind: str, date: str, **details: Any) -> int:
    """Record a step; a meeting whose attendance is not given was attended by every member the
    cell had on its day (official as given, or as the records count them)."""
    if kind in ("cell_meeting", "recognition_meeting"):
        counts = road_ops.member_counts_on(session, person_id, date) or (0, 0)
        details.setdefault("official_present", details.get("official_total", counts[0]))
        details.setdefault("probationary_present", details.get("probationary_total", counts[1]))
    return road_ops.record_step(
        session, person_id, kind, {"date": date, "doc_number": "", "issuer": "", "details": details}
    )


def make_ready_candidate(
    session: Session,
    cell_id: int,
    members: list[int],
    *,
    full_name: str = "Nguyễn Văn An",
    birth_date: str = "2000-05-10",
    year: int = 2026,
    **person: Any,
) -> int:
    """A candidate whose dossier is complete for a cell meeting from July of ``year``."""
    pid = make_person(session, full_name, cell_id=cell_id, birth_date=birth_date, education_general="12/12", **person)
    for kind, month_day in (
        ("course_certificate", "01-10"),
        ("application", "02-02"),
        ("background_declared", "02-09"),
        ("pages_sealed", "03-02"),
    ):
        step(session, pid, kind, f"{year}-{month_day}")
    verify_parents(session, pid, sent=f"{year}-03-16", replied=f"{year}-04-10")
    for kind, month_day in (("background_certified", "05-04"), ("opinions_summary", "06-01")):
        step(session, pid, kind, f"{year}-{month_day}")
    for member in members[:2]:
        road_ops.assign_introducer(session, pid, member, together_from=f"{year - 3}-01-01", document_on=f"{year}-06-10")
    return pid


def verify_parents(session: Session, pid: int, *, sent: str, replied: str) -> None:
    """Father and mother entered in the lý lịch and verified (HD 06-HD/TW §3.4) before the certification."""
    for relation, full_name, born in (("Bố đẻ", "Nguyễn Văn Ba", 1970), ("Mẹ đẻ", "Lê Thị Tư", 1972)):
        road_relatives.save_relative(
            session,
            pid,
            {
                "relation": relation,
                "full_name": full_name,
                "birth_year": born,
                "verify_place": "Đảng ủy xã Ba Sơn",
                "verify_sent_on": sent,
                "verify_replied_on": replied,
                "verify_result": "Lịch sử chính trị rõ ràng",
            },
        )


def admit(session: Session, pid: int, *, year: int = 2025, official_total: int = 9, votes_for: int = 9) -> None:
    """Cell meeting 01/07, decision 05/08, ceremony 02/09 of ``year`` (probation ends 02/09 next year)."""
    step(session, pid, "cell_meeting", f"{year}-07-01", official_total=official_total, votes_for=votes_for)
    step(session, pid, "admission_decision", f"{year}-08-05")
    step(session, pid, "ceremony", f"{year}-09-02")
