"""The reusable people list: search as you type, filters, count, SQL sort, export, actions.

Every change of the search text or a filter builds one ``PeopleFilter`` and asks
``ops.people.search_ids`` for the ordered ids; the model fetches only the rows on screen.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from commune_app import file_names, vn
from commune_app.changes import Changes
from commune_app.domain.road import STAGE_LABELS
from commune_app.ops import cells as cell_ops
from commune_app.ops import list_export
from commune_app.ops import people as people_ops
from commune_app.ops.list_columns import COLUMNS
from commune_app.ops.list_search import ListSearch
from commune_app.ops.people import PeopleFilter
from ui.kit import vn_buttons
from ui.kit.tables import title_width
from ui.people.people_model import PeopleModel
from ui.shell.actions import PAGE_SEARCH
from ui.shell.context import UiContext
from ui.widgets.choice_combo import ChoiceCombo
from ui.widgets.save_dialog import ask_save_path

SEARCH_DELAY_MS = 150
FLAGS_BUTTON_MAX_WIDTH = 280  # the chosen filters beyond this width are in the tooltip

FLAGS = (
    ("female", "Nữ"),
    ("ethnic_minority", "Người dân tộc thiểu số"),
    ("religious", "Người có đạo"),
    ("youth_union", "Đoàn viên thanh niên"),
    ("youth_age", "Từ 18 đến 30 tuổi"),
)


@dataclass(frozen=True)
class ListConfig:
    key: str
    title: str  # also the export's title
    columns: tuple[str, ...]
    status_choices: tuple[tuple[str, tuple[str, ...]], ...]  # label, statuses
    stages: tuple[str, ...] = ()
    can_add: bool = False
    # Columns offered but hidden until the clerk shows them (right-click on the column titles):
    # the default ones fit a 1366-pixel screen without scrolling sideways.
    optional: tuple[str, ...] = ()


class _SearchBox(QLineEdit):
    """Down arrow goes from the search box into the list, so the keyboard never has to leave."""

    def __init__(self, on_down, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_down = on_down

    def keyPressEvent(self, event: QKeyEvent) -> None:  # - Qt's name
        if event.key() == Qt.Key.Key_Down:
            self._on_down()
            return
        super().keyPressEvent(event)


class _Table(QTableView):
    """Enter opens the person under the cursor."""

    def __init__(self, on_enter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_enter = on_enter

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_enter(self.currentIndex())
            return
        super().keyPressEvent(event)


class PeopleList(QWidget):
    def __init__(self, ctx: UiContext, config: ListConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.config = config
        self.sort = "name"
        self.descending = False
        self._flags: dict[str, QAction] = {}

        self.search = _SearchBox(self._focus_table)
        self.search.setObjectName(PAGE_SEARCH)
        self.search.setPlaceholderText("Tìm theo tên (không cần dấu), số CCCD, điện thoại...")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())

        self.status_combo = ChoiceCombo({str(i): label for i, (label, _s) in enumerate(config.status_choices)})
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.stage_combo = ChoiceCombo({s: STAGE_LABELS[s] for s in config.stages}, blank="Mọi bước")
        self.stage_combo.setVisible(bool(config.stages))
        self.stage_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.cell_combo = ChoiceCombo({}, blank="Mọi chi bộ")
        self._fill_cells()
        self.cell_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.flags_button = QToolButton()
        self.flags_button.setText("Lọc thống kê")
        self.flags_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        flags_menu = QMenu(self.flags_button)
        for key, label in FLAGS:
            action = flags_menu.addAction(label)
            action.setCheckable(True)
            action.toggled.connect(lambda _c: self._flags_changed())
            self._flags[key] = action
        self.flags_button.setMenu(flags_menu)
        self.flags_button.setMinimumWidth(self.flags_button.sizeHint().width() + 20)  # room for the arrow
        self.flags_button.setMaximumWidth(FLAGS_BUTTON_MAX_WIDTH)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.status_combo, 1)
        filters.addWidget(self.stage_combo, 1)
        filters.addWidget(self.cell_combo, 1)
        filters.addWidget(self.flags_button)

        self._search = ListSearch(ctx.session)
        self.model = PeopleModel(
            [COLUMNS[k] for k in config.columns],
            lambda ids: people_ops.rows(ctx.session, ids),
            lambda: ctx.session.today,
            self,
        )
        self.table = _Table(self._open_index)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        self._sort_section, self._sort_order = self._name_column(), Qt.SortOrder.AscendingOrder
        header.setSortIndicator(self._sort_section, self._sort_order)
        header.sectionClicked.connect(self._header_clicked)
        header.setStretchLastSection(True)
        for index, column in enumerate(self.model.columns):
            # never narrower than its own title with the sort arrow
            self.table.setColumnWidth(index, max(column.width, title_width(header, index)))
        self._show_columns(self.ctx.settings.get(self._columns_key) or [])
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._columns_menu)
        self.table.doubleClicked.connect(self._open_index)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        buttons = QHBoxLayout()
        self.open_button = QPushButton("Mở hồ sơ")
        self.open_button.clicked.connect(self.open_selected)
        self.new_button = QPushButton("Thêm người mới...")
        self.new_button.setVisible(config.can_add)
        self.new_button.clicked.connect(self._new_person)
        self.move_button = QPushButton("Chuyển chi bộ...")
        self.move_button.clicked.connect(self.move_selected)
        self.delete_button = QPushButton("Xóa...")
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button = QPushButton("Xuất Excel...")
        self.export_button.clicked.connect(self.export)
        self.trash_button = QPushButton("Thùng rác...")
        self.trash_button.clicked.connect(self._show_trash)
        writable = ctx.session.writable
        for button in (self.new_button, self.move_button, self.delete_button):
            button.setEnabled(writable)  # a read-only account or file sees the list, changes nothing
        if ctx.session.actor.cell_id is not None:  # moving takes people out of the one cell it may touch
            self.move_button.setEnabled(False)
        buttons.addWidget(self.count_label, 1)
        for button in (
            self.new_button,
            self.open_button,
            self.move_button,
            self.delete_button,
            self.export_button,
            self.trash_button,
        ):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self._stale = False
        self._shown_once = False
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self._reload)
        ctx.changed.connect(self._on_data_changed)
        self.refresh()

    # --- filter and sort -------------------------------------------------------------
    def current_filter(self) -> PeopleFilter:
        choice = self.status_combo.value()
        statuses = self.config.status_choices[int(choice)][1] if choice else ()
        cell = self.cell_combo.value()
        youth = self._flags["youth_age"].isChecked()
        return PeopleFilter(
            text=self.search.text(),
            statuses=statuses,
            stages=(self.stage_combo.value(),) if self.stage_combo.value() else (),
            cell_id=int(cell) if cell else None,
            female=self._flags["female"].isChecked(),
            ethnic_minority=self._flags["ethnic_minority"].isChecked(),
            religious=self._flags["religious"].isChecked(),
            youth_union=self._flags["youth_union"].isChecked(),
            age_from=18 if youth else None,
            age_to=30 if youth else None,
            sort=self.sort,
            descending=self.descending,
        )

    def refresh(self) -> None:
        """Run the search now (the search box calls this after a short pause in typing).

        A hidden list only notes that it is stale and searches when it is shown again, so
        pages the clerk is not looking at cost nothing (and a closing window reads nothing).
        """
        self._debounce.stop()
        if not self.isVisible() and self._shown_once:
            self._stale = True
            return
        self._stale = False
        ids = self._search.ids(self.current_filter())
        self.model.set_ids(ids)
        self._show_count(len(ids))

    def _show_count(self, shown: int) -> None:
        self.count_label.setText(f"Có {vn.number(shown)} người")

    def _flags_changed(self) -> None:
        chosen = [label for key, label in FLAGS if self._flags[key].isChecked()]
        full = f"Lọc: {', '.join(chosen)}" if chosen else "Lọc thống kê"
        room = FLAGS_BUTTON_MAX_WIDTH - 40  # the arrow and the margins
        self.flags_button.setText(self.flags_button.fontMetrics().elidedText(full, Qt.TextElideMode.ElideRight, room))
        self.flags_button.setToolTip(full if chosen else "")
        self.refresh()

    def _name_column(self) -> int:
        for index, column in enumerate(self.model.columns):
            if column.sort == "name":
                return index
        return 0

    # --- columns shown ------------------------------------------------------------------

    @property
    def _columns_key(self) -> str:
        return f"list_columns_{self.config.key}"

    def visible_columns(self) -> list[str]:
        return [key for index, key in enumerate(self.config.columns) if not self.table.isColumnHidden(index)]

    def _show_columns(self, shown_optional: list[str]) -> None:
        for index, key in enumerate(self.config.columns):
            self.table.setColumnHidden(index, key in self.config.optional and key not in shown_optional)

    def _columns_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        menu.addSection("Cột hiển thị")
        for index, key in enumerate(self.config.columns):
            if key not in self.config.optional:
                continue
            action = menu.addAction(COLUMNS[key].title)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(index))
            action.toggled.connect(lambda on, k=key: self.set_column_shown(k, on))
        menu.popup(self.table.horizontalHeader().mapToGlobal(point))

    def set_column_shown(self, key: str, shown: bool) -> None:
        """Show or hide an optional column, remembered on this computer for this list."""
        chosen = [k for k in self.config.optional if not self.table.isColumnHidden(self.config.columns.index(k))]
        chosen = [k for k in chosen if k != key] + ([key] if shown else [])
        self._show_columns(chosen)
        self.ctx.settings.set(self._columns_key, chosen)
        with contextlib.suppress(OSError):  # a read-only profile: the choice lasts for this session
            self.ctx.settings.save()

    def _header_clicked(self, section: int) -> None:
        column = self.model.columns[section]
        header = self.table.horizontalHeader()
        if column.sort is None:
            # this column cannot be sorted in SQL: keep the indicator where the order really is
            header.setSortIndicator(self._sort_section, self._sort_order)
            return
        self._sort_section, self._sort_order = section, header.sortIndicatorOrder()
        self.descending = (self._sort_order == Qt.SortOrder.DescendingOrder) != column.reverse
        self.sort = column.sort
        self.refresh()

    def _fill_cells(self) -> None:
        current = self.cell_combo.value()
        self.cell_combo.blockSignals(True)
        while self.cell_combo.count() > 1:
            self.cell_combo.removeItem(1)
        for cell in cell_ops.list_cells(self.ctx.session):
            self.cell_combo.addItem(cell["name"], str(cell["id"]))
        own = self.ctx.session.actor.cell_id
        if own is not None:
            # A cell secretary's list is their cell's (the operations narrow it anyway): say so.
            current = str(own)
            self.cell_combo.setEnabled(False)
            self.cell_combo.setToolTip("Tài khoản này chỉ làm việc với chi bộ được giao.")
        self.cell_combo.set_value(current)
        self.cell_combo.blockSignals(False)

    # --- data changes ----------------------------------------------------------------
    def _on_data_changed(self, what: Changes) -> None:
        if what.any_people or what.cells:
            self._pending.start(0)  # several notifications in a row cost one reload

    def showEvent(self, event) -> None:  # - Qt's name
        super().showEvent(event)
        self._shown_once = True
        if self._stale:
            self._reload()

    def _reload(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        keep = self.selected_ids()
        self._search.invalidate()
        self._fill_cells()
        self.refresh()
        self.select_ids(keep)

    # --- selection and actions -------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(r) for r in rows]

    def select_ids(self, ids: list[int]) -> None:
        selection = self.table.selectionModel()
        for person_id in ids:
            row = self.model.row_of(person_id)
            if row >= 0:
                selection.select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )

    def _selected_people(self) -> list[tuple[int, str]]:
        out = []
        for person_id in self.selected_ids():
            row = self.model.row_data(self.model.row_of(person_id)) or {}
            out.append((person_id, row.get("full_name", "")))
        return out

    def _focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.ctx.open_person(self.model.id_at(index.row()))

    def open_selected(self) -> None:
        for person_id in self.selected_ids()[:10]:
            self.ctx.open_person(person_id)

    def _new_person(self) -> None:
        opener = getattr(self.window(), "new_person", None)  # the main window tracks person windows
        if opener is not None:
            opener()
            return
        from ui.person.window import PersonWindow

        self._new_person_window = PersonWindow(self.ctx, None)  # unowned: keep it alive
        self._new_person_window.show()

    def move_selected(self) -> None:
        from ui.person.move_dialog import MoveDialog

        people = self._selected_people()
        if not people:
            vn_buttons.inform(self, "Chuyển chi bộ", "Hãy chọn người cần chuyển trong danh sách.")
            return
        MoveDialog(self.ctx, people, self).exec()

    def delete_selected(self) -> None:
        from ui.person.removal import delete_person

        people = self._selected_people()
        if len(people) != 1:
            vn_buttons.inform(self, "Xóa hồ sơ", "Hãy chọn đúng một người để xóa.")
            return
        delete_person(self.ctx, self, *people[0])

    def _show_trash(self) -> None:
        from ui.person.trash import TrashDialog

        TrashDialog(self.ctx, self).exec()

    def _context_menu(self, pos: QPoint) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        menu.addAction("Mở hồ sơ", self.open_selected)
        menu.addAction("Chuyển chi bộ...", self.move_selected).setEnabled(self.move_button.isEnabled())
        menu.addAction("Xóa...", self.delete_selected).setEnabled(self.delete_button.isEnabled())
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def export(self) -> None:
        ids = list(self.model.ids())
        if not ids:
            vn_buttons.inform(self, "Xuất Excel", "Danh sách đang trống, không có gì để xuất.")
            return
        name = file_names.list_name(self.config.title, self.ctx.session.today)
        path = ask_save_path(self, self.ctx.settings, "Xuất danh sách ra Excel", name, "Bảng tính Excel (*.xlsx)")
        if path is None:
            return
        session, keys, title = self.ctx.session, self.visible_columns(), self.config.title
        self.ctx.tasks.run(
            "Xuất danh sách ra Excel",
            lambda progress: list_export.export_people(
                session, path, ids, keys, title=title.upper(), progress=progress
            ),
            lambda written: self.ctx.tasks.message.emit(f"Đã xuất {len(ids)} người ra tệp {written}"),
        )
