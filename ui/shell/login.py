"""Signing in: the login dialog, the first administrator, the idle lock.

The dialogs only gather input and hand it to the function they are given: at start the
checks of ``commune_app.ops.opening`` (which may need the password before the file can be
read), in the idle lock ``commune_app.ops.accounts``, which counts wrong attempts in the
file (five lock the account for five minutes).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from commune_app.errors import Refused
from commune_app.ops import accounts
from commune_app.ops.context import Actor, Session
from ui.kit import vn_buttons
from ui.kit.form_dialog import password_field


class LoginDialog(QDialog):
    """Username and password handed to ``verify`` (which refuses with the reason shown in the
    dialog); on success ``actor`` holds who signed in."""

    def __init__(
        self,
        verify: Callable[[str, str], Actor],
        parent: QWidget | None = None,
        *,
        username: str = "",
        title: str = "Đăng nhập",
        note: str = "",
        recover: Callable[[str, str, str], Actor] | None = None,
    ) -> None:
        super().__init__(parent)
        self.verify = verify
        self.recover = recover
        self.actor: Actor | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        self.username = QLineEdit(username)
        self.username.setReadOnly(bool(username))
        self.password = password_field()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>Phát triển Đảng viên</b><br>{note or 'Hãy đăng nhập để làm việc.'}")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        form.addRow("Tên đăng nhập:", self.username)
        form.addRow("Mật khẩu:", self.password)
        layout.addLayout(form)
        layout.addWidget(self.error)
        box = vn_buttons.button_box(vn_buttons.SB.Ok | vn_buttons.SB.Cancel, self)
        box.button(vn_buttons.SB.Ok).setText("Đăng nhập")
        if recover is not None:  # an encrypted file: the recovery key is the way back in
            self.forgot = box.addButton("Quên mật khẩu? Dùng khóa khôi phục…", QDialogButtonBox.ButtonRole.ResetRole)
            self.forgot.clicked.connect(self.use_recovery_key)
        box.accepted.connect(self.try_login)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        (self.password if username else self.username).setFocus()

    def try_login(self) -> None:
        try:
            self.actor = self.verify(self.username.text(), self.password.text())
        except Refused as exc:
            self.error.setText("\n".join(exc.reasons))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def use_recovery_key(self) -> None:
        from ui.shell.encryption_dialogs import RecoverySignInDialog

        assert self.recover is not None
        dialog = RecoverySignInDialog(self.recover, self)
        if dialog.exec():
            self.actor = dialog.actor
            self.accept()


class FirstAdminDialog(QDialog):
    """The first start of a file: the administrator account, made (and signed in) by ``create``
    from the name, the password and the full name."""

    def __init__(self, create: Callable[[str, str, str], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.create_admin = create
        self.actor: Actor | None = None
        self.setWindowTitle("Tạo tài khoản quản trị")
        self.username = QLineEdit("quantri")
        self.full_name = QLineEdit()
        self.password, self.again = password_field(), password_field()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        note = QLabel(
            "Tệp dữ liệu chưa có tài khoản nào. Hãy tạo tài khoản quản trị: tài khoản này tạo các "
            "tài khoản khác, sửa cài đặt và khôi phục sao lưu. Hãy ghi nhớ mật khẩu."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        form.addRow("Tên đăng nhập:", self.username)
        form.addRow("Họ và tên:", self.full_name)
        form.addRow("Mật khẩu:", self.password)
        form.addRow("Nhập lại mật khẩu:", self.again)
        layout.addLayout(form)
        layout.addWidget(self.error)
        box = vn_buttons.button_box(vn_buttons.SB.Ok | vn_buttons.SB.Cancel, self)
        box.accepted.connect(self.create)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def create(self) -> None:
        if self.password.text() != self.again.text():
            self.error.setText("Hai lần nhập mật khẩu không giống nhau.")
            return
        try:
            self.actor = self.create_admin(self.username.text(), self.password.text(), self.full_name.text())
        except Refused as exc:
            self.error.setText("\n".join(exc.reasons))
            return
        self.accept()


class ChangePasswordDialog(QDialog):
    """The signed-in user changes their own password (required after an administrator's reset):
    ``apply`` gets the current and the new password."""

    def __init__(
        self, apply: Callable[[str, str], None], parent: QWidget | None = None, *, required: bool = False
    ) -> None:
        super().__init__(parent)
        self.apply = apply
        self.setWindowTitle("Đổi mật khẩu")
        self.old, self.new, self.again = password_field(), password_field(), password_field()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        if required:
            note = QLabel("Mật khẩu của tài khoản vừa được quản trị đặt lại. Hãy đặt mật khẩu mới của riêng mình.")
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        form.addRow("Mật khẩu hiện tại:", self.old)
        form.addRow("Mật khẩu mới:", self.new)
        form.addRow("Nhập lại mật khẩu mới:", self.again)
        layout.addLayout(form)
        layout.addWidget(self.error)
        box = vn_buttons.button_box(vn_buttons.SB.Ok | vn_buttons.SB.Cancel, self)
        box.accepted.connect(self.change)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def change(self) -> None:
        if self.new.text() != self.again.text():
            self.error.setText("Hai lần nhập mật khẩu mới không giống nhau.")
            return
        try:
            self.apply(self.old.text(), self.new.text())
        except Refused as exc:
            self.error.setText("\n".join(exc.reasons))
            return
        self.accept()


class IdleLock(QObject):
    """Locks the program after a quiet spell: the signed-in user types the password again."""

    def __init__(self, session: Session, minutes: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.window = parent
        self.limit = max(1, minutes) * 60
        self.last_input = time.monotonic()
        self.locked = False
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(15_000)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # - Qt's name
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self.last_input = time.monotonic()
        return False

    def check(self) -> None:
        if not self.locked and time.monotonic() - self.last_input >= self.limit:
            self.lock()

    def lock(self) -> bool:
        """Show the lock dialog until the password is given; False if the clerk chose to quit."""
        self.locked = True
        while True:
            dialog = LoginDialog(
                lambda username, password: accounts.authenticate(self.session, username, password),
                self.window,
                username=self.session.actor.username,
                title="Chương trình đã khóa",
                note="Chương trình tự khóa sau một thời gian không dùng. Nhập mật khẩu để tiếp tục.",
            )
            unlocked = bool(dialog.exec())
            if unlocked:
                break
            self.window.close()
            # a person window with unsaved edits may keep the program open ("Tiếp tục sửa"):
            # it stays locked rather than open to whoever is at the desk
            if not self.window.isVisible():
                break
        self.locked = False
        self.last_input = time.monotonic()
        return unlocked
