"""The attendance grid: learners × sessions, marked with the keyboard or the mouse.

Keys on the selected session cells: C or 1 = có mặt, P or 2 = vắng có phép, K or 3 = vắng không
phép, Space cycles, Delete clears; arrows move, and after marking one cell the cursor goes down
to the next learner. A double click cycles a cell; double-clicking a session's header, or the
'Có mặt tất cả' button, marks everyone present for that session (absences already recorded stay).
The last row and the last columns are the totals; learners under the attendance threshold are
highlighted. Every change is saved at once through ``commune_app.ops.courses``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from commune_app import vn
from commune_app.domain import courses as course_data
from commune_app.domain.courses import CourseGrid
from commune_app.ops import courses as course_ops

INFO_COLUMNS = ("Họ và tên", "Chi bộ giới thiệu")
TOTAL_COLUMNS = ("Có mặt", "Vắng\ncó phép", "Vắng\nkhông\nphép", "Tỷ lệ")
CYCLE = (None, "P", "E", "U")
KEY_MARKS = {
    Qt.Key.Key_C: "P",
    Qt.Key.Key_1: "P",
    Qt.Key.Key_P: "E",
    Qt.Key.Key_2: "E",
    Qt.Key.Key_K: "U",
    Qt.Key.Key_3: "U",
}
MARK_TEXT = {"P": "", "E": "P", "U": "K"}  # present is drawn as a tick (the UI font has no ✓)
MARK_COLOURS = {"P": QColor("#e3f2e1"), "E": QColor("#fff4cc"), "U": QColor("#fbdcdc")}
UNDER_COLOUR = QColor("#f9c9c9")
TOTALS_COLOUR = QColor("#eceff1")
TICK_COLOUR = QColor("#1b5e20")
ABSENT_COLOUR = QColor("#b71c1c")

SaveMarks = Callable[[dict[tuple[int, int], str | None]], None]


class AttendanceModel(QAbstractTableModel):
    """Holds one course's grid; rows are learners plus a totals row."""

    marks_saved = Signal()

    def __init__(self, grid: CourseGrid, save: SaveMarks, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self._save = save

    # shape
    @property
    def first_session(self) -> int:
        return len(INFO_COLUMNS)

    @property
    def first_total(self) -> int:
        return self.first_session + len(self.grid.sessions)

    def is_session(self, column: int) -> bool:
        return self.first_session <= column < self.first_total

    def is_learner(self, row: int) -> bool:
        return 0 <= row < len(self.grid.rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.rows) + 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.first_total + len(TOTAL_COLUMNS)

    def mark_at(self, index: QModelIndex) -> str | None:
        if not (self.is_learner(index.row()) and self.is_session(index.column())):
            return None
        return self.grid.rows[index.row()].marks[index.column() - self.first_session]

    # reading
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return self.mark_at(index)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and self.is_learner(row) and self.mark_at(index) == "U":
            return QBrush(ABSENT_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column < self.first_session and self.is_learner(row):
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and self.is_session(column) and self.is_learner(row):
            mark = self.mark_at(index)
            return course_data.mark_label(mark) if mark else "Chưa điểm danh"
        return None

    def _text(self, row: int, column: int) -> str:
        grid = self.grid
        if not self.is_learner(row):
            if column == 0:
                return "Tổng số có mặt"
            if self.is_session(column):
                session = grid.sessions[column - self.first_session]
                return str(session.present) if session.unmarked < len(grid.rows) else ""
            totals = (
                sum(r.present for r in grid.rows),
                sum(r.excused for r in grid.rows),
                sum(r.unexcused for r in grid.rows),
            )
            offset = column - self.first_total
            return str(totals[offset]) if 0 <= offset < 3 else ""
        learner = grid.rows[row]
        if column == 0:
            return learner.full_name
        if column == 1:
            return learner.cell_name
        if self.is_session(column):
            return MARK_TEXT.get(learner.marks[column - self.first_session] or "", "")
        offset = column - self.first_total
        if offset == 3:
            return "" if learner.rate is None else vn.percent(learner.rate * 100)
        return str((learner.present, learner.excused, learner.unexcused)[offset])

    def _background(self, row: int, column: int) -> QBrush | None:
        if not self.is_learner(row) or column >= self.first_total:
            return QBrush(TOTALS_COLOUR)
        learner = self.grid.rows[row]
        if self.is_session(column):
            mark = learner.marks[column - self.first_session]
            return QBrush(MARK_COLOURS[mark]) if mark else None
        return QBrush(UNDER_COLOUR) if learner.under_threshold else None

    def _tooltip(self, row: int, column: int) -> str | None:
        if self.is_learner(row) and column < self.first_session and self.grid.rows[row].under_threshold:
            learner = self.grid.rows[row]
            return (
                f"{learner.full_name} mới dự {learner.present}/{self.grid.held} buổi đã học,"
                f" dưới mức {self.grid.threshold * 100:g}%"
            )
        if self.is_session(column):
            s = self.grid.sessions[column - self.first_session]
            return f"Buổi {s.seq}: {s.part} {vn.format_date(s.date)}\n{s.topic}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1) if self.is_learner(section) else ""
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < self.first_session:
                return INFO_COLUMNS[section]
            if self.is_session(section):
                s = self.grid.sessions[section - self.first_session]
                return f"Buổi {s.seq}\n{vn.format_date(s.date)[:5]}\n{s.part}".rstrip()
            return TOTAL_COLUMNS[section - self.first_total]
        if role == Qt.ItemDataRole.ToolTipRole and self.is_session(section):
            s = self.grid.sessions[section - self.first_session]
            return f"{s.topic}\nNhấn đúp để đánh dấu cả lớp có mặt buổi này"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # writing
    def set_marks(self, indexes: list[QModelIndex], mark: str | None) -> bool:
        """Set a mark on learner × session cells: saved first, shown after; False if refused."""
        changes: dict[tuple[int, int], str | None] = {}
        cells = []
        for index in indexes:
            if self.is_learner(index.row()) and self.is_session(index.column()):
                learner = self.grid.rows[index.row()]
                session = self.grid.sessions[index.column() - self.first_session]
                changes[(learner.enrolment_id, session.session_id)] = mark
                cells.append((index.row(), index.column() - self.first_session))
        if not changes:
            return False
        self._save(changes)  # raises Refused: nothing is shown that was not saved
        for row, position in cells:
            self.grid.rows[row].marks[position] = mark
        self._after_change()
        return True

    def cycle(self, index: QModelIndex) -> None:
        current = self.mark_at(index)
        self.set_marks([index], CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)])

    def all_present(self, session_position: int, write_all: Callable[[int], None]) -> None:
        """'Có mặt tất cả' for one session: empty cells become present, absences stay."""
        session = self.grid.sessions[session_position]
        write_all(session.session_id)
        for learner in self.grid.rows:
            if learner.marks[session_position] not in ("E", "U"):
                learner.marks[session_position] = "P"
        self._after_change()

    def _after_change(self) -> None:
        course_ops.recount(self.grid)
        # Totals and highlights can change anywhere in the row and the column: repaint the lot,
        # which for a course (≤ a few hundred learners) costs nothing.
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.marks_saved.emit()


