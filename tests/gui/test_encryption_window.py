"""Encryption at rest through the window: Cài đặt turns it on (the administrator's password, the
recovery key shown once), the login dialog opens the encrypted file, and "Quên mật khẩu" takes
the recovery key and a new administrator password."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from commune_app.ops import accounts
from commune_app.ops.context import SYSTEM, Actor, open_session
from commune_app.safety import keyslots
from commune_app.settings import Settings
from commune_app.store import engine
from tests.gui.qt_typing import type_text
from tests.gui.shell_fixtures import dialogs  # noqa: F401 - fixture
from tests.hostile.helpers import NAME, fill

PASSWORD = "matkhau1"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    chosen = Settings(tmp_path / "cai-dat.json")
    chosen.set("backup_dir", str(tmp_path / "sao-luu"))
    return chosen


def _window(opened, settings):
    from ui.shell.app import make_application
    from ui.shell.main_window import build_window

    make_application()
    window = build_window(opened, settings, guard=True)
    window.show()
    return window


def _close(window) -> None:
    from ui.shell.startup import close_in_window

    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    close_in_window(window.opened)


def test_settings_encrypts_the_open_file_and_the_login_opens_it_again(qtbot, db_path, settings, dialogs, monkeypatch):
    from ui.shell import encryption_dialogs, login
    from ui.shell.settings_dialog import SettingsDialog
    from ui.shell.startup import open_in_window

    session = open_session(db_path, actor=SYSTEM)
    fill(session)
    accounts.create_user(session, "quantri", PASSWORD, "admin")
    session.close()

    def sign_in(dialog):
        type_text(dialog.username, "quantri")
        type_text(dialog.password, PASSWORD)
        dialog.try_login()
        return dialog.result()

    monkeypatch.setattr(login.LoginDialog, "exec", sign_in)
    window = _window(open_in_window(db_path, settings, create=False), settings)
    shown_codes: list[str] = []

    def give_password(dialog):
        type_text(dialog.password, PASSWORD)
        dialog._check()
        return dialog.result()

    def write_down(dialog):
        dialog.reject()  # Esc before the tick keeps the key on the screen
        assert not dialog.close_button.isEnabled()
        shown_codes.append(dialog.code.text())
        dialog.written.setChecked(True)
        assert dialog.close_button.isEnabled()
        dialog.accept()
        return 1

    monkeypatch.setattr(encryption_dialogs.EnableEncryptionDialog, "exec", give_password)
    monkeypatch.setattr(encryption_dialogs.RecoveryKeyDialog, "exec", write_down)
    try:
        settings_dialog = SettingsDialog(window.ctx, window)
        assert settings_dialog.encryption_state.text() == "Chưa mã hóa."
        assert settings_dialog.encrypt_button.isVisible() or not settings_dialog.isVisible()
        settings_dialog._request_encryption()
        qtbot.waitUntil(lambda: bool(shown_codes), timeout=10_000)
        assert window.ctx.session.store.key is not None
        assert window.ctx.session.actor.username == "quantri"
        assert engine.is_encrypted_file(db_path) and NAME.encode() not in db_path.read_bytes()
        assert len(shown_codes[0]) == 29
        again = SettingsDialog(window.ctx, window)
        assert again.encryption_state.text().startswith("Đã mã hóa")
        assert not again.encrypt_button.isVisibleTo(again)
    finally:
        _close(window)
    reopened = open_in_window(db_path, settings, create=False)  # the same login dialog, now unlocking the key
    assert reopened is not None and reopened.session.store.key is not None
    reopened.close()


def test_a_forgotten_password_is_replaced_with_the_recovery_key(qtbot, db_path, settings, dialogs, monkeypatch):
    from commune_app.ops import encryption
    from ui.shell import encryption_dialogs, login
    from ui.shell.startup import open_in_window

    session = open_session(db_path, actor=SYSTEM)
    fill(session)
    accounts.create_user(session, "quantri", PASSWORD, "admin")
    session.actor = Actor("quantri", "admin")
    enabled = encryption.enable(session, PASSWORD)
    enabled.session.close()

    def forgot(dialog):
        assert dialog.recover is not None  # the file is encrypted: the login dialog offers the way back
        dialog.use_recovery_key()
        return dialog.result()

    def recover(dialog):
        type_text(dialog.code, "sai-khoa")
        type_text(dialog.username, "quantri")
        type_text(dialog.password, "matkhaumoi1")
        type_text(dialog.again, "matkhaumoi1")
        dialog.try_recover()
        assert "Khóa khôi phục không đúng" in dialog.error.text()
        dialog.code.clear()
        type_text(dialog.code, enabled.recovery_code.lower())
        dialog.try_recover()
        return dialog.result()

    monkeypatch.setattr(login.LoginDialog, "exec", forgot)
    monkeypatch.setattr(encryption_dialogs.RecoverySignInDialog, "exec", recover)
    opened = open_in_window(db_path, settings, create=False)
    assert opened is not None and opened.session.actor.username == "quantri"
    opened.close()
    assert keyslots.load(db_path).unlock_account("quantri", "matkhaumoi1") is not None
