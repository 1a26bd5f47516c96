"""Encryption at rest in the window: asking to turn it on, showing the recovery key once, and
signing in with the recovery key when every administrator's password is forgotten.

The dialogs gather input and hand it on (``commune_app.ops.encryption`` does the work)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from commune_app.errors import Refused
from commune_app.ops.context import Actor
from ui.kit import vn_buttons
from ui.kit.form_dialog import password_field

WHAT_IT_DOES = (
    "Khi mã hóa, tệp dữ liệu và các bản sao lưu tự động chỉ đọc được khi đăng nhập bằng một tài khoản "
    "của tệp (hoặc bằng khóa khôi phục): ai chép được tệp cũng không đọc được số CCCD, họ tên, địa chỉ. "
    "Chương trình sẽ cho một khóa khôi phục, chỉ hiện một lần: hãy chép ra giấy và cất giữ ở đảng ủy. "
    "Các tài khoản khác cần được quản trị đặt lại mật khẩu (Tài khoản → Đặt lại mật khẩu) để mở được tệp."
)


def _fit(dialog: QDialog) -> None:
    """Tall enough for its wrapped paragraphs: a top-level dialog does not ask its layout's
    height-for-width by itself, and the last lines would be cut off."""
    layout = dialog.layout()
    assert layout is not None  # called once the dialog's layout is built
    dialog.setMinimumHeight(layout.totalHeightForWidth(dialog.minimumWidth()))


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    return label


class EnableEncryptionDialog(QDialog):
    """The administrator's own password, to confirm and to make the first key slot with."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mã hóa tệp dữ liệu")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        note = QLabel(WHAT_IT_DOES)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.password = password_field()
        form.addRow(f"Mật khẩu của {username}:", self.password)
        layout.addLayout(form)
        self.error = _error_label()
        layout.addWidget(self.error)
        box = vn_buttons.button_box(vn_buttons.SB.Ok | vn_buttons.SB.Cancel, self)
        box.button(vn_buttons.SB.Ok).setText("Mã hóa")
        box.accepted.connect(self._check)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        _fit(self)
        self.password.setFocus()

    def _check(self) -> None:
        if not self.password.text():
            self.error.setText("Hãy nhập mật khẩu của tài khoản đang đăng nhập.")
            return
        self.accept()


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once: closing needs the tick that says it was written down."""

    def __init__(self, code: str, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Khóa khôi phục")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Tệp {file_name} đã được mã hóa. Đây là khóa khôi phục của tệp: khi quên hết mật khẩu quản trị, "
            "hoặc mất tệp khóa (.khoa) bên cạnh tệp dữ liệu, chỉ khóa này mở được dữ liệu và các bản sao lưu. "
            "Khóa chỉ hiện một lần này."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code = QLabel(code)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(font.pointSize() + 6)
        font.setWeight(QFont.Weight.Bold)
        self.code.setFont(font)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.code)
        keep = QLabel(
            "Hãy chép khóa ra giấy (in hoa, 5 nhóm 5 ký tự), ký nhận và cất vào tủ hồ sơ mật của đảng ủy. "
            "Không lưu khóa trong máy tính này hay trên USB đi cùng tệp dữ liệu."
        )
        keep.setWordWrap(True)
        layout.addWidget(keep)
        self.written = QCheckBox("Tôi đã chép khóa khôi phục ra giấy và kiểm tra lại từng ký tự")
        layout.addWidget(self.written)
        box = vn_buttons.button_box(vn_buttons.SB.Ok, self)
        self.close_button = box.button(vn_buttons.SB.Ok)
        self.close_button.setText("Đóng")
        self.close_button.setEnabled(False)
        self.written.toggled.connect(self.close_button.setEnabled)
        box.accepted.connect(self.accept)
        layout.addWidget(box)
        _fit(self)

    def reject(self) -> None:
        if self.written.isChecked():  # Esc closes only once the key is written down
            super().reject()


class RecoverySignInDialog(QDialog):
    """Forgotten passwords: the recovery key, an administrator's name and a new password, handed
    to ``recover`` (``SignIn.recover``), which refuses with the reason shown here."""

    def __init__(self, recover: Callable[[str, str, str], Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recover = recover
        self.actor: Actor | None = None
        self.setWindowTitle("Mở bằng khóa khôi phục")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        note = QLabel(
            "Nhập khóa khôi phục của tệp (5 nhóm 5 ký tự, như đã chép ra giấy), tên đăng nhập của một tài khoản "
            "quản trị và mật khẩu mới cho tài khoản đó."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.username = QLineEdit()
        self.password, self.again = password_field(), password_field()
        form.addRow("Khóa khôi phục:", self.code)
        form.addRow("Tài khoản quản trị:", self.username)
        form.addRow("Mật khẩu mới:", self.password)
        form.addRow("Nhập lại mật khẩu mới:", self.again)
        layout.addLayout(form)
        self.error = _error_label()
        layout.addWidget(self.error)
        box = vn_buttons.button_box(vn_buttons.SB.Ok | vn_buttons.SB.Cancel, self)
        box.button(vn_buttons.SB.Ok).setText("Mở tệp")
        box.accepted.connect(self.try_recover)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        _fit(self)

    def try_recover(self) -> None:
        if self.password.text() != self.again.text():
            self.error.setText("Hai lần nhập mật khẩu mới không giống nhau.")
            return
        try:
            self.actor = self.recover(self.code.text(), self.username.text().strip(), self.password.text())
        except Refused as exc:
            self.error.setText("\n".join(exc.reasons))
            return
        self.accept()
