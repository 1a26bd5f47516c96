"""The window on a file another program holds (read-only): signing in, marks, refused writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from commune_app.ops import accounts
from commune_app.ops.context import SYSTEM, Actor, open_session
from commune_app.settings import Settings
from tests.gui.qt_typing import type_text
from tests.gui.shell_fixtures import dialogs  # noqa: F401 - fixture


@pytest.fixture
def read_only_window(qtbot, session, db_path, dialogs, tmp_path) -> Iterator:
    from ui.app import OpenedFile, build_window, make_application

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


def test_sign_in_on_a_read_only_file_skips_the_forced_password_change(session, db_path, qtbot, monkeypatch):
    from ui import login

    accounts.create_user(session, "quantri", "matkhau1", "admin")
    accounts.create_user(session, "canbo", "matkhau2", "clerk")
    accounts.reset_password(session, "canbo", "tam-thoi-1")
    reader = open_session(db_path, read_only=True, actor=SYSTEM)

    def fake_login_exec(dialog):
        type_text(dialog.username, "canbo")
        type_text(dialog.password, "tam-thoi-1")
        dialog.try_login()
        return dialog.result()

    def no_change(_dialog):
        raise AssertionError("a read-only file cannot keep a new password")

    monkeypatch.setattr(login.LoginDialog, "exec", fake_login_exec)
    monkeypatch.setattr(login.ChangePasswordDialog, "exec", no_change)
    try:
        actor = login.sign_in(reader)
    finally:
        reader.close()
    assert actor is not None and actor.username == "canbo"


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
    from ui import startup as startup_module

    settings = Settings(tmp_path / "cai-dat.json")
    settings.set("backup_dir", str(tmp_path / "sao-luu"))
    backup_ops.manual_backup(session, tmp_path / "sao-luu")  # a good backup the writer could restore
    reader = open_session(db_path, read_only=True, actor=SYSTEM)
    monkeypatch.setattr(startup_module, "connection_problems", lambda _conn, quick: ["trang 7 hong"])
    start = startup_module.Startup(reader, settings)
    try:
        assert start._check_integrity(None) is False
    finally:
        start.session.close()
    assert not dialogs.asked  # no "Khôi phục" question: only the warning
    assert any("bị hỏng" in text for text in dialogs.shown)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()
