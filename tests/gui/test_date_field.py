"""The date field takes dates the way clerks type them and shows them as dd/mm/yyyy."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from tests.gui.qt_typing import press, type_text
from ui.widgets.date_field import DateField

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    "typed,shown",
    [
        ("05031998", "05/03/1998"),
        ("5/3/1998", "05/03/1998"),
        ("05.03.1998", "05/03/1998"),
        ("5-3-98", "05/03/1998"),
    ],
)
def test_quick_typing_is_read_and_shown_in_full(qtbot, typed, shown):
    field = DateField()
    qtbot.addWidget(field)
    type_text(field, typed)
    press(field, Qt.Key.Key_Return)
    assert field.text() == shown
    assert field.date() == dt.date(1998, 3, 5)
    assert field.problem() == ""


def test_a_date_that_is_not_one_is_explained(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    type_text(field, "31021998")
    assert "không có trong lịch" in field.problem()
