"""Enter moves to the next field, as on a paper form (DESIGN §10).

One event filter for every form: install it on a field, or on a whole dialog (key events a
field does not use reach the dialog, so Enter still moves on there instead of pressing the
default button). A button with the focus keeps answering Enter itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QWidget


class EnterMovesOn(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # - Qt's name
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            or event.modifiers() != Qt.KeyboardModifier.NoModifier
            or not isinstance(watched, QWidget)
        ):
            return False
        if isinstance(watched.focusWidget() or watched, QAbstractButton):
            return False
        watched.focusNextChild()
        return True
