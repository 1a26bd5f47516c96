"""Nhật ký thay đổi: every change with user, time, what and before/after; filters; export."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app import file_names, vn
from commune_app.ops import audit as audit_ops
from commune_app.ops.audit import AuditFilter
from ui.kit import vn_buttons
from ui.shell.actions import PAGE_SEARCH
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec
from ui.widgets.date_field import DateField
from ui.widgets.save_dialog import ask_save_path


class AuditPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._rows: list[dict] = []
        self.person = QLineEdit()
        self.person.setObjectName(PAGE_SEARCH)
        self.person.setPlaceholderText("Tên người (không cần dấu)")
        self.user = QComboBox()
        self.entity = QComboBox()
        self.entity.addItem("Tất cả", "")
        for key, label in audit_ops.ENTITY_LABELS.items():
            self.entity.addItem(label, key)
        self.action = QComboBox()
        self.action.addItem("Tất cả", "")
        for key, label in audit_ops.ACTION_LABELS.items():
            self.action.addItem(label, key)
        self.date_from, self.date_to = DateField(), DateField()
        self.date_from.set_date(ctx.session.today - dt.timedelta(days=30))
        search = QPushButton("Lọc")
        search.clicked.connect(self.refresh)
        self.person.returnPressed.connect(self.refresh)
        export = QPushButton("Xuất Excel...")
        export.clicked.connect(self.export)

        filters = QFormLayout()
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("đến"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        filters.addRow("Hồ sơ:", self.person)
        filters.addRow("Người dùng:", self.user)
        filters.addRow("Đối tượng:", self.entity)
        filters.addRow("Việc:", self.action)
        filters.addRow("Từ ngày:", dates)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Thời gian", "Người dùng", "Việc", "Hồ sơ", "Nội dung"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_detail(row))
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("Chọn một dòng để xem giá trị trước và sau khi thay đổi.")
        self.count = QLabel()

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(search)
        bottom.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Nhật ký thay đổi</h2>"))
        layout.addLayout(filters)
        layout.addLayout(bottom)
        layout.addWidget(splitter, 1)
        ctx.changed.connect(self._data_changed)
        self._fill_users()
        self.refresh()

    def _fill_users(self) -> None:
        self.user.clear()
        self.user.addItem("Tất cả", "")
        for name in audit_ops.users(self.ctx.session):
            self.user.addItem(name, name)

    def current_filter(self) -> AuditFilter:
        start, end = self.date_from.date(), self.date_to.date()
        return AuditFilter(
            person_text=vn.nfc(self.person.text()),
            user=self.user.currentData() or "",
            date_from=start.isoformat() if start else None,
            date_to=end.isoformat() if end else None,
            entity=self.entity.currentData() or "",
            action=self.action.currentData() or "",
        )

    def _data_changed(self, _what: object) -> None:
        if self.isVisible():  # every write adds audit rows
            self.refresh()

    def refresh(self) -> None:
        self._rows = audit_ops.browse(self.ctx.session, self.current_filter())
        self.table.setRowCount(len(self._rows))
        for row, item in enumerate(self._rows):
            at = item["at"]
            values = (
                f"{vn.format_date(at[:10])} {at[11:16]}",
                item["user"],
                audit_ops.ACTION_LABELS.get(item["action"], item["action"]),
                item.get("person_name") or "",
                item["summary"],
            )
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        shown = len(self._rows)
        self.count.setText(
            f"{shown} thay đổi" + (" (hiện 5.000 dòng mới nhất; lọc hẹp hơn để xem thêm)" if shown >= 5000 else "")
        )
        self.detail.clear()

    def _show_detail(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.detail.setPlainText(audit_ops.describe_change(self._rows[row]) or "(không có giá trị trước/sau)")

    def export(self) -> None:
        name = file_names.list_name("Nhật ký thay đổi", self.ctx.session.today)
        path = ask_save_path(self, self.ctx.settings, "Xuất nhật ký", name, "Bảng tính Excel (*.xlsx)")
        if path is None:
            return
        session, flt = self.ctx.session, self.current_filter()
        self.ctx.tasks.run(
            "Đang xuất nhật ký",
            lambda p: audit_ops.export_xlsx(session, flt, path, p),
            lambda n: vn_buttons.inform(self, "Đã xuất", f"Đã ghi {n} dòng nhật ký vào\n{path}"),
        )


PAGE = PageSpec(100, "audit", "Nhật ký thay đổi", AuditPage, admin_only=True)
