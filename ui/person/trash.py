"""The bin: people deleted from the lists, with who/why/when, and a way to restore them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.errors import Refused
from commune_app.ops import people as people_ops
from ui.shell import errors
from ui.shell.context import UiContext


class TrashDialog(QDialog):
    HEADERS = ("Họ và tên", "Ngày sinh", "Xóa lúc", "Lý do xóa")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Thùng rác – hồ sơ đã xóa")
        self.resize(760, 420)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(2, 140)
        self.empty = QLabel("Thùng rác đang trống.")
        self.restore_button = QPushButton("Khôi phục")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        note = QLabel("Hồ sơ đã xóa vẫn được giữ nguyên trong tệp dữ liệu; chọn một hồ sơ rồi bấm “Khôi phục”.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self._rows = people_ops.deleted_people(self.ctx.session)
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            deleted_at = row["deleted_at"] or ""
            values = (
                row["full_name"],
                vn.format_date(row["birth_date"]),
                f"{vn.format_date(deleted_at[:10])} {deleted_at[11:16]}",
                row["deleted_reason"],
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.empty.setVisible(not self._rows)
        self.restore_button.setEnabled(bool(self._rows))
        if self._rows:
            self.table.selectRow(0)

    def restore_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        try:
            for r in rows:
                people_ops.restore_person(self.ctx.session, self._rows[r]["id"])
        except Refused as exc:
            errors.show_refused(self, exc, "Không khôi phục được")
        finally:
            if rows:
                self.reload()
