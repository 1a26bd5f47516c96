"""The gaps closed between the step forms, the reports, the road tab and the settings: the
transfer scope and flags and the card reason in the forms, the restoration step in the road
tab's menu, withdrawn steps shown and reinstated, the reports' signer and the course pass score
in the settings dialog, and one shared "Enter moves on" for the profile tab and the dialogs."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from commune_app.ops import courses as courses_ops
from commune_app.ops import people as people_ops
from commune_app.ops import road as road_ops
from commune_app.ops import settings as settings_ops
from commune_app.settings import Settings
from tests.factories import make_person
from tests.gui.qt_typing import type_text
from tests.gui.road_data import make_cell_with_members, ui_context
from ui.person import tab_road
from ui.person.tab_road import RoadTab
from ui.road.step_dialog import StepDialog
from ui.road.step_forms import form_for

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(session):
    return ui_context(session)


def _details(session, milestone_id: int) -> dict:
    return json.loads(session.store.scalar("SELECT details FROM milestones WHERE id = ?", [milestone_id]))


def _choose(combo, code: str) -> None:
    combo.setCurrentIndex(combo.findData(code))


def test_transfer_form_records_scope_and_flags(qtbot, ctx, session):
    _cell, members = make_cell_with_members(session)
    dialog = StepDialog(ctx, members[0], kind="transfer_out")
    qtbot.addWidget(dialog)
    form = dialog.step_form
    assert [form.inputs["scope"].itemText(i) for i in range(form.inputs["scope"].count())] == [
        "— Chọn —",
        "Trong tỉnh",
        "Tỉnh, thành phố khác",
    ]  # no choice made for the clerk
    _choose(form.inputs["transfer_kind"], "official")
    _choose(form.inputs["scope"], "other_province")
    form.inputs["irregular"].setChecked(True)
    type_text(form.date, "10/11/2026")
    type_text(form.inputs["to_unit"], "Đảng bộ phường Đông Kinh, tỉnh Lạng Sơn")
    type_text(form.inputs["trigger_decision_on"], "01/10/2026")
    dialog.submit()
    assert dialog.result() == StepDialog.DialogCode.Accepted, dialog.error.text()
    details = _details(session, dialog.milestone_id)
    assert details["scope"] == "other_province" and details["irregular"] is True
    assert "forged" not in details  # an unticked flag is not stored

    # Correcting the step shows what was recorded.
    tab = RoadTab(ctx, members[0])
    qtbot.addWidget(tab)
    entry = next(e for e in tab.view.entries if e.milestone_id == dialog.milestone_id)
    assert "tỉnh, thành phố khác" in tab_road.entry_note(entry.details)
    again = form_for(session, "transfer_out")
    qtbot.addWidget(again)
    again.load(tab.milestone_of(entry))
    assert again.inputs["scope"].currentData() == "other_province"
    assert again.inputs["irregular"].isChecked() and not again.inputs["forged"].isChecked()


def test_party_card_form_gives_the_reason(qtbot, session):
    form = form_for(session, "party_card")
    qtbot.addWidget(form)
    assert form.inputs["card_reason"].currentData() is None  # no reason assumed
    _choose(form.inputs["card_reason"], "damaged")
    type_text(form.date, "12/11/2026")
    type_text(form.inputs["card_number"], "01234567")
    assert form.values()["details"] == {"card_reason": "damaged", "card_number": "01234567"}


def test_restoration_from_the_any_step_menu(qtbot, ctx, session, monkeypatch):
    _cell, members = make_cell_with_members(session)
    pid = members[1]
    road_ops.record_step(
        session,
        pid,
        "removal",
        {"date": "2026-10-05", "details": {"removal_kind": "strike_off", "reason": "Bỏ sinh hoạt đảng"}},
    )
    tab = RoadTab(ctx, pid)
    qtbot.addWidget(tab)
    assert "Đã ra khỏi Đảng" in tab.status.text()
    menu_titles = [a.text() for m in tab.any_button.menu().actions() for a in m.menu().actions()]
    assert "Phục hồi đảng tịch" in menu_titles

    def fill(dialog):
        form = dialog.step_form
        assert form.kind == "restoration"
        type_text(form.date, "10/11/2026")
        type_text(form.doc_number, "25-QĐ/HU")
        type_text(form.issuer, "Ban Thường vụ Huyện ủy")
        dialog.submit()
        assert "Chưa nhập lý do phục hồi" in dialog.error.text()  # the reason is required
        type_text(form.inputs["reason"], "Khiếu nại được chấp nhận")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(StepDialog, "exec", fill)
    action = next(
        a for m in tab.any_button.menu().actions() for a in m.menu().actions() if a.text() == "Phục hồi đảng tịch"
    )
    action.trigger()
    assert people_ops.get_person(session, pid)["status"] == "official"
    assert "Đảng viên chính thức" in tab.status.text()
    assert tab.timeline.item(tab.timeline.rowCount() - 1, 1).text() == "Phục hồi đảng tịch"


def test_withdrawn_steps_shown_greyed_and_reinstated(qtbot, ctx, session, monkeypatch):
    cell_id, _members = make_cell_with_members(session)
    pid = make_person(session, "Sầm Văn Phúc", cell_id=cell_id, education_general="12/12")
    road_ops.record_step(session, pid, "course_certificate", {"date": "2026-03-10"})
    application = road_ops.record_step(session, pid, "application", {"date": "2026-04-02"})
    road_ops.withdraw_step(session, application, "Ghi nhầm ngày")
    tab = RoadTab(ctx, pid)
    qtbot.addWidget(tab)
    assert tab.timeline.rowCount() == 1 and not tab.show_withdrawn.isChecked()
    assert road_ops.road_view(session, pid).entries == tab.view.entries  # the default is unchanged

    tab.show_withdrawn.setChecked(True)
    assert tab.timeline.rowCount() == 2
    row = next(r for r in range(2) if tab.view.entries[r].milestone_id == application)
    assert tab.timeline.item(row, 4).text() == "Đã hủy: Ghi nhầm ngày"
    assert tab.timeline.item(row, 1).foreground().color() == tab_road.WITHDRAWN_COLOUR
    tab.timeline.selectRow(1 - row)
    assert not tab.reinstate_button.isEnabled() and tab.withdraw_button.isEnabled()
    tab.timeline.selectRow(row)
    assert tab.reinstate_button.isEnabled()
    assert not tab.withdraw_button.isEnabled() and not tab.correct_button.isEnabled()

    asked = []
    monkeypatch.setattr(tab_road, "confirm_reinstate", lambda _parent, text: asked.append(text) or False)
    tab.reinstate_button.click()
    assert "Ghi nhầm ngày" in asked[0]
    assert people_ops.get_person(session, pid)["status"] == "source"  # not confirmed: nothing changed

    monkeypatch.setattr(tab_road, "confirm_reinstate", lambda _parent, text: True)
    tab.reinstate_button.click()
    assert people_ops.get_person(session, pid)["status"] == "candidate"
    assert not any(e.withdrawn_at for e in tab.view.entries)
    assert session.store.scalar("SELECT count(*) FROM audit WHERE action = 'reinstate' AND person_id = ?", [pid]) == 1


def test_settings_dialog_reports_tab_and_pass_score(qtbot, session, tmp_path, monkeypatch):
    from ui.shell.context import UiContext
    from ui.shell.settings_dialog import SettingsDialog

    ctx = UiContext(session, Settings(tmp_path / "cai-dat.json"))
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Báo cáo" in titles
    assert dialog.report_authority.text() == "T/M BAN THƯỜNG VỤ"
    assert dialog.report_signer_title.text() == "BÍ THƯ"
    assert dialog.pass_score.value() == courses_ops.pass_score(session) == 5.0

    dialog.report_signer_title.clear()
    dialog.submit()
    assert "không được để trống" in dialog.error.text()  # in the dialog's own error line
    assert dialog.result() != dialog.DialogCode.Accepted

    type_text(dialog.report_signer_title, "PHÓ BÍ THƯ")
    dialog.report_authority.setText("KT. BÍ THƯ")
    dialog.pass_score.setValue(6.5)
    dialog.submit()
    assert settings_ops.report_signer(session) == {
        "report_authority": "KT. BÍ THƯ",
        "report_signer_title": "PHÓ BÍ THƯ",
    }
    assert courses_ops.pass_score(session) == 6.5


def test_settings_ops_check_the_new_keys(session):
    from commune_app.errors import Refused

    for bad in (
        {"course_pass_score": 0},
        {"course_pass_score": 11},
        {"course_pass_score": "mười"},
        {"report_authority": "  "},
    ):
        with pytest.raises(Refused):
            settings_ops.save_commune_settings(session, {"attendance_threshold": 0.5, **bad})
    assert settings_ops.commune_settings(session)["attendance_threshold"] == 0.8  # nothing half-written


def test_enter_moves_on_in_the_profile_tab_and_answers_a_focused_button(qtbot, ctx, session):
    from ui.person.window import PersonWindow

    window = PersonWindow(ctx, None)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    profile = window.tab("profile")
    name = profile.editors["full_name"]
    name.setFocus()
    QTest.keyClick(name, Qt.Key.Key_Return)
    assert window.focusWidget() is not name

    dialog = StepDialog(ctx, make_person(session, "Vi Văn Hải"), kind="course_certificate")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert isinstance(cancel, QPushButton)
    cancel.setFocus()
    QTest.keyClick(cancel, Qt.Key.Key_Return)
    assert dialog.result() == StepDialog.DialogCode.Rejected and not dialog.isVisible()
