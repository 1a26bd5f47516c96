"""E8: the monthly quick report per cell (admissions, target, dossiers in progress)."""

from __future__ import annotations

from commune_app.reports import labels
from commune_app.reports.cell_figures import compute
from commune_app.reports.commune_table import commune_table
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import percent
from commune_app.reports.model import Table

NAME = "E8"


def build(ctx: ReportContext) -> Table:
    figures = compute(ctx, ctx.period)
    table = commune_table(ctx, labels.load(NAME), figures)
    total = figures.total
    table.summary = [("Kết nạp trong kỳ", total["admitted_period"]), (f"Lũy kế {ctx.period.cumulative_text}", total["admitted_ytd"]),
                     ("% chỉ tiêu", percent(total["admitted_ytd"], total["target"])),
                     ("Đang làm hồ sơ", total["in_progress"])]
    return table
