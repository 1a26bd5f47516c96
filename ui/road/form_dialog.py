"""The keyboard conventions of the road's dialogs (DESIGN §10): Enter moves to the next field
as on a paper form, Ctrl+S records, Esc cancels; a button with the focus still answers Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDialog, QWidget


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.submit)

    def submit(self) -> None:
        raise NotImplementedError

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and not isinstance(self.focusWidget(), QAbstractButton)):
            self.focusNextChild()
            return
        super().keyPressEvent(event)
