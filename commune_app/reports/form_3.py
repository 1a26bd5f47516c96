"""Biểu số 3-BTCTW: the members in the list at the end of the period, analysed."""

from __future__ import annotations

from commune_app.reports import labels, population
from commune_app.reports.comparison import comparison_table
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import Counted, evaluate
from commune_app.reports.model import Table
from commune_app.reports.period import Period
from commune_app.store.stats import Facts

NAME = "3-BTCTW"


def figures(facts: Facts, period: Period) -> dict[str, Counted]:
    spec = labels.load(NAME)
    return evaluate(facts, spec["rows"], population.members_on(facts, period.end), lambda p: period.end)


def build(ctx: ReportContext) -> Table:
    current = figures(ctx.facts, ctx.period)
    table = comparison_table(ctx, labels.load(NAME), current, figures(ctx.facts, ctx.previous))
    table.summary = [("Đảng viên cuối kỳ", current["I"].value), ("Dự bị", current["probationary"].value)]
    return table
