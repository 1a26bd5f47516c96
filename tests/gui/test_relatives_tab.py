"""The "Người thân" tab: add a relative, see them waiting for verification, record the result;
bad input refused in Vietnamese; deleting asks first."""

from __future__ import annotations

import pytest

from commune_app.errors import Refused
from commune_app.ops import road_relatives
from tests.factories import make_cell, make_person
from tests.gui.qt_typing import type_text
from tests.gui.road_data import ui_context
from ui.person import tab_relatives
from ui.person.tab_relatives import RelativeDialog, RelativesTab

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(session):
    return ui_context(session)


def _save(dialog: RelativeDialog) -> None:
    dialog.ok_button.click()


def test_relative_waits_for_verification_until_the_result_is_recorded(qtbot, ctx, session):
    person_id = make_person(session, "Lường Thị Mai", cell_id=make_cell(session), gender="F")
    tab = RelativesTab(ctx, person_id)
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 0

    dialog = RelativeDialog(ctx, person_id)
    qtbot.addWidget(dialog)
    dialog.relation.setCurrentText("Bố đẻ")
    type_text(dialog.full_name, "Lường Văn Sáng")
    type_text(dialog.birth_year, "1968")
    type_text(dialog.verify_sent_on, "02/06/2026")
    _save(dialog)
    assert dialog.result() == RelativeDialog.DialogCode.Accepted, dialog.error.text()
    assert tab.table.rowCount() == 1  # the tab follows ctx.notify
    assert tab.table.item(0, 6).text() == "Chưa có kết quả (đã gửi đề nghị ngày 02/06/2026)"
    assert "1 người chưa có kết quả thẩm tra" in tab.summary.text()

    tab.table.selectRow(0)
    edit = RelativeDialog(ctx, person_id, tab.selected())
    qtbot.addWidget(edit)
    assert edit.full_name.text() == "Lường Văn Sáng"
    type_text(edit.verify_replied_on, "20/06/2026")
    type_text(edit.verify_result, "Chấp hành tốt chủ trương, pháp luật")
    _save(edit)
    assert edit.result() == RelativeDialog.DialogCode.Accepted, edit.error.text()
    assert tab.table.item(0, 6).text() == "Đã có kết quả ngày 20/06/2026: Chấp hành tốt chủ trương, pháp luật"
    assert "không còn ai chờ" in tab.summary.text()


def test_party_member_parent_needs_no_verification_and_bad_input_is_refused(qtbot, ctx, session):
    person_id = make_person(session, "Hà Văn Khánh", cell_id=make_cell(session))
    road_relatives.save_relative(
        session, person_id, {"relation": "Mẹ đẻ", "full_name": "Hà Thị Nhung", "is_party_member": True}
    )
    road_relatives.save_relative(session, person_id, {"relation": "Anh ruột", "full_name": "Hà Văn Long"})
    rows = road_relatives.relatives(session, person_id)
    assert [r.needs_verification for r in rows] == [False, False]

    dialog = RelativeDialog(ctx, person_id)
    qtbot.addWidget(dialog)
    type_text(dialog.birth_year, "19x8")
    type_text(dialog.verify_sent_on, "10/07/2026")
    type_text(dialog.verify_replied_on, "01/07/2026")
    dialog.relation.setCurrentText("")
    _save(dialog)
    text = dialog.error.text()
    assert "Chưa ghi quan hệ" in text and "Chưa ghi họ và tên" in text
    assert "Năm sinh “19x8” không phải là một năm." in text
    assert "trước ngày gửi đề nghị 10/07/2026" in text
    assert len(road_relatives.relatives(session, person_id)) == 2
    with pytest.raises(Refused):
        road_relatives.save_relative(session, person_id, {"relation": "Vợ", "full_name": "X"}, relative_id=9999)


def test_deleting_a_relative_asks_first(qtbot, ctx, session, monkeypatch):
    person_id = make_person(session, "Hà Văn Khánh", cell_id=make_cell(session))
    road_relatives.save_relative(session, person_id, {"relation": "Vợ", "full_name": "Lò Thị Ánh"})
    tab = RelativesTab(ctx, person_id)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    monkeypatch.setattr(tab_relatives.vn_buttons, "ask", lambda *args, **kw: "keep")
    tab.delete_button.click()
    assert tab.table.rowCount() == 1
    monkeypatch.setattr(tab_relatives.vn_buttons, "ask", lambda *args, **kw: "delete")
    tab.delete_button.click()
    assert tab.table.rowCount() == 0
    assert session.store.scalar("SELECT count(*) FROM audit WHERE entity = 'relative' AND action = 'delete'") == 1
