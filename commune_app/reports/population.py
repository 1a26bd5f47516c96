"""Who a report counts: people admitted in a period, members in the list on a day, and so on.

One definition each, used by every form and by the window's figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from commune_app import vn
from commune_app.reports.period import Period
from commune_app.store import stats
from commune_app.store.db import Store
from commune_app.store.stats import Facts, PersonFacts

LEFT_STATUSES = ("deceased", "removed", "transferred_out")


def admitted_in(facts: Facts, start: dt.date, end: dt.date) -> list[PersonFacts]:
    """People whose admission decision is dated within [start, end] (as stats.admissions_by_cell)."""
    return facts.admitted_between(start, end)


def members_on(facts: Facts, day: dt.date) -> list[PersonFacts]:
    return facts.members_on(day)


def on_the_road(facts: Facts, day: dt.date) -> list[PersonFacts]:
    """Still on the road on that day: no admission yet, not a member, not gone from the commune."""
    if facts.road_from is not None and day < facts.road_from:
        raise AssertionError(f"The facts hold the road from {facts.road_from} only, not on {day}")
    members = facts.member_ids_on(day)
    return [p for p in facts.not_admitted_by(day) if p["status"] not in LEFT_STATUSES and p.id not in members]


def valid_certificate(person: PersonFacts, day: dt.date, valid_months: int) -> bool:
    """A course certificate issued by that day and not yet expired (60 months, HD 06 §5.4)."""
    issued = person.certificate_on
    return issued is not None and issued <= day < vn.add_months(issued, valid_months)


def under_verification(person: PersonFacts, day: dt.date) -> bool:
    """Background declared and not yet certified by that day (thẩm tra lý lịch in progress)."""
    declared = [e.date for e in person.events if e.kind == "background_declared" and e.date <= day]
    if not declared:
        return False
    return not any(e.kind == "background_certified" and max(declared) <= e.date <= day for e in person.events)


def in_progress(person: PersonFacts, day: dt.date) -> bool:
    """A dossier being prepared: an application or a background declaration by that day."""
    return any(e.kind in ("application", "background_declared") and e.date <= day for e in person.events)


def recognitions_in(facts: Facts, period: Period) -> Iterator[tuple[PersonFacts, dt.date]]:
    for person, event in facts.events_between("recognition_decision", period.start, period.end):
        yield person, event.date


def transfers_in(
    facts: Facts, period: Period, kind: str, official: bool = True
) -> Iterator[tuple[PersonFacts, dt.date]]:
    """Transfers of a kind ('transfer_in' / 'transfer_out') dated within the period."""
    for person, event in facts.events_between(kind, period.start, period.end):
        if event.official_move == official:
            yield person, event.date


def course_learners(facts: Facts, store: Store, period: Period) -> Iterator[tuple[PersonFacts, int | None]]:
    """People who learnt the awareness course in the period (certificate or result), with their cell."""
    for person_id, cell in stats.course_learners(store, period.start, period.end).items():
        person = facts.people.get(person_id)
        if person is not None:
            yield person, cell
