"""The "Quá trình" tab driven as the clerk drives it: record every step up to admission through
the step dialogs and the introducer picker, watch the status change; a refused cell meeting;
correcting and withdrawing a wrong entry with its reason kept in the audit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from commune_app.domain.road import KINDS
from commune_app.ops import people as people_ops
from commune_app.ops.context import Actor
from tests.core.road_fixtures import verify_parents
from tests.factories import make_person
from tests.gui.qt_typing import type_text
from tests.gui.road_data import complete_dossier, make_cell_with_members, make_member, ui_context
from ui.person import tab_road
from ui.person.tab_road import RoadTab
from ui.road.introducer_picker import MemberPicker
from ui.road.step_dialog import StepDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(session):
    return ui_context(session)


def _dialog(qtbot, ctx, person_id: int, kind: str) -> StepDialog:
    dialog = StepDialog(ctx, person_id, kind=kind)
    qtbot.addWidget(dialog)
    return dialog


def _record(
    qtbot,
    ctx,
    person_id: int,
    kind: str,
    date: str,
    *,
    doc: str = "",
    issuer: str = "",
    votes: dict[str, int] | None = None,
    **texts: str,
) -> StepDialog:
    dialog = _dialog(qtbot, ctx, person_id, kind)
    form = dialog.step_form
    type_text(form.date, date)
    if doc:
        type_text(form.doc_number, doc)
    if issuer:
        type_text(form.issuer, issuer)
    for key, value in texts.items():
        type_text(form.inputs[key], value)
    for key, value in (votes or {}).items():
        form.votes.spins[key].setValue(value)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    return dialog


def _status(ctx, person_id: int) -> str:
    return people_ops.get_person(ctx.session, person_id)["status"]


def _row_of(tab: RoadTab, label_part: str) -> int:
    for row in range(tab.timeline.rowCount()):
        if label_part in tab.timeline.item(row, 1).text():
            return row
    raise AssertionError(f"no timeline row with {label_part!r}")


def test_recording_each_step_up_to_admission_changes_the_status(qtbot, ctx, session, monkeypatch):
    cell_id, members = make_cell_with_members(session)
    person_id = make_person(session, "Lường Thị Mai", cell_id=cell_id, gender="F", education_general="12/12")
    tab = RoadTab(ctx, person_id)
    qtbot.addWidget(tab)
    assert "Quần chúng ưu tú" in tab.status.text()

    for kind, date, issuer in [
        ("course_certificate", "10/03/2026", "Trường Chính trị tỉnh"),
        ("application", "01/04/2026", ""),
        ("background_declared", "10/04/2026", ""),
        ("pages_sealed", "15/04/2026", ""),
        ("background_certified", "01/06/2026", "Đảng ủy xã"),
    ]:
        if kind == "background_certified":  # the lý lịch is certified once the parents are verified
            verify_parents(session, person_id, sent="2026-04-20", replied="2026-05-15")
        dialog = _record(qtbot, ctx, person_id, kind, date, issuer=issuer)
        assert dialog.result() == StepDialog.DialogCode.Accepted, dialog.error.text()
    assert _status(ctx, person_id) == "candidate"
    assert "Người xin vào Đảng" in tab.status.text()  # the tab refreshed on ctx.notify
    assert tab.timeline.rowCount() == 5

    for member_id in members[:2]:
        picker = MemberPicker(ctx, person_id, role="introducer", on_date=session.today)
        qtbot.addWidget(picker)
        row = next(r for r, o in enumerate(picker.options) if o.member["id"] == member_id)
        picker.table.selectRow(row)
        type_text(picker.together_from, "01/01/2020")
        type_text(picker.document_on, "15/09/2026")
        picker.buttons.button(picker.buttons.StandardButton.Ok).click()
        assert picker.result() == MemberPicker.DialogCode.Accepted, picker.error.text()
    assert "Phân công người giới thiệu: Hoàng Văn Bình" in tab.timeline.item(_row_of(tab, "Hoàng Văn Bình"), 1).text()

    _record(qtbot, ctx, person_id, "opinions_summary", "20/09/2026", issuer="Chi ủy")
    assert tab.view.next_step.kind == "cell_meeting"
    assert "Nghị quyết chi bộ đề nghị kết nạp" in tab.next_label.text()

    meeting = _record(
        qtbot,
        ctx,
        person_id,
        "cell_meeting",
        "12/10/2026",
        doc="07-NQ/CB",
        votes={"official_total": 4, "official_present": 4, "probationary_present": 0, "votes_for": 4},
    )
    assert meeting.result() == StepDialog.DialogCode.Accepted, meeting.error.text()
    assert session.store.scalar("SELECT stage FROM people WHERE id = ?", [person_id]) == "cell_approved"
    assert "Tán thành 4/4 — Đạt" in tab.timeline.item(_row_of(tab, "đề nghị kết nạp"), 4).text()
    assert "Hạn" in tab.next_label.text() and "ngày làm việc" in tab.next_label.text()

    decision = _record(
        qtbot,
        ctx,
        person_id,
        "admission_decision",
        "02/11/2026",
        doc="21-QĐ/ĐU",
        issuer="Ban Thường vụ Đảng ủy xã",
        received_on="05/11/2026",
    )
    assert decision.result() == StepDialog.DialogCode.Accepted, decision.error.text()
    assert _status(ctx, person_id) == "probationary"
    assert "Đảng viên dự bị" in tab.status.text()
    assert tab.view.next_step.kind == "ceremony"

    # The next-step button opens the ceremony's form; the modal exec is answered for the clerk.
    def fill_ceremony(dialog: StepDialog) -> int:
        assert dialog.step_form.kind == "ceremony"
        type_text(dialog.step_form.date, "16/11/2026")
        assert "kết thúc ngày 16/11/2027" in dialog.step_form.preview.text()
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(StepDialog, "exec", fill_ceremony)
    tab.next_button.click()
    assert session.store.scalar("SELECT ceremony_on FROM people WHERE id = ?", [person_id]) == "2026-11-16"
    assert "Đang dự bị" in tab.status.text()
    deadlines = [tab.deadlines.item(i).text() for i in range(tab.deadlines.count())]
    assert any(text.startswith("16/11/2027: Hết 12 tháng dự bị") for text in deadlines)


def test_under_18_cell_meeting_is_refused_with_the_age_rule(qtbot, ctx, session):
    cell_id, members = make_cell_with_members(session)
    person_id = make_person(
        session, "Triệu Văn Nam", cell_id=cell_id, birth_date="2009-02-10", education_general="12/12"
    )
    complete_dossier(session, person_id, members[:2])
    before = session.store.scalar("SELECT count(*) FROM milestones WHERE person_id = ?", [person_id])

    dialog = _record(
        qtbot,
        ctx,
        person_id,
        "cell_meeting",
        "20/11/2026",
        votes={"official_total": 4, "official_present": 4, "probationary_present": 0, "votes_for": 4},
    )
    assert dialog.result() != StepDialog.DialogCode.Accepted
    assert dialog.error.text()
    assert "Chưa đủ 18 tuổi tính theo tháng tại ngày họp chi bộ 20/11/2026: 17 tuổi 9 tháng" in dialog.error.text()
    assert session.store.scalar("SELECT count(*) FROM milestones WHERE person_id = ?", [person_id]) == before
    assert _status(ctx, person_id) == "candidate"

    tab = RoadTab(ctx, person_id)
    qtbot.addWidget(tab)
    codes = [tab.findings.item(i).data(Qt.ItemDataRole.UserRole) for i in range(tab.findings.count())]
    assert "AGE-MIN" in codes
    age = next(
        tab.findings.item(i)
        for i in range(tab.findings.count())
        if tab.findings.item(i).data(Qt.ItemDataRole.UserRole) == "AGE-MIN"
    )
    assert age.text().startswith("Chặn: Chưa đủ 18 tuổi")
    assert age.data(Qt.ItemDataRole.UserRole) == "AGE-MIN"
    assert "Điều lệ Đảng" in age.toolTip()


def test_withdraw_asks_a_reason_and_keeps_it_in_the_audit(qtbot, ctx, session, monkeypatch):
    cell_id, members = make_cell_with_members(session)
    person_id = make_person(session, "Sầm Văn Phúc", cell_id=cell_id, education_general="12/12")
    complete_dossier(session, person_id, members[:2])
    tab = RoadTab(ctx, person_id)
    qtbot.addWidget(tab)
    row = _row_of(tab, "Tổng hợp ý kiến")
    tab.timeline.selectRow(row)
    assert tab.withdraw_button.isEnabled()

    monkeypatch.setattr(tab_road, "ask_reason", lambda *args: "")
    warned = []
    monkeypatch.setattr(tab_road.vn_buttons, "warn", lambda *args, **kw: warned.append(args[2]))
    tab.withdraw_button.click()
    assert warned == ["Cần ghi lý do hủy."]  # an empty reason withdraws nothing

    monkeypatch.setattr(tab_road, "ask_reason", lambda *args: "Nhập nhầm người")
    tab.withdraw_button.click()
    assert all("Tổng hợp ý kiến" not in tab.timeline.item(r, 1).text() for r in range(tab.timeline.rowCount()))
    summary = session.store.scalar("SELECT summary FROM audit WHERE action = 'withdraw' AND person_id = ?", [person_id])
    assert "Nhập nhầm người" in summary
    assert tab.view.next_step.kind == "opinions_summary"


def test_correcting_a_step_needs_a_reason(qtbot, ctx, session):
    cell_id, members = make_cell_with_members(session)
    person_id = make_person(session, "Hà Thị Quyên", cell_id=cell_id, education_general="12/12")
    complete_dossier(session, person_id, members[:2])
    tab = RoadTab(ctx, person_id)
    qtbot.addWidget(tab)
    entry = tab.view.entries[_row_of(tab, "Giấy chứng nhận lớp bồi dưỡng")]

    dialog = StepDialog(ctx, person_id, milestone=tab.milestone_of(entry))
    qtbot.addWidget(dialog)
    assert dialog.step_form.date.text() == "10/03/2026"
    dialog.step_form.doc_number.setText("125/GCN")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "Cần ghi lý do sửa" in dialog.error.text()
    type_text(dialog.reason, "Bổ sung số giấy chứng nhận")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.result() == StepDialog.DialogCode.Accepted, dialog.error.text()
    assert tab.timeline.item(_row_of(tab, "Giấy chứng nhận lớp bồi dưỡng"), 2).text() == "125/GCN"
    summary = session.store.scalar("SELECT summary FROM audit WHERE action = 'correct' AND person_id = ?", [person_id])
    assert "Bổ sung số giấy chứng nhận" in summary


def test_enter_moves_on_and_ctrl_s_records(qtbot, ctx, session):
    person_id = make_person(
        session, "Vi Văn Hải", cell_id=make_cell_with_members(session)[0], education_general="12/12"
    )
    dialog = _dialog(qtbot, ctx, person_id, "course_certificate")
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    type_text(dialog.step_form.date, "10/03/2026")
    QTest.keyClick(dialog.step_form.date, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.step_form.doc_number  # Enter did not record
    type_text(dialog.step_form.doc_number, "88/GCN")
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == StepDialog.DialogCode.Accepted, dialog.error.text()
    assert session.store.scalar("SELECT doc_number FROM milestones WHERE person_id = ?", [person_id]) == "88/GCN"


def test_transfer_out_and_death_are_dated_milestones(qtbot, ctx, session):
    _cell_id, members = make_cell_with_members(session)
    leaving, dying = members[0], members[1]
    dialog = _dialog(qtbot, ctx, leaving, "transfer_out")
    form = dialog.step_form
    form.inputs["transfer_kind"].setCurrentIndex(form.inputs["transfer_kind"].findData("official"))
    form.inputs["scope"].setCurrentIndex(form.inputs["scope"].findData("within_province"))
    type_text(form.date, "10/11/2026")
    type_text(form.inputs["to_unit"], "Đảng bộ phường Đông Kinh")
    type_text(form.inputs["trigger_decision_on"], "01/10/2026")
    assert "60 ngày làm việc sau quyết định" in form.preview.text()
    dialog.submit()
    assert dialog.result() == StepDialog.DialogCode.Accepted, dialog.error.text()
    assert _status(ctx, leaving) == "transferred_out"

    tab = RoadTab(ctx, dying)
    qtbot.addWidget(tab)
    death = _record(qtbot, ctx, dying, "death", "05/11/2026")
    assert death.result() == StepDialog.DialogCode.Accepted, death.error.text()
    assert _status(ctx, dying) == "deceased"
    assert "Đã từ trần" in tab.status.text()
    assert tab.timeline.item(tab.timeline.rowCount() - 1, 1).text() == "Từ trần"
    assert tab.view.next_step is None and tab.next_button.isHidden()


def test_a_viewer_sees_the_road_but_cannot_change_it(qtbot, ctx, session):
    cell_id, members = make_cell_with_members(session)
    person_id = make_person(session, "Hà Thị Quyên", cell_id=cell_id, education_general="12/12")
    complete_dossier(session, person_id, members[:2])
    session.actor = Actor(username="xem", role="viewer")
    tab = RoadTab(ctx, person_id)
    qtbot.addWidget(tab)
    tab.timeline.selectRow(0)
    assert tab.timeline.rowCount() == 8
    assert not any(
        b.isEnabled()
        for b in (
            tab.any_button,
            tab.next_button,
            tab.correct_button,
            tab.withdraw_button,
            tab.introducer_button,
            tab.mentor_button,
        )
    )


def test_the_any_step_menu_offers_every_kind_once():
    listed = [code for _title, codes in tab_road.MENU_GROUPS for code in codes]
    assert set(listed) == {k.code for k in KINDS}  # the helper's review is offered before and after admission


def test_a_past_end_of_probation_is_not_shown_as_late(qtbot, ctx, session):
    """Probation ended 01/10/2026 (today 20/11/2026): the end reads as passed, in the normal colour;
    only the 30 working days the cell has to meet are a deadline that can be late."""
    cell_id, _members = make_cell_with_members(session)
    person = make_member(session, "Nông Thị Mai", cell_id, official=False, admitted="2025-09-02")
    with session.write() as audit:  # make_member holds its ceremony on 01/04; move it to 01/10/2025
        session.store.conn.execute(
            "UPDATE milestones SET date = '2025-10-01' WHERE person_id = ? AND kind = 'ceremony'", [person]
        )
        audit.record("test", "person", person, person_id=person)
    tab = RoadTab(ctx, person)
    qtbot.addWidget(tab)
    texts = [tab.deadlines.item(i).text() for i in range(tab.deadlines.count())]
    end = next(i for i, t in enumerate(texts) if "tháng dự bị" in t)
    assert texts[end].startswith("01/10/2026: Hết 12 tháng dự bị (đã qua")
    assert "quá hạn" not in texts[end]
    assert tab.deadlines.item(end).foreground().color() != tab_road.BLOCKING_COLOUR


def test_the_notes_column_is_in_view_at_the_person_window_size(qtbot, ctx, session):
    """Ghi chú carries the vote result and the end of probation: it must not start off screen."""
    _cell_id, members = make_cell_with_members(session)
    tab = RoadTab(ctx, members[0])
    qtbot.addWidget(tab)
    tab.resize(1000, 640)  # the person window opens at 1000 × 700
    tab.show()
    qtbot.waitExposed(tab)
    notes_left = tab.timeline.columnViewportPosition(4)
    assert notes_left + 100 <= tab.timeline.viewport().width()
