"""Person windows are top-level windows of their own: behind the main window, several at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.factories import make_person
from tests.gui.qt_typing import type_text
from tests.gui.shell_fixtures import ctx, dialogs, main_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui


def test_person_window_is_unowned_and_can_go_behind_the_main_window(qtbot, main_window):
    first = make_person(main_window.ctx.session, "Nguyễn Văn An")
    second = make_person(main_window.ctx.session, "Lò Thị Bình")
    main_window.open_person(first)
    main_window.open_person(second)
    windows = main_window.person_windows()
    assert len(windows) == 2
    for window in windows:
        assert window.parent() is None and window.isWindow()
        assert window.windowFlags() & Qt.WindowType.Window
        assert not any(b.isDefault() for b in window.findChildren(QPushButton))  # Enter never deletes
    windows[0].lower()
    main_window.raise_()
    assert all(w.isVisible() for w in windows)


def test_reopening_a_person_raises_the_same_window_in_its_place(qtbot, main_window):
    person = make_person(main_window.ctx.session, "Nguyễn Văn An")
    main_window.open_person(person)
    window = main_window.person_windows()[0]
    window.setGeometry(40, 50, 900, 600)
    main_window.open_person(person)
    assert main_window.person_windows() == [window]
    left = window.geometry()
    assert window.close()
    qtbot.waitUntil(lambda: main_window.person_windows() == [], timeout=2000)
    main_window.open_person(person)
    again = main_window.person_windows()[0]
    assert again is not window
    assert again.geometry().size() == left.size()


def test_closing_the_main_window_asks_about_a_person_with_unsaved_changes(qtbot, main_window, dialogs):
    person = make_person(main_window.ctx.session, "Nguyễn Văn An")
    main_window.open_person(person)
    window = main_window.person_windows()[0]
    type_text(window.tab("profile").editors["full_name"], " Bình")
    dialogs.answers = ["keep"]
    assert not main_window.close()
    assert dialogs.asked == ["Hồ sơ có thay đổi chưa lưu. Lưu trước khi đóng?"]
    assert window.isVisible()
    window._forget_changes()  # pytest-qt closes the main window again at teardown


def test_a_to_do_item_opens_the_person_on_the_road_tab(qtbot, main_window):
    person = make_person(main_window.ctx.session, "Nguyễn Văn An")
    main_window.ctx.open_person(person, "road")
    window = main_window.person_windows()[0]
    assert window.tabs.currentWidget() is window.tab("road")
