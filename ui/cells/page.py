"""Chi bộ: every cell with its members, people on the road, this year's target and progress."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.changes import Changes
from commune_app.ops import cells as cell_ops
from ui.cells.awards_dialog import CellAwardsDialog
from ui.cells.dialogs import CellDialog, TargetDialog
from ui.kit import vn_buttons
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec

HEADERS = (
    "Chi bộ",
    "Loại",
    "Bí thư",
    "ĐV chính thức",
    "ĐV dự bị",
    "Đang phát triển",
    "Chỉ tiêu",
    "Đã kết nạp",
    "Tỷ lệ",
    "Trực thuộc",
)
_NUMBERS = range(3, 9)


class CellsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[cell_ops.CellRow] = []
        self._stale = False
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.session.today.year)
        self.year.setPrefix("Năm ")
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.totals = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.totals, 1)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((220, 130, 170, 95, 75, 110, 70, 85, 70)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.edit_cell())

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.add_button = QPushButton("Thêm chi bộ...")
        self.add_button.clicked.connect(self.add_cell)
        self.edit_button = QPushButton("Sửa chi bộ...")
        self.edit_button.clicked.connect(self.edit_cell)
        self.target_button = QPushButton("Đặt chỉ tiêu năm...")
        self.target_button.clicked.connect(self.edit_target)
        self.awards_button = QPushButton("Khen thưởng...")
        self.awards_button.setToolTip("Khen thưởng của chi bộ đang chọn, hoặc của đảng bộ xã khi chưa chọn chi bộ")
        self.awards_button.clicked.connect(self.show_awards)
        for button in (self.add_button, self.edit_button, self.target_button, self.awards_button):
            buttons.addWidget(button)
        # The operations refuse too; the buttons say it first. Only an unrestricted account adds cells.
        writable = ctx.session.writable
        self.add_button.setEnabled(writable and ctx.session.actor.cell_id is None)
        for button in (self.edit_button, self.target_button):
            button.setEnabled(writable)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        ctx.changed.connect(self._on_data_changed)
        self.reload()

    def _on_data_changed(self, what: Changes) -> None:
        if what.cells or what.any_people:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # counted again when the page is shown

    def showEvent(self, event) -> None:  # - Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        selected = self.selected_cell()
        self.rows = cell_ops.cell_overview(self.ctx.session, self.year.value())
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            percent = vn.percent(row.percent)
            values = (
                row.name + ("" if row.active else " (ngừng hoạt động)"),
                row.kind,
                row.secretary,
                row.official,
                row.probationary,
                row.on_road,
                row.target or "",
                row.admitted,
                percent,
                row.routing,
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if c in _NUMBERS:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    item.setToolTip(str(value))  # long names and routings are cut in the column
                self.table.setItem(r, c, item)
        target = sum(r.target for r in self.rows)
        admitted = sum(r.admitted for r in self.rows)
        self.totals.setText(
            f"{len(self.rows)} chi bộ · {sum(r.official for r in self.rows)} đảng viên chính thức, "
            f"{sum(r.probationary for r in self.rows)} dự bị · {sum(r.on_road for r in self.rows)} người đang phát triển"
            f" · năm {self.year.value()}: đã kết nạp {admitted}" + (f"/{target} chỉ tiêu" if target else "")
        )
        if selected is not None:
            self.select_cell(selected.id)

    def selected_cell(self) -> cell_ops.CellRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def select_cell(self, cell_id: int) -> None:
        for r, row in enumerate(self.rows):
            if row.id == cell_id:
                self.table.selectRow(r)

    def _need_selection(self) -> cell_ops.CellRow | None:
        row = self.selected_cell()
        if row is None:
            vn_buttons.inform(self, "Chi bộ", "Hãy chọn một chi bộ trong danh sách.")
        return row

    def add_cell(self) -> None:
        dialog = CellDialog(self.ctx, None, self)
        if dialog.exec():
            self.select_cell(dialog.cell_id)

    def edit_cell(self) -> None:
        row = self._need_selection()
        if row is not None:
            CellDialog(self.ctx, row.id, self).exec()

    def edit_target(self) -> None:
        row = self._need_selection()
        if row is not None:
            TargetDialog(self.ctx, row.id, row.name, self.year.value(), row.target, self).exec()

    def show_awards(self) -> None:
        """The selected cell's awards; with no cell selected, the committee's own."""
        row = self.selected_cell()
        CellAwardsDialog(self.ctx, row.id if row else None, self).exec()


PAGE = PageSpec(order=40, key="cells", title="Chi bộ", factory=lambda ctx: CellsPage(ctx), shortcut="Ctrl+4")
