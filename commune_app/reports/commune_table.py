"""The per-cell table shared by E7 and E8: one row per cell, a bold total row, % columns."""

from __future__ import annotations

from collections import Counter
from typing import Any

from commune_app.reports import labels
from commune_app.reports.cell_figures import CellFigures, cell_order
from commune_app.reports.checks import check_cells_add_up
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import percent
from commune_app.reports.model import HeaderCell, Row, Table
from commune_app.reports.period import period_words

PERCENTS = {"pct_target": ("admitted_ytd", "target"), "pct_members": ("admitted_ytd", "members_start")}


def _values(columns: list[str], number: Any, name: str, counts: Counter[str]) -> list[Any]:
    out: list[Any] = []
    for column in columns:
        if column == "tt":
            out.append(number)
        elif column == "cell":
            out.append(name)
        elif column == "note":
            out.append(None)
        elif column in PERCENTS:
            part, base = PERCENTS[column]
            out.append(percent(counts[part], counts[base]))
        else:
            out.append(int(counts[column]))
    return out


def commune_table(ctx: ReportContext, spec: dict[str, Any], figures: CellFigures) -> Table:
    columns = spec["columns"]
    rows = []
    order = cell_order(ctx, figures)
    if any(figures.by_cell.get(None, Counter()).values()):
        order.append((None, spec["no_cell_label"]))
    for number, (cell_id, name) in enumerate(order, start=1):
        rows.append(Row(f"cell:{cell_id}", _values(columns, number, name, figures.by_cell.get(cell_id, Counter()))))
    rows.append(Row("total", _values(columns, None, spec["total_label"], figures.total), "total"))
    period = ctx.period
    table = Table(
        code=spec["code"],
        sheet=spec["sheet"],
        heading=[f"{spec['heading']} {period.label.upper()}", f"({period.range_text})"],
        form_lines=[labels.common()["unit"]],
        party_header=True,
        header=[HeaderCell.from_spec(h, words=period_words(period)) for h in spec["header"]],
        numbers=spec["numbers"],
        widths=spec["widths"],
        rows=rows,
        landscape=True,
        percent_cols=frozenset(i for i, c in enumerate(columns) if c in PERCENTS),
        text_cols=frozenset({1}),
    )
    table.problems = list(figures.problems) + check_cells_add_up(table)
    return table
