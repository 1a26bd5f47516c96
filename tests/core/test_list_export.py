"""Export of the list on screen: order, columns, real dates, Vietnamese text, no half files."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from commune_app.errors import FileRefused, Refused
from commune_app.ops import list_export
from commune_app.ops import people as people_ops
from commune_app.ops.list_columns import COLUMNS, party_age
from commune_app.progress import Cancelled, Progress
from commune_app.store.people import PeopleFilter
from tests.factories import make_cell, make_person


def test_export_writes_the_rows_in_list_order_with_dates(session, tmp_path):
    cell = make_cell(session, "Chi bộ thôn Nà Lầu")
    make_person(session, "Trần Thị Ân", cell_id=cell, birth_date="1999-02-05", gender="F")
    make_person(session, "Nguyễn Văn An", cell_id=cell)
    ids = people_ops.search_ids(session, PeopleFilter())
    path = list_export.export_people(
        session,
        tmp_path / "ds",
        ids,
        ["family_middle", "given_name", "gender", "birth_date", "cell"],
        title="DANH SÁCH NGƯỜI VÀO ĐẢNG",
    )
    assert path.suffix == ".xlsx"
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "DANH SÁCH NGƯỜI VÀO ĐẢNG"
    assert "Tổng số: 2 người" in sheet["A2"].value
    assert [c.value for c in sheet[3]] == ["STT", "Họ và tên đệm", "Tên", "Giới tính", "Ngày sinh", "Chi bộ"]
    assert [c.value for c in sheet[4]][:4] == [1, "Nguyễn Văn", "An", "Nam"]  # An before Ân
    assert [c.value for c in sheet[5]][:4] == [2, "Trần Thị", "Ân", "Nữ"]
    assert sheet["E5"].value == dt.datetime(1999, 2, 5)
    assert sheet["E5"].number_format == "dd/mm/yyyy"
    assert sheet["B4"].font.name == "Times New Roman"


def test_cancelled_or_refused_export_leaves_no_file(session, tmp_path):
    ids = [make_person(session, f"Nguyễn Văn {name}") for name in ("An", "Bình", "Cường")]
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        list_export.export_people(session, tmp_path / "huy.xlsx", ids, ["full_name"], progress=progress)
    assert list(tmp_path.glob("*.xlsx")) == []
    with pytest.raises(Refused):
        list_export.export_people(session, tmp_path / "x.xlsx", ids, [])
    with pytest.raises(FileRefused):
        list_export.export_people(session, tmp_path / "khong-co" / "x.xlsx", ids, ["full_name"])


def test_party_age_counts_completed_months():
    today = dt.date(2026, 11, 20)
    assert party_age("2023-09-21", today) == "3 năm 1 tháng"
    assert party_age("2023-11-20", today) == "3 năm"
    assert party_age("2026-06-01", today) == "5 tháng"
    assert party_age(None, today) == ""
    row = {"admitted_on": "2020-01-01"}
    assert COLUMNS["party_age"].value(row, today) == "6 năm 10 tháng"
