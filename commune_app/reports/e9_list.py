"""E9: the list of people admitted in the period, birth date under 'Nam' or 'Nữ'."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from commune_app import vn
from commune_app.domain import codes
from commune_app.reports import labels, population
from commune_app.reports.context import ReportContext
from commune_app.reports.model import HeaderCell, Row, Table
from commune_app.rules.common import probation_end_on
from commune_app.store.stats import PersonFacts

NAME = "E9"


def birth_text(person: PersonFacts) -> str:
    if person.birth_date is None:
        return ""
    return str(person.birth_date.year) if person["birth_year_only"] else vn.format_date(person.birth_date)


def decision_number(person: PersonFacts) -> str:
    decisions = [e for e in person.events if e.kind == "admission_decision" and e.date == person.admitted_on]
    return decisions[-1].doc_number if decisions else ""


@lru_cache(maxsize=8192)  # DS-CT reads the ceremony day of a province's 150,000 members: a few thousand days
def _day(stored: str) -> dt.date:
    return dt.date.fromisoformat(stored[:10])


def _counted_ceremony(person: PersonFacts) -> dt.date | None:
    """The ceremony day probation runs from: recorded, and not before the admission decision."""
    held = person["ceremony_on"]
    ceremony = _day(held) if held else None
    admitted = person.admitted_on
    return ceremony if ceremony is not None and admitted is not None and ceremony >= admitted else None


def probation_end(ctx: ReportContext, person: PersonFacts) -> tuple[dt.date, bool]:
    """(the day probation ends, whether it is fixed): 12 months from the ceremony by the program's
    PROBATION-END rule; before a ceremony is recorded, the latest it can be (decision + the working
    days allowed for the ceremony + 12 months), not yet fixed."""
    ceremony = _counted_ceremony(person)
    if ceremony is not None:
        return probation_end_on(ceremony, ctx.facts.probation_ends.get(person.id), ctx.probation_months), True
    assert person.admitted_on is not None
    latest = ctx.calendar.add_working_days(person.admitted_on, ctx.ceremony_working_days)
    return vn.add_months(latest, ctx.probation_months), False


def earliest_ceremony_due(day: dt.date, months: int) -> dt.date:
    """The first ceremony day whose probation (``months`` later, ``vn.add_months``) ends on or
    after ``day``. ``add_months`` never goes back when its day goes forward, so a ceremony before
    this one ended its probation before ``day`` (unless a probation end was stored with it)."""
    candidate = vn.add_months(day, -months) - dt.timedelta(days=4)  # a month's end clamps at most 3 days
    while vn.add_months(candidate, months) < day:
        candidate += dt.timedelta(days=1)
    return candidate


def ended_before(ctx: ReportContext, person: PersonFacts, earliest: dt.date) -> bool:
    """Probation certainly ended before the day whose ``earliest_ceremony_due`` is ``earliest``:
    ``probation_end`` counts it from a ceremony before that one, with no end stored."""
    ceremony = _counted_ceremony(person)
    return ceremony is not None and ceremony < earliest and person.id not in ctx.facts.probation_ends


def probation_end_text(ctx: ReportContext, person: PersonFacts) -> str:
    day, fixed = probation_end(ctx, person)
    return vn.format_date(day) if fixed else f"{vn.format_date(day)} (chậm nhất, chưa có ngày lễ)"


def build(ctx: ReportContext) -> Table:
    spec = labels.load(NAME)
    people = sorted(
        population.admitted_in(ctx.facts, ctx.period.start, ctx.period.end),
        key=lambda p: (p.admitted_on, p["sort_key"]),
    )
    rows = []
    for number, p in enumerate(people, start=1):
        birth = birth_text(p)
        cell = p.cell_on(p.admitted_on)
        occupation = p["occupation"] or codes.OCCUPATIONS.get(p["occupation_category"] or "", "")
        rows.append(
            Row(
                f"person:{p.id}",
                [
                    number,
                    p["full_name"],
                    birth if p["gender"] == "M" else "",
                    birth if p["gender"] == "F" else "",
                    p["ethnicity"],
                    p["religion"],
                    p["education_general"],
                    p["professional_level"],
                    p["political_theory"],
                    occupation,
                    "x" if p["youth_union"] else "",
                    ctx.facts.cell_names.get(cell, "") if cell else "",
                    decision_number(p),
                    vn.format_date(p.admitted_on),
                    vn.format_date(p["ceremony_on"]),
                    probation_end_text(ctx, p),
                    None,
                ],
            )
        )
    table = Table(
        code=NAME,
        sheet=spec["sheet"],
        heading=[spec["heading"], ctx.period.label.upper(), f"({ctx.period.range_text})"],
        form_lines=[spec["form_number"]],
        party_header=True,
        header=[HeaderCell.from_spec(h) for h in spec["header"]],
        numbers=spec["numbers"],
        widths=spec["widths"],
        rows=rows,
        landscape=True,
        text_cols=frozenset({1, 9, 11}),
    )
    table.notes.append(
        spec["summary"].format(
            total=len(people),
            female=sum(1 for p in people if p["gender"] == "F"),
            minority=sum(1 for p in people if codes.is_ethnic_minority(p["ethnicity"])),
            youth_union=sum(1 for p in people if p["youth_union"]),
        )
    )
    table.summary = [("Số người trong danh sách", len(people))]
    return table
