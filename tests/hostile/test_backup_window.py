"""Issue 15, case 8 in the window: "Đặt mật khẩu" with an empty field writes nothing; a
removable target proposes a password and warns before a plain copy; the list shows each
backup's verified state."""

from __future__ import annotations

import pytest

from commune_app.ops import backup as backup_ops
from commune_app.safety import backups
from commune_app.settings import Settings
from tests.factories import make_person
from ui.kit import vn_buttons
from ui.shell.context import UiContext
from ui.shell.tasks import TaskRunner

pytestmark = [pytest.mark.hostile, pytest.mark.gui]


@pytest.fixture
def page(session, tmp_path, qtbot, monkeypatch):
    from ui.backup.page import BackupPage

    make_person(session, "Nông Thị Hoa", gender="F")
    settings = Settings(tmp_path / "cai-dat.json")
    settings.set("backup_dir", str(tmp_path / "sao-luu"))
    ctx = UiContext(session, settings)
    ctx.tasks = TaskRunner(None)
    monkeypatch.setattr(vn_buttons, "inform", lambda *a, **k: None)
    widget = BackupPage(ctx)
    qtbot.addWidget(widget)
    return widget


def _choose(monkeypatch, folder, answers, texts):
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    monkeypatch.setattr(
        vn_buttons,
        "ask",
        lambda parent, title, text, buttons, default, **k: (asked.append((title, default)), answers.pop(0))[1],
    )
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (texts.pop(0), True))
    warned = []
    monkeypatch.setattr(vn_buttons, "warn", lambda parent, title, text: warned.append(text))
    return asked, warned


def test_an_empty_password_writes_nothing(page, tmp_path, monkeypatch, qtbot):
    usb = tmp_path / "usb"
    usb.mkdir()
    _asked, warned = _choose(monkeypatch, usb, ["yes"], ["", ""])
    page.backup_elsewhere()
    qtbot.waitUntil(lambda: not page.ctx.tasks.busy, timeout=15000)
    assert list(usb.iterdir()) == [] and warned and "trống" in warned[0]


def test_a_removable_target_proposes_a_password_and_warns_before_a_plain_copy(page, tmp_path, monkeypatch, qtbot):
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(backup_ops, "removable_drive", lambda folder: True)
    asked, _ = _choose(monkeypatch, usb, ["no", "cancel"], [])
    page.backup_elsewhere()
    assert asked[0][1] == "yes" and asked[1][0] == "Sao lưu không mật khẩu"
    assert list(usb.iterdir()) == []


def test_the_list_shows_each_backup_s_verified_state(page, qtbot):
    page.backup_now()
    qtbot.waitUntil(lambda: not page.ctx.tasks.busy, timeout=15000)
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    assert page.table.item(0, headers.index("Kiểm tra")).text() == backups.STATE_MADE
