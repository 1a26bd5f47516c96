"""Stored steps that no longer fit the step schema (commune_app.domain.steps): an unknown
choice, a missing required field, counts that contradict each other, the opinions kept under
the keys used before the list of organisations. Nothing is rewritten: each one is listed for the
clerk to correct (``commune-app check``, the overview's to-do list)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from commune_app import vn
from commune_app.domain import road, steps
from commune_app.ops.context import Session
from commune_app.rules.findings import WARNING, Finding
from commune_app.store import road_queries

CODE = "STEP-SCHEMA"


@dataclass(frozen=True)
class StepProblem:
    milestone_id: int
    person_id: int
    full_name: str
    cell: str
    kind: str
    date: str  # ISO
    problems: tuple[str, ...]

    @property
    def message(self) -> str:
        label = road.KIND_BY_CODE[self.kind].label if self.kind in road.KIND_BY_CODE else self.kind
        return f"Bước “{label}” ngày {vn.format_date(self.date)} cần sửa: " + " ".join(self.problems)


def _from_papers(details: dict[str, object]) -> bool:
    # A date taken from a spreadsheet of earlier papers carries no more than the date: its
    # fields are not asked for (steps.validate), its choices and counts still are.
    return details.get("from_papers") is True or details.get("source") == "import"


def step_problems(session: Session, person_ids: list[int] | None = None) -> list[StepProblem]:
    """Every stored milestone (of everyone, or of ``person_ids``) whose details the schema
    refuses, in name then date order."""
    checked = tuple(k for k, s in steps.SCHEMAS.items() if s.fields)  # a step with no fields always fits
    never_empty = tuple(k for k in checked if any(f.required for f in steps.SCHEMAS[k].fields))
    found = []
    for milestone_id, person_id, kind, date, text in road_queries.live_milestones(
        session.store, checked, never_empty, session.actor.cell_id, person_ids
    ):
        details = json.loads(text) if text and text != "{}" else {}
        if _from_papers(details):
            details = {**details, "from_papers": True}
        problems = steps.validate(kind, details, on=date, rules=session.rules) + steps.retired(kind, details)
        if problems:
            found.append((milestone_id, person_id, kind, date, tuple(problems)))
    people = road_queries.people_names(session.store, sorted({f[1] for f in found}))
    out = [
        StepProblem(m, p, people[p]["full_name"], people[p]["cell"] or "", kind, date, problems)
        for m, p, kind, date, problems in found
    ]
    return sorted(out, key=lambda x: (people[x.person_id]["sort_key"] or b"", x.date, x.milestone_id))


def findings(session: Session) -> list[Finding]:
    """The problems as findings of ``commune-app check`` (a warning each: the step stays, the clerk fixes it)."""
    return [Finding(CODE, WARNING, p.person_id, p.message, "docs/steps.md") for p in step_problems(session)]


def due_on(problem: StepProblem) -> dt.date:
    """The to-do list dates a step to fix by the step's own date (already past: it is overdue)."""
    return dt.date.fromisoformat(problem.date[:10])
