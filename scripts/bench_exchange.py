"""Benchmark rows of the exchange work (docs/exchange.md).

python scripts/bench_exchange.py rollup WORKBOOK.xlsx   roll-up of 100 communes' workbooks: that one
                                                        with its data sheet given 100 commune names
python scripts/bench_exchange.py package DEMO.sqlite    export and merge of a 100-person cell's package
                                                        (a copy of the demo file, one cell filled to 100 members)
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


def bench_package(source: Path, size: int = 100) -> None:
    import datetime as dt
    import shutil

    from commune_app.ops import cells as cell_ops
    from commune_app.ops import packages
    from commune_app.ops import people as people_ops
    from commune_app.ops.context import open_session

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / "xa.sqlite"
        shutil.copy(source, work)
        commune = open_session(work)
        first, *others = cell_ops.list_cells(commune)
        inside = len(cell_ops.cell_members(commune, first["id"]))
        moving = [p["id"] for cell in others for p in cell_ops.cell_members(commune, cell["id"])][: size - inside]
        cell_ops.move_people(commune, moving, first["id"], dt.date.today(), "Đo hiệu năng")
        cell_name = first["name"]
        started = time.perf_counter()
        packages.export_package(commune, Path(folder) / "goi.ptdv", "mk", cell_name)
        exported = time.perf_counter() - started
        cell = open_session(Path(folder) / "chibo.sqlite")
        packages.open_package(cell, Path(folder) / "goi.ptdv", "mk")
        people = [p["id"] for p in cell_ops.cell_members(cell, cell_ops.list_cells(cell)[0]["id"])][:10]
        for index, person in enumerate(people):
            people_ops.update_person(cell, person, {"phone": f"09123450{index:02d}"})
        packages.export_package(cell, Path(folder) / "ve.ptdv", "mk")
        cell.close()
        started = time.perf_counter()
        preview = packages.merge_preview(commune, Path(folder) / "ve.ptdv", "mk")
        counts = packages.merge_commit(commune, preview)
        merged = time.perf_counter() - started
        commune.close()
        print(
            f"package export of a {size}-person cell: {exported:.2f} s; merge (preview + commit, "
            f"{counts['updated']} changed): {merged:.2f} s (scrypt key derivation included in each)"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "rollup":
        bench_rollup(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "package":
        bench_package(Path(sys.argv[2]))
    else:
        print(__doc__)
        raise SystemExit(2)
