"""The keyboard conventions of the road's dialogs (DESIGN §10): Enter moves to the next field
as on a paper form, Ctrl+S records, Esc cancels; a button with the focus still answers Enter."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget

from ui.widgets.enter_moves_on import EnterMovesOn


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.submit)
        self.installEventFilter(EnterMovesOn(self))

    def submit(self) -> None:
        raise NotImplementedError
