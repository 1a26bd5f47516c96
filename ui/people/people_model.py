"""The people table model: it holds ids only and fetches rows in batches as the view asks.

Filtering and sorting happen in SQL (``ops.people.search_ids``); the model receives the
ordered ids and never touches all rows, so 150,000 people cost one id list (Anki's browser
table model). Rows are cached by batch and the cache is dropped when data change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from commune_app.ops.list_columns import ListColumn, display

BATCH = 64  # about two screens of rows: what a repaint needs, formatted once
MAX_CACHED = 5000
# Roles as plain ints: the view calls data() for every role of every visible cell, and
# comparing ints is far cheaper than building Qt enum objects each time.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_USER = int(Qt.ItemDataRole.UserRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)

Index = QModelIndex | QPersistentModelIndex


class PeopleModel(QAbstractTableModel):
    def __init__(
        self,
        columns: list[ListColumn],
        fetch: Callable[[list[int]], dict[int, dict[str, Any]]],
        today: Callable[[], dt.date],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self._fetch = fetch
        self._today = today
        self._ids: list[int] = []
        self._cache: dict[int, dict[str, Any]] = {}
        self._texts: dict[int, tuple[str, ...]] = {}  # what each visible row shows, computed once
        self._today_value = today()
        self.fetched_batches = 0  # how many times rows were read (the benchmark and tests look)

    # --- contents --------------------------------------------------------------------
    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._forget()
        self.endResetModel()

    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, person_id: int) -> int:
        try:
            return self._ids.index(person_id)
        except ValueError:
            return -1

    def _forget(self) -> None:
        self._cache.clear()
        self._texts.clear()
        self._today_value = self._today()

    def row_data(self, row: int) -> dict[str, Any] | None:
        person_id = self._ids[row]
        cached = self._cache.get(person_id)
        if cached is None:
            self._load_batch(row)
            cached = self._cache.get(person_id)
        return cached

    def _load_batch(self, row: int) -> None:
        if len(self._cache) > MAX_CACHED:
            self._cache.clear()
            self._texts.clear()
        start = row - row % BATCH
        batch = self._ids[start : start + BATCH]
        found = self._fetch(batch)
        self.fetched_batches += 1
        today = self._today_value
        for person_id in batch:
            # a person deleted meanwhile reads as an empty row until the list is refreshed
            data = found.get(person_id, {})
            self._cache[person_id] = data
            self._texts[person_id] = (
                tuple(display(c.value(data, today)) for c in self.columns) if data else ("",) * len(self.columns)
            )

    # --- Qt --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role in (_DISPLAY, _TOOLTIP):  # the tooltip shows a text cut by its column
            person_id = self._ids[index.row()]
            texts = self._texts.get(person_id)
            if texts is None:
                self._load_batch(index.row())
                texts = self._texts[person_id]
            return texts[index.column()]
        if role == _USER:
            return self._ids[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].hint or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return str(section + 1)
