"""The national database's standardisation sheet: both header variants, dictionary sheets beside it,
every column kept or listed, every person in their cell, statuses as the sheet says."""

from __future__ import annotations

import pytest

from commune_app.bench.importing import registry_people, write_registry_sheet
from commune_app.importing import reader
from commune_app.importing.preview import NOT_KEPT
from commune_app.ops import importing
from tests.factories import make_cell


def _people() -> list[dict]:
    people = registry_people(4)
    people[0].update(
        name="Tống Văn Tân",
        other="Tân Tống",
        cell="Chi bộ thôn Nà Lầu - Đảng bộ xã Bằng Thành",
        home_detail="Xã Hưng Đạo",
        home_province="Cao Bằng",
        home_country="Việt Nam",
        perm_detail="Thôn Nà Lầu, xã Bằng Thành",
        perm_province="Cao Bằng",
        cmnd="080123456",
    )
    people[1].update(status="Đã mất", left="12/03/2025", cell="Nà Lầu")
    people[2].update(status="Chuyển sinh hoạt đi", left="01/06/2025", cell="Chi bộ Pác Bó")
    people[3].update(status="Miễn sinh hoạt đảng", left="01/01/2024", cell="Chi bộ Khuổi Tát")
    return people


@pytest.mark.parametrize("two_row", [False, True])
def test_the_standardisation_sheet_is_read_whole(session, tmp_path, two_row):
    na_lau = make_cell(session, name="Chi bộ thôn Nà Lầu")
    make_cell(session, name="Pác Bó")
    path = write_registry_sheet(tmp_path / "chuan-hoa.xlsx", _people(), two_row_header=two_row)
    assert reader.sheet_names(path) == ["DuLieu"]  # the hidden dictionaries are not offered
    preview = importing.preview(session, path)
    assert preview.layout_label.startswith("Biểu chuẩn hóa") and preview.kind == "members"
    fates = preview.column_fates()
    assert len(fates) == 28
    assert [label for label, fate in fates if fate == NOT_KEPT] == ["STT"]
    assert [r.status for r in preview.rows] == ["new"] * 4, [r.reasons for r in preview.rows]
    tan, dead, moved, exempt = preview.rows
    values = tan.values
    assert values["registry_id"] == "DV0000000" and values["other_names"] == "Tân Tống"
    assert values["hometown"] == "Xã Hưng Đạo, Cao Bằng" and values["hometown_country"] == "Việt Nam"
    assert values["residence_detail"] == "Thôn Nà Lầu, xã Bằng Thành, Cao Bằng"
    assert values["birth_reg_detail"] == "Xã Bằng Thành" and values["birth_reg_province"] == "Cao Bằng"
    assert values["party_card_new"] == "000000000000" and values["party_card_old"] == "00000000"
    assert values["party_card_place"] == "Tỉnh ủy Cao Bằng" and values["party_card_date"] == "2020-05-19"
    assert values["cmnd_old"] == "080123456" and values["activity_status"] == "Đang sinh hoạt"
    assert tan.cell_id == na_lau and dead.cell_id == na_lau  # by folded name, with or without "Chi bộ"
    assert moved.cell_name == "Pác Bó" and moved.cell_id is not None
    assert preview.new_cells == ["Chi bộ Khuổi Tát"]
    assert dead.milestones["death_on"] == "2025-03-12" and moved.milestones["transfer_out_on"] == "2025-06-01"
    assert exempt.values["exempt_from_activities"] == 1 and exempt.values["left_on"] == "2024-01-01"

    importing.commit(session, preview)
    status = dict(session.store.conn.execute("SELECT registry_id, status FROM people"))
    assert status == {
        "DV0000000": "official",
        "DV0000001": "deceased",
        "DV0000002": "transferred_out",
        "DV0000003": "official",
    }
    again = importing.preview(session, path)
    assert all(r.unchanged for r in again.rows), [(r.full_name, r.changes, r.reasons) for r in again.rows]


def test_a_leaving_status_without_its_date_is_refused_with_the_reason(session, tmp_path):
    people = registry_people(1)
    people[0].update(status="Đã mất")
    preview = importing.preview(session, write_registry_sheet(tmp_path / "x.xlsx", people))
    assert preview.rows[0].status == "refused"
    assert any("thiếu ngày rời khỏi" in r for r in preview.rows[0].reasons)


def test_a_new_cell_keeps_the_database_organisation_code(session, tmp_path):
    from tests.core.import_sheets import write_xlsx

    header = ["Họ và tên", "Giới tính", "Ngày sinh", "Tổ chức Đảng đang sinh hoạt", "Mã tổ chức Đảng", "Ngày vào Đảng"]
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {"DS": [header, ["Lò Văn Cường", "Nam", "02/03/1980", "Chi bộ Bản Mới", "04.12.0345", "01/02/2010"]]},
    )
    importing.commit(session, importing.preview(session, path))
    assert session.store.scalar("SELECT registry_code FROM cells WHERE name = 'Chi bộ Bản Mới'") == "04.12.0345"
