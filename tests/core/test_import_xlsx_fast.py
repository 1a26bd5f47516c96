"""The quick .xlsx reader gives the values openpyxl gives (read-only, values only)."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook, load_workbook

from commune_app.bench.importing import registry_people, write_registry_sheet
from commune_app.importing import reader, xlsx_fast


def _openpyxl_rows(path, name):
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook[name]
        sheet.reset_dimensions()
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _trimmed(rows):
    out = []
    for row in rows:
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def test_values_dates_gaps_and_merges_match_openpyxl(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đảng viên"
    sheet.append(["DANH SÁCH", None, None])
    sheet.append(["Họ và tên", "Ngày sinh", "Số", "Đúng", "Giờ"])
    sheet.append(["Nguyễn Văn An", dt.datetime(1990, 5, 17), 1080012345, True, dt.datetime(2020, 1, 2, 7, 30)])
    sheet.append(["Lò Thị Bích", "05/02/1980", 12.5, False, None])
    sheet["B3"].number_format = "dd/mm/yyyy"
    sheet["A7"] = "sau ba dòng trống"
    sheet["E7"] = "=1+1"
    sheet.merge_cells("A1:C1")
    path = tmp_path / "ds.xlsx"
    workbook.save(path)
    fast = reader.read_sheet(path)
    assert _trimmed(fast.rows) == _trimmed(_openpyxl_rows(path, "Đảng viên"))
    assert fast.merged == [(0, 0, 0, 2)]


def test_the_standardisation_sheet_reads_the_same_both_ways(tmp_path):
    path = write_registry_sheet(tmp_path / "r.xlsx", registry_people(30), two_row_header=True)
    listed = xlsx_fast.sheets(path)
    assert [(n, s) for n, s, _ in listed] == [
        ("DuLieu", "visible"),
        ("DANTOC", "hidden"),
        ("TONGIAO", "hidden"),
        ("TINH", "hidden"),
    ]
    rows, _ = xlsx_fast.read_rows(path, listed[0][2])
    assert _trimmed(rows) == _trimmed(_openpyxl_rows(path, "DuLieu"))
