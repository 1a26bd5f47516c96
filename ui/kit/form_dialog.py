"""The form dialog every input dialog of the window uses.

- An error line under the form that keeps its room from the start, so nothing moves under
  the mouse when a refusal appears.
- Enter moves to the next field as on a paper form, and records on the last one; a button
  with the focus still answers Enter itself. Ctrl+S records from anywhere.
- Esc (or Hủy, or closing) asks before dropping what was typed; with nothing typed it just
  closes.
- ``apply()`` of the subclass hands the input to its operation; a refusal is shown in the
  error line, titled "Không có quyền" when it is one of permission, and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from commune_app.errors import Refused
from ui.kit import vn_buttons
from ui.kit.refusals import refusal_text

ERROR_STYLE = "color: #b00020;"
ERROR_LINES = 2  # the room the error line keeps from the start


def _value(widget: QWidget) -> Any:
    """What the clerk can change in an input widget, to tell whether anything was typed."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QCheckBox):
        return widget.checkState()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    if isinstance(widget, QTableWidget):
        items = (widget.item(r, c) for r in range(widget.rowCount()) for c in range(widget.columnCount()))
        return tuple(item.text() if item is not None else "" for item in items)
    return None


class _Keys(QObject):
    """Enter on a field: the next field, or record when it is the last one."""

    def __init__(self, dialog: FormDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            or event.modifiers() not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            return False
        focus = self.dialog.focusWidget()
        if focus is None or isinstance(focus, QAbstractButton):
            return False  # a button with the focus answers Enter itself
        fields = self.dialog.fields()
        if fields and (focus is fields[-1] or fields[-1].isAncestorOf(focus)):
            self.dialog.submit()
        else:
            self.dialog.focusNextChild()
        return True


class FormDialog(QDialog):
    """A dialog that gathers input; subclasses fill ``self.form`` (or ``self.body``) and define
    ``apply()``, which raises ``Refused`` with Vietnamese reasons when the input is refused."""

    apply: Callable[[], None]

    def __init__(
        self, title: str, parent: QWidget | None = None, *, ok_text: str = "Lưu", min_width: int = 520
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(min_width)
        self.form = QFormLayout()
        self.body = QVBoxLayout()
        self.body.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setMinimumHeight(ERROR_LINES * self.error.fontMetrics().lineSpacing())
        self.buttons = vn_buttons.button_box(vn_buttons.SB.Ok | vn_buttons.SB.Cancel)
        self.ok_button = self.buttons.button(vn_buttons.SB.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setAutoDefault(False)  # Enter belongs to the fields (see _Keys)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)
        self.installEventFilter(_Keys(self))
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._shown_values: list[Any] | None = None

    # --- the fields ---------------------------------------------------------------------

    def fields(self) -> list[QWidget]:
        """The input fields in the order Tab visits them."""
        out: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self and len(out) < 500:
            if (
                _value(widget) is not None
                and not isinstance(widget, QAbstractButton)
                and widget.isVisibleTo(self)
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not any(w.isAncestorOf(widget) for w in out)
            ):
                out.append(widget)
            widget = widget.nextInFocusChain()
        return out

    def _values(self) -> list[Any]:
        return [_value(w) for w in self.findChildren(QWidget) if _value(w) is not None]

    def has_typed(self) -> bool:
        return self._shown_values is not None and self._values() != self._shown_values

    def showEvent(self, event: QShowEvent) -> None:
        if self._shown_values is None:
            self._shown_values = self._values()  # what "nothing typed" looks like
        super().showEvent(event)

    # --- recording ----------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def submit(self) -> None:
        self.error.clear()
        try:
            self.apply()
        except Refused as exc:
            self.show_error(refusal_text(exc))
            return
        self._shown_values = None  # recorded: nothing left to lose
        self.accept()

    # --- leaving ------------------------------------------------------------------------

    def reject(self) -> None:
        if self.has_typed():
            answer = vn_buttons.ask(
                self,
                "Bỏ nội dung đã nhập?",
                "Những gì đã nhập trong hộp này chưa được ghi.",
                [("discard", "Bỏ, không ghi"), ("keep", "Tiếp tục nhập")],
                "keep",
            )
            if answer != "discard":
                return
        self._shown_values = None
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_typed():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)


def password_field() -> QLineEdit:
    """A line whose text is shown as dots: every password the program asks for."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field
