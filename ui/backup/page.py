"""Sao lưu: the backups in the backup folder, a backup to any folder, restore with a preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.errors import NotAllowed
from commune_app.ops import backup as backup_ops
from commune_app.safety import backups, crypto
from ui.kit import vn_buttons
from ui.shell import errors
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec


class BackupPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Thời điểm", "Loại", "Kích thước", "Kiểm tra", "Tệp"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.restore_selected())
        self.empty_label = QLabel(
            "Chưa có bản sao lưu nào trong thư mục này. Nhấn “Sao lưu ngay” để tạo bản đầu tiên; "
            "chương trình cũng tự sao lưu khi mở lần đầu trong ngày và khi đóng."
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #555;")

        self.backup_button = QPushButton("Sao lưu ngay")
        self.backup_button.clicked.connect(self.backup_now)
        self.usb_button = QPushButton("Sao lưu ra thư mục khác (USB)...")
        self.usb_button.clicked.connect(self.backup_elsewhere)
        self.restore_button = QPushButton("Khôi phục bản đã chọn...")
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button = QPushButton("Khôi phục từ tệp khác...")
        self.file_button.clicked.connect(self.restore_from_file)
        self.folder_button = QPushButton("Đổi thư mục sao lưu...")
        self.folder_button.clicked.connect(self.change_folder)

        # The operations refuse too; the buttons only say so before the clerk tries.
        actor = ctx.session.actor
        for button in (self.backup_button, self.usb_button):
            if actor.cell_id is not None:
                button.setEnabled(False)
                button.setToolTip(
                    "Bản sao lưu chứa dữ liệu của mọi chi bộ; tài khoản chỉ làm việc với một chi bộ không sao lưu được."
                )
        for button in (self.restore_button, self.file_button):
            if ctx.session.store.read_only:
                button.setToolTip("Tệp đang mở chỉ đọc (một chương trình khác đang dùng): không khôi phục được.")
            elif not actor.is_admin:
                button.setToolTip("Chỉ tài khoản quản trị mới khôi phục được dữ liệu.")
        self.file_button.setEnabled(self._may_restore)

        buttons = QHBoxLayout()
        for button in (self.backup_button, self.usb_button, self.restore_button, self.file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)

        layout = QVBoxLayout(self)
        title = QLabel("<h2>Sao lưu và khôi phục</h2>")
        note = QLabel(
            "Chương trình tự sao lưu khi mở lần đầu trong ngày và khi đóng. Mỗi bản sao lưu mới được kiểm tra "
            "nhanh và ghi kèm mã kiểm tra (SHA-256) trước khi giữ lại; bản mới nhất được kiểm tra đầy đủ hằng "
            "tuần, và bản nào cũng được kiểm tra đầy đủ trước khi khôi phục. Nên chép thêm ra USB hằng tuần."
        )
        note.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addLayout(folder_row)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    @property
    def _may_restore(self) -> bool:
        return self.ctx.session.actor.is_admin and not self.ctx.session.store.read_only

    @property
    def folder(self) -> Path:
        return backup_ops.backup_folder(self.ctx.settings)

    def refresh(self) -> None:
        self.folder_label.setText(f"Thư mục sao lưu: {self.folder}")
        found = backups.list_backups(self.folder)
        self.table.setRowCount(len(found))
        kinds = {backups.AUTO_TAG: "Tự động", backups.BEFORE_RESTORE_TAG: "Trước khi khôi phục", "hong": "Tệp hỏng"}
        for row, info in enumerate(found):
            when = info.created.strftime("%d/%m/%Y %H:%M:%S") if info.created else ""
            kind = kinds.get(info.tag, "Thủ công") + (
                " (có mật khẩu)" if info.encrypted else " (mã hóa)" if info.keyed else ""
            )
            for column, text in enumerate((when, kind, vn.file_size(info.size), info.state, info.path.name)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(info.path))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.empty_label.setVisible(not found)
        self.restore_button.setEnabled(bool(found) and self._may_restore)

    # --- backup ------------------------------------------------------------------------
    def backup_now(self) -> None:
        self._backup(self.folder, None)

    def backup_elsewhere(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục (ổ USB) để ghi bản sao lưu")
        if not folder:
            return
        password = None
        encrypted = self.ctx.session.store.key is not None  # its copies are encrypted by the file's key anyway
        removable = backup_ops.removable_drive(Path(folder)) and not encrypted
        informative = "Bản sao lưu có mật khẩu chỉ khôi phục được khi nhập đúng mật khẩu."
        if encrypted:
            informative = (
                "Tệp dữ liệu đã mã hóa: bản sao không mật khẩu vẫn được mã hóa, mở bằng tài khoản của tệp. "
                "Bản có mật khẩu mở được bằng mật khẩu đó (ví dụ để chuyển sang máy khác). " + informative
            )
        if removable:
            informative = (
                "Thư mục này nằm trên ổ tháo rời (USB): ai nhặt được ổ sẽ đọc được toàn bộ hồ sơ nếu "
                "bản sao không có mật khẩu. " + informative
            )
        if (
            vn_buttons.ask(
                self,
                "Đặt mật khẩu?",
                "Có đặt mật khẩu bảo vệ bản sao lưu này không?",
                [("yes", "Đặt mật khẩu"), ("no", "Không đặt")],
                "yes" if removable else "no",
                informative=informative,
            )
            == "yes"
        ):
            password = self._ask_password("Mật khẩu cho bản sao lưu", twice=True)
            if password is None:
                return
        elif (
            removable
            and vn_buttons.ask(
                self,
                "Sao lưu không mật khẩu",
                "Ghi bản sao KHÔNG có mật khẩu ra ổ tháo rời?",
                [("plain", "Vẫn ghi không mật khẩu"), ("cancel", "Không ghi")],
                "cancel",
                informative="Họ tên, ngày sinh, số CCCD của mọi người sẽ đọc được trên ổ này.",
                icon=vn_buttons.QMessageBox.Icon.Warning,
            )
            != "plain"
        ):
            return
        self._backup(Path(folder), password)

    def _backup(self, folder: Path, password: str | None) -> None:
        session = self.ctx.session

        def done(info: backups.BackupInfo) -> None:
            self.refresh()
            vn_buttons.inform(
                self,
                "Đã sao lưu",
                f"Đã sao lưu và kiểm tra toàn vẹn:\n{info.path}\n\n{info.summary.get('people', 0)} người, "
                f"{info.summary.get('members', 0)} đảng viên, {info.summary.get('documents', 0)} văn bản.",
            )

        self.ctx.tasks.run(
            "Đang sao lưu dữ liệu",
            lambda _p: backup_ops.manual_backup(session, folder, password),
            done,
            cancellable=False,
        )

    def _ask_password(self, title: str, *, twice: bool = False) -> str | None:
        first, ok = QInputDialog.getText(self, title, "Mật khẩu:", QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if twice:
            again, ok = QInputDialog.getText(self, title, "Nhập lại mật khẩu:", QLineEdit.EchoMode.Password)
            if not ok:
                return None
            if again != first:
                vn_buttons.warn(self, title, "Hai lần nhập mật khẩu không giống nhau.")
                return None
            problem = crypto.password_problem(first)
            if problem:  # an empty or short password would give a copy anyone can open
                vn_buttons.warn(self, title, problem)
                return None
        return first

    def change_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục sao lưu", str(self.folder))
        if folder:
            self.ctx.settings.set("backup_dir", folder)
            self.ctx.settings.save()
            self.refresh()

    # --- restore -----------------------------------------------------------------------
    def restore_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            vn_buttons.inform(self, "Khôi phục", "Hãy chọn một bản sao lưu trong danh sách.")
            return
        self.restore(Path(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)))

    def restore_from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Chọn tệp sao lưu", str(self.folder), "Bản sao lưu (*.sqlite *.ptdv);;Mọi tệp (*)"
        )
        if path:
            self.restore(Path(path))

    def restore(self, path: Path) -> None:
        try:
            backup_ops.require_restore_right(self.ctx.session)
        except NotAllowed as exc:
            errors.show_refused(self, exc, "Không khôi phục được")
            return
        password = None
        if path.suffix == backups.ENCRYPTED_SUFFIX:
            password = self._ask_password("Mật khẩu của bản sao lưu")
            if password is None:
                return
        self.ctx.tasks.run(
            "Đang kiểm tra bản sao lưu",
            lambda _p: backups.inspect(path, password, key=self.ctx.session.store.key),
            lambda info: self._confirm_restore(info, password),
            cancellable=False,
        )

    def _confirm_restore(self, info: backups.BackupInfo, password: str | None) -> None:
        created = info.created.strftime("%H:%M ngày %d/%m/%Y") if info.created else "không rõ"
        counts = info.summary
        answer = vn_buttons.ask(
            self,
            "Khôi phục dữ liệu",
            f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu tạo lúc {created}?",
            [("restore", "Khôi phục"), ("cancel", "Không khôi phục")],
            "cancel",
            informative=(
                f"Bản sao lưu: {info.path.name} ({vn.file_size(info.size)})\n"
                f"{counts.get('people', 0)} người, {counts.get('members', 0)} đảng viên, "
                f"{counts.get('documents', 0)} văn bản.\n\n"
                "Dữ liệu hiện tại sẽ được sao lưu trước khi thay thế."
            ),
            icon=vn_buttons.QMessageBox.Icon.Warning,
        )
        if answer == "restore":
            window = self.window()
            window.restore_backup(info.path, password)  # the main window closes, swaps and reopens the file


PAGE = PageSpec(90, "backup", "Sao lưu", BackupPage)
