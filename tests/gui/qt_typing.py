"""Typing Vietnamese into widgets in tests.

``qtbot.keyClicks`` aborts the whole run on any non-ASCII character (a Qt assertion in
qasciikey.cpp), so each character is sent as a key event carrying its text, which is also
what Vietnamese input methods end up delivering.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for ch in unicodedata.normalize("NFC", text):
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def press(widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifier)
