"""The four-column frame of Biểu 1, 2, 3 and 7-BTCTW: this period, same period last year, %."""

from __future__ import annotations

from typing import Any

from commune_app.reports import labels
from commune_app.reports.checks import check_rows
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import Counted, percent
from commune_app.reports.model import HeaderCell, Row, Table


def heading(ctx: ReportContext, title: str) -> list[str]:
    common = labels.common()
    period = ctx.period
    return [
        common["heading"],
        title,
        period.label.upper(),
        common["period_line"].format(label=period.label, start=_d(period.start), end=_d(period.end)),
    ]


def _d(day: Any) -> str:
    return str(day.strftime("%d/%m/%Y"))


def comparison_table(
    ctx: ReportContext, spec: dict[str, Any], current: dict[str, Counted], previous: dict[str, Counted]
) -> Table:
    """Rows of a label file with this period's figures, last year's and the percentage."""
    common = labels.common()
    rows = []
    for row_spec in spec["rows"]:
        key = row_spec["key"]
        now, before = current[key].value, previous[key].value
        change = None if "measure" in row_spec else percent(now, before)  # no % of an average age
        rows.append(
            Row(key, [row_spec["label"], now, before, change], row_spec.get("style", "item"), row_spec.get("indent", 0))
        )
    table = Table(
        code=spec["code"],
        sheet=spec["sheet"],
        heading=heading(ctx, spec["title"]),
        form_lines=[spec["form_number"], common["unit"]],
        header=[HeaderCell.from_spec(h) for h in common["comparison_header"]],
        numbers=list(common["comparison_numbers"]),
        widths=list(common["comparison_widths"]),
        rows=rows,
        landscape=True,
        percent_cols=frozenset({3}),
    )
    table.problems = check_rows(spec["code"], spec["rows"], current)
    if any(r.get("not_tracked") for r in spec["rows"]):
        table.notes.append(common["not_tracked_note"])
    return table
