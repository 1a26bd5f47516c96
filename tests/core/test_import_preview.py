"""The preview: every row new, matching or refused, with reasons and changes, nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from commune_app.errors import Refused
from commune_app.ops import importing
from commune_app.ops.context import Actor
from tests.core.import_sheets import commune_member_list, write_xlsx
from tests.factories import make_cell, make_person

HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Quê quán", "Số điện thoại", "Chi bộ", "Ngày vào Đảng"]


def _sheet(tmp_path, *rows, header=HEADER, name="ds.xlsx"):
    return write_xlsx(tmp_path / name, {"Danh sách": [header, *rows]})


def _audit_count(session):
    return session.store.scalar("SELECT count(*) FROM audit")


def test_a_real_commune_list_is_understood_and_nothing_is_written(session, tmp_path):
    path = commune_member_list(tmp_path / "dang-vien.xlsx")
    before = _audit_count(session)
    preview = importing.preview(session, path, "Đảng viên", "members")
    assert preview.header_rows == [4, 5]
    rows = {r.row_number: r for r in preview.rows}
    assert [r.status for r in preview.rows] == ["new", "new", "new", "refused"]
    an, bich, cuong, dinh = rows[8], rows[9], rows[12], rows[13]
    assert an.values["gender"] == "M" and an.values["birth_date"] == "1980-02-05"
    assert an.values["cccd"] == "001080012345" and any("mất số 0" in w for w in an.warnings)
    assert an.milestones == {"admitted_on": "2005-02-03", "official_on": "2006-02-03"}
    assert bich.full_name == "Hoàng thị Bích" and bich.values["gender"] == "F"  # from the 'Nữ' column
    assert bich.values["birth_date"] == "1990-07-12"
    assert cuong.year_only and cuong.values["birth_date"] == "1975-01-01" and cuong.birth == "1975"
    assert cuong.values["ethnicity"] == "Thái" and cuong.values["religion"] == "Phật giáo"
    assert cuong.milestones["admitted_on"] == "1998-06-01"
    assert dinh.status == "refused" and any("30/02/1985" in r for r in dinh.reasons)
    assert [n for n, _ in preview.skipped] == [7, 10, 11, 14]
    assert an.cell_name == "Chi bộ thôn Nà Lầu" and cuong.cell_name == "Chi bộ thôn Pác Bó"
    assert preview.new_cells == ["Chi bộ thôn Nà Lầu", "Chi bộ thôn Pác Bó"]
    assert session.store.scalar("SELECT count(*) FROM people") == 0
    assert session.store.scalar("SELECT count(*) FROM cells") == 0
    assert _audit_count(session) == before


def test_matches_show_changes_side_by_side_and_blanks_never_overwrite(session, tmp_path):
    cell = make_cell(session, "Chi bộ thôn Nà Lầu")
    person = make_person(
        session,
        "Nguyễn Văn An",
        cell_id=cell,
        birth_date="1980-02-05",
        phone="0912345678",
        hometown="Hà Giang",
        cccd="001080012345",
    )
    path = _sheet(
        tmp_path, ["NGUYỄN VĂN AN", "Nam", "05/02/1980", None, "Tuyên Quang", None, "Thôn Nà Lầu", None], header=HEADER
    )
    preview = importing.preview(session, path, kind="candidates")
    row = preview.rows[0]
    assert row.status == "match" and row.person_id == person
    changed = {c.field: (c.old, c.new) for c in row.changes}
    assert changed["hometown"] == ("Hà Giang", "Tuyên Quang")
    assert "full_name" not in changed  # the same name in capitals
    assert "phone" not in changed and "cccd" not in changed and "cell" not in changed
    assert row.values == {"hometown": "Tuyên Quang"}


def test_a_match_by_cccd_alone(session, tmp_path):
    person = make_person(session, "Hoàng Thị Bích", gender="F", birth_date="1990-07-12", cccd="019190001234")
    path = _sheet(tmp_path, ["Hoàng Thị Bích", "Nữ", "12/07/1990", "019190001234", None, None, None, None])
    row = importing.preview(session, path, kind="candidates").rows[0]
    assert row.status == "match" and row.person_id == person and row.unchanged


@pytest.mark.parametrize(
    "sheet_row, reason",
    [
        (["Trần Văn Cường", "Nam", "05/02/1980", "001080012345", None, None, None, None], "họ tên khác"),
        (["Nguyễn Văn An", "Nam", "05/02/1980", "001080099999", None, None, None, None], "số CCCD khác"),
    ],
)
def test_records_that_disagree_are_never_merged(session, tmp_path, sheet_row, reason):
    make_person(session, "Nguyễn Văn An", birth_date="1980-02-05", cccd="001080012345")
    row = importing.preview(session, _sheet(tmp_path, sheet_row), kind="candidates").rows[0]
    assert row.status == "refused" and any(reason in r for r in row.reasons)


def test_a_row_that_could_be_two_people_is_refused(session, tmp_path):
    make_person(session, "Nguyễn Văn An", birth_date="1980-02-05")
    make_person(session, "Lê Văn Bình", birth_date="1985-01-01", cccd="001085012345")
    path = _sheet(tmp_path, ["Nguyễn Văn An", "Nam", "05/02/1980", "001085012345", None, None, None, None])
    row = importing.preview(session, path, kind="candidates").rows[0]
    assert row.status == "refused" and any("nhiều người" in r for r in row.reasons)


def test_a_match_in_the_bin_is_refused(session, tmp_path):
    from commune_app.ops import people as people_ops

    person = make_person(session, "Nguyễn Văn An", birth_date="1980-02-05")
    people_ops.delete_person(session, person, "Nhập trùng")
    row = importing.preview(
        session, _sheet(tmp_path, ["Nguyễn Văn An", "Nam", "05/02/1980"] + [None] * 5), kind="candidates"
    ).rows[0]
    assert row.status == "refused" and any("đã xóa" in r for r in row.reasons)


def test_duplicates_inside_the_sheet_name_the_first_row(session, tmp_path):
    path = _sheet(
        tmp_path,
        ["Nguyễn Văn An", "Nam", "05/02/1980", None, None, None, None, None],
        ["Nguyen Van An", "Nam", "05/02/1980", None, None, None, None, None],
    )
    rows = importing.preview(session, path, kind="candidates").rows
    assert rows[0].status == "new"
    assert rows[1].status == "refused" and any("dòng 2" in r for r in rows[1].reasons)


def test_member_lists_need_the_admission_date_and_dates_in_order(session, tmp_path):
    header = ["Họ và tên", "Giới tính", "Ngày sinh", "Ngày kết nạp", "Ngày chính thức"]
    path = _sheet(
        tmp_path,
        ["Nguyễn Văn An", "Nam", "05/02/1980", None, None],
        ["Lê Văn Bình", "Nam", "05/02/1981", "10/10/2010", "10/10/2009"],
        ["Đỗ Văn Chính", "Nam", "05/02/1982", "10/10/2030", None],
        header=header,
    )
    rows = importing.preview(session, path, kind="members").rows
    assert any("thiếu ngày vào Đảng" in r for r in rows[0].reasons)
    assert any("trước ngày vào Đảng" in r for r in rows[1].reasons)
    assert any("sau ngày hôm nay" in r for r in rows[2].reasons)
    candidates = importing.preview(session, path, kind="candidates").rows
    assert candidates[0].status == "new"


def test_a_different_admission_date_is_not_overwritten(session, tmp_path):
    from commune_app.store import road as road_store

    person = make_person(session, "Nguyễn Văn An", birth_date="1980-02-05")
    with session.write() as audit:
        road_store.add_milestone(session.store, audit, person, {"kind": "admission_decision", "date": "2005-02-03"})
    header = ["Họ và tên", "Ngày sinh", "Ngày vào Đảng"]
    rows = importing.preview(
        session, _sheet(tmp_path, ["Nguyễn Văn An", "05/02/1980", "04/02/2005"], header=header), kind="members"
    ).rows
    assert rows[0].status == "refused" and any("khác với hồ sơ" in r for r in rows[0].reasons)
    same = importing.preview(
        session,
        _sheet(tmp_path, ["Nguyễn Văn An", "05/02/1980", "03/02/2005"], header=header, name="b.xlsx"),
        kind="members",
    ).rows
    assert same[0].status == "match" and same[0].unchanged


def test_separate_family_and_given_name_columns(session, tmp_path):
    rows = [
        ["STT", "Họ và tên", None, "Năm sinh", None],
        [None, "Họ đệm", "Tên", "Nam", "Nữ"],
        [1, "Nguyễn Thị", "Mai", None, "1/2/1995"],
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", {"DS": rows}, {"DS": ["A1:A2", "B1:C1", "D1:E1"]})
    row = importing.preview(session, path, kind="candidates").rows[0]
    assert row.full_name == "Nguyễn Thị Mai" and row.values["gender"] == "F"
    assert row.values["birth_date"] == "1995-02-01"


def test_a_header_that_cannot_be_mapped(session, tmp_path):
    nothing = write_xlsx(tmp_path / "a.xlsx", {"DS": [["Cột 1", "Cột 2"], ["x", "y"]]})
    with pytest.raises(Refused, match="Không tìm thấy dòng tiêu đề"):
        importing.preview(session, nothing)
    no_name = write_xlsx(
        tmp_path / "b.xlsx", {"DS": [["Người", "Ngày sinh", "Giới tính"], ["Nguyễn Văn An", "05/02/1980", "Nam"]]}
    )
    with pytest.raises(Refused, match="Họ và tên"):
        importing.preview(session, no_name)
    # The clerk maps the column themselves in the wizard.
    fixed = importing.preview(
        session, no_name, kind="candidates", mapping={0: "full_name", 1: "birth_date", 2: "gender"}
    )
    assert fixed.rows[0].status == "new"
    with pytest.raises(Refused, match="cùng được ghép"):
        importing.preview(session, no_name, mapping={0: "full_name", 1: "birth_date", 2: "birth_date"})


def test_a_saved_mapping_is_reused(session, tmp_path):
    path = write_xlsx(
        tmp_path / "b.xlsx",
        {"DS": [["Người", "Ngày sinh", "Giới tính", "Quê"], ["Nguyễn Văn An", "05/02/1980", "Nam", "Hà Giang"]]},
    )
    info = importing.inspect(session, path)
    importing.save_mapping(session, "Mẫu thôn", info.labels, {0: "full_name", 1: "birth_date", 2: "gender"})
    assert "Mẫu thôn" in importing.saved_mappings(session)
    preview = importing.preview(session, path, kind="candidates", saved="Mẫu thôn")
    assert preview.mapping == {0: "full_name", 1: "birth_date", 2: "gender"}  # 'Quê' stays ignored
    assert preview.rows[0].status == "new"


def test_candidates_road_dates_become_milestones(session, tmp_path):
    header = ["Họ và tên", "Giới tính", "Ngày sinh", "Ngày cấp giấy chứng nhận", "Ngày làm đơn"]
    path = _sheet(tmp_path, ["Lê Thị Hoa", "Nữ", "05/02/2000", "10/03/2026", "01/04/2026"], header=header)
    row = importing.preview(session, path, kind="candidates").rows[0]
    assert row.milestones == {"certificate_on": "2026-03-10", "application_on": "2026-04-01"}


def test_a_cell_restricted_clerk_imports_only_their_cell(session, tmp_path):
    mine = make_cell(session, "Chi bộ thôn Nà Lầu")
    make_cell(session, "Chi bộ thôn Pác Bó")
    path = _sheet(
        tmp_path,
        ["Nguyễn Văn An", "Nam", "05/02/1980", None, None, None, "Chi bộ thôn Nà Lầu", None],
        ["Lê Văn Bình", "Nam", "05/02/1981", None, None, None, "Thôn Pác Bó", None],
        ["Đỗ Văn Chính", "Nam", "05/02/1982", None, None, None, "Chi bộ thôn Mới", None],
    )
    session.actor = Actor(username="thu", role="clerk", cell_id=mine)
    rows = importing.preview(session, path, kind="candidates").rows
    assert rows[0].status == "new" and rows[0].cell_id == mine
    assert rows[1].status == "refused" and any("chi bộ được giao" in r for r in rows[1].reasons)
    assert any("quản trị" in r for r in rows[2].reasons)
    no_cell_column = write_xlsx(tmp_path / "c.xlsx", {"DS": [HEADER[:3], ["Lò Thị Mai", "Nữ", "05/02/1990"]]})
    own = importing.preview(session, no_cell_column, kind="candidates").rows[0]
    assert own.status == "new" and own.cell_id == mine


def test_a_cell_restricted_clerk_sees_per_row_what_they_may_not_change(session, tmp_path):
    """A person of another cell matched by the sheet: the row says so before anything is written,
    and committing the rest works (it used to be refused as a whole, without naming the row)."""
    mine = make_cell(session, "Chi bộ thôn Nà Lầu")
    other = make_cell(session, "Chi bộ thôn Pác Bó")
    make_person(session, "Lê Văn Bình", birth_date="1981-02-05", cell_id=other)
    path = _sheet(
        tmp_path,
        ["Nguyễn Văn An", "Nam", "05/02/1980", None, None, None, "Chi bộ thôn Nà Lầu", None],
        ["Lê Văn Bình", "Nam", "05/02/1981", None, None, "0912345678", "Chi bộ thôn Nà Lầu", None],
    )
    session.actor = Actor(username="thu", role="clerk", cell_id=mine)
    preview = importing.preview(session, path, kind="candidates")
    an, binh = preview.rows
    assert an.status == "new" and binh.status == "refused"
    assert any("Chi bộ thôn Pác Bó" in r and "không được thay đổi" in r for r in binh.reasons), binh.reasons
    summary = importing.commit(session, preview)
    assert summary.created == 1 and summary.refused == 1


def test_viewers_cannot_import(session, tmp_path):
    session.actor = Actor(username="xem", role="viewer")
    with pytest.raises(Refused):
        importing.preview(session, _sheet(tmp_path, ["Nguyễn Văn An", "Nam", "05/02/1980"] + [None] * 5))


def test_today_bounds_birth_dates(session, tmp_path):
    later = (session.today + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    row = importing.preview(
        session, _sheet(tmp_path, ["Nguyễn Văn An", "Nam", later] + [None] * 5), kind="candidates"
    ).rows[0]
    assert row.status == "refused" and any("sau ngày hôm nay" in r for r in row.reasons)


def test_two_rows_for_the_same_stored_person_are_not_both_applied(session, tmp_path):
    make_person(session, "Nguyễn Văn An", birth_date="1980-02-05", cccd="001080012345")
    path = _sheet(
        tmp_path,
        ["Nguyễn Văn An", "Nam", "05/02/1980", "001080012345", "Hà Giang", None, None, None],
        ["Nguyễn Văn An", "Nam", "1980", None, "Cao Bằng", None, None, None],
    )
    rows = importing.preview(session, path, kind="candidates").rows
    assert rows[0].status == "match"
    assert rows[1].status == "refused" and any("với dòng 2" in r for r in rows[1].reasons)


def test_a_windows_1258_csv_with_blank_rows_between_people(session, tmp_path):
    from tests.core.import_sheets import write_csv

    path = write_csv(
        tmp_path / "ds.csv",
        [
            ["DANH SÁCH QUẦN CHÚNG ƯU TÚ", "", ""],
            ["Họ tên", "Nam/Nữ", "Năm sinh"],
            ["Hoàng Thị Bích", "Nữ", "12/07/1990"],
            ["", "", ""],
            ["Lò Văn Cường", "Nam", "1/6/98"],
        ],
        encoding="cp1258",
        delimiter=";",
    )
    preview = importing.preview(session, path, kind="candidates")
    assert preview.sheet == "ds" and preview.header_rows == [2]
    assert [(r.row_number, r.full_name, r.status) for r in preview.rows] == [
        (3, "Hoàng Thị Bích", "new"),
        (5, "Lò Văn Cường", "new"),
    ]
    assert preview.rows[1].values["birth_date"] == "1998-06-01"


def test_empty_columns_excel_kept_on_the_right_are_not_offered(session, tmp_path):
    path = _sheet(
        tmp_path, ["Nguyễn Văn An", "Nam", "05/02/1980", " ", None, " "], header=[*HEADER[:3], " ", None, " "]
    )
    from commune_app.importing import reader

    assert len(reader.read_sheet(path).rows[0]) == 6
    info = importing.inspect(session, path)
    assert info.column_labels() == ["Họ và tên", "Giới tính", "Ngày sinh"]


def test_a_cccd_match_with_another_birth_year_is_refused(session, tmp_path):
    make_person(session, "Nguyễn Văn An", birth_date="1980-02-05", cccd="001080012345")
    path = _sheet(tmp_path, ["Nguyễn Văn An", "Nam", "1981", "001080012345", None, None, None, None])
    row = importing.preview(session, path, kind="candidates").rows[0]
    assert row.status == "refused" and any("ngày sinh khác" in r for r in row.reasons)
    same_year = importing.preview(
        session,
        _sheet(tmp_path, ["Nguyễn Văn An", "Nam", "1980", "001080012345"] + [None] * 4, name="b.xlsx"),
        kind="candidates",
    ).rows[0]
    assert same_year.status == "match" and same_year.unchanged
