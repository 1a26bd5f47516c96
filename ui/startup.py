"""What happens between opening a file and showing the window, and when the program closes.

Order: warn about a network share; take the one-program-per-file lock (or open read-only);
a quick integrity check (offering the latest good backup when it fails); sign in (the first
administrator on a new file); the first backup of the day. On close: a backup, then the
lock is released.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from commune_app import places
from commune_app.errors import Refused
from commune_app.ops import backup as backup_ops
from commune_app.ops.context import SYSTEM, Session, open_session
from commune_app.safety import backups
from commune_app.safety.lock import FileInUse, FileLock
from commune_app.settings import Settings
from commune_app.store.backup import connection_problems
from ui import vn_buttons
from ui.login import sign_in

log = logging.getLogger("commune_app")


class Startup:
    """Holds what the open file needs until the program closes: the session and its lock."""

    def __init__(self, session: Session, settings: Settings) -> None:
        self.session = session
        self.settings = settings
        self.lock: FileLock | None = None
        self.start_page: str | None = None  # the page the window opens on (the first start's choice)

    def run(self, parent: QWidget | None = None, *, signed_in: bool = False) -> bool:
        """True when the window may open; the session may have been replaced (read-only, restored).

        ``signed_in``: the session's actor was just created by the first-start wizard."""
        found = places.data_file_warnings(self.session.store.path)
        if found:
            vn_buttons.warn(parent, "Nơi đặt tệp dữ liệu chưa an toàn", "\n\n".join(w.message for w in found))
        if not self._take_lock(parent):
            return False
        if not self._check_integrity(parent):
            return False
        actor = self.session.actor if signed_in else sign_in(self.session, parent)
        if actor is None:
            self.release()
            return False
        self.session.actor = actor
        self.session.store.user = actor.username
        return True

    def _take_lock(self, parent: QWidget | None) -> bool:
        lock = FileLock(self.session.store.path)
        try:
            lock.acquire()
        except FileInUse as exc:
            answer = vn_buttons.ask(
                parent,
                "Tệp đang được mở",
                exc.reasons[0],
                [("readonly", "Mở chỉ đọc"), ("quit", "Thoát")],
                "quit",
                icon=QMessageBox.Icon.Warning,
            )
            if answer != "readonly":
                return False
            path = self.session.store.path
            self.session.close()
            self.session = open_session(path, read_only=True, actor=SYSTEM)
            return True
        self.lock = lock
        return True

    def _check_integrity(self, parent: QWidget | None) -> bool:
        problems = connection_problems(self.session.store.conn, quick=True)
        if not problems:
            return True
        log.error("Tệp dữ liệu không đạt kiểm tra: %s", problems[:5])
        # read-only: another program holds the file, so it must not be swapped under it
        latest = None if self.session.store.read_only else self._latest_good_backup()
        text = "Tệp dữ liệu bị hỏng (có thể do mất điện hoặc ổ đĩa lỗi). Không nên tiếp tục làm việc trên tệp này."
        if latest is None:
            vn_buttons.warn(
                parent,
                "Tệp dữ liệu bị hỏng",
                text + "\nKhông tìm thấy bản sao lưu nào còn tốt; hãy liên hệ người hỗ trợ kỹ thuật và giữ nguyên tệp.",
                details="\n".join(problems[:20]),
            )
            self.release()
            return False
        created = latest.created.strftime("%H:%M ngày %d/%m/%Y") if latest.created else latest.path.name
        answer = vn_buttons.ask(
            parent,
            "Tệp dữ liệu bị hỏng",
            text,
            [("restore", "Khôi phục bản sao lưu"), ("quit", "Thoát")],
            "quit",
            informative=f"Bản sao lưu tốt gần nhất: {created} ({latest.summary.get('people', 0)} người). "
            "Tệp hỏng sẽ được giữ lại trong thư mục sao lưu.",
            icon=QMessageBox.Icon.Critical,
        )
        if answer != "restore":
            self.release()
            return False
        path = self.session.store.path
        self.session.close()
        backup_ops.restore(path, latest.path, self.settings)
        self.session = open_session(path, actor=SYSTEM)
        return True

    def _latest_good_backup(self) -> backups.BackupInfo | None:
        for info in backups.list_backups(backup_ops.backup_folder(self.settings)):
            if info.encrypted:
                continue
            try:
                return backups.inspect(info.path)
            except Refused:
                continue
        return None

    def start_of_day_backup(self) -> None:
        """The first start of each day leaves a verified copy (a failure is logged, not fatal)."""
        if self.session.store.read_only:
            return
        try:
            backup_ops.remove_leftovers(self.session, self.settings)
            backup_ops.automatic_backup(self.session, self.settings)
            backup_ops.weekly_check(self.settings)
        except Refused as exc:
            log.error("Không sao lưu tự động được: %s", exc)

    def close(self) -> None:
        """On closing: a last verified backup, then the lock goes."""
        if not self.session.store.read_only:
            try:
                backup_ops.automatic_backup(self.session, self.settings, force=True)
            except Refused as exc:
                log.error("Không sao lưu khi đóng được: %s", exc)
        self.session.close()
        self.release()

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def replace_session(self, path: Path) -> None:
        """After a restore from the Sao lưu page: the same file, reopened."""
        self.session = open_session(path, actor=self.session.actor)
