"""A list to pick from: codes stored, Vietnamese labels shown; optionally accepts other text.

Typing finds an item the way the people search does: without diacritics, anywhere in the
label ("na lau" → "Chi bộ thôn Nà Lầu").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from commune_app import vn

FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1


class FoldingCompleter(QCompleter):
    """Completes on the folded labels of a combo's model; shows and inserts the real ones."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget) -> None:
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            model.setData(index, vn.fold(str(index.data() or "")), FOLDED_ROLE)
        super().__init__(model, parent)
        self.setCompletionRole(FOLDED_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def splitPath(self, path: str) -> list[str]:
        return [vn.fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class ChoiceCombo(QComboBox):
    def __init__(
        self,
        choices: Mapping[str, str] | Iterable[str],
        *,
        editable: bool = False,
        blank: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
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
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.setCompleter(FoldingCompleter(self.model(), self))
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


class CellPicker(ChoiceCombo):
    """The party cells, in Vietnamese order, found by typing part of the name without
    diacritics; only a real cell is ever its value (typed text that names none gives "")."""

    def __init__(
        self, cells: Iterable[Mapping[str, Any]], *, blank: str | None = None, parent: QWidget | None = None
    ) -> None:
        ordered = sorted(cells, key=lambda c: vn.collation_key(str(c["name"])))
        # The "none" choice is an empty line, so typing never lands after its label; the
        # placeholder says what empty means.
        super().__init__(
            {str(c["id"]): str(c["name"]) for c in ordered},
            editable=True,
            blank="" if blank is not None else None,
            parent=parent,
        )
        line = self.lineEdit()
        if line is not None:
            hint = "gõ tên chi bộ (không cần dấu)"
            line.setPlaceholderText(f"{blank} – {hint}" if blank else hint.capitalize())
            line.editingFinished.connect(self._settle)

    def _settle(self) -> None:
        """Enter or leaving the field: the one cell the typed text names, else the text is cleared."""
        text = self.currentText().strip()
        exact = self.findText(text)
        if exact >= 0:
            self.setCurrentIndex(exact)
            return
        completer = self.completer()
        if completer is None:
            return
        completer.setCompletionPrefix(text)
        if text and completer.completionCount() == 1:
            completer.setCurrentRow(0)
            self.setCurrentIndex(self.findText(completer.currentCompletion()))
        elif text:
            self.setEditText("")

    def value(self) -> str:
        index = self.findText(self.currentText().strip())
        return str(self.itemData(index) or "") if index >= 0 else ""
