"""Every milestone the demo wrote, checked as if the clerk had recorded it on its day.

The demo is written in bulk (recording 8,000 steps one transaction at a time would take far
longer), so each milestone is put through what ``ops.road.record_step`` would have applied:
the step schema (``domain.steps.validate``) and the party's rules (``rules.check_step``) on
the person's record as it stood just before that step. A blocking finding here is a fault
of the generator, not of the data a clerk typed.
"""

from __future__ import annotations

from typing import Any

from commune_app import rules as party_rules
from commune_app.domain import road, steps
from commune_app.domain.record import PersonRecord
from commune_app.ops.context import Session
from commune_app.store import road_queries

# Papers of members admitted before the ten years of history: kept as history, not as steps
# the program saw (their cell meeting is not in the file).
_HISTORY_KINDS = ("admission_decision", "ceremony", "recognition_decision")


def _before(record: PersonRecord, index: int) -> PersonRecord:
    """The record as it stood before its ``index``-th milestone (in road order) was recorded."""
    milestone = record.milestones[index]
    prior = record.milestones[:index]
    links = [link for link in record.links if (link.get("assigned_on") or "") <= milestone["date"]]
    derived = road.derive(prior, any(link.get("role") == "introducer" for link in links))
    person = {**record.person, **derived.as_columns()}
    # The union flags say what the person is today; a union that introduced them had them as a member then.
    for kind in ("youth_union", "trade_union"):
        if any(m["kind"] == f"{kind}_resolution" for m in prior):
            person[kind] = 1
    return PersonRecord(
        person=person,
        milestones=prior,
        links=links,
        relatives=record.relatives,
        cell=record.cell,
        assignments=record.assignments,
    )


def step_problems(session: Session, record: PersonRecord) -> list[str]:
    """What the schema or a blocking rule would have refused among the person's milestones."""
    out: list[str] = []
    ordered = sorted(record.milestones, key=lambda m: (m["date"], road.KIND_ORDER.get(m["kind"], 999), m["id"]))
    record = PersonRecord(
        person=record.person,
        milestones=ordered,
        links=record.links,
        relatives=record.relatives,
        cell=record.cell,
        assignments=record.assignments,
    )
    from_history = record.latest("cell_meeting") is None
    for index, milestone in enumerate(ordered):
        kind, details = milestone["kind"], milestone.get("details") or {}
        where = f"{record.name} (mã {record.id}), {kind} ngày {milestone['date']}"
        out += [
            f"{where}: {problem}"
            for problem in steps.validate(kind, details, on=milestone["date"], rules=session.rules.numbers)
        ]
        if from_history and kind in _HISTORY_KINDS:
            continue
        values: dict[str, Any] = {
            "date": milestone["date"],
            "doc_number": milestone.get("doc_number") or "",
            "issuer": milestone.get("issuer") or "",
            "details": details,
        }
        findings = party_rules.check_step(
            _before(record, index), kind, values, session.rules, session.calendar, session.today
        )
        out += [f"{where}: {f.message}" for f in findings if f.blocking]
    return out


def demo_problems(session: Session, ids: list[int], batch: int = 500) -> list[str]:
    """Every refused milestone of these people (empty for a sound demo)."""
    out: list[str] = []
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        records = road_queries.records_for(session.store, chunk, with_relatives=True)
        for person_id in chunk:
            out += step_problems(session, records[person_id])
    return out
