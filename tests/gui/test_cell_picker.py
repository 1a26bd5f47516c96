"""Cell pickers: Vietnamese order, found by typing without diacritics."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from commune_app import vn
from tests.gui.qt_typing import press, type_text
from ui.widgets.choice_combo import CellPicker

pytestmark = pytest.mark.gui

CELLS = [
    {"id": 3, "name": "Chi bộ thôn Nà Lầu"},
    {"id": 1, "name": "Chi bộ thôn Bản Chắt"},
    {"id": 7, "name": "Chi bộ Trường Tiểu học Ba Sơn"},
    {"id": 2, "name": "Chi bộ thôn Ân Thịnh"},
    {"id": 5, "name": "Chi bộ thôn An Lạc"},
]


def test_cells_are_listed_in_vietnamese_order(qtbot):
    picker = CellPicker(CELLS)
    qtbot.addWidget(picker)
    names = [picker.itemText(i) for i in range(picker.count())]
    assert names == sorted((c["name"] for c in CELLS), key=vn.collation_key)
    assert names.index("Chi bộ thôn An Lạc") < names.index("Chi bộ thôn Ân Thịnh")  # a before â


def test_typing_na_lau_selects_the_cell(qtbot):
    picker = CellPicker(CELLS, blank="(chưa chọn)")
    qtbot.addWidget(picker)
    picker.show()
    type_text(picker.lineEdit(), "na lau")
    press(picker.lineEdit(), Qt.Key.Key_Tab)
    picker.lineEdit().editingFinished.emit()
    assert picker.currentText() == "Chi bộ thôn Nà Lầu"
    assert picker.value() == "3"


def test_text_that_names_no_cell_is_no_value(qtbot):
    picker = CellPicker(CELLS, blank="(chưa chọn)")
    qtbot.addWidget(picker)
    picker.setEditText("thôn không có")
    assert picker.value() == ""
    picker.lineEdit().editingFinished.emit()
    assert picker.currentText() == ""
