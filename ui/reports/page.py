"""Báo cáo: choose the reports and the period, see the main figures, export the Excel workbook.

The figures are computed and the workbook written through the task runner (progress, cancel);
the last choices are remembered in this computer's settings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.changes import Changes
from commune_app.errors import Refused
from commune_app.ops import reports as report_ops
from commune_app.progress import Progress
from commune_app.reports.period import ROMAN, Period, make_period, parse_period
from ui.kit import vn_buttons
from ui.shell import errors
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec
from ui.shell.tasks import run_task
from ui.widgets.date_field import DateField

SETTINGS_KEY = "reports_last"
EXCEL_FILTER = "Tệp Excel (*.xlsx)"
PDF_FILTER = "Tệp PDF để in, ký (*.pdf)"
KINDS = [
    ("month", "Tháng"),
    ("quarter", "Quý"),
    ("half", "6 tháng"),
    ("nine_months", "9 tháng đầu năm"),
    ("year", "Năm"),
    ("range", "Từ ngày - đến ngày"),
]
NUMBERS = {
    "month": [(m, f"Tháng {m}") for m in range(1, 13)],
    "quarter": [(q, f"Quý {ROMAN[q]}") for q in range(1, 5)],
    "half": [(1, "6 tháng đầu năm"), (2, "6 tháng cuối năm")],
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


class ReportsPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.last_file: Path | None = None
        self.result: report_ops.ReportFigures | None = None

        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(label, key)
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.number = QComboBox()
        self.date_from, self.date_to = DateField(), DateField()
        self.kind.currentIndexChanged.connect(self._kind_changed)

        period_box = QGroupBox("Kỳ báo cáo")
        form = QFormLayout(period_box)
        form.addRow("Loại kỳ:", self.kind)
        form.addRow("Năm:", self.year)
        form.addRow("Kỳ:", self.number)
        range_row = QHBoxLayout()
        range_row.addWidget(self.date_from)
        range_row.addWidget(QLabel("đến"))
        range_row.addWidget(self.date_to)
        range_row.addStretch(1)
        self.range_label = QLabel("Từ ngày:")
        form.addRow(self.range_label, range_row)

        self.forms = QListWidget()
        # The titles are long ("Danh sách đảng viên dự bị đến hạn xét công nhận chính thức"): they
        # wrap in the column instead of hiding behind a horizontal scroll bar.
        self.forms.setWordWrap(True)
        self.forms.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.forms.setResizeMode(QListWidget.ResizeMode.Adjust)
        for report in report_ops.available():
            item = QListWidgetItem(report.title)
            item.setData(Qt.ItemDataRole.UserRole, report.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.forms.addItem(item)
        forms_box = QGroupBox("Biểu báo cáo (mặc định: tất cả)")
        forms_layout = QVBoxLayout(forms_box)
        forms_layout.addWidget(self.forms)
        toggles = QHBoxLayout()
        for label, state in (("Chọn tất cả", Qt.CheckState.Checked), ("Bỏ chọn", Qt.CheckState.Unchecked)):
            button = QPushButton(label)
            button.clicked.connect(lambda _c=False, s=state: self._check_all(s))
            toggles.addWidget(button)
        toggles.addStretch(1)
        forms_layout.addLayout(toggles)

        self.show_button = QPushButton("Xem số liệu")
        self.show_button.setToolTip("Tính số liệu của các biểu đã chọn và hiện lên màn hình")
        self.show_button.clicked.connect(self.show_figures)
        self.export_button = QPushButton("Xuất Excel...")
        self.export_button.clicked.connect(self.export)
        self.open_file_button = QPushButton("Mở tệp")
        self.open_file_button.clicked.connect(lambda: self._open(self.last_file))
        self.open_folder_button = QPushButton("Mở thư mục")
        self.open_folder_button.clicked.connect(lambda: self._open(self.last_file.parent if self.last_file else None))
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(period_box)
        left_layout.addWidget(forms_box, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.show_button)
        actions.addWidget(self.export_button)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.file_label)
        opens = QHBoxLayout()
        opens.addWidget(self.open_file_button)
        opens.addWidget(self.open_folder_button)
        opens.addStretch(1)
        left_layout.addLayout(opens)

        self.heading = QLabel("Chọn kỳ báo cáo rồi bấm “Xem số liệu”.")
        self.heading.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QTreeWidget()
        self.summary.setHeaderLabels(["Chỉ tiêu", "Số liệu"])
        self.summary.header().setStretchLastSection(False)
        self.summary.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.by_cell = QTableWidget(0, 0)
        self.by_cell.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.by_cell.verticalHeader().setVisible(False)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.summary, "Số liệu chính")
        self.tabs.addTab(self.by_cell, "Theo chi bộ")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.problems)
        right_layout.addWidget(self.tabs, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([440, 860])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Báo cáo gửi cấp trên</h2>"))
        layout.addWidget(splitter, 1)
        self._restore()
        self._file_done(None)
        ctx.changed.connect(self._data_changed)

    def _data_changed(self, what: Changes) -> None:
        """Figures on screen are no longer current; say so rather than show stale numbers."""
        if self.result is not None and (what.any_people or what.cells or what.courses or what.settings):
            self.heading.setText(
                self.heading.text().split("<br>")[0] + "<br><i>Dữ liệu vừa thay đổi: bấm “Xem số liệu” để tính lại.</i>"
            )

    # --- choices ---------------------------------------------------------------------------

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        current = self.number.currentData()
        self.number.clear()
        for value, label in NUMBERS.get(kind, []):
            self.number.addItem(label, value)
        if current is not None:
            index = self.number.findData(current)
            if index >= 0:
                self.number.setCurrentIndex(index)
        is_range = kind == "range"
        self.number.setEnabled(kind in NUMBERS)
        self.year.setEnabled(not is_range)
        for widget in (self.date_from, self.date_to, self.range_label):
            widget.setEnabled(is_range)

    def _check_all(self, state: Qt.CheckState) -> None:
        for i in range(self.forms.count()):
            self.forms.item(i).setCheckState(state)

    def chosen_forms(self) -> list[str]:
        items = [self.forms.item(i) for i in range(self.forms.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def period(self) -> Period:
        kind = self.kind.currentData()
        if kind == "range":
            for field, label in ((self.date_from, "Từ ngày"), (self.date_to, "Đến ngày")):
                if field.problem() or not field.date():
                    raise Refused(f"{label}: {field.problem() or 'chưa nhập ngày'}.")
            return parse_period(f"{self.date_from.date().isoformat()}..{self.date_to.date().isoformat()}")
        return make_period(kind, self.year.value(), self.number.currentData() or 1)

    def _default_choice(self) -> dict[str, Any]:
        today = self.ctx.session.today
        return {"kind": "quarter", "year": today.year, "number": (today.month - 1) // 3 + 1, "forms": []}

    def _restore(self) -> None:
        saved = {**self._default_choice(), **(self.ctx.settings.get(SETTINGS_KEY) or {})}
        index = self.kind.findData(saved["kind"])
        self.kind.setCurrentIndex(max(index, 0))
        self._kind_changed()
        self.year.setValue(int(saved["year"]))
        number_index = self.number.findData(saved["number"])
        if number_index >= 0:
            self.number.setCurrentIndex(number_index)
        self.date_from.set_date(saved.get("from"))
        self.date_to.set_date(saved.get("to"))
        if saved["forms"]:
            for i in range(self.forms.count()):
                item = self.forms.item(i)
                wanted = item.data(Qt.ItemDataRole.UserRole) in saved["forms"]
                item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def _remember(self, period: Period, folder: Path | None = None) -> None:
        saved = dict(self.ctx.settings.get(SETTINGS_KEY) or {})
        saved.update(
            kind=self.kind.currentData(),
            year=self.year.value(),
            number=self.number.currentData(),
            forms=self.chosen_forms(),
        )
        if period.kind == "range":
            saved.update({"from": period.start.isoformat(), "to": period.end.isoformat()})
        if folder is not None:
            saved["folder"] = str(folder)
        self.ctx.settings.set(SETTINGS_KEY, saved)
        with contextlib.suppress(OSError):  # remembering the choice is a convenience; the report is not affected
            self.ctx.settings.save()

    def _read_choice(self) -> tuple[Period, list[str]] | None:
        try:
            period = report_ops.counted_period(self.ctx.session, self.period())
        except Refused as exc:
            errors.show_refused(self, exc, "Kỳ báo cáo chưa đúng")
            return None
        forms = self.chosen_forms()
        if not forms:
            vn_buttons.warn(self, "Chưa chọn biểu", "Hãy chọn ít nhất một biểu báo cáo.")
            return None
        return period, forms

    # --- work ------------------------------------------------------------------------------

    def _task(self, title: str, work: Callable[[Progress], Any], done: Callable[[Any], None]) -> None:
        run_task(self.ctx.tasks, self, title, work, done)

    def show_figures(self) -> None:
        choice = self._read_choice()
        if choice is None:
            return
        period, forms = choice
        self._remember(period)
        session = self.ctx.session
        self._task(
            "Đang tính số liệu báo cáo", lambda p: report_ops.figures(session, period, forms, p), self._show_result
        )

    def _show_result(self, result: report_ops.ReportFigures) -> None:
        self.result = result
        self.heading.setText(
            f"<b>Số liệu {result.period.label}</b> (từ ngày {vn.format_date(result.period.start)}"
            f" đến ngày {vn.format_date(result.period.end)})"
        )
        problems = result.problems
        self.problems.setText(
            ("Số liệu chưa khớp, cần xem lại trước khi xuất:\n- " + "\n- ".join(problems)) if problems else ""
        )
        self.summary.clear()
        titles = {r.code: r.title for r in report_ops.available()}
        for table in result.tables:
            top = QTreeWidgetItem([titles[table.code], ""])
            for label, value in table.summary:
                line = QTreeWidgetItem([label, _text(value)])
                for column, text in enumerate((label, _text(value))):
                    line.setToolTip(column, text)  # a long label or a list of names, read whole
                top.addChild(line)
            self.summary.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)  # a report's long title is read whole, not cut at the figures
            top.setExpanded(True)
        self._fill_cells(next((t for t in result.tables if t.code in ("E7", "E8")), None))

    def _fill_cells(self, table: Any) -> None:
        self.by_cell.clear()
        if table is None:
            self.by_cell.setRowCount(0)
            self.by_cell.setColumnCount(0)
            return
        titles = table.column_titles()
        self.by_cell.setColumnCount(len(titles))
        self.by_cell.setHorizontalHeaderLabels(titles)
        self.by_cell.setRowCount(len(table.rows))
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row.values):
                item = QTableWidgetItem(_text(value))
                if c not in table.text_cols:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if row.style == "total":
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.by_cell.setItem(r, c, item)
        self.by_cell.resizeColumnsToContents()

    def export(self) -> None:
        choice = self._read_choice()
        if choice is None:
            return
        period, forms = choice
        saved = self.ctx.settings.get(SETTINGS_KEY) or {}
        folder = Path(saved.get("folder") or Path.home())
        suggested = folder / report_ops.suggested_file_name(self.ctx.session, period)
        path, chosen_filter = QFileDialog.getSaveFileName(
            self, "Lưu báo cáo", str(suggested), f"{EXCEL_FILTER};;{PDF_FILTER}"
        )
        if not path:
            return
        suffix = ".pdf" if chosen_filter == PDF_FILTER else ".xlsx"
        target = Path(path) if path.lower().endswith((".xlsx", ".pdf")) else Path(path + suffix)
        self._remember(period, target.parent)
        session = self.ctx.session
        self._task("Đang xuất báo cáo", lambda p: report_ops.export(session, period, forms, target, p), self._file_done)

    def _file_done(self, path: Path | None) -> None:
        self.last_file = path
        self.open_file_button.setEnabled(path is not None)
        self.open_folder_button.setEnabled(path is not None)
        self.file_label.setText(f"Đã xuất: {path}" if path else "")

    def _open(self, path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


PAGE = PageSpec(order=70, key="reports", title="Báo cáo", factory=ReportsPage, shortcut="Ctrl+7", commune_only=True)
