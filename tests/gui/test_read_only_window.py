"""The window on a file another program holds (read-only): signing in, marks, refused writes."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from commune_app.ops import accounts
from commune_app.ops.context import Actor, open_session
from commune_app.safety import lock
from commune_app.settings import Settings
from tests.gui.qt_typing import type_text
from tests.gui.shell_fixtures import dialogs  # noqa: F401 - fixture


@pytest.fixture
def read_only_window(qtbot, session, db_path, dialogs, tmp_path) -> Iterator:
    from commune_app.ops.opening import OpenedFile
    from ui.shell.app import make_application
    from ui.shell.main_window import build_window

    make_application()
    accounts.create_user(session, "quantri", "matkhau1", "admin")
    reader = open_session(db_path, read_only=True, actor=Actor("quantri", "admin"))
    settings = Settings(tmp_path / "cai-dat.json")
    settings.set("backup_dir", str(tmp_path / "sao-luu"))
    window = build_window(OpenedFile(reader, None), settings)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.opened.close()


def _held_elsewhere(path) -> None:
    now = dt.datetime.now().isoformat(timespec="seconds")
    holder = {"user": "lan", "computer": "MAY-KHAC", "pid": 1, "since": now, "heartbeat": now}
    lock.lock_path(path).write_text(json.dumps(holder), encoding="utf-8")


def test_sign_in_on_a_read_only_file_skips_the_forced_password_change(session, db_path, qtbot, monkeypatch, dialogs):
    from ui.shell import login
    from ui.shell.startup import open_in_window

    accounts.create_user(session, "quantri", "matkhau1", "admin")
    accounts.create_user(session, "canbo", "matkhau2", "clerk")
    accounts.reset_password(session, "canbo", "tam-thoi-1")
    _held_elsewhere(db_path)

    def fake_login_exec(dialog):
        type_text(dialog.username, "canbo")
        type_text(dialog.password, "tam-thoi-1")
        dialog.try_login()
        return dialog.result()

    def no_change(_dialog):
        raise AssertionError("a read-only file cannot keep a new password")

    monkeypatch.setattr(login.LoginDialog, "exec", fake_login_exec)
    monkeypatch.setattr(login.ChangePasswordDialog, "exec", no_change)
    dialogs.answers = ["readonly"]
    opened = open_in_window(db_path, None, create=False)
    assert opened is not None
    try:
        assert opened.session.store.read_only and opened.session.actor.username == "canbo"
    finally:
        opened.close()
    assert "MAY-KHAC" in dialogs.asked[0]


def test_read_only_window_says_so_and_refuses_restore_users_and_settings(read_only_window, dialogs):
    window = read_only_window
    assert window.windowTitle().endswith("(chỉ đọc)")
    assert "(chỉ đọc)" in window.file_label.text()
    backup_page = window.page_widget("backup")
    assert not backup_page.restore_button.isEnabled() and not backup_page.file_button.isEnabled()
    assert "chỉ đọc" in backup_page.file_button.toolTip()
    assert backup_page.backup_button.isEnabled()  # reading the file for a copy is harmless
    users_page = window.page_widget("users")
    from PySide6.QtWidgets import QPushButton

    assert not any(button.isEnabled() for button in users_page.findChildren(QPushButton))
    window.show_settings()  # warns instead of opening a dialog whose saving must fail
    assert any("chỉ đọc" in text for text in dialogs.shown)
    path = window.ctx.session.store.path
    assert window.restore_backup(path) is False  # the page's buttons are off; the window refuses too
    assert "chỉ đọc" in dialogs.shown[-1]
    assert path.exists()


def test_integrity_failure_in_a_read_only_file_offers_no_restore(session, db_path, tmp_path, dialogs, monkeypatch):
    from commune_app.ops import backup as backup_ops
    from commune_app.ops import opening
    from commune_app.ops.integrity import FileReport
    from ui.shell.startup import open_in_window

    settings = Settings(tmp_path / "cai-dat.json")
    settings.set("backup_dir", str(tmp_path / "sao-luu"))
    backup_ops.manual_backup(session, tmp_path / "sao-luu")  # a good backup the writer could restore
    _held_elsewhere(db_path)
    monkeypatch.setattr(opening, "check_file", lambda _session, quick: FileReport(["trang 7 hong"], read_only=True))
    dialogs.answers = ["readonly"]
    assert open_in_window(db_path, settings, create=False) is None
    assert dialogs.asked == [dialogs.asked[0]]  # only "open read-only?", no "Khôi phục" question
    assert any("bị hỏng" in text for text in dialogs.shown)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()
