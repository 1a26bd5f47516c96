"""E8: the monthly quick report per cell (admissions, target, dossiers in progress)."""

from __future__ import annotations

from commune_app import vn
from commune_app.reports import indicators, labels
from commune_app.reports.cell_figures import compute
from commune_app.reports.commune_table import commune_table
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import percent
from commune_app.reports.model import Block, Table

NAME = "E8"


def build(ctx: ReportContext) -> Table:
    figures = compute(ctx, ctx.period)
    table = commune_table(ctx, labels.load(NAME), figures)
    total = figures.total
    table.summary = [
        ("Kết nạp trong kỳ", total["admitted_period"]),
        (f"Lũy kế {ctx.period.cumulative_text}", total["admitted_ytd"]),
        ("% chỉ tiêu", percent(total["admitted_ytd"], total["target"])),
        ("Đang làm hồ sơ", total["in_progress"]),
    ]
    spec = labels.load(NAME)
    figures_of_year = indicators.compute(ctx)
    table.blocks.append(
        Block(
            spec["indicators_title"].format(day=vn.format_date(ctx.period.end)),
            spec["indicators_header"],
            [list(line) for line in figures_of_year.lines()],
        )
    )
    table.summary.extend(figures_of_year.lines())
    return table
