"""The demo's finished dossiers, walked to the end through the operations a clerk uses.

Some candidates and probationary members are built in bulk up to the step before the cell
meeting; the last steps (cell resolution, the đảng ủy bộ phận's appraisal and the đảng ủy cơ
sở's resolution where the routing needs them, the standing committee's decision) are then
recorded with ``ops.road.record_step`` and numbered with ``ops.documents.issue_document``, so
their papers are final the way the clerk's would be. Their dates follow every paper already
numbered in the same series, so the numbers stay in date order; the decisions are dated today.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from commune_app.demo.meetings import committee_meeting, members_on, memberships
from commune_app.ops import documents as doc_ops
from commune_app.ops import road as road_ops
from commune_app.ops.context import Session

if TYPE_CHECKING:
    from commune_app.demo.generator import DemoBuilder


@dataclass(frozen=True)
class Showcase:
    person_id: int
    phase: str  # admission | recognition
    cell: dict[str, Any]


_KINDS = {
    "admission": (
        "cell_meeting",
        "6-KNĐ",
        "upper_appraisal",
        "7-KNĐ",
        "grassroots_resolution",
        "8-KNĐ",
        "admission_decision",
        "9-KNĐ",
    ),
    "recognition": (
        "recognition_meeting",
        "13-KNĐ",
        "recognition_appraisal",
        "14-KNĐ",
        "recognition_grassroots",
        "15-KNĐ",
        "recognition_decision",
        "16-KNĐ",
    ),
}


class _Dates:
    """The day of each series' latest paper: the bulk's, then those issued here."""

    def __init__(self, builder: DemoBuilder) -> None:
        self.builder = builder
        self.issued: dict[tuple[str, str], dt.date] = {}

    def next(self, earliest: dt.date, issuer: str, suffix: str) -> dt.date:
        """The first working day on or after ``earliest`` and the series' last paper (never after today)."""
        last = self.builder.numbering.last_day(issuer, suffix)
        day = max(
            earliest, dt.date.fromisoformat(last) if last else earliest, self.issued.get((issuer, suffix), earliest)
        )
        day = min(self.builder._working(day), self.builder.today)
        self.issued[(issuer, suffix)] = day
        return day


def _record_and_issue(
    session: Session, person_id: int, kind: str, form: str, day: dt.date, issuer: str, details: dict[str, Any]
) -> None:
    road_ops.record_step(session, person_id, kind, {"date": day.isoformat(), "issuer": issuer, "details": details})
    doc_ops.issue_document(session, person_id, form, day)


def finish(session: Session, builder: DemoBuilder) -> int:
    """Walk every showcase person to their decision; returns how many papers were issued."""
    by_cell = memberships(builder.out.tables["people"], builder.out.milestones_by_person)
    dates = _Dates(builder)
    return sum(_finish_one(session, builder, case, by_cell, dates) for case in builder.showcases)


def _finish_one(session: Session, builder: DemoBuilder, case: Showcase, by_cell: dict[int, Any], dates: _Dates) -> int:
    today = builder.today
    row, pid = case.cell["row"], case.person_id
    (
        meeting_kind,
        meeting_form,
        appraisal_kind,
        appraisal_form,
        grassroots_kind,
        grassroots_form,
        decision_kind,
        decision_form,
    ) = _KINDS[case.phase]
    milestones = builder.out.milestones_by_person[pid]
    last_step = max(dt.date.fromisoformat(m["date"]) for m in milestones)
    issued = 0
    if case.phase == "admission":
        sent = min(
            r["verify_sent_on"]
            for r in builder.out.tables["relatives"]
            if r["person_id"] == pid and r["verify_sent_on"]
        )
        doc_ops.issue_document(session, pid, "TTLL", dt.date.fromisoformat(sent))
        issued += 1
    start = max(last_step + dt.timedelta(days=3), today - dt.timedelta(days=30))
    meeting_on = dates.next(start, row["name"], "NQ/CB")
    official, probationary = members_on(by_cell.get(row["id"], []), meeting_on.isoformat())
    details = builder.meetings.numbers(official, probationary, recognition=case.phase == "recognition")
    details.update(
        chair=builder._name_of(row["secretary_id"]),
        chair_title="Bí thư chi bộ",
        secretary=builder._name_of(row["deputy_secretary_id"] or row["secretary_id"]),
    )
    for computed in ("passed", "votes_needed", "percent_for", "percent_against"):
        details.pop(computed)  # the operation computes them
    if road_ops.member_counts_on(session, pid, meeting_on) != (official, probationary):
        # The program counts today's members back to the day; the cell's register of the day also
        # holds those who have died or moved away since.
        details["counts_note"] = (
            "Theo sổ đảng viên của chi bộ tại ngày họp (gồm cả đảng viên đã chuyển đi, từ trần sau đó)."
        )
    _record_and_issue(session, pid, meeting_kind, meeting_form, meeting_on, row["name"], details)
    issued += 1
    day = meeting_on
    name = builder._name_of(pid)
    if row["routing"] == "chi_bo_truc_thuoc":
        grassroots = re.sub("^Đảng bộ", "Đảng ủy", row["parent_org"])
        if case.cell["sub_committee"]:
            body = case.cell["sub_committee"]
            day = dates.next(day + dt.timedelta(days=2), body, "BC/ĐUBP")
            _record_and_issue(
                session,
                pid,
                appraisal_kind,
                appraisal_form,
                day,
                body,
                _committee(builder, 5, body, f"Hồ sơ của {name} đầy đủ, đúng thủ tục; đề nghị {grassroots} xem xét."),
            )
            issued += 1
        day = dates.next(day + dt.timedelta(days=2), grassroots, "NQ/ĐU")
        conclusion = (
            f"Đồng chí {name} đủ điều kiện công nhận đảng viên chính thức."
            if case.phase == "recognition"
            else f"Quần chúng {name} có đủ tiêu chuẩn, điều kiện để kết nạp vào Đảng."
        )
        _record_and_issue(
            session,
            pid,
            grassroots_kind,
            grassroots_form,
            day,
            grassroots,
            _committee(builder, 9, grassroots, conclusion),
        )
        issued += 1
    decision: dict[str, Any] = {"signer": builder.profile_secretary, "signer_title": "Bí thư"}
    if case.phase == "admission":
        decision["received_on"] = today.isoformat()
    _record_and_issue(session, pid, decision_kind, decision_form, today, builder.committee, decision)
    return issued + 1


def _committee(builder: DemoBuilder, total: int, body: str, conclusion: str) -> dict[str, Any]:
    details = committee_meeting(builder.meetings.rng, total, builder._name_of(builder.body_chairs[body]), conclusion)
    for computed in ("passed", "percent_for"):
        details.pop(computed)
    return details
