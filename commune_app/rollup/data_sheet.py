"""The hidden data sheet every report workbook carries, so that a province can add communes up.

The roll-up never parses the visible layout (the forms' wording changes): it reads this sheet,
one record per row, column A naming the record (docs/exchange.md):

    format   commune-app-report-data   <version>
    meta     <key>   <value>                      province, commune, committee, period, cut-off...
    form     <code>  <form version>  <title>
    columns  <code>  <column titles as JSON>
    row      <code>  <row key>  <label>  <figures as JSON: one per column, null where none>
    checks   <code>  <the form's own cross-checks as JSON: [kind, key, terms]...>
    sha256   <hex>                                 over every record above

The figures are read generically from the report model: every whole number in a column that is
neither text, a percentage nor the row number. Percentages and averages cannot be added up and
are left out, and so are the rows of single cells (E7, E8): the commune is their total row.
The checksum catches accidents and edits by hand, not forgery: anyone can
recompute it. A commune that signs its workbooks can be added later with a key per commune.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from commune_app import __version__
from commune_app.errors import FileRefused
from commune_app.reports import labels
from commune_app.reports.context import ReportContext
from commune_app.reports.model import Table
from commune_app.xlsx_book import Book

SHEET = "_du_lieu_tong_hop"
FORMAT = "commune-app-report-data"
VERSION = 1
ORDINAL_TITLES = frozenset({"TT", "STT"})
UNIT_PREFIX = "cell:"  # rows of one cell of the commune; the row "total" is the commune
# Identities a form states beyond its label file's parent/sum/parts relations.
IDENTITIES: dict[str, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = {
    "1-BTCTW": (("D", ("A", "B"), ("C",)),),  # D = A + B − C
}

Record = list[Any]


@dataclass
class FormData:
    code: str
    version: str
    title: str
    columns: list[str]
    rows: list[tuple[str, str, list[int | None]]]  # (key, label, figures per column)
    checks: list[tuple[str, str, Any]] = field(default_factory=list)  # (kind, key, terms)

    def figure_columns(self) -> list[int]:
        return [c for c in range(len(self.columns)) if any(r[2][c] is not None for r in self.rows)]

    @property
    def per_unit(self) -> bool:
        """A form of one row per cell and a total (E7, E8): the commune is its total row."""
        return [k for k, _, _ in self.rows] == ["total"]


@dataclass
class DataSheet:
    meta: dict[str, str]
    forms: dict[str, FormData]

    @property
    def identity(self) -> tuple[str, str, str]:
        return (self.meta.get("province", ""), self.meta.get("commune", ""), self.meta.get("committee", ""))


def _figure_columns(table: Table) -> list[int]:
    titles = table.column_titles()
    return [
        c
        for c in range(table.width)
        if c not in table.text_cols and c not in table.percent_cols and titles[c].strip() not in ORDINAL_TITLES
    ]


def _row_label(table: Table, values: list[Any], col: int) -> str:
    left = [c for c in table.text_cols if c < col] or sorted(table.text_cols)
    value = values[max(left)] if left and max(left) < len(values) else ""
    return str(value or "").strip()


def _checks(table: Table) -> list[tuple[str, str, Any]]:
    keys = {r.key for r in table.rows}
    try:
        spec_rows = labels.load(table.code).get("rows", [])
    except FileRefused:
        spec_rows = []
    out: list[tuple[str, str, Any]] = []
    for spec in spec_rows:
        key = spec.get("key")
        if key not in keys:
            continue
        if spec.get("parent") in keys:
            out.append(("at_most", key, [spec["parent"]]))
        if "sum" in spec and set(spec["sum"]) <= keys:
            out.append(("sum", key, list(spec["sum"])))
        if "parts" in spec and spec.get("parts_of") in keys and set(spec["parts"]) <= keys:
            out.append(("parts", spec["parts_of"], list(spec["parts"])))
    for target, plus, minus in IDENTITIES.get(table.code, ()):
        if {target, *plus, *minus} <= keys:
            out.append(("identity", target, {"plus": list(plus), "minus": list(minus)}))
    return out


def form_data(table: Table) -> FormData:
    """The figures of one report table, read from the model whatever its layout."""
    wanted = _figure_columns(table)
    titles = table.column_titles()
    rows = []
    for row in table.rows:
        figures: list[int | None] = [None] * table.width
        for col in wanted:
            value = row.values[col] if col < len(row.values) else None
            if isinstance(value, int) and not isinstance(value, bool):
                figures[col] = value
        if any(v is not None for v in figures):
            label = _row_label(table, row.values, min((c for c in wanted if figures[c] is not None), default=0))
            rows.append((row.key, label, figures))
    data = FormData(table.code, "", _title(table), titles, rows, _checks(table))
    data.version = form_version(data)
    return data


def _title(table: Table) -> str:
    from commune_app.reports.definitions import REPORT_BY_CODE

    found = REPORT_BY_CODE.get(table.code)
    return found.title if found else table.sheet


def form_version(data: FormData) -> str:
    """What the figures mean: the row keys and labels, the column titles and the checks. Two
    communes' forms add up only when these agree, whichever program version wrote them."""
    shape = [
        data.code,
        data.columns,
        [[k, label] for k, label, _ in data.rows if not k.startswith(UNIT_PREFIX)],
        data.checks,
    ]
    return hashlib.sha256(_canonical(shape).encode("utf-8")).hexdigest()[:16]


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def checksum(records: Iterable[Record]) -> str:
    """Over the records as a spreadsheet gives them back (empty cells and whole numbers alike)."""
    return hashlib.sha256(_canonical([_trim(list(r)) for r in records]).encode("utf-8")).hexdigest()


def records(tables: list[Table], ctx: ReportContext) -> list[Record]:
    profile = ctx.profile
    meta = {
        "province": profile.get("province") or "",
        "commune": profile.get("commune") or "",
        "committee": profile.get("committee_name") or "",
        "period": ctx.period.code,
        "period_label": ctx.period.label,
        "period_start": ctx.period.start.isoformat(),
        "period_end": ctx.period.end.isoformat(),
        "cutoff": ctx.today.isoformat(),
        "app_version": __version__,
    }
    out: list[Record] = [["format", FORMAT, VERSION]]
    out += [["meta", key, value] for key, value in meta.items()]
    for table in tables:
        data = form_data(table)
        if not data.rows:
            continue  # a list of people (E9) has no figures to add up
        out.append(["form", data.code, data.version, data.title])
        out.append(["columns", data.code, _canonical(data.columns)])
        out += [
            ["row", data.code, key, label, _canonical(figures)]
            for key, label, figures in data.rows
            if not key.startswith(UNIT_PREFIX)
        ]
        out.append(["checks", data.code, _canonical(data.checks)])
    return out


def add_to_workbook(workbook: Book, tables: list[Table], ctx: ReportContext) -> None:
    """The report writer's one hook: append the hidden data sheet."""
    sheet = workbook.create_sheet(SHEET)
    rows = records(tables, ctx)
    for record in rows:
        sheet.append(record)
    sheet.append(["sha256", checksum(rows)])
    sheet.hidden = True


def _trim(row: list[Any]) -> list[Any]:
    while row and row[-1] is None:
        row = row[:-1]
    return [int(v) if isinstance(v, float) and v.is_integer() else ("" if v is None else v) for v in row]
