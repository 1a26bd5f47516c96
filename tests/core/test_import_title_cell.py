"""A cell's own list names its cell only in the title: its people go to that cell (QA)."""

from __future__ import annotations

from commune_app.ops import importing
from tests.core.import_sheets import write_xlsx
from tests.factories import make_cell

TITLE_ROWS = [
    ["ĐẢNG BỘ XÃ BA SƠN", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
    ["CHI BỘ THÔN NÀ LẦU", None, None, None, None],
    ["DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN NÀ LẦU NĂM 2026", None, None, None, None],
]
HEADER = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng"]
PEOPLE = [
    [1, "Hoàng Văn Toàn", "Nam", "12/03/1975", "15/05/2001"],
    [2, "Nông Thị Lan", "Nữ", "02/07/1988", "03/02/2015"],
]


def test_the_title_names_the_cell_of_every_row(session, tmp_path):
    cell = make_cell(session, "Chi bộ thôn Nà Lầu")
    path = write_xlsx(tmp_path / "na-lau.xlsx", {"DS": [*TITLE_ROWS, HEADER, *PEOPLE]})
    preview = importing.preview(session, path, kind="members")
    assert [(r.cell_id, r.cell_name) for r in preview.rows] == [(cell, "Chi bộ thôn Nà Lầu")] * 2
    assert preview.new_cells == []


def test_a_commune_wide_title_names_no_cell(session, tmp_path):
    rows = [["ĐẢNG BỘ XÃ BA SƠN"], ["DANH SÁCH ĐẢNG VIÊN CÁC CHI BỘ NĂM 2026"], HEADER, *PEOPLE]
    preview = importing.preview(session, write_xlsx(tmp_path / "xa.xlsx", {"DS": rows}), kind="members")
    assert [r.cell_name for r in preview.rows] == ["", ""]
    assert session.store.scalar("SELECT count(*) FROM cells") == 0


def test_a_cell_column_wins_over_the_title(session, tmp_path):
    make_cell(session, "Chi bộ thôn Nà Lầu")
    other = make_cell(session, "Chi bộ thôn Pác Bó")
    rows = [*TITLE_ROWS, [*HEADER, "Chi bộ"], PEOPLE[0] + ["Chi bộ thôn Pác Bó"]]
    preview = importing.preview(session, write_xlsx(tmp_path / "ds.xlsx", {"DS": rows}), kind="members")
    assert preview.rows[0].cell_id == other


def test_one_sheet_per_cell_named_after_the_cell(session, tmp_path):
    khuoi_tat = make_cell(session, "Chi bộ thôn Khuổi Tát")
    na_lau = make_cell(session, "Chi bộ thôn Nà Lầu")
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        {"Chi bộ Khuổi Tát": [HEADER, PEOPLE[0]], "Nà Lầu": [HEADER, PEOPLE[1]], "Sheet1": [HEADER, PEOPLE[0]]},
    )
    assert importing.preview(session, path, "Chi bộ Khuổi Tát", "members").rows[0].cell_id == khuoi_tat
    assert importing.preview(session, path, "Nà Lầu", "members").rows[0].cell_id == na_lau
    unnamed = importing.preview(session, path, "Sheet1", "members")
    assert unnamed.rows[0].cell_name == "" and unnamed.new_cells == []
