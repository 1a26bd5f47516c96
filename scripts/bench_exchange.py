"""Benchmark rows of the exchange work: the province roll-up of 100 communes' workbooks.

Usage: python scripts/bench_exchange.py rollup WORKBOOK.xlsx  (a report workbook the program wrote)
The 100 workbooks are that one with its data sheet given 100 commune names (checksum recomputed).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def bench_rollup(source: Path, count: int = 100) -> None:
    from openpyxl import load_workbook

    from commune_app.ops.rollup import rollup
    from commune_app.rollup import data_sheet

    with tempfile.TemporaryDirectory() as folder:
        book = load_workbook(source)
        sheet = book[data_sheet.SHEET]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        files = []
        for index in range(count):
            for number, row in enumerate(rows, start=1):
                if row[:2] == ["meta", "commune"]:
                    sheet.cell(row=number, column=3, value=f"Xã thử {index + 1}")
                if row[:2] == ["meta", "committee"]:
                    sheet.cell(row=number, column=3, value=f"ĐẢNG ỦY XÃ THỬ {index + 1}")
            records = [list(r) for r in sheet.iter_rows(values_only=True)][:-1]
            sheet.cell(row=len(rows), column=2, value=data_sheet.checksum(records))
            files.append(Path(folder) / f"xa-{index + 1:03d}.xlsx")
            book.save(files[-1])
        started = time.perf_counter()
        added = rollup(files, Path(folder) / "tinh.xlsx")
        seconds = time.perf_counter() - started
        print(f"rollup {len(added.communes)} communes, {len(added.forms)} forms: {seconds:.2f} s")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "rollup":
        bench_rollup(Path(sys.argv[2]))
    else:
        print(__doc__)
        raise SystemExit(2)
