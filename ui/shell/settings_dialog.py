"""Cài đặt: the committee profile and signers, documents, days off, backups, courses, the
reports' signature block, security.

What every computer must agree on (profile, party term, course numbers, days off, the signer
of the reports) is saved
in the data file through ``commune_app.ops.settings``; what belongs to this computer
(margins, fonts, backup folder, idle lock) goes to the settings file, written atomically.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.errors import Refused
from commune_app.ops import courses as courses_ops
from commune_app.ops import settings as settings_ops
from ui.kit import vn_buttons
from ui.kit.form_dialog import FormDialog
from ui.shell import errors
from ui.shell.context import UiContext
from ui.widgets.date_field import DateField

PROFILE_LABELS = (
    ("province", "Tỉnh"),
    ("commune", "Xã"),
    ("upper_body", "Cấp trên (ví dụ ĐẢNG BỘ TỈNH LẠNG SƠN)"),
    ("committee_name", "Tên đảng ủy (ví dụ ĐẢNG ỦY XÃ BA SƠN)"),
    ("short_code", "Ký hiệu viết tắt (ĐU)"),
    ("place_name", "Địa danh ghi ở dòng ngày tháng"),
    ("secretary", "Bí thư (người ký)"),
    ("report_recipient", "Nơi nhận báo cáo"),
    ("preparer_name", "Người lập biểu"),
    ("preparer_phone", "Điện thoại người lập biểu"),
    ("party_term", "Nhiệm kỳ (đánh số văn bản lại từ 01)"),
)


def _spin(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(int(value))
    box.setSuffix(suffix)
    return box


class SettingsDialog(FormDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Cài đặt", parent, ok_text="Lưu cài đặt", min_width=720)
        self.ctx = ctx
        self.resize(720, 600)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._profile_tab(), "Đảng ủy và người ký")
        self.tabs.addTab(self._documents_tab(), "Văn bản in")
        self.tabs.addTab(self._days_off_tab(), "Ngày nghỉ")
        self.tabs.addTab(self._backup_tab(), "Sao lưu và bảo mật")
        self.tabs.addTab(self._courses_tab(), "Lớp bồi dưỡng")
        self.tabs.addTab(self._reports_tab(), "Báo cáo")
        self.body.addWidget(self.tabs, 1)

    # --- tabs ------------------------------------------------------------------------
    def _profile_tab(self) -> QWidget:
        profile = settings_ops.get_profile(self.ctx.session)
        page = QWidget()
        form = QFormLayout(page)
        self.profile_fields: dict[str, QLineEdit] = {}
        for key, label in PROFILE_LABELS:
            field = QLineEdit(str(profile.get(key) or ""))
            self.profile_fields[key] = field
            form.addRow(label + ":", field)
        self.deputies = QLineEdit("; ".join(profile.get("deputies") or []))
        self.deputies.setPlaceholderText("Các phó bí thư, cách nhau bằng dấu chấm phẩy")
        form.addRow("Phó bí thư (người ký thay):", self.deputies)
        return page

    def _documents_tab(self) -> QWidget:
        margins = self.ctx.settings.get("document_margins_mm")
        page = QWidget()
        form = QFormLayout(page)
        self.margins = {key: _spin(5, 50, margins.get(key, 20), " mm") for key in ("top", "bottom", "left", "right")}
        for key, label in (("top", "Lề trên"), ("bottom", "Lề dưới"), ("left", "Lề trái"), ("right", "Lề phải")):
            form.addRow(label + ":", self.margins[key])
        self.font = QComboBox()
        self.font.addItem("Times New Roman nếu máy có, nếu không Liberation Serif", "auto")
        self.font.addItem("Luôn dùng Liberation Serif kèm chương trình", "liberation")
        self.font.setCurrentIndex(max(0, self.font.findData(self.ctx.settings.get("document_font"))))
        form.addRow("Phông chữ:", self.font)
        note = QLabel("Thể thức theo Hướng dẫn 36-HD/VPTW: lề trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm.")
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _days_off_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(
            "Ngày lễ, Tết (kể cả Tết âm lịch) đã được tính sẵn. Thêm ở đây những ngày nghỉ khác "
            "(nghỉ bù, nghỉ theo thông báo) để hạn tính theo ngày làm việc được đúng."
        )
        note.setWordWrap(True)
        self.days = QListWidget()
        self.new_day, self.new_reason = DateField(), QLineEdit()
        self.new_reason.setPlaceholderText("Lý do nghỉ")
        add, remove = QPushButton("Thêm"), QPushButton("Bỏ ngày đã chọn")
        add.clicked.connect(self.add_day_off)
        remove.clicked.connect(self.remove_day_off)
        row = QHBoxLayout()
        row.addWidget(self.new_day)
        row.addWidget(self.new_reason, 1)
        row.addWidget(add)
        layout.addWidget(note)
        layout.addWidget(self.days, 1)
        layout.addLayout(row)
        layout.addWidget(remove)
        self._fill_days()
        return page

    def _backup_tab(self) -> QWidget:
        from commune_app.ops.backup import backup_folder

        page = QWidget()
        form = QFormLayout(page)
        self.backup_dir = QLineEdit(str(backup_folder(self.ctx.settings)))
        choose = QPushButton("Chọn...")
        choose.clicked.connect(self._choose_backup_dir)
        row = QHBoxLayout()
        row.addWidget(self.backup_dir, 1)
        row.addWidget(choose)
        form.addRow("Thư mục sao lưu:", row)
        self.keep_last = _spin(3, 100, self.ctx.settings.get("backup_keep_last"), " bản")
        self.keep_monthly = _spin(0, 60, self.ctx.settings.get("backup_keep_monthly"), " tháng")
        self.idle = _spin(1, 240, self.ctx.settings.get("idle_lock_minutes"), " phút")
        form.addRow("Giữ các bản tự động gần nhất:", self.keep_last)
        form.addRow("Giữ mỗi tháng một bản trong:", self.keep_monthly)
        form.addRow("Tự khóa khi không dùng sau:", self.idle)
        form.addRow("Mã hóa tệp dữ liệu:", self._encryption_row())
        return page

    def _encryption_row(self) -> QWidget:
        from commune_app.ops import encryption
        from ui.shell.encryption_dialogs import WHAT_IT_DOES

        session = self.ctx.session
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        if session.store.key is not None:
            state = "Đã mã hóa (SQLCipher): tệp và các bản sao lưu tự động chỉ mở được khi đăng nhập."
        elif not encryption.available():
            state = "Bản cài đặt này không có thư viện mã hóa (sqlcipher3)."
        else:
            state = "Chưa mã hóa."
        self.encryption_state = QLabel(state)
        self.encryption_state.setWordWrap(True)
        line.addWidget(self.encryption_state, 1)
        self.encrypt_button = QPushButton("Mã hóa tệp dữ liệu…")
        self.encrypt_button.setToolTip(WHAT_IT_DOES)
        self.encrypt_button.setVisible(session.store.key is None and encryption.available())
        self.encrypt_button.setEnabled(session.writable and session.actor.is_admin)
        self.encrypt_button.clicked.connect(self._request_encryption)
        line.addWidget(self.encrypt_button)
        return row

    def _request_encryption(self) -> None:
        """Cài đặt closes first (unsaved changes are asked about as on any close); the main
        window then closes, encrypts and reopens the file."""
        self.reject()
        if not self.isVisible():  # after the dialog's own loop has ended, not inside it
            QTimer.singleShot(0, self.ctx.encryption_requested.emit)

    def _courses_tab(self) -> QWidget:
        values = settings_ops.commune_settings(self.ctx.session)
        page = QWidget()
        form = QFormLayout(page)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(1, 100)
        self.threshold.setDecimals(0)
        self.threshold.setSuffix(" %")
        self.threshold.setValue(float(values["attendance_threshold"]) * 100)
        self.multiplier = QDoubleSpinBox()
        self.multiplier.setRange(0.5, 10)
        self.multiplier.setSingleStep(0.5)
        self.multiplier.setValue(float(values["course_multiplier"]))
        form.addRow("Tỷ lệ chuyên cần tối thiểu:", self.threshold)
        form.addRow("Số người cử đi học / chỉ tiêu kết nạp:", self.multiplier)
        self.pass_score = QDoubleSpinBox()
        self.pass_score.setRange(0.5, 10)
        self.pass_score.setDecimals(1)
        self.pass_score.setSingleStep(0.5)
        self.pass_score.setValue(courses_ops.pass_score(self.ctx.session))
        form.addRow("Điểm đạt (thang điểm 10):", self.pass_score)
        return page

    def _reports_tab(self) -> QWidget:
        signer = settings_ops.report_signer(self.ctx.session)
        page = QWidget()
        form = QFormLayout(page)
        self.report_authority = QLineEdit(signer["report_authority"])
        self.report_signer_title = QLineEdit(signer["report_signer_title"])
        form.addRow("Thẩm quyền ký (dòng trên chức vụ):", self.report_authority)
        form.addRow("Chức vụ người ký:", self.report_signer_title)
        note = QLabel(
            "In ở khối chữ ký cuối các biểu báo cáo Excel gửi cấp trên; tên người ký lấy từ "
            "mục Bí thư ở thẻ “Đảng ủy và người ký”."
        )
        note.setWordWrap(True)
        form.addRow(note)
        return page

    # --- actions ---------------------------------------------------------------------
    def _fill_days(self) -> None:
        self.days.clear()
        for day, reason in settings_ops.days_off(self.ctx.session).items():
            item = QListWidgetItem(f"{vn.format_date(day)} – {reason}")
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.days.addItem(item)

    def add_day_off(self) -> None:
        day = self.new_day.date()
        if day is None:
            vn_buttons.warn(self, "Ngày nghỉ", self.new_day.problem() or "Hãy gõ ngày theo dạng ngày/tháng/năm.")
            return
        try:
            settings_ops.set_day_off(self.ctx.session, day, self.new_reason.text())
        except Refused as exc:
            errors.show_refused(self, exc, "Ngày nghỉ")
            return
        self.new_day.clear()
        self.new_reason.clear()
        self._fill_days()

    def remove_day_off(self) -> None:
        item = self.days.currentItem()
        if item is not None:
            day = dt.date.fromisoformat(item.data(Qt.ItemDataRole.UserRole))
            try:
                settings_ops.set_day_off(self.ctx.session, day, None)
            except Refused as exc:
                errors.show_refused(self, exc, "Ngày nghỉ")
                return
            self._fill_days()

    def _choose_backup_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục sao lưu", self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def apply(self) -> None:
        """The file's settings in one transaction (a refusal stays in the error line, nothing
        saved), then this computer's own."""
        profile = {key: field.text() for key, field in self.profile_fields.items()}
        profile["deputies"] = [d.strip() for d in self.deputies.text().split(";") if d.strip()]
        settings_ops.save_all(
            self.ctx.session,
            profile,
            {
                "attendance_threshold": self.threshold.value() / 100,
                "course_multiplier": self.multiplier.value(),
                "course_pass_score": self.pass_score.value(),
                "report_authority": self.report_authority.text(),
                "report_signer_title": self.report_signer_title.text(),
            },
        )
        self.ctx.settings.update(
            {
                "document_margins_mm": {key: box.value() for key, box in self.margins.items()},
                "document_font": self.font.currentData(),
                "backup_dir": self.backup_dir.text().strip(),
                "backup_keep_last": self.keep_last.value(),
                "backup_keep_monthly": self.keep_monthly.value(),
                "idle_lock_minutes": self.idle.value(),
            }
        )
        self.ctx.settings.save()
