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


def step_problems(session: Session) -> list[StepProblem]:
    """Every stored milestone whose details the schema refuses, in name then date order."""
    out = []
    kinds = tuple(steps.SCHEMAS)
    for row in road_queries.live_milestones(session.store, kinds, session.actor.cell_id):
        text = row["details"]
        details = json.loads(text) if text and text != "{}" else {}
        if _from_papers(details):
            details = {**details, "from_papers": True}
        problems = steps.validate(row["kind"], details, on=row["date"], rules=session.rules)
        problems += steps.retired(row["kind"], details)
        if problems:
            out.append(StepProblem(row["id"], row["person_id"], row["full_name"], row["cell"] or "", row["kind"], row["date"],
                                   tuple(problems)))
    return out


def findings(session: Session) -> list[Finding]:
    """The problems as findings of ``commune-app check`` (a warning each: the step stays, the clerk fixes it)."""
    return [Finding(CODE, WARNING, p.person_id, p.message, "docs/steps.md") for p in step_problems(session)]


def due_on(problem: StepProblem) -> dt.date:
    """The to-do list dates a step to fix by the step's own date (already past: it is overdue)."""
    return dt.date.fromisoformat(problem.date[:10])