class MarkDelegate(QStyledItemDelegate):
    """Draws a tick for 'present' (no font needed) and lets the model's text show P / K."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        if index.data(Qt.ItemDataRole.UserRole) != "P":
            return
        rect: QRect = option.rect
        size = min(rect.width(), rect.height()) * 0.5
        cx, cy = rect.center().x(), rect.center().y()
        path = QPainterPath(QPointF(cx - size * 0.45, cy))
        path.lineTo(QPointF(cx - size * 0.1, cy + size * 0.35))
        path.lineTo(QPointF(cx + size * 0.5, cy - size * 0.4))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(option.palette.highlightedText().color() if selected else TICK_COLOUR, 2.2))
        painter.drawPath(path)
        painter.restore()


class AttendanceView(QTableView):
    """The grid's keyboard and mouse: marks on the selection, the cursor moving down after one."""

    refused = Signal(object)  # a Refused from saving, for the page to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setItemDelegate(MarkDelegate(self))
        self.verticalHeader().setDefaultSectionSize(26)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.horizontalHeader().setMinimumSectionSize(30)
        self.setWordWrap(False)
        self.doubleClicked.connect(self._cycle)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.horizontalHeader().sectionDoubleClicked.connect(self._header_double_clicked)
        self.mark_all: Callable[[int], None] | None = None  # set by the page: session position → write

    def model(self) -> AttendanceModel:  # type: ignore[override]
        return super().model()  # type: ignore[return-value]

    def setModel(self, model: AttendanceModel) -> None:  # type: ignore[override]
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(0, 180)
        self.setColumnWidth(1, 150)
        for column in range(model.first_session, model.columnCount()):
            self.setColumnWidth(column, 54 if model.is_session(column) else 58)

    def selected_session_cells(self) -> list[QModelIndex]:
        model = self.model()
        chosen = [
            i
            for i in self.selectionModel().selectedIndexes()
            if model.is_learner(i.row()) and model.is_session(i.column())
        ]
        current = self.currentIndex()
        if not chosen and current.isValid() and model.is_learner(current.row()) and model.is_session(current.column()):
            chosen = [current]
        return chosen

    def apply(self, mark: str | None, *, advance: bool = True) -> None:
        cells = self.selected_session_cells()
        if not cells:
            return
        if self._save(lambda: self.model().set_marks(cells, mark)) and advance and len(cells) == 1:
            self._move_down(cells[0])

    def keyPressEvent(self, event: QKeyEvent) -> None:  # - Qt's name
        key = Qt.Key(event.key())
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if plain and key in KEY_MARKS:
            self.apply(KEY_MARKS[key])
            return
        if plain and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.apply(None, advance=False)
            return
        if plain and key == Qt.Key.Key_Space:
            cells = self.selected_session_cells()
            if len(cells) == 1:
                self._save(lambda: self.model().cycle(cells[0]))
            return
        super().keyPressEvent(event)

    def _menu(self, pos: Any) -> None:
        from PySide6.QtWidgets import QMenu

        if not self.selected_session_cells():
            return
        menu = QMenu(self)
        for mark, key in (("P", "C"), ("E", "P"), ("U", "K")):
            menu.addAction(f"{course_data.mark_label(mark)}\t{key}", lambda m=mark: self.apply(m, advance=False))
        menu.addAction("Xóa điểm danh\tDelete", lambda: self.apply(None, advance=False))
        menu.exec(self.viewport().mapToGlobal(pos))

    def _move_down(self, index: QModelIndex) -> None:
        model = self.model()
        if model.is_learner(index.row() + 1):
            self.setCurrentIndex(model.index(index.row() + 1, index.column()))

    def _cycle(self, index: QModelIndex) -> None:
        model = self.model()
        if model.is_learner(index.row()) and model.is_session(index.column()):
            self._save(lambda: model.cycle(index))

    def _header_double_clicked(self, section: int) -> None:
        model = self.model()
        if model.is_session(section) and self.mark_all is not None:
            position = section - model.first_session
            self._save(lambda: self.mark_all(position))

    def _save(self, action: Callable[[], Any]) -> bool:
        from commune_app.errors import Refused

        try:
            result = action()
        except Refused as exc:
            self.refused.emit(exc)
            return False
        return result is not False
