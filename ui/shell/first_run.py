"""The first start on a new computer: a short wizard, then a working profile.

It asks for the committee profile and signers, the administrator account, where the data
file and the backups live (a local folder by default: never a network share, and a
synchronised folder or a USB stick only after the clerk has read why not),
and whether to start empty, import existing lists, or try the demo data in a separate file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from commune_app import places
from commune_app.errors import Refused
from commune_app.ops import accounts, encryption
from commune_app.ops import settings as settings_ops
from commune_app.safety.lock import network_share_warning
from ui.kit import vn_buttons
from ui.shell.encryption_dialogs import WHAT_IT_DOES

START_EMPTY, START_IMPORT, START_DEMO = "empty", "import", "demo"


@dataclass
class FirstRunChoices:
    profile: dict[str, object] = field(default_factory=dict)
    admin_username: str = "quantri"
    admin_full_name: str = ""
    admin_password: str = ""
    data_file: Path = Path()
    backup_dir: Path = Path()
    start: str = START_EMPTY
    encrypt: bool = False  # encryption at rest, opt-in (ops.encryption)


def proposed_folder() -> Path:
    """A local folder no cloud client synchronises (Documents is often in OneDrive)."""
    return places.default_data_dir()


def _line(text: str = "", placeholder: str = "") -> QLineEdit:
    field = QLineEdit(text)
    field.setPlaceholderText(placeholder)
    return field


class ProfilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Thông tin Đảng ủy")
        self.setSubTitle("Các thông tin này được in ở đầu văn bản, dòng ngày tháng và khối chữ ký.")
        self.fields = {
            # Hints start with "ví dụ" so an empty field never looks filled in.
            "province": _line(placeholder="ví dụ: Lạng Sơn"),
            "commune": _line(placeholder="ví dụ: Ba Sơn"),
            "upper_body": _line(placeholder="ví dụ: ĐẢNG BỘ TỈNH LẠNG SƠN"),
            "committee_name": _line(placeholder="ví dụ: ĐẢNG ỦY XÃ BA SƠN (bắt buộc)"),
            "short_code": _line("ĐU"),
            "place_name": _line(placeholder="ví dụ: Ba Sơn"),
            "secretary": _line(placeholder="Họ tên bí thư đảng ủy"),
            "deputies": _line(placeholder="Các phó bí thư, cách nhau bằng dấu chấm phẩy"),
            "report_recipient": _line("Ban Tổ chức Tỉnh ủy"),
        }
        labels = {
            "province": "Tỉnh",
            "commune": "Xã",
            "upper_body": "Cấp trên",
            "committee_name": "Tên đảng ủy",
            "short_code": "Ký hiệu viết tắt",
            "place_name": "Địa danh ở dòng ngày tháng",
            "secretary": "Bí thư",
            "deputies": "Phó bí thư",
            "report_recipient": "Nơi nhận báo cáo",
        }
        form = QFormLayout(self)
        for key, widget in self.fields.items():
            form.addRow(labels[key] + ":", widget)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self.fields["commune"].textEdited.connect(self._suggest)
        self.fields["province"].textEdited.connect(self._suggest)
        self.registerField("committee_name*", self.fields["committee_name"])

    def _suggest(self) -> None:
        """Fill the upper-case names from the commune and province as the clerk types them."""
        province, commune = self.fields["province"].text().strip(), self.fields["commune"].text().strip()
        if province:
            self.fields["upper_body"].setText(f"ĐẢNG BỘ TỈNH {province.upper()}")
        if commune:
            self.fields["committee_name"].setText(f"ĐẢNG ỦY XÃ {commune.upper()}")
            self.fields["place_name"].setText(commune)

    def validatePage(self) -> bool:  # - Qt's name
        """The file is created only at the end: what it would refuse is said on this page."""
        try:
            settings_ops.clean_profile(self.values())
        except Refused as exc:
            self.error.setText("\n".join(exc.reasons))
            return False
        self.error.clear()
        return True

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {k: w.text().strip() for k, w in self.fields.items() if k != "deputies"}
        out["deputies"] = [d.strip() for d in self.fields["deputies"].text().split(";") if d.strip()]
        return out


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Tài khoản quản trị")
        self.setSubTitle("Tài khoản này tạo các tài khoản khác, sửa cài đặt và khôi phục sao lưu.")
        self.username, self.full_name = _line("quantri"), _line()
        self.password, self.again = _line(), _line()
        for box in (self.password, self.again):
            box.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout(self)
        form.addRow("Tên đăng nhập:", self.username)
        form.addRow("Họ và tên:", self.full_name)
        form.addRow(f"Mật khẩu (ít nhất {accounts.MIN_PASSWORD} ký tự):", self.password)
        form.addRow("Nhập lại mật khẩu:", self.again)
        form.addRow(self.error)

    def initializePage(self) -> None:  # - Qt's name
        self.full_name.setFocus()  # the suggested login name rarely needs changing

    def validatePage(self) -> bool:  # - Qt's name
        problem = accounts.username_problem(self.username.text()) or accounts.password_problem(self.password.text())
        if problem:
            self.error.setText(problem + ".")
        elif self.password.text() != self.again.text():
            self.error.setText("Hai lần nhập mật khẩu không giống nhau.")
        else:
            self.error.clear()
            return True
        return False


class PlacesPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Nơi lưu dữ liệu")
        self.setSubTitle(
            "Mặc định trong thư mục dữ liệu của người dùng trên máy này, không được đồng bộ lên mạng."
            " Không đặt tệp dữ liệu trên ổ mạng, ổ USB hay thư mục OneDrive, Dropbox, Google Drive."
        )
        base = proposed_folder()
        self._accepted_warning = ""
        self.data_file = _line(str(base / "du-lieu-phat-trien-dang-vien.sqlite"))
        self.backup_dir = _line(str(base / "sao-luu"))
        form = QFormLayout(self)
        form.addRow("Tệp dữ liệu:", self._with_button(self.data_file, self._choose_file))
        form.addRow("Thư mục sao lưu:", self._with_button(self.backup_dir, self._choose_dir))
        self.encrypt = QCheckBox("Mã hóa tệp dữ liệu và các bản sao lưu (khuyên dùng)")
        self.encrypt.setToolTip(WHAT_IT_DOES)
        self.encrypt.setVisible(encryption.available())
        form.addRow(self.encrypt)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020;")
        form.addRow(self.warning)

    @staticmethod
    def _with_button(field: QLineEdit, action) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        button = QPushButton("Chọn...")
        button.clicked.connect(action)
        layout.addWidget(field, 1)
        layout.addWidget(button)
        return row

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Tệp dữ liệu", self.data_file.text(), "Tệp dữ liệu (*.sqlite)")
        if path:
            self.data_file.setText(path)

    def _choose_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Thư mục sao lưu", self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def validatePage(self) -> bool:
        path = Path(self.data_file.text().strip())
        if not path.name or path.suffix.lower() not in (".sqlite", ".db"):
            self.warning.setText("Tên tệp dữ liệu cần có đuôi .sqlite")
            return False
        if path.exists():
            self.warning.setText(
                "Tệp này đã có. Hãy chọn tên khác, hoặc đóng trình hướng dẫn và dùng “Mở tệp dữ liệu khác”."
            )
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            Path(self.backup_dir.text().strip()).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.warning.setText(f"Không tạo được thư mục: {exc.strerror}")
            return False
        warning = network_share_warning(path)
        if warning:
            self.warning.setText(warning)
            return False
        # A synchronised folder or a stick is the clerk's call, once the risk is said: the
        # first "Tiếp theo" shows why, pressing it again with the same choice goes on.
        found = [w.message for w in places.data_file_warnings(path)]
        found += [w.message for w in places.backup_folder_warnings(Path(self.backup_dir.text().strip()))]
        text = "\n".join(found)
        if text and text != self._accepted_warning:
            self._accepted_warning = text
            self.warning.setText(text + "\nBấm “Tiếp theo” lần nữa nếu vẫn muốn dùng nơi này.")
            return False
        return True


class StartPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Bắt đầu")
        self.setSubTitle("Chọn cách bắt đầu làm việc.")
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for key, text in (
            (START_EMPTY, "Bắt đầu với dữ liệu trống"),
            (START_IMPORT, "Nhập danh sách có sẵn từ tệp Excel"),
            (START_DEMO, "Dùng thử với dữ liệu mẫu (trong một tệp riêng, không lẫn với dữ liệu thật)"),
        ):
            button = QRadioButton(text)
            button.setProperty("choice", key)
            self.group.addButton(button)
            layout.addWidget(button)
        self.group.buttons()[0].setChecked(True)
        layout.addStretch(1)

    def choice(self) -> str:
        return self.group.checkedButton().property("choice")


class FirstRunWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thiết lập lần đầu – Phát triển Đảng viên")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(720, 520)
        for button, text in (
            (QWizard.WizardButton.NextButton, "Tiếp theo >"),
            (QWizard.WizardButton.BackButton, "< Quay lại"),
            (QWizard.WizardButton.FinishButton, "Hoàn tất"),
            (QWizard.WizardButton.CancelButton, "Hủy"),
        ):
            self.setButtonText(button, text)
        self.profile_page, self.admin_page = ProfilePage(), AdminPage()
        self.places_page, self.start_page = PlacesPage(), StartPage()
        for page in (self.profile_page, self.admin_page, self.places_page, self.start_page):
            self.addPage(page)

    def choices(self) -> FirstRunChoices:
        return FirstRunChoices(
            profile=self.profile_page.values(),
            admin_username=self.admin_page.username.text().strip(),
            admin_full_name=self.admin_page.full_name.text().strip(),
            admin_password=self.admin_page.password.text(),
            data_file=Path(self.places_page.data_file.text().strip()),
            backup_dir=Path(self.places_page.backup_dir.text().strip()),
            start=self.start_page.choice(),
            encrypt=self.places_page.encrypt.isChecked(),
        )

    def reject(self) -> None:
        if (
            vn_buttons.ask(
                self,
                "Thoát thiết lập?",
                "Thoát mà chưa thiết lập xong?",
                [("quit", "Thoát"), ("stay", "Tiếp tục thiết lập")],
                "stay",
            )
            == "quit"
        ):
            super().reject()
