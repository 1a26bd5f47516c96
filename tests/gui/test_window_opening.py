"""The window's start and close through ops.opening: the file opened once, a failed backup said and never blocking."""

from __future__ import annotations

import errno
import sqlite3
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from commune_app.ops import accounts, context
from commune_app.ops import backup as backup_ops
from commune_app.ops.context import SYSTEM, open_session
from commune_app.safety import backups, lock
from commune_app.settings import Settings
from commune_app.store import backup as sqlite_backup
from tests.gui.qt_typing import type_text
from tests.gui.shell_fixtures import dialogs  # noqa: F401 - fixture
from tests.hostile.helpers import fill


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    chosen = Settings(tmp_path / "cai-dat.json")
    chosen.set("backup_dir", str(tmp_path / "sao-luu"))
    return chosen


@pytest.fixture
def data_file(db_path: Path, monkeypatch) -> Path:
    from ui.shell import login

    session = open_session(db_path, actor=SYSTEM)
    try:
        fill(session)
        accounts.create_user(session, "quantri", "matkhau1", "admin")
    finally:
        session.close()

    def sign_in(dialog):
        type_text(dialog.username, "quantri")
        type_text(dialog.password, "matkhau1")
        dialog.try_login()
        return dialog.result()

    monkeypatch.setattr(login.LoginDialog, "exec", sign_in)
    return db_path


def _start_and_close(qtbot, path: Path, settings: Settings) -> None:
    """What run_app does around app.exec(): open with every guard, show the window, close."""
    from ui.shell.app import make_application
    from ui.shell.main_window import build_window
    from ui.shell.startup import close_in_window, open_in_window

    make_application()
    opened = open_in_window(path, settings, create=False)
    assert opened is not None
    window = build_window(opened, settings, guard=True)
    window.show()
    assert window.ctx.session.actor.username == "quantri"
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    close_in_window(window.opened)


def _autos(settings: Settings) -> int:
    return sum(b.tag == backups.AUTO_TAG for b in backups.list_backups(backup_ops.backup_folder(settings)))


def test_a_normal_window_start_opens_the_file_once(qtbot, data_file, settings, dialogs, monkeypatch):
    opened_paths = []
    real = context.open_store

    def counting(path, **kwargs):
        opened_paths.append(Path(path))
        return real(path, **kwargs)

    monkeypatch.setattr(context, "open_store", counting)
    _start_and_close(qtbot, data_file, settings)
    assert opened_paths == [data_file]
    assert dialogs.shown == [] and dialogs.asked == []
    assert _autos(settings) == 2  # the day's first copy and the one on closing
    assert lock.read_holder(data_file) is None


def test_disk_full_at_the_day_s_backup_is_said_and_the_window_opens(qtbot, data_file, settings, dialogs, monkeypatch):
    def full(_source, target, **_options):
        Path(target).write_bytes(b"x" * 100)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_backup, "copy_database", full)
    _start_and_close(qtbot, data_file, settings)
    said = [text for text in dialogs.shown if "Chưa sao lưu được hôm nay: " in text]
    assert len(said) == 1 and "đã đầy" in said[0]
    assert said[0].endswith("Chương trình sẽ thử lại lần mở sau.")
    closing = [text for text in dialogs.shown if "Chưa sao lưu được khi đóng chương trình: " in text]
    assert len(closing) == 1  # the disk is still full when the program closes: said, and it closes
    assert lock.read_holder(data_file) is None


def test_a_read_only_backup_folder_on_close_is_said_and_closing_goes_on(
    qtbot, data_file, settings, dialogs, monkeypatch
):
    from ui.shell.app import make_application
    from ui.shell.main_window import build_window
    from ui.shell.startup import close_in_window, open_in_window

    make_application()
    opened = open_in_window(data_file, settings, create=False)
    assert opened is not None and dialogs.shown == []
    window = build_window(opened, settings, guard=True)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    folder = backup_ops.backup_folder(settings)
    real = tempfile.mkstemp

    def refuse(*args, **kwargs):
        if Path(kwargs.get("dir", "")) == folder:
            raise OSError(errno.EROFS, "Read-only file system")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    close_in_window(window.opened)
    (said,) = dialogs.shown
    assert "Chưa sao lưu được khi đóng chương trình: Không có quyền ghi" in said
    assert lock.read_holder(data_file) is None
