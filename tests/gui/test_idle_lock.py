"""The idle lock cannot be left without the password, even when quitting is refused."""

from __future__ import annotations

from tests.gui.shell_fixtures import ctx, dialogs, main_window  # noqa: F401 - fixtures


def test_quitting_from_the_lock_that_does_not_close_locks_again(main_window, monkeypatch):
    from ui.shell import login

    answers = [0, 1]  # "Hủy" (quit) first, then the right password
    shown: list[str] = []

    def fake_exec(dialog):
        shown.append(dialog.windowTitle())
        return answers.pop(0)

    closes: list[bool] = []
    monkeypatch.setattr(login.LoginDialog, "exec", fake_exec)
    # as when a person window's "Thay đổi chưa lưu" question is answered "Tiếp tục sửa"
    monkeypatch.setattr(main_window, "close", lambda: closes.append(True) or False)
    idle = login.IdleLock(main_window.ctx.session, 1, main_window)
    try:
        assert idle.lock() is True
    finally:
        idle.timer.stop()
        idle.deleteLater()
    assert shown == ["Chương trình đã khóa", "Chương trình đã khóa"] and closes == [True]
    assert not idle.locked and main_window.isVisible()
