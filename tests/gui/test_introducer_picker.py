"""The introducer picker: eligible official members of the person's cell first, the others
greyed with their reason; the search reaches members elsewhere; replacement waives 12 months;
the mentor variant; the youth-union variant needs one member and the 4-KNĐ resolution."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.factories import make_cell, make_person
from tests.gui.qt_typing import type_text
from tests.gui.road_data import complete_dossier, make_cell_with_members, make_member, ui_context
from ui.road.introducer_picker import MemberPicker

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(session):
    return ui_context(session)


def _row(picker: MemberPicker, name: str) -> int:
    for row in range(picker.table.rowCount()):
        if picker.table.item(row, 0).text() == name:
            return row
    raise AssertionError(f"{name} not listed")


def _ok(picker: MemberPicker) -> None:
    picker.buttons.button(picker.buttons.StandardButton.Ok).click()


def test_probationary_member_is_greyed_with_the_reason(qtbot, ctx, session):
    cell_id, _members = make_cell_with_members(session)
    make_member(session, "Nông Văn Dự", cell_id, official=False, admitted="2026-03-02")
    person_id = make_person(session, "Lường Thị Mai", cell_id=cell_id, gender="F")
    picker = MemberPicker(ctx, person_id, role="introducer")
    qtbot.addWidget(picker)

    greyed = _row(picker, "Nông Văn Dự")
    assert picker.row_is_greyed(greyed)
    item = picker.table.item(greyed, 3)
    assert "đảng viên dự bị" in item.text()
    assert item.toolTip() == item.text()
    assert item.foreground().color().name() == "#8a8a8a"
    assert not picker.row_is_greyed(_row(picker, "Hoàng Văn Bình"))
    # eligible members first, the greyed one after them
    assert greyed == picker.table.rowCount() - 1

    picker.table.selectRow(greyed)
    assert picker.chosen() is None  # a greyed row cannot be chosen


def test_less_than_12_months_together_is_refused_with_the_months(qtbot, ctx, session):
    cell_id, _members = make_cell_with_members(session)
    person_id = make_person(session, "Lường Thị Mai", cell_id=cell_id, gender="F")
    picker = MemberPicker(ctx, person_id, role="introducer")
    qtbot.addWidget(picker)
    picker.table.selectRow(_row(picker, "Lò Thị Hoa"))
    type_text(picker.together_from, "01/05/2026")
    type_text(picker.document_on, "01/11/2026")
    _ok(picker)
    assert picker.result() != MemberPicker.DialogCode.Accepted
    assert "mới cùng công tác, học tập hoặc cư trú với người xin vào Đảng 6 tháng" in picker.error.text()
    assert session.store.scalar("SELECT count(*) FROM links WHERE person_id = ?", [person_id]) == 0


def test_search_reaches_members_of_other_cells_with_a_warning(qtbot, ctx, session):
    cell_id, _members = make_cell_with_members(session)
    other = make_cell(session, "Chi bộ Trường Tiểu học")
    make_member(session, "Ma Văn Tuấn", other)
    person_id = make_person(session, "Lường Thị Mai", cell_id=cell_id, gender="F")
    picker = MemberPicker(ctx, person_id, role="introducer")
    qtbot.addWidget(picker)
    assert all(picker.table.item(r, 0).text() != "Ma Văn Tuấn" for r in range(picker.table.rowCount()))

    type_text(picker.search, "ma tuan")
    qtbot.waitUntil(lambda: picker.table.rowCount() == 1 and picker.table.item(0, 0).text() == "Ma Văn Tuấn")
    assert "chi bộ khác" in picker.table.item(0, 3).text()
    assert picker.table.item(0, 1).text() == "Chi bộ Trường Tiểu học"


def test_replacing_an_introducer_waives_the_12_months(qtbot, ctx, session):
    cell_id, members = make_cell_with_members(session)
    person_id = make_person(session, "Lường Thị Mai", cell_id=cell_id, gender="F")
    complete_dossier(session, person_id, members[:2])
    links = session.store.query("SELECT id FROM links WHERE person_id = ? ORDER BY id", [person_id])
    picker = MemberPicker(
        ctx,
        person_id,
        role="introducer",
        replace_links=[
            {"id": links[0]["id"], "label": "Phân công người giới thiệu: Hoàng Văn Bình", "assigned_on": "2026-09-15"}
        ],
    )
    qtbot.addWidget(picker)
    assert picker.replaced.count() == 1
    picker.table.selectRow(_row(picker, "Đinh Văn Cường"))
    type_text(picker.together_from, "01/10/2026")  # only weeks together: waived for a replacement
    type_text(picker.document_on, "05/11/2026")
    _ok(picker)
    assert picker.result() == MemberPicker.DialogCode.Accepted, picker.error.text()
    new = session.store.one("SELECT * FROM links WHERE id = ?", [picker.link_id])
    assert new["replaces_link_id"] == links[0]["id"]
    assert session.store.scalar("SELECT ended_on FROM links WHERE id = ?", [links[0]["id"]]) == "2026-11-05"


def test_mentor_picker_assigns_an_official_member(qtbot, ctx, session):
    cell_id, _members = make_cell_with_members(session)
    probationary = make_member(session, "Nông Văn Dự", cell_id, official=False, admitted="2026-03-02")
    picker = MemberPicker(ctx, probationary, role="mentor")
    qtbot.addWidget(picker)
    assert picker.together_from.isHidden() or not picker.together_from.isVisibleTo(picker)
    picker.table.selectRow(_row(picker, "Vi Thị Dung"))
    _ok(picker)
    assert picker.result() == MemberPicker.DialogCode.Accepted, picker.error.text()
    link = session.store.one("SELECT * FROM links WHERE id = ?", [picker.link_id])
    assert link["role"] == "mentor" and link["assigned_on"] == session.today.isoformat()


def test_youth_union_variant_needs_one_member_and_the_resolution(qtbot, ctx, session):
    cell_id, _members = make_cell_with_members(session)
    person_id = make_person(session, "Lường Thị Mai", cell_id=cell_id, gender="F", youth_union=True)
    picker = MemberPicker(ctx, person_id, role="introducer", variant="youth_union")
    qtbot.addWidget(picker)
    assert "Cần 1 đảng viên chính thức" in picker.variant_note.text()
    assert "4-KNĐ" in picker.variant_note.text()
    assert picker.union_button.isVisibleTo(picker)
    members_button = next(b for b in picker.variant_buttons.buttons() if b.property("variant") == "members")
    members_button.setChecked(True)
    assert "Cần 2 đảng viên chính thức" in picker.variant_note.text()
    assert not picker.union_button.isVisibleTo(picker)
    assert Qt.ItemFlag.ItemIsEnabled & picker.table.item(0, 0).flags()


def test_typed_unit_replaces_the_suggested_cell(qtbot, ctx, session):
    cell_id, _members = make_cell_with_members(session)
    person_id = make_person(session, "Lường Thị Mai", cell_id=cell_id, gender="F")
    picker = MemberPicker(ctx, person_id, role="introducer")
    qtbot.addWidget(picker)
    picker.table.selectRow(_row(picker, "Hoàng Văn Bình"))
    cell_name = picker.table.item(_row(picker, "Hoàng Văn Bình"), 1).text()
    assert picker.unit.text() == "" and cell_name in picker.unit.placeholderText()
    type_text(picker.together_from, "01/01/2024")
    type_text(picker.unit, "Thôn Nà Lầu")
    _ok(picker)
    assert picker.result() == MemberPicker.DialogCode.Accepted, picker.error.text()
    assert session.store.scalar("SELECT unit FROM links WHERE id = ?", [picker.link_id]) == "Thôn Nà Lầu"


def test_untouched_unit_takes_the_suggested_cell(qtbot, ctx, session):
    cell_id, _members = make_cell_with_members(session)
    person_id = make_person(session, "Lường Thị Mai", cell_id=cell_id, gender="F")
    picker = MemberPicker(ctx, person_id, role="introducer")
    qtbot.addWidget(picker)
    row = _row(picker, "Hoàng Văn Bình")
    picker.table.selectRow(row)
    type_text(picker.together_from, "01/01/2024")
    _ok(picker)
    assert picker.result() == MemberPicker.DialogCode.Accepted, picker.error.text()
    unit = session.store.scalar("SELECT unit FROM links WHERE id = ?", [picker.link_id])
    assert unit == picker.table.item(row, 1).text()


def test_a_member_already_introducing_is_not_offered_again(qtbot, ctx, session):
    cell_id, _members = make_cell_with_members(session)
    person_id = make_person(session, "Lường Thị Mai", cell_id=cell_id, gender="F")
    first = MemberPicker(ctx, person_id, role="introducer")
    qtbot.addWidget(first)
    first.table.selectRow(_row(first, "Hoàng Văn Bình"))
    type_text(first.together_from, "01/01/2024")
    _ok(first)
    assert first.result() == MemberPicker.DialogCode.Accepted, first.error.text()
    second = MemberPicker(ctx, person_id, role="introducer", assigned=1)
    qtbot.addWidget(second)
    names = [second.table.item(r, 0).text() for r in range(second.table.rowCount())]
    assert "Hoàng Văn Bình" not in names and "Lò Thị Hoa" in names


def test_fields_do_not_move_when_an_error_appears(qtbot, ctx, session):
    cell_id, _members = make_cell_with_members(session)
    person_id = make_person(session, "Lường Thị Mai", cell_id=cell_id, gender="F")
    picker = MemberPicker(ctx, person_id, role="introducer")
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    before = picker.together_from.mapTo(picker, picker.together_from.rect().topLeft())
    _ok(picker)  # nobody chosen: an error line appears
    assert "Chọn một đảng viên" in picker.error.text()
    picker.layout().activate()
    assert picker.together_from.mapTo(picker, picker.together_from.rect().topLeft()) == before
