"""Opening a data file (commune_app/ops/opening.py): the one path of the window and the command line."""

from __future__ import annotations

import datetime as dt
import errno
import json
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from commune_app.errors import Refused
from commune_app.ops import accounts, integrity, opening
from commune_app.ops import backup as backup_ops
from commune_app.ops.context import SYSTEM, open_session
from commune_app.ops.integrity import FileReport
from commune_app.safety import backups, lock
from commune_app.settings import Settings
from commune_app.store import backup as sqlite_backup
from tests.hostile.helpers import fill


@dataclass
class Scripted:
    """Answers every question from a script and records what was asked."""

    read_only: bool = False
    restore: bool = False
    logins: list[tuple[str, str]] = field(default_factory=lambda: [("quantri", "matkhau1")])
    new_password: tuple[str, str] | None = None
    asked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    latest: backups.BackupInfo | None = None

    def place_warnings(self, warnings: list) -> None:
        self.asked.append("place")

    def open_read_only(self, in_use: lock.FileInUse) -> bool:
        self.asked.append(f"in use: {in_use.reasons[0]}")
        return self.read_only

    def restore_damaged(self, report: FileReport, latest: backups.BackupInfo | None) -> bool:
        self.asked.append(f"damaged: {report.problems}")
        self.latest = latest
        return self.restore

    def sign_in(self, request: opening.SignIn) -> bool:
        self.asked.append("sign in")
        if request.first_admin:
            request.create_admin("quantri", "matkhau1", "Nông Thị Lan")
            return True
        while self.logins:
            try:
                request.verify(*self.logins.pop(0))
                return True
            except Refused as exc:
                self.errors.append(exc.reasons[0])
        return False

    def change_password(self, change: opening.PasswordChange) -> bool:
        self.asked.append(f"new password for {change.username}")
        if self.new_password is None:
            return False
        change.apply(*self.new_password)
        return True


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    chosen = Settings(tmp_path / "cai-dat.json")
    chosen.set("backup_dir", str(tmp_path / "sao-luu"))
    return chosen


@pytest.fixture
def data_file(db_path: Path) -> Path:
    session = open_session(db_path, actor=SYSTEM)
    try:
        fill(session)
        accounts.create_user(session, "quantri", "matkhau1", "admin")
    finally:
        session.close()
    return db_path


def _autos(settings: Settings) -> list[backups.BackupInfo]:
    return [b for b in backups.list_backups(backup_ops.backup_folder(settings)) if b.tag == backups.AUTO_TAG]


def test_a_normal_open_locks_opens_once_signs_in_and_backs_up(data_file, settings, monkeypatch):
    opened_times = []
    real_open = opening.open_session

    def counting_open(*args, **kwargs):
        opened_times.append(args)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(opening, "open_session", counting_open)
    questions = Scripted()
    opened = opening.open_data_file(data_file, settings, questions)
    assert opened is not None
    try:
        assert len(opened_times) == 1
        assert opened.session.actor.username == "quantri" and opened.session.store.user == "quantri"
        assert opened.lock is not None and lock.read_holder(data_file) is not None
        assert opened.notices == []
        assert len(_autos(settings)) == 1  # the day's first copy
    finally:
        assert opened.close() == []
    assert lock.read_holder(data_file) is None
    assert len(_autos(settings)) == 2  # the copy on closing


def test_the_start_check_is_the_one_of_commune_app_check_in_its_quick_variant(data_file, settings, monkeypatch):
    calls = []

    def spy(session, *, quick=False):
        calls.append(quick)
        return integrity.check_file(session, quick=quick)

    assert opening.check_file is integrity.check_file
    monkeypatch.setattr(opening, "check_file", spy)
    opened = opening.open_data_file(data_file, settings, Scripted())
    assert opened is not None
    opened.close()
    assert calls == [True]


def _held_elsewhere(path: Path) -> None:
    now = dt.datetime.now().isoformat(timespec="seconds")
    holder = {"user": "lan", "computer": "MAY-KHAC", "pid": 1, "since": now, "heartbeat": now}
    lock.lock_path(path).write_text(json.dumps(holder), encoding="utf-8")


def test_a_file_held_elsewhere_asks_and_opens_read_only_without_backup(data_file, settings):
    _held_elsewhere(data_file)
    questions = Scripted(read_only=True)
    opened = opening.open_data_file(data_file, settings, questions)
    assert opened is not None
    try:
        assert "MAY-KHAC" in questions.asked[0]
        assert opened.session.store.read_only and opened.lock is None
        assert _autos(settings) == []
    finally:
        opened.close()
    assert lock.read_holder(data_file).computer == "MAY-KHAC"  # never taken, never removed


def test_a_file_held_elsewhere_is_not_opened_when_the_answer_is_no(data_file, settings):
    _held_elsewhere(data_file)
    assert opening.open_data_file(data_file, settings, Scripted(read_only=False)) is None


def _damage_once(monkeypatch) -> None:
    real = opening.check_file
    reports = [FileReport(["trang 7 hỏng"])]

    def damaged(session, *, quick=False):
        return reports.pop() if reports else real(session, quick=quick)

    monkeypatch.setattr(opening, "check_file", damaged)


def test_a_damaged_file_offers_the_latest_good_backup_and_restores_it(data_file, settings, monkeypatch):
    session = open_session(data_file, actor=SYSTEM)
    good = backup_ops.manual_backup(session, backup_ops.backup_folder(settings))
    session.close()
    _damage_once(monkeypatch)
    questions = Scripted(restore=True)
    opened = opening.open_data_file(data_file, settings, questions)
    assert opened is not None
    try:
        assert questions.latest is not None and questions.latest.path == good.path
        assert questions.asked[:2] == ["damaged: ['trang 7 hỏng']", "sign in"]
        assert opened.session.actor.username == "quantri"
    finally:
        opened.close()


