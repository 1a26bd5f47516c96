"""Tổng quan, the home page: this year's admissions against the targets, how many people stand
at each stage, and "Việc cần làm", what is due or overdue; each line opens the person."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.changes import Changes
from commune_app.domain.road import STAGE_LABELS
from commune_app.errors import Refused
from commune_app.ops import agenda
from commune_app.ops import reports as report_ops
from ui.courses.indicator import CourseIndicatorBox
from ui.overview.first_steps import FirstStepsBox
from ui.road.due_text import working_days_text
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec
from ui.widgets.target_chart import Bar, MonthlyChart, TargetChart

OVERDUE = QColor("#b71c1c")
# The stages shown in the counts, in road order.
COUNTED_STAGES = (
    "source",
    "course",
    "application",
    "background",
    "verified",
    "introduced",
    "cell_approved",
    "decided",
    "probation",
    "recognition_proposed",
)


class DueTable(QTableWidget):
    """The "Việc cần làm" table: Enter or a double click opens the person of the line."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.ctx = ctx
        self.setHorizontalHeaderLabels(["Hạn", "Còn lại", "Họ và tên", "Chi bộ", "Việc cần làm"])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.cellDoubleClicked.connect(lambda row, _col: self.open_row(row))

    def person_at(self, row: int) -> int | None:
        item = self.item(row, 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def open_row(self, row: int) -> None:
        person_id = self.person_at(row)
        if person_id is not None:
            self.ctx.open_person(person_id, "road")  # every to-do is a step or a deadline: the Quá trình tab

    def keyPressEvent(self, event: QKeyEvent) -> None:  # - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.open_row(self.currentRow())
            return
        super().keyPressEvent(event)

    def fill(self, items: list[Any]) -> None:
        session = self.ctx.session
        self.setRowCount(len(items))
        for row, item in enumerate(items):
            left = working_days_text(session, item.due)
            left = left[0].upper() + left[1:]
            texts = [vn.format_date(item.due), left, item.full_name, item.cell or "", item.label]
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.person_id)
                cell.setToolTip(f"{item.full_name}: {item.label} (hạn {vn.format_date(item.due)})")
                if item.overdue:
                    cell.setForeground(QBrush(OVERDUE))
                self.setItem(row, column, cell)


class OverviewPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        layout = QVBoxLayout(self)
        # A file with no cells or no people opens on what to do first, above its (empty) figures.
        self.first_steps = FirstStepsBox(ctx)
        layout.addWidget(self.first_steps)

        # The figures above, "Việc cần làm" below, in a splitter: the clerk gives room to either.
        splitter = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(splitter)
        top_widget = QWidget()
        top = QHBoxLayout(top_widget)
        top.setContentsMargins(0, 0, 0, 0)
        splitter.addWidget(top_widget)
        self.chart_box = QGroupBox()
        chart_layout = QVBoxLayout(self.chart_box)
        self.chart = TargetChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        chart_layout.addWidget(scroll)
        top.addWidget(self.chart_box, 3)

        stages_box = QGroupBox("Số người theo giai đoạn")
        stages_layout = QVBoxLayout(stages_box)
        self.stages = QTableWidget(0, 2)
        self.stages.setHorizontalHeaderLabels(["Giai đoạn", "Số người"])
        self.stages.verticalHeader().hide()
        self.stages.verticalHeader().setDefaultSectionSize(22)
        self.stages.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stages.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.stages.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.stages.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        stages_layout.addWidget(self.stages)
        top.addWidget(stages_box, 2)
        top.addWidget(CourseIndicatorBox(ctx), 2)  # courses: attendance against the course target

        # The indicators the province quotes, and admissions month by month (the whole commune only).
        self.indicators_widget = QWidget()
        row = QHBoxLayout(self.indicators_widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.monthly_box = QGroupBox()
        monthly_layout = QVBoxLayout(self.monthly_box)
        self.monthly = MonthlyChart()
        monthly_layout.addWidget(self.monthly)
        row.addWidget(self.monthly_box, 3)
        self.indicators_box = QGroupBox()
        indicators_layout = QVBoxLayout(self.indicators_box)
        # Two tabs rather than two tables one above the other: at 1366×768 each showed a row and a half.
        self.indicator_tabs = QTabWidget()
        indicators_layout.addWidget(self.indicator_tabs)
        self.indicators = _read_only_table(["Chỉ số", "Số liệu"])
        self.indicator_tabs.addTab(self.indicators, "Chỉ số")
        forecast_page = QWidget()
        forecast_layout = QVBoxLayout(forecast_page)
        forecast_layout.setContentsMargins(0, 4, 0, 0)
        self.forecast_label = QLabel()
        self.forecast_label.setWordWrap(True)
        forecast_layout.addWidget(self.forecast_label)
        self.forecast = _read_only_table(FORECAST_HEADERS)
        forecast_layout.addWidget(self.forecast)
        self.indicator_tabs.addTab(forecast_page, "Dự kiến đến 31/12")
        row.addWidget(self.indicators_box, 4)
        splitter.addWidget(self.indicators_widget)

        self.due_box = QGroupBox()
        due_layout = QVBoxLayout(self.due_box)
        hint = QLabel("Nhấn đúp hoặc Enter để mở hồ sơ người đó.")
        hint.setStyleSheet("color: #555;")
        due_layout.addWidget(hint)
        self.due = DueTable(ctx)
        due_layout.addWidget(self.due)
        splitter.addWidget(self.due_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([340, 260, 260])

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        ctx.changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, what: Changes) -> None:
        if not (what.any_people or what.cells or what.courses or what.settings or what.accounts):
            return  # a sign-in changes nothing shown here (a new account ticks the first steps)
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: Any) -> None:  # - Qt's name
        super().showEvent(event)
        if self._stale:
            self._timer.start(0)

    def refresh(self) -> None:
        session = self.ctx.session
        self.first_steps.refresh()
        year = session.today.year
        progress = agenda.admissions_vs_target(session, year)
        self.chart_box.setTitle(f"Kết nạp đảng viên năm {year} so với chỉ tiêu")
        # The operation ends with the total row; it is drawn first, where the eye starts.
        *cells, total = progress
        self.chart.set_bars(
            [Bar(total.cell, total.target, total.admitted, is_total=True)]
            + [Bar(p.cell, p.target, p.admitted) for p in cells]
        )

        counts = agenda.stage_counts(session)
        # Every stage of the road is listed, empty ones with 0, so the whole road reads at a glance.
        stages = list(COUNTED_STAGES) + [s for s in counts if s not in COUNTED_STAGES]
        rows = [(STAGE_LABELS.get(s, s), counts.get(s, 0)) for s in stages]
        rows.append(("Tổng cộng", sum(counts.values())))
        self.stages.setRowCount(len(rows))
        for row, (label, count) in enumerate(rows):
            name = QTableWidgetItem(label)
            number = QTableWidgetItem(str(count))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if row == len(rows) - 1:
                font = name.font()
                font.setBold(True)
                name.setFont(font)
                number.setFont(font)
            self.stages.setItem(row, 0, name)
            self.stages.setItem(row, 1, number)

        self._fill_indicators()

        items = agenda.due_items(session)
        overdue = sum(1 for i in items if i.overdue)
        self.due_box.setTitle(f"Việc cần làm ({len(items)} việc, {overdue} quá hạn)")
        self.due.fill(items)
        self._stale = False

    def _fill_indicators(self) -> None:
        try:
            figures = report_ops.indicators(self.ctx.session)
        except Refused:  # an account of one cell sees its own figures above, not the commune's
            self.indicators_widget.hide()
            return
        self.indicators_widget.show()
        year = figures.year
        self.monthly_box.setTitle(f"Kết nạp lũy kế theo tháng: năm {year}, năm {year - 1} và chỉ tiêu")
        self.monthly.set_data(
            year, figures.monthly, figures.monthly_last_year, figures.year_target, figures.as_of.month
        )
        self.indicators_box.setTitle(f"Các chỉ số năm {year} (đến ngày {vn.format_date(figures.as_of)})")
        _fill(self.indicators, [list(line) for line in figures.lines()])
        self.indicator_tabs.setTabVisible(FORECAST_TAB, bool(figures.forecast))  # from July only
        if figures.forecast:
            self.indicator_tabs.setTabText(FORECAST_TAB, f"Dự kiến đến 31/12/{year}")
            self.forecast_label.setText(
                "Người chi bộ đã đề nghị (chờ quyết định) và người đã đủ hồ sơ, có giấy chứng nhận còn hạn;"
                " chỉ tiêu còn lại của từng chi bộ."
            )
            rows = [f for f in figures.forecast if f.target or f.admitted or f.awaiting_decision or f.ready]
            _fill(
                self.forecast,
                [[f.name, f.target, f.admitted, f.awaiting_decision, f.ready, f.remaining, f.reachable] for f in rows],
            )


FORECAST_TAB = 1
FORECAST_HEADERS = ["Chi bộ", "Chỉ tiêu", "Đã kết nạp", "Chờ quyết định", "Đủ hồ sơ", "Còn thiếu", "Có thể đạt"]


def _read_only_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(str(value))
            item.setToolTip(str(value))  # the whole text where a narrow column elides it
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


PAGE = PageSpec(order=10, key="overview", title="Tổng quan", factory=OverviewPage, shortcut="Ctrl+1")
