"""Biểu số 1-BTCTW: members at the start (A), increases (B), decreases (C), at the end (D)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from commune_app.reports import labels
from commune_app.reports.assumed import note_assumed
from commune_app.reports.comparison import comparison_table
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import Counted
from commune_app.reports.model import Problem, Table
from commune_app.reports.period import Period
from commune_app.store.stats import Event, Facts, PersonFacts

NAME = "1-BTCTW"


def _other_province(event: Event) -> bool:
    """Transfers record ``details.scope``; without it the move is taken as within the province."""
    return event.details.get("scope") == "other_province"


def _decrease_row(person: PersonFacts, event: Event) -> list[str]:
    if event.kind == "death":
        return ["C1"]
    if event.kind == "transfer_out":
        return ["C5a" if _other_province(event) else "C5b"]
    removal = event.details.get("removal_kind", "strike_off")
    if removal == "expulsion":
        return ["C2"]
    if removal == "resignation":
        return ["C4"]
    return ["C3", "C3p"] if not person.official_on(event.date) else ["C3"]


def _increase_row(event: Event) -> str:
    if event.kind == "transfer_in":
        return "B2a" if _other_province(event) else "B2b"
    return "B3" if event.kind == "restoration" else "B1"


def flows(facts: Facts, period: Period) -> tuple[dict[str, Counted], list[Problem]]:
    """The figures of the form and the people whose events do not explain their A→D change."""
    ids: dict[str, set[int]] = defaultdict(set)
    events_in: dict[str, int] = defaultdict(int)
    before_day = period.start - dt.timedelta(days=1)
    members_before, members_after = facts.member_ids_on(before_day), facts.member_ids_on(period.end)
    ids["A"], ids["D"] = set(members_before), set(members_after)
    mismatched = []
    # Whoever has no join or leave in the period is in the list at its end as at its start: only
    # the people who move can add to B and C or fail the check.
    for person in facts.moving_between(period.start, period.end):
        moves = person.membership_events()
        was_in, is_in = person.id in members_before, person.id in members_after
        first_join = next((e.date for e in moves if e.joins), None)
        net = 0
        for event in moves:
            if not period.contains(event.date):
                continue
            if event.joins:
                row = _increase_row(event)
                ids[row].add(person.id)
                events_in[row] += 1
                net += 1
            elif first_join is not None and first_join <= event.date:
                for row in _decrease_row(person, event):
                    ids[row].add(person.id)
                    events_in[row] += 1
                net -= 1
        if net != int(is_in) - int(was_in):
            mismatched.append(person.id)
    spec = labels.load(NAME)
    counted: dict[str, Counted] = {}
    for row in spec["rows"]:
        key = row["key"]
        if "sum" not in row:
            # A person counts once per event: a second transfer in the same period is a second move.
            value = len(ids[key]) if key in ("A", "D") else events_in[key]
            counted[key] = Counted(value, frozenset(ids[key]))
    for row in reversed(spec["rows"]):
        if "sum" in row:
            parts = [counted[k] for k in row["sum"]]
            counted[row["key"]] = Counted(sum(p.value for p in parts), frozenset().union(*(p.ids for p in parts)))
    problems = []
    a, b, c, d = (counted[k].value for k in "ABCD")
    if a + b - c != d or mismatched:
        problems.append(
            Problem(
                f"Biểu {NAME} {period.label}: D = A + B - C không đúng (A = {a}, B = {b}, C = {c}, D = {d}); "
                "có người có mốc kết nạp, chuyển sinh hoạt, ra khỏi Đảng hoặc từ trần ghi trùng hay sai thứ tự.",
                tuple(sorted(mismatched)),
            )
        )
    return counted, problems


def unknown_scope(facts: Facts, period: Period) -> list[PersonFacts]:
    """The people whose official transfer of the period does not say within or out of the province:
    counted as within it, and said under the form and on the screen, never silently."""
    return [
        person
        for person in facts.moving_between(period.start, period.end)
        if any(
            e.kind in ("transfer_in", "transfer_out") and period.contains(e.date) and not e.details.get("scope")
            for e in person.membership_events()
        )
    ]


def build(ctx: ReportContext) -> Table:
    current, problems = flows(ctx.facts, ctx.period)
    previous, _ = flows(ctx.facts, ctx.previous)
    table = comparison_table(ctx, labels.load(NAME), current, previous)
    table.problems[:0] = problems
    table.summary = [
        ("Đảng viên đầu kỳ (A)", current["A"].value),
        ("Tăng trong kỳ (B)", current["B"].value),
        ("Giảm trong kỳ (C)", current["C"].value),
        ("Cuối kỳ (D)", current["D"].value),
    ]
    note_assumed(
        table,
        unknown_scope(ctx.facts, ctx.period),
        "lượt chuyển sinh hoạt đảng chính thức",
        "trong tỉnh hay ngoài tỉnh",
        "chuyển trong tỉnh",
    )
    return table
