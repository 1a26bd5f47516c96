"""Tổng quan's course indicator: people who learnt an awareness course this year (a result or a
certificate, as E7 counts them) against the course target (multiplier × admission target, or the
cell's own course target), per cell and in total.
Self-contained: it reloads itself when courses, people or cells change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.changes import Changes
from commune_app.ops import courses as course_ops
from ui.shell.context import UiContext

BEHIND = QColor("#b71c1c")
HEADERS = ("Chi bộ", "Đã học", "Chỉ tiêu", "Tỷ lệ")


class CourseIndicatorBox(QGroupBox):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        ctx.changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, what: Changes) -> None:
        if what.courses or what.any_people or what.cells or what.settings:
            self._timer.start()

    def refresh(self) -> None:
        year = self.ctx.session.today.year
        indicator = course_ops.attendance_indicator(self.ctx.session, year)
        total = indicator.total
        self.setTitle(
            f"Học lớp nhận thức về Đảng năm {year}: {total.attended}"
            + (f"/{total.target} ({vn.percent(total.percent)})" if total.target else "")
        )
        self.note.setText(
            f"Số người đã học xong lớp trong năm (có kết quả hoặc giấy chứng nhận) so với chỉ tiêu"
            f" cử đi học"
            f" ({indicator.multiplier:g} × chỉ tiêu kết nạp, nếu chi bộ chưa có chỉ tiêu riêng)."
        )
        rows = [total, *indicator.rows]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values: list[Any] = [row.cell_name, row.attended, row.target or "", vn.percent(row.percent)]
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r == 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if row.percent is not None and row.percent < 100 and c == 3:
                    item.setForeground(QBrush(BEHIND))
                self.table.setItem(r, c, item)
