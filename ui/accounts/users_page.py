"""Người dùng (administrators only): accounts, roles, cell restriction, password resets."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app.errors import Refused
from commune_app.ops import accounts
from commune_app.ops import cells as cell_ops
from commune_app.ops.context import ROLE_LABELS
from ui.kit import vn_buttons
from ui.kit.form_dialog import FormDialog
from ui.shell import errors
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec


class UserDialog(FormDialog):
    """New account: name, full name, role, optional cell, password twice."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Tạo tài khoản", parent, ok_text="Tạo tài khoản", min_width=460)
        self.ctx = ctx
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.role = QComboBox()
        for key, label in ROLE_LABELS.items():
            self.role.addItem(label, key)
        self.role.setCurrentIndex(1)
        self.cell = QComboBox()
        self.cell.addItem("Tất cả chi bộ", None)
        for cell in cell_ops.list_cells(ctx.session, active_only=True):
            self.cell.addItem(cell["name"], cell["id"])
        self.password, self.again = QLineEdit(), QLineEdit()
        for field in (self.password, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow("Tên đăng nhập:", self.username)
        self.form.addRow("Họ và tên:", self.full_name)
        self.form.addRow("Vai trò:", self.role)
        self.form.addRow("Chỉ làm việc với:", self.cell)
        self.form.addRow("Mật khẩu:", self.password)
        self.form.addRow("Nhập lại mật khẩu:", self.again)

    def apply(self) -> None:
        if self.password.text() != self.again.text():
            raise Refused("Hai lần nhập mật khẩu không giống nhau.")
        accounts.create_user(
            self.ctx.session,
            self.username.text(),
            self.password.text(),
            self.role.currentData(),
            full_name=self.full_name.text(),
            cell_id=self.cell.currentData(),
        )


class UsersPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Tên đăng nhập", "Họ và tên", "Vai trò", "Chi bộ", "Trạng thái"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        add = QPushButton("Tạo tài khoản...")
        add.clicked.connect(self.add_user)
        reset = QPushButton("Đặt lại mật khẩu...")
        reset.clicked.connect(self.reset_password)
        toggle = QPushButton("Khóa / mở khóa")
        toggle.clicked.connect(self.toggle_active)
        buttons = QHBoxLayout()
        for button in (add, reset, toggle):
            buttons.addWidget(button)
            if ctx.session.store.read_only:  # the operations refuse too; say so before the clerk tries
                button.setEnabled(False)
                button.setToolTip("Tệp đang mở chỉ đọc (một chương trình khác đang dùng).")
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Người dùng</h2>"))
        note = QLabel(
            "Quản trị: tài khoản, cài đặt, khôi phục. Cán bộ nhập liệu: công việc hằng ngày. "
            "Chỉ xem: không sửa được dữ liệu. Có thể giới hạn một tài khoản trong một chi bộ."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        cells = {c["id"]: c["name"] for c in cell_ops.list_cells(self.ctx.session)}
        self._users = accounts.list_users(self.ctx.session)
        now = dt.datetime.now().isoformat(timespec="seconds")  # the lockout follows the clock, as in ops
        self.table.setRowCount(len(self._users))
        for row, user in enumerate(self._users):
            state = "Đang dùng" if user["active"] else "Đã khóa"
            if user["locked_until"] and user["locked_until"] > now:  # an expired lockout is no longer one
                state += f" (tạm khóa đến {user['locked_until'][11:16]})"
            if user["active"] and not accounts.has_slot(self.ctx.session, user["username"]):
                state += " – chưa mở được tệp đã mã hóa: hãy đặt lại mật khẩu"
            values = (
                user["username"],
                user["full_name"],
                ROLE_LABELS[user["role"]],
                cells.get(user["cell_id"], "Tất cả"),
                state,
            )
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _selected(self) -> dict | None:
        row = self.table.currentRow()
        if row < 0:
            vn_buttons.inform(self, "Người dùng", "Hãy chọn một tài khoản.")
            return None
        return self._users[row]

    def add_user(self) -> None:
        if UserDialog(self.ctx, self).exec():
            self.refresh()

    def reset_password(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        user = self._selected()
        if user is None:
            return
        password, ok = QInputDialog.getText(
            self, "Đặt lại mật khẩu", f"Mật khẩu mới cho {user['username']}:", QLineEdit.EchoMode.Password
        )
        if not ok:
            return
        try:
            accounts.reset_password(self.ctx.session, user["username"], password)
        except Refused as exc:
            errors.show_refused(self, exc, "Đặt lại mật khẩu")
            return
        vn_buttons.inform(self, "Đặt lại mật khẩu", "Đã đặt lại; người dùng sẽ phải đổi mật khẩu khi đăng nhập.")
        self.refresh()

    def toggle_active(self) -> None:
        user = self._selected()
        if user is None:
            return
        try:
            accounts.update_user(self.ctx.session, user["username"], active=not user["active"])
        except Refused as exc:
            errors.show_refused(self, exc, "Người dùng")
            return
        self.refresh()


PAGE = PageSpec(110, "users", "Người dùng", UsersPage, admin_only=True)
