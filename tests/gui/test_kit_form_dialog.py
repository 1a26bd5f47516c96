"""The kit's form dialog: Enter moves on and records on the last field, Ctrl+S records,
Esc asks only when something was typed, refusals in the error line with the right title."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox

from commune_app.errors import NotAllowed, Refused
from tests.gui.qt_typing import press, type_text
from tests.gui.shell_fixtures import dialogs  # noqa: F401 - fixture
from ui.kit.form_dialog import FormDialog

pytestmark = pytest.mark.gui


class _Sample(FormDialog):
    def __init__(self, refuse: Refused | None = None) -> None:
        super().__init__("Thử")
        self.name, self.count = QLineEdit(), QSpinBox()
        self.form.addRow("Tên:", self.name)
        self.form.addRow("Số:", self.count)
        self.refuse, self.applied = refuse, 0

    def apply(self) -> None:
        if self.refuse:
            raise self.refuse
        self.applied += 1


@pytest.fixture
def dialog(qtbot):
    made = _Sample()
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def test_enter_moves_on_then_records_on_the_last_field(qtbot, dialog):
    type_text(dialog.name, "Chi bộ thôn Nà Lầu")
    press(dialog.name, Qt.Key.Key_Return)
    assert dialog.focusWidget() is not dialog.name and dialog.applied == 0
    press(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.applied == 1 and dialog.result() == FormDialog.DialogCode.Accepted


def test_ctrl_s_records_from_any_field(qtbot, dialog):
    type_text(dialog.name, "An")
    press(dialog.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.applied == 1


def test_esc_with_nothing_typed_closes_without_asking(qtbot, dialog, dialogs):
    press(dialog.name, Qt.Key.Key_Escape)
    assert dialogs.asked == [] and not dialog.isVisible()


def test_esc_after_typing_asks_and_keeps_the_text_by_default(qtbot, dialog, dialogs):
    type_text(dialog.name, "Lò Thị Hoa")
    dialogs.answers = ["keep"]
    press(dialog.name, Qt.Key.Key_Escape)
    assert dialogs.asked == ["Những gì đã nhập trong hộp này chưa được ghi."]
    assert dialog.isVisible() and dialog.name.text() == "Lò Thị Hoa"
    dialogs.answers = ["discard"]
    press(dialog.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_refusal_stays_in_the_error_line_without_moving_the_form(qtbot, dialogs):
    made = _Sample(NotAllowed("Tài khoản chỉ xem không ghi được."))
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    before = made.count.mapTo(made, made.count.rect().topLeft())
    made.submit()
    assert made.isVisible() and made.error.text() == "Không có quyền: Tài khoản chỉ xem không ghi được."
    made.layout().activate()
    assert made.count.mapTo(made, made.count.rect().topLeft()) == before
    made.refuse = Refused("Ngày họp trước ngày nộp đơn.")
    made.submit()
    assert made.error.text() == "Ngày họp trước ngày nộp đơn."


def _step_dialog(ctx, person_id):
    from ui.road.step_dialog import StepDialog

    dialog = StepDialog(ctx, person_id, kind="application")
    return dialog, dialog.step_form.date


def _member_picker(ctx, person_id):
    from ui.road.introducer_picker import MemberPicker

    picker = MemberPicker(ctx, person_id, role="introducer")
    return picker, picker.unit


def _relative_dialog(ctx, person_id):
    from ui.person.tab_relatives import RelativeDialog

    dialog = RelativeDialog(ctx, person_id)
    return dialog, dialog.full_name


def _user_dialog(ctx, _person_id):
    from ui.accounts.users_page import UserDialog

    dialog = UserDialog(ctx)
    return dialog, dialog.full_name


def _settings_dialog(ctx, _person_id):
    from ui.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx)
    return dialog, dialog.profile_fields["secretary"]


@pytest.mark.parametrize("make", [_step_dialog, _member_picker, _relative_dialog, _user_dialog, _settings_dialog])
def test_the_road_dialogs_are_on_the_kit_and_esc_keeps_typed_text(qtbot, session, dialogs, make):
    """The step dialog, the member picker and the relative dialog had their own base, the account
    and settings dialogs none: Esc dropped what was typed without a word (issue 18 item 9)."""
    from tests.factories import make_cell, make_person
    from tests.gui.road_data import ui_context

    ctx = ui_context(session)
    person_id = make_person(session, "Lò Thị Mai", cell_id=make_cell(session))
    dialog, field = make(ctx, person_id)
    assert isinstance(dialog, FormDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(field, "12/03/2026" if "date" in type(field).__name__.lower() else "Trần Văn Hải")
    dialogs.answers = ["keep"]
    press(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialogs.asked == ["Những gì đã nhập trong hộp này chưa được ghi."]
    field.clear()
    press(dialog, Qt.Key.Key_Escape)  # nothing typed any more: it closes without a question
    assert not dialog.isVisible() and len(dialogs.asked) == 1
