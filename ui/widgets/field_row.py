"""A form field with its error shown right under it, in Vietnamese, after the clerk leaves it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

ERROR_COLOUR = QColor("#b00020")


class FieldWithError(QWidget):
    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error_label = QLabel(self)
        # a palette, not a style sheet: a person's form has forty of these and opens at once
        palette = self.error_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
        self.error_label.setPalette(palette)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self._marked = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        # The row takes the form's width so a reason under a short box (Giới tính, a date) reads
        # on one line instead of being wrapped to the box and cut; the short box keeps its size.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        grows = bool(editor.sizePolicy().expandingDirections() & Qt.Orientation.Horizontal)
        layout.addWidget(editor, 0, Qt.AlignmentFlag(0) if grows else Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error_label)
        self.setFocusProxy(editor)

    def set_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        if bool(text) != self._marked:  # restyle only when the state changes
            self._marked = bool(text)
            self.editor.setStyleSheet("border: 1px solid #b00020;" if text else "")

    def error(self) -> str:
        return self.error_label.text()
