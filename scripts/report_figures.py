"""Every figure and every cell of the report workbook, dumped, to prove a change leaves them alone.

python scripts/report_figures.py dump DATA.sqlite OUT.json.gz [--today YYYY-MM-DD] [--no-xlsx]
python scripts/report_figures.py scenario OUT.json.gz        the test scenario (tests/core/reports_scenario.py)
python scripts/report_figures.py compare BEFORE.json.gz AFTER.json.gz
python scripts/report_figures.py compare-xlsx BEFORE.xlsx AFTER.xlsx   two workbooks, cell by cell

A dump holds, for several periods (quarter, month, half-year, nine months, year, a range across
two years, a running year), every table of every form as the window receives it (rows, blocks,
notes, summary, failed checks), the Tổng quan indicators, and every cell of the yearly workbook
with its style, merges, row heights and page setup. The data file is copied first: an export
records itself in the file's history.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

PERIODS = ("2026-Q3", "2026-08", "2026-H1", "2026-9M", "2025", "2025-12-01..2026-03-31", "2026")
WORKBOOK_PERIOD = "2025"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (frozenset, set)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _style(cell: Any) -> list[Any]:
    font, align, border = cell.font, cell.alignment, cell.border
    return [
        font.name,
        font.sz,
        font.b,
        font.i,
        font.u,
        align.horizontal,
        align.vertical,
        align.wrap_text,
        align.indent,
        [getattr(border, side).style for side in ("left", "right", "top", "bottom")],
        cell.number_format,
        cell.quotePrefix,
        cell.data_type,
    ]


def _workbook(path: Path) -> dict[str, Any]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    out: dict[str, Any] = {}
    for ws in book.worksheets:
        cells = [[c.coordinate, c.value, _style(c)] for row in ws.iter_rows() for c in row if c.has_style or c.value]
        out[ws.title] = {
            "cells": _plain(cells),
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "heights": {str(k): d.height for k, d in sorted(ws.row_dimensions.items()) if d.height is not None},
            "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items())},
            "freeze": ws.freeze_panes,
            "titles": ws.print_title_rows,
            "setup": [
                ws.page_setup.orientation,
                ws.page_setup.paperSize,
                ws.page_setup.fitToWidth,
                ws.page_setup.fitToHeight,
                ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
                [b.id for b in ws.row_breaks.brk],
                ws.oddFooter.center.text,
                ws.page_margins.left,
                ws.page_margins.top,
                ws.sheet_view.zoomScale,
                ws.print_options.horizontalCentered,
            ],
        }
    return out


def dump(source: Path, target: Path, today: dt.date, xlsx: bool = True) -> None:
    from commune_app.ops import reports
    from commune_app.ops.context import Actor, open_session

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.sqlite"
        shutil.copyfile(source, path)
        session = open_session(path, actor=Actor(username="kiemthu", role="admin"))
        session.today_override = today
        out: dict[str, Any] = {"periods": {}}
        for period in PERIODS:
            tables = reports.figures(session, period).tables
            out["periods"][period] = {t.code: _plain(t) for t in tables}
        out["indicators"] = _plain(reports.indicators(session))
        if xlsx:
            book = Path(folder) / "bao-cao.xlsx"
            reports.export(session, WORKBOOK_PERIOD, None, book)
            out["workbook"] = _workbook(book)
        session.close()
    with gzip.open(target, "wt", encoding="utf-8") as file:
        json.dump(out, file, ensure_ascii=False, sort_keys=True)


def scenario(target: Path) -> None:
    """The commune of tests/core/reports_scenario.py, built as the tests build it, then dumped."""
    from commune_app.ops.context import Actor, open_session
    from tests.conftest import TODAY
    from tests.core import reports_scenario

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scenario.sqlite"
        session = open_session(path, actor=Actor(username="kiemthu", role="admin"))
        session.today_override = TODAY
        reports_scenario.build(session)
        session.close()
        dump(path, target, TODAY)


def _differences(before: Any, after: Any, where: str, out: list[str]) -> None:
    if len(out) >= 30:
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after)):
            _differences(before.get(key), after.get(key), f"{where}/{key}", out)
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            _differences(b, a, f"{where}[{i}]", out)
    elif before != after:
        out.append(f"{where}: {before!r:.200} → {after!r:.200}")


def compare(before_path: Path, after_path: Path) -> int:
    with gzip.open(before_path, "rt", encoding="utf-8") as b, gzip.open(after_path, "rt", encoding="utf-8") as a:
        before, after = json.load(b), json.load(a)
    found: list[str] = []
    _differences(before, after, "", found)
    print("\n".join(found) if found else "identical")
    return 1 if found else 0


def compare_workbooks(before_path: Path, after_path: Path) -> int:
    """Every cell (value, style, quote prefix, type), merge, height, width and page setting."""
    found: list[str] = []
    _differences(_workbook(before_path), _workbook(after_path), "", found)
    print("\n".join(found) if found else "identical")
    return 1 if found else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["dump"]:
        today = dt.date.fromisoformat(argv[argv.index("--today") + 1]) if "--today" in argv else dt.date.today()
        dump(Path(argv[1]), Path(argv[2]), today, "--no-xlsx" not in argv)
        return 0
    if argv[:1] == ["scenario"]:
        scenario(Path(argv[1]))
        return 0
    if argv[:1] == ["compare"]:
        return compare(Path(argv[1]), Path(argv[2]))
    if argv[:1] == ["compare-xlsx"]:
        return compare_workbooks(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
