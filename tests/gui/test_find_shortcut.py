"""Ctrl+F from any page puts the cursor in a search box, ready to type."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.gui.qt_typing import press
from tests.gui.shell_fixtures import ctx, dialogs, main_window  # noqa: F401 - fixtures
from ui.shell.actions import PAGE_SEARCH
from ui.shell.pages import discover

pytestmark = pytest.mark.gui


def test_ctrl_f_focuses_a_search_box_from_every_page(qtbot, main_window):
    main_window.activateWindow()
    for page in (p for p in discover() if main_window.page_widget(p.key) is not None):
        main_window.page_widget(page.key)
        showing = main_window.stack.currentWidget()
        main_window.actions_registry["edit.find"].trigger()
        focused = main_window.focusWidget()
        assert isinstance(focused, QLineEdit) and focused.objectName() == PAGE_SEARCH, page.key
        own = showing.findChild(QLineEdit, PAGE_SEARCH)
        if own is not None:  # the page's own search, not another page's
            assert focused is own, page.key
        else:
            assert main_window.stack.currentWidget() is main_window.page_widget("candidates")


def test_ctrl_f_is_the_key(qtbot, main_window):
    assert main_window.actions_registry["edit.find"].shortcut().toString() == "Ctrl+F"
    main_window.page_widget("overview")
    main_window.activateWindow()
    press(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    focused = main_window.focusWidget()
    assert isinstance(focused, QLineEdit) and focused.objectName() == PAGE_SEARCH
