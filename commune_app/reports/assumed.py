"""Figures counted under an assumption because a record lacks a detail (a transfer without its
scope, a card without its reason): the form says how many under the table and the screen says
who, so the clerk can complete the records before the report goes up; never counted silently."""

from __future__ import annotations

from commune_app.reports import labels
from commune_app.reports.model import Table
from commune_app.store.stats import PersonFacts


def note_assumed(table: Table, people: list[PersonFacts], what: str, missing: str, assumed_as: str) -> None:
    """A figure counted under an assumption: a note under the form (how many) and a line on the
    screen (who), so the clerk can complete the records before sending the report up."""
    if not people:
        return
    common = labels.common()
    words = {"what": what, "missing": missing, "assumed": assumed_as}
    table.notes.append(common["assumed_note"].format(count=len(people), **words))
    names = ", ".join(str(p["full_name"]) for p in people)
    table.summary.append((common["assumed_summary"].format(**words), names))
