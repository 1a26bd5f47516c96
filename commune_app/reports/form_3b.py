"""Biểu 3B-BTCTW: the members in the list at the end of the period by ethnicity and by religion."""

from __future__ import annotations

from commune_app.reports import labels, population
from commune_app.reports.context import ReportContext
from commune_app.reports.form_2b import ethnicity_table
from commune_app.reports.model import Table

NAME = "3B-BTCTW"


def build(ctx: ReportContext) -> Table:
    table = ethnicity_table(ctx, labels.load(NAME), population.members_on(ctx.facts, ctx.period.end))
    table.summary[0] = ("Đảng viên cuối kỳ", table.summary[0][1])
    return table
