"""The window's answers to the questions of opening a file (``commune_app.ops.opening``).

Opening itself (place warnings, lock, the quick check of ``commune-app check``, restore offer,
sign-in, the day's first backup; on close a backup, then the lock) is ``ops.opening``; here
each question becomes a dialog, and the notices it returns (a backup that failed) are shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from commune_app import places
from commune_app.errors import Refused
from commune_app.ops import opening
from commune_app.ops.context import Actor
from commune_app.ops.integrity import FileReport
from commune_app.safety import backups
from commune_app.safety.lock import FileInUse
from commune_app.settings import Settings
from ui.kit import vn_buttons
from ui.shell import errors
from ui.shell.login import ChangePasswordDialog, FirstAdminDialog, LoginDialog

DAMAGED = "Tệp dữ liệu bị hỏng (có thể do mất điện hoặc ổ đĩa lỗi). Không nên tiếp tục làm việc trên tệp này."


class WindowQuestions:
    """``ops.opening.Questions`` asked with the program's dialogs, over ``parent``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def place_warnings(self, warnings: list[places.PlaceWarning]) -> None:
        vn_buttons.warn(self.parent, "Nơi đặt tệp dữ liệu chưa an toàn", "\n\n".join(w.message for w in warnings))

    def open_read_only(self, in_use: FileInUse) -> bool:
        answer = vn_buttons.ask(
            self.parent,
            "Tệp đang được mở",
            in_use.reasons[0],
            [("readonly", "Mở chỉ đọc"), ("quit", "Thoát")],
            "quit",
            icon=QMessageBox.Icon.Warning,
        )
        return answer == "readonly"

    def restore_damaged(self, report: FileReport, latest: backups.BackupInfo | None) -> bool:
        details = "\n".join(report.problems[:20])
        if latest is None:
            vn_buttons.warn(
                self.parent,
                "Tệp dữ liệu bị hỏng",
                DAMAGED
                + "\nKhông tìm thấy bản sao lưu nào còn tốt; hãy liên hệ người hỗ trợ kỹ thuật và giữ nguyên tệp.",
                details=details,
            )
            return False
        created = latest.created.strftime("%H:%M ngày %d/%m/%Y") if latest.created else latest.path.name
        answer = vn_buttons.ask(
            self.parent,
            "Tệp dữ liệu bị hỏng",
            DAMAGED,
            [("restore", "Khôi phục bản sao lưu"), ("quit", "Thoát")],
            "quit",
            informative=f"Bản sao lưu tốt gần nhất: {created} ({latest.summary.get('people', 0)} người). "
            "Tệp hỏng sẽ được giữ lại trong thư mục sao lưu.",
            icon=QMessageBox.Icon.Critical,
        )
        return answer == "restore"

    def sign_in(self, request: opening.SignIn) -> bool:
        """The first administrator on a file without accounts, else the login dialog."""
        dialog = (
            FirstAdminDialog(request.create_admin, self.parent)
            if request.first_admin
            else LoginDialog(request.verify, self.parent, recover=request.recover if request.encrypted else None)
        )
        return bool(dialog.exec())

    def change_password(self, change: opening.PasswordChange) -> bool:
        return bool(ChangePasswordDialog(change.apply, self.parent, required=True).exec())


def show_notices(parent: QWidget | None, notices: list[opening.Notice]) -> None:
    for notice in notices:
        vn_buttons.warn(parent, notice.title, notice.text)


def open_in_window(
    path: Path,
    settings: Settings | None,
    *,
    create: bool,
    parent: QWidget | None = None,
    actor: Actor | None = None,
    key: bytes | None = None,
) -> opening.OpenedFile | None:
    """Open a data file with every guard, asking in dialogs; None (after telling why) when it cannot be."""
    try:
        opened = opening.open_data_file(path, settings, WindowQuestions(parent), create=create, actor=actor, key=key)
    except Refused as exc:
        errors.show_refused(parent, exc, "Không mở được tệp dữ liệu")
        return None
    if opened is not None:
        show_notices(parent, opened.notices)
    return opened


def close_in_window(opened: opening.OpenedFile, parent: QWidget | None = None) -> None:
    """Close the file; a backup that failed on the way is said, and closing goes on."""
    show_notices(parent, opened.close())
