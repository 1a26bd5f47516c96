"""Qt's own dialogs speak Vietnamese: walk them and look for Qt's English strings."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from ui.kit import vn_buttons

pytestmark = pytest.mark.gui

# Qt's English a clerk would meet (standard buttons, file dialog, context menu, input dialog).
ENGLISH = re.compile(
    r"\b(Look in|Files of type|File name|Cancel|Open|Save|Yes|No|OK|Undo|Redo|Cut|Copy|Paste|"
    r"Delete|Select All|Back|Forward|Parent Directory|New Folder|List View|Detail View|Name|Size|"
    r"Type|Date Modified|Rename|Show|hidden files|Enter a value|Details|All Files)\b"
)


def _texts(widget: QWidget) -> set[str]:
    found: set[str] = set()
    for child in [widget, *widget.findChildren(QWidget)]:
        for getter in ("text", "title", "placeholderText", "toolTip"):
            method = getattr(child, getter, None)
            if callable(method):
                try:
                    value = method()
                except TypeError:
                    continue
                if isinstance(value, str) and value:
                    found.add(value)
        if isinstance(child, QComboBox):
            found |= {child.itemText(i) for i in range(child.count())}
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            found |= {str(model.headerData(i, Qt.Orientation.Horizontal) or "") for i in range(model.columnCount())}
    found |= {action.text() for action in widget.findChildren(QAction)}
    return {text for text in found if text}


def _english(texts: set[str]) -> list[str]:
    return sorted(t for t in texts if ENGLISH.search(t.replace("&", "")))


@pytest.fixture(autouse=True)
def _translator(qapp):
    vn_buttons.install_translator()


def test_file_dialog_is_vietnamese(qtbot, tmp_path):
    dialog = QFileDialog(None, "Lưu báo cáo", str(tmp_path), "Bảng tính (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own: the one to translate
    qtbot.addWidget(dialog)
    dialog.show()
    assert _english(_texts(dialog)) == []


def test_message_box_input_dialog_and_context_menu_are_vietnamese(qtbot):
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Lỗi",
        "Không ghi được.",
        QMessageBox.StandardButton.Ok
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No,
    )
    box.setDetailedText("chi tiết")
    qtbot.addWidget(box)
    box.show()
    dialog = QInputDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = _texts(box) | _texts(dialog) | {a.text() for a in menu.actions() if a.text()}
    assert _english(texts) == []


def test_unknown_strings_are_left_alone():
    assert vn_buttons.translate_qt("Chi bộ thôn Nà Lầu") is None
    assert vn_buttons.translate_qt("&Look in:") == "Tìm trong:"
