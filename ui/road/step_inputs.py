"""One input widget per field type of the step schema (commune_app.domain.steps), each reading
and filling the value the schema stores: a number that may be left blank, a choice with no
default, a text with the usual wording offered (never pre-filled), the organisations consulted.

``read`` raises ``InputError`` (Vietnamese, naming the field) for text that is not a value.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.domain import steps
from commune_app.domain.steps import StepField
from ui.kit.tables import keep_titles_whole
from ui.widgets.date_field import DateField

BLANK_CHOICE = "— Chọn —"


class InputError(ValueError):
    """A value typed into a step's field cannot be read (the message names the field)."""


class CountBox(QSpinBox):
    """A count that may be left blank ("—" below zero): blank is not the same as 0."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, 9999)
        self.setSpecialValueText("—")
        self.setValue(-1)
        self.setMaximumWidth(110)

    def count(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_count(self, value: Any) -> None:
        self.setValue(int(value) if isinstance(value, int) and not isinstance(value, bool) else -1)


class SuggestedText(QWidget):
    """A text field with the usual wording offered by a button: recording without pressing it
    stores nothing (issue: what the body wrote, never what the program assumes)."""

    textChanged = Signal()

    def __init__(self, long: bool, suggestion: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit: QLineEdit | QPlainTextEdit
        if long:
            self.edit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(54)
        else:
            self.edit = QLineEdit()
        self.edit.textChanged.connect(self.textChanged)
        layout.addWidget(self.edit)
        self.suggestion = suggestion
        self.use = QPushButton("Dùng câu gợi ý")
        self.use.setObjectName("useSuggestion")
        self.use.setToolTip(suggestion)
        self.use.setAutoDefault(False)
        self.use.clicked.connect(lambda: self.set_text(self.suggestion))
        self.use.setVisible(bool(suggestion))
        row = QHBoxLayout()
        row.addWidget(self.use)
        row.addStretch(1)
        layout.addLayout(row)

    def text(self) -> str:
        edit = self.edit
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def set_text(self, text: str) -> None:
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(text)
        else:
            self.edit.setText(text)


class OrganisationsEditor(QWidget):
    """The organisations consulted (5-KNĐ, 12-KNĐ): a row each, added and removed by buttons."""

    textChanged = Signal()

    COLUMNS = tuple(steps.ORGANISATION_KEYS)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([steps.ORGANISATION_KEYS[k][0] for k in self.COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 180)  # an organisation's name; the summary takes the rest
        header.setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(120)
        keep_titles_whole(self.table)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Thêm tổ chức")
        self.remove_button = QPushButton("Xóa dòng đang nhập")
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add_and_focus)
        self.remove_button.clicked.connect(self.remove_current)
        self._last: QWidget | None = None  # the cell last entered: its row is the one "Xóa" removes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self._last = watched
        return False

    def _add_and_focus(self) -> None:
        row = self.add_row()
        self._last = self.cell(row, "name")
        self._last.setFocus()

    def add_row(self, row: dict[str, Any] | None = None) -> int:
        row = row or {}
        index = self.table.rowCount()
        self.table.insertRow(index)
        for column, key in enumerate(self.COLUMNS):
            kind = steps.ORGANISATION_KEYS[key][1]
            widget: QWidget
            if kind == "int":
                widget = CountBox()
                widget.set_count(row.get(key))
                widget.valueChanged.connect(self.textChanged)
            elif kind == "date":
                widget = DateField()
                widget.set_date(row.get(key))
                widget.textChanged.connect(self.textChanged)
            else:
                widget = QLineEdit(str(row.get(key) or ""))
                widget.textChanged.connect(self.textChanged)
            widget.installEventFilter(self)
            self.table.setCellWidget(index, column, widget)
        self.table.resizeRowsToContents()
        self.textChanged.emit()
        return index

    def cell(self, row: int, key: str) -> QWidget:
        return self.table.cellWidget(row, self.COLUMNS.index(key))

    def remove_current(self) -> None:
        """Remove the row of the cell last entered (else the selected row, else the last one)."""
        rows = range(self.table.rowCount())
        row = next(
            (r for r in rows for c in range(len(self.COLUMNS)) if self.table.cellWidget(r, c) is self._last),
            self.table.currentRow() if self.table.currentRow() >= 0 else self.table.rowCount() - 1,
        )
        if row >= 0:
            self.table.removeRow(row)
            self.textChanged.emit()

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for index in range(self.table.rowCount()):
            row: dict[str, Any] = {}
            for key in self.COLUMNS:
                widget = self.cell(index, key)
                if isinstance(widget, CountBox):
                    row[key] = widget.count()
                elif isinstance(widget, DateField):
                    problem = widget.problem()
                    if problem:
                        raise InputError(f"{steps.ORGANISATION_KEYS[key][0]}, dòng {index + 1}: {problem}")
                    day = widget.date()
                    row[key] = day.isoformat() if day else None
                else:
                    row[key] = vn.nfc(widget.text()).strip() or None  # type: ignore[attr-defined]
            if any(value is not None for value in row.values()):
                out.append(row)
        return out

    def set_rows(self, rows: Any) -> None:
        self.table.setRowCount(0)
        for row in rows if isinstance(rows, list) else []:
            self.add_row(row if isinstance(row, dict) else {})


def make_input(item: StepField, choices: tuple[tuple[Any, str], ...]) -> QWidget:
    """The widget for one field of the schema."""
    if item.type in ("text", "long"):
        if item.suggestion:
            return SuggestedText(item.type == "long", item.suggestion)
        if item.type == "long":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(54)
            return edit
        return QLineEdit()
    if item.type == "int":
        return CountBox()
    if item.type == "date":
        return DateField()
    if item.type == "flag":
        return QCheckBox()
    if item.type == "organisations":
        return OrganisationsEditor()
    combo = QComboBox()
    combo.addItem(BLANK_CHOICE, None)  # no silent default: the clerk chooses
    for code, label in choices:
        combo.addItem(label, code)
    return combo


def read(item: StepField, widget: QWidget) -> Any:
    """The value the schema stores (None when nothing was entered)."""
    if isinstance(widget, SuggestedText):
        return vn.nfc(widget.text()).strip() or None
    if isinstance(widget, QPlainTextEdit):
        return vn.nfc(widget.toPlainText()).strip() or None
    if isinstance(widget, CountBox):
        return widget.count()
    if isinstance(widget, DateField):
        problem = widget.problem()
        if problem:
            raise InputError(f"{item.label}: {problem}")
        day = widget.date()
        return day.isoformat() if day else None
    if isinstance(widget, QCheckBox):
        return True if widget.isChecked() else None
    if isinstance(widget, OrganisationsEditor):
        return widget.rows() or None
    if isinstance(widget, QComboBox):
        return widget.currentData()
    return vn.nfc(widget.text()).strip() or None  # type: ignore[attr-defined]


def fill(widget: QWidget, value: Any) -> None:
    """Show a stored value; a choice the list does not have is shown unchosen, to be chosen again."""
    if isinstance(widget, SuggestedText):
        widget.set_text(str(value or ""))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value or ""))
    elif isinstance(widget, CountBox):
        widget.set_count(value)
    elif isinstance(widget, DateField):
        widget.set_date(value or None)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(value is True)
    elif isinstance(widget, OrganisationsEditor):
        widget.set_rows(value)
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(widget.findData(value), 0) if value not in (None, "") else 0)
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value or ""))


def changed_signal(widget: QWidget) -> Any:
    """The signal a widget sends when its value changes."""
    for name in ("textChanged", "valueChanged", "currentIndexChanged", "toggled"):
        signal = getattr(widget, name, None)
        if signal is not None:
            return signal
    return None