def test_a_damaged_file_left_alone_is_not_opened_and_its_lock_goes(data_file, settings, monkeypatch):
    _damage_once(monkeypatch)
    questions = Scripted(restore=False)
    assert opening.open_data_file(data_file, settings, questions) is None
    assert questions.latest is None  # no backup exists
    assert "sign in" not in questions.asked
    assert lock.read_holder(data_file) is None


def test_sign_in_is_asked_again_after_a_wrong_password_and_cancel_gives_up(data_file, settings):
    questions = Scripted(logins=[("quantri", "sai-mat-khau"), ("quantri", "matkhau1")])
    opened = opening.open_data_file(data_file, settings, questions)
    assert opened is not None
    opened.close()
    assert len(questions.errors) == 1
    assert opening.open_data_file(data_file, settings, Scripted(logins=[])) is None
    assert lock.read_holder(data_file) is None


def test_a_new_file_creates_its_first_administrator(db_path, settings):
    questions = Scripted()
    opened = opening.open_data_file(db_path, settings, questions, create=True)
    assert opened is not None
    try:
        assert opened.session.actor.is_admin and opened.session.actor.full_name == "Nông Thị Lan"
    finally:
        opened.close()


def test_a_reset_password_must_be_changed_before_the_window_opens(data_file, settings):
    session = open_session(data_file, actor=SYSTEM)
    accounts.reset_password(session, "quantri", "tam-thoi-1")
    session.close()
    refused = Scripted(logins=[("quantri", "tam-thoi-1")])
    assert opening.open_data_file(data_file, settings, refused) is None
    assert refused.asked[-1] == "new password for quantri"
    changed = Scripted(logins=[("quantri", "tam-thoi-1")], new_password=("tam-thoi-1", "matkhau-moi-2"))
    opened = opening.open_data_file(data_file, settings, changed)
    assert opened is not None
    opened.close()
    assert opening.open_data_file(data_file, settings, Scripted(logins=[("quantri", "matkhau-moi-2")])) is not None


def _disk_full(monkeypatch) -> None:
    def full(_source, target, **_options):
        Path(target).write_bytes(b"x" * 100)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_backup, "copy_database", full)


def test_disk_full_at_the_day_s_backup_opens_with_a_notice_and_retries_next_start(data_file, settings, monkeypatch):
    with monkeypatch.context() as patch:
        _disk_full(patch)
        opened = opening.open_data_file(data_file, settings, Scripted())
        assert opened is not None  # the program opens all the same
        (notice,) = opened.notices
        assert notice.text.startswith("Chưa sao lưu được hôm nay: ")
        assert "đã đầy" in notice.text and notice.text.endswith("Chương trình sẽ thử lại lần mở sau.")
        assert opened.session.actor.username == "quantri"
        opened.session.close()
        opened.release()
    opened = opening.open_data_file(data_file, settings, Scripted())
    assert opened is not None and opened.notices == []
    assert len(_autos(settings)) == 1  # the next start made it
    opened.close()


def _read_only_folder(monkeypatch, folder: Path) -> None:
    real = tempfile.mkstemp

    def refuse(*args, **kwargs):
        if Path(kwargs.get("dir", "")) == folder:
            raise OSError(errno.EROFS, "Read-only file system")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)


def test_a_read_only_backup_folder_at_close_warns_closes_and_retries_next_start(data_file, settings, monkeypatch):
    opened = opening.open_data_file(data_file, settings, Scripted())
    assert opened is not None and len(_autos(settings)) == 1
    with monkeypatch.context() as patch:
        _read_only_folder(patch, backup_ops.backup_folder(settings))
        (notice,) = opened.close()
    assert notice.text.startswith("Chưa sao lưu được khi đóng chương trình: Không có quyền ghi")
    assert notice.text.endswith("Chương trình sẽ thử lại lần mở sau.")
    assert lock.read_holder(data_file) is None  # closing went on
    assert Settings(settings.path).get(opening.RETRY_KEY) is True
    again = opening.open_data_file(data_file, settings, Scripted())
    assert again is not None and again.notices == []
    assert len(_autos(settings)) == 2  # today's copy existed, the failed one was made up for
    assert Settings(settings.path).get(opening.RETRY_KEY) is False
    again.session.close()
    again.release()


def test_an_os_error_while_rotating_is_a_notice_not_a_crash(data_file, settings, monkeypatch):
    def broken(*_args, **_kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(backups, "rotate", broken)
    opened = opening.open_data_file(data_file, settings, Scripted())
    assert opened is not None
    assert opened.notices[0].text.startswith("Chưa sao lưu được hôm nay: ")
    opened.session.close()
    opened.release()


def test_an_unwritable_place_opens_read_only_and_says_so(data_file, settings, monkeypatch):
    monkeypatch.setattr(opening, "writable", lambda _path: False)
    opened = opening.open_data_file(data_file, settings, Scripted())
    assert opened is not None
    try:
        assert opened.session.store.read_only and opened.lock is None
        assert "chỉ đọc" in opened.notices[0].text
    finally:
        opened.close()


def test_a_refused_file_raises_and_leaves_no_lock(tmp_path, settings):
    missing = tmp_path / "khong-co.sqlite"
    with pytest.raises(Refused, match="Không tìm thấy"):
        opening.open_data_file(missing, settings, Scripted())
    assert not lock.lock_path(missing).exists()
