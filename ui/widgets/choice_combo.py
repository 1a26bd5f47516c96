"""A list to pick from: codes stored, Vietnamese labels shown; optionally accepts other text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget


class ChoiceCombo(QComboBox):
    def __init__(self, choices: Mapping[str, str] | Iterable[str], *, editable: bool = False,
                 blank: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(editable)
        self.setMaxVisibleItems(20)
        # long official labels (occupation rows) must not stretch the form: the popup shows them whole
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        if blank is not None:
            self.addItem(blank, "")
        items = choices.items() if isinstance(choices, Mapping) else ((c, c) for c in choices)
        for code, label in items:
            if blank is not None and code == "":
                continue
            self.addItem(label or "(không)", code)
        if editable:
            completer = QCompleter(self.model(), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.setCompleter(completer)
        # the popup is as wide as its longest label (measured by font, cheaper than item size hints)
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        self.view().setMinimumWidth(widest + 32)

    def value(self) -> str:
        if self.isEditable():
            text = self.currentText().strip()
            index = self.findText(text)
            return self.itemData(index) if index >= 0 else text
        data = self.currentData()
        return "" if data is None else str(data)

    def set_value(self, code: str | None) -> None:
        code = code or ""
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)
        elif self.isEditable():
            self.setEditText(code)
        else:
            self.setCurrentIndex(0 if self.count() else -1)
