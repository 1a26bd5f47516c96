"""The person editor: create, validate on leaving a field, duplicates, Esc and closing safely."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from commune_app.ops import people as people_ops
from tests.factories import make_cell, make_person
from tests.gui.qt_typing import type_text
from tests.gui.shell_fixtures import ctx, dialogs, main_window  # noqa: F401 - fixtures
from ui.person import discover, duplicates
from ui.person.window import PersonWindow

pytestmark = pytest.mark.gui


def _new_window(qtbot, ctx) -> PersonWindow:
    window = PersonWindow(ctx, None)
    qtbot.addWidget(window)
    window.show()
    return window


def _fill(window: PersonWindow, name: str, birth: str, gender: str = "M") -> None:
    profile = window.tab("profile")
    type_text(profile.editors["full_name"], name)
    profile.editors["gender"].set_value(gender)
    type_text(profile.editors["birth_date"], birth)
    profile.editors["birth_date"].editingFinished.emit()


def test_create_in_editor_then_find_without_diacritics(qtbot, main_window, ctx):
    cell = make_cell(ctx.session, "Chi bộ thôn Nà Lầu")
    window = _new_window(qtbot, ctx)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Lý lịch"]
    _fill(window, "Đặng Thị Ánh Tuyết", "7/3/2001", "F")
    profile = window.tab("profile")
    assert "Tên: Tuyết" in profile.name_split.text() and "Tên đệm: Thị Ánh" in profile.name_split.text()
    assert profile.editors["birth_date"].text() == "07/03/2001"
    profile.cell_combo.set_value(str(cell))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.person_id is not None
    assert window.windowTitle() == "Đặng Thị Ánh Tuyết"
    assert window.tabs.count() == len(discover()) and not window.has_unsaved_changes()
    stored = people_ops.get_person(ctx.session, window.person_id)
    assert (stored["birth_date"], stored["gender"], stored["cell_id"]) == ("2001-03-07", "F", cell)

    page = main_window.page_widget("candidates")
    type_text(page.search, "tuyet dang")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.model.id_at(0) == window.person_id
    assert page.count_label.text() == "Có 1 người"


def test_field_checked_on_leaving_with_reason_beside_it(qtbot, ctx):
    window = _new_window(qtbot, ctx)
    profile = window.tab("profile")
    type_text(profile.editors["birth_date"], "31/02/2001")
    profile.editors["birth_date"].editingFinished.emit()
    row = profile.rows["birth_date"]
    assert row.error_label.isVisibleTo(window) and "không có trong lịch" in row.error_label.text()
    type_text(profile.editors["cccd"], "12345")
    profile.editors["cccd"].editingFinished.emit()
    assert "12 chữ số" in profile.rows["cccd"].error_label.text()
    assert profile.rows["full_name"].error_label.text() == ""  # not touched yet: no error shown
    assert not window.save_all()
    assert "không được để trống" in profile.rows["full_name"].error_label.text()
    assert people_ops.count(ctx.session, people_ops.PeopleFilter()) == 0


def test_unsaved_changes_survive_an_accidental_esc(qtbot, ctx, dialogs):
    person = make_person(ctx.session, "Nguyễn Văn An")
    window = PersonWindow(ctx, person)
    qtbot.addWidget(window)
    window.show()
    name = window.tab("profile").editors["full_name"]
    name.clear()
    type_text(name, "Nguyễn Văn Ân")
    dialogs.answers = ["keep"]
    QTest.keyClick(name, Qt.Key.Key_Escape)
    assert dialogs.asked == ["Bỏ các thay đổi chưa lưu?"]
    assert window.isVisible() and name.text() == "Nguyễn Văn Ân"
    dialogs.answers = ["save"]
    assert window.close()
    assert people_ops.get_person(ctx.session, person)["full_name"] == "Nguyễn Văn Ân"


def test_esc_without_changes_closes_and_discard_drops_them(qtbot, ctx, dialogs):
    person = make_person(ctx.session, "Nguyễn Văn An")
    window = PersonWindow(ctx, person)
    qtbot.addWidget(window)
    window.show()
    name = window.tab("profile").editors["full_name"]
    type_text(name, " Bình")
    dialogs.answers = ["discard"]
    window.reject()
    assert not window.isVisible()
    assert people_ops.get_person(ctx.session, person)["full_name"] == "Nguyễn Văn An"


def test_likely_duplicate_is_shown_with_the_other_record(qtbot, ctx, monkeypatch):
    other = make_person(ctx.session, "Lò Văn Pấng", birth_date="1998-08-12")
    seen: list[str] = []

    def answer(dialog):
        seen.append(dialog.text())
        dialog.choice = ("open", other)
        return 1

    monkeypatch.setattr(duplicates.DuplicateDialog, "exec", answer)
    opened: list[int] = []
    ctx.open_person_requested.connect(lambda person_id, _tab: opened.append(person_id))
    window = _new_window(qtbot, ctx)
    _fill(window, "Lò Văn Pấng", "12/08/1998")
    assert not window.save_all()
    assert "Lò Văn Pấng" in seen[0] and "12/08/1998" in seen[0]
    assert opened == [other]

    def save_anyway(dialog):
        dialog.choice = ("save", None)
        return 1

    monkeypatch.setattr(duplicates.DuplicateDialog, "exec", save_anyway)
    assert window.save_all()
    assert window.person_id not in (None, other)


def test_keyboard_order_follows_the_form(qtbot, ctx):
    window = _new_window(qtbot, ctx)
    profile = window.tab("profile")
    order = []
    widget = profile.editors["full_name"]
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
        order.append(widget.objectName())
    assert order[:3] == ["field_other_names", "field_gender", "field_birth_date"]


def test_moving_from_the_profile_keeps_and_shows_the_history(qtbot, ctx, monkeypatch):
    from ui.person.move_dialog import MoveDialog

    old = make_cell(ctx.session, "Chi bộ thôn Nà Lầu")
    new = make_cell(ctx.session, "Chi bộ Công an xã")
    person = make_person(ctx.session, "Nguyễn Văn An", cell_id=old)
    window = PersonWindow(ctx, person)
    qtbot.addWidget(window)
    profile = window.tab("profile")
    assert profile.cell_label.text() == "Chi bộ thôn Nà Lầu" and profile.cell_history.text() == ""

    def move(dialog):
        dialog.cell.set_value(str(new))
        dialog.reason.setEditText("Đảng ủy phân công sinh hoạt ở chi bộ thuận lợi nhất")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(MoveDialog, "exec", move)
    profile.move_button.click()
    assert profile.cell_label.text() == "Chi bộ Công an xã"
    assert profile.cell_history.text() == (
        "Quá trình sinh hoạt: Chi bộ Công an xã: 20/11/2026 đến nay – Đảng ủy phân công sinh hoạt ở chi bộ "
        "thuận lợi nhất; Chi bộ thôn Nà Lầu: 20/11/2026 đến 20/11/2026 – Thêm mới"
    )
    assert not window.has_unsaved_changes()


def test_error_under_a_narrow_field_is_readable_in_full(qtbot, ctx):
    """The reason under the short Giới tính box gets the row's width, not the box's, so no line is cut."""
    window = _new_window(qtbot, ctx)
    window.resize(1200, 720)
    profile = window.tab("profile")
    type_text(profile.editors["full_name"], "Nguyễn Văn An")
    assert not profile.save()  # no gender chosen
    label = profile.rows["gender"].error_label
    qtbot.waitUntil(label.isVisible, timeout=2000)
    assert label.text()
    assert label.width() > profile.editors["gender"].width()
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()  # one line, uncut
    window._forget_changes()
