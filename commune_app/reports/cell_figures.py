"""Figures per cell for the commune's own reports (E7 quarterly, E8 quick report).

Each figure is counted twice: per cell (the cell the person belonged to on the day that
matters) and once for the whole commune without grouping, so the check that the cells add
up to the total compares two independent counts. Admissions per cell are also compared
with ``stats.admissions_by_cell``, the query behind the window's own counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from commune_app.domain import codes
from commune_app.reports import population
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import COLLEGE_OR_ABOVE, STUDENT_OCCUPATIONS, age_on
from commune_app.reports.model import Problem
from commune_app.reports.period import Period
from commune_app.store import stats
from commune_app.store.stats import PersonFacts

# Breakdowns of the year's admissions (E7 columns 9–15).
BREAKDOWNS: dict[str, Callable[[PersonFacts], bool]] = {
    "female": lambda p: p["gender"] == "F",
    "minority": lambda p: codes.is_ethnic_minority(p["ethnicity"]),
    "religious": lambda p: codes.is_religious(p["religion"]),
    "youth_union": lambda p: bool(p["youth_union"]),
    "age_18_30": lambda p: (age_on(p, p.admitted_on) or 0) in range(18, 31),
    "students": lambda p: p["occupation_category"] in STUDENT_OCCUPATIONS,
    "college": lambda p: p["professional_level"] in COLLEGE_OR_ABOVE,
}


@dataclass
class CellFigures:
    by_cell: dict[int | None, Counter] = field(default_factory=dict)
    total: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    def add(self, key: str, items: Iterable[tuple[PersonFacts, int | None]]) -> None:
        """Count (person, cell) pairs per cell; the total counts the same pairs separately."""
        pairs = list(items)
        per_cell = Counter(cell for _, cell in pairs)
        for cell, count in per_cell.items():
            if cell not in self.by_cell:
                self.by_cell[cell] = Counter()
            self.by_cell[cell][key] += count
        self.total[key] = len(pairs)


def _at(
    people: Iterable[PersonFacts], day: Callable[[PersonFacts], dt.date] | dt.date
) -> list[tuple[PersonFacts, int | None]]:
    """Each person with their cell on the day that matters (one day for all, or per person)."""
    if isinstance(day, dt.date):
        return [(p, p.cell_on(day)) for p in people]
    return [(p, p.cell_on(day(p))) for p in people]


def compute(ctx: ReportContext, period: Period) -> CellFigures:
    """The per-cell figures of a period, computed once per export."""
    key = ("cell_figures", period)
    if key not in ctx.cache:
        ctx.cache[key] = _compute(ctx, period)
    return ctx.cache[key]


def _compute(ctx: ReportContext, period: Period) -> CellFigures:
    facts = ctx.facts
    out = CellFigures()
    start_day = period.year_start - dt.timedelta(days=1)
    out.add(
        "members_start", zip(population.members_on(facts, start_day), facts.member_cells_on(start_day), strict=True)
    )
    admitted = population.admitted_in(facts, period.start, period.end)
    out.add("admitted_period", _at(admitted, lambda p: p.admitted_on))
    ytd = population.admitted_in(facts, period.year_start, period.end)
    out.add("admitted_ytd", _at(ytd, lambda p: p.admitted_on))
    for key, test in BREAKDOWNS.items():
        out.add(key, _at([p for p in ytd if test(p)], lambda p: p.admitted_on))
    out.add("recognised", ((p, p.cell_on(day)) for p, day in population.recognitions_in(facts, period)))
    out.add("course", population.course_learners(facts, ctx.store, period))
    end = period.end
    waiting = population.on_the_road(facts, end)
    out.add(
        "certificate_valid",
        _at([p for p in waiting if population.valid_certificate(p, end, ctx.certificate_valid_months)], end),
    )
    out.add("verifying", _at([p for p in waiting if population.under_verification(p, end)], end))
    out.add("in_progress", _at([p for p in waiting if population.in_progress(p, end)], end))
    out.add("transfer_in", ((p, p.cell_on(day)) for p, day in population.transfers_in(facts, period, "transfer_in")))
    out.add(
        "transfer_out",
        (
            (p, p.cell_on(day) or p.cell_on(day - dt.timedelta(days=1)))
            for p, day in population.transfers_in(facts, period, "transfer_out")
        ),
    )
    targets = facts.targets.get(period.end.year, {})
    for cell_id, target in targets.items():
        out.by_cell.setdefault(cell_id, Counter())["target"] = target
    out.total["target"] = sum(targets.values())
    out.problems.extend(_compare_with_window(ctx, period, out, admitted))
    return out


def _compare_with_window(
    ctx: ReportContext, period: Period, out: CellFigures, admitted: list[PersonFacts]
) -> list[Problem]:
    """The window's count of admissions per cell must be the report's, cell by cell."""
    window = stats.admissions_by_cell(ctx.store, period.start, period.end)
    problems = []
    for cell in set(window) | {c for c, n in out.by_cell.items() if n["admitted_period"]}:
        ours = out.by_cell.get(cell, Counter())["admitted_period"]
        if window.get(cell, 0) != ours:
            name = ctx.facts.cell_names.get(cell, "chưa xếp chi bộ") if cell is not None else "chưa xếp chi bộ"
            problems.append(
                Problem(
                    f"Số kết nạp của {name} trên báo cáo ({ours}) khác số trên màn hình ({window.get(cell, 0)}).",
                    tuple(sorted(p.id for p in admitted if p.cell_on(p.admitted_on) == cell)),
                )
            )
    return problems


def cell_order(ctx: ReportContext, figures: CellFigures) -> list[tuple[int | None, str]]:
    """Active cells in their configured order, then any other cell with figures, then 'no cell'."""
    shown = []
    for cell in ctx.facts.cells:
        if cell["active"] or any(figures.by_cell.get(cell["id"], Counter()).values()):
            shown.append((cell["id"], cell["name"]))
    return shown
