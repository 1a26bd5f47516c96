"""A date typed as dd/mm/yyyy, read with ``vn.parse_date`` and checked as the clerk leaves it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from commune_app import vn


class DateField(QLineEdit):
    """Holds text; ``date()`` is the date or None, ``problem()`` the Vietnamese reason it is not."""

    checked = Signal(str)  # the problem found on leaving the field, '' when the date is fine

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        # never narrower than its hint (a squeezed layout would cut "dd/mm/yyyy")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("dd/mm/yyyy") + 20)
        self.setMaxLength(12)  # "05.03.1998" and a stray space or two
        self.setMaximumWidth(130)
        self.editingFinished.connect(self._check)

    def set_date(self, value: dt.date | str | None) -> None:
        self.setText(vn.format_date(value))

    def problem(self) -> str:
        text = self.text().strip()
        if not text:
            return ""
        try:
            vn.parse_date(text)
        except vn.DateError as exc:
            return str(exc)
        return ""

    def date(self) -> dt.date | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return vn.parse_date(text)
        except vn.DateError:
            return None

    def _check(self) -> None:
        day = self.date()
        if day is not None:
            self.setText(vn.format_date(day))  # 5/2/2026 → 05/02/2026
        self.checked.emit(self.problem())
