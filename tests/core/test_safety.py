"""Backups, restore, the file lock, accounts and log masking."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from commune_app.errors import NotAllowed, Refused
from commune_app.logs import MaskingFormatter, mask
from commune_app.ops import accounts
from commune_app.ops import backup as backup_ops
from commune_app.ops.context import Actor, open_session
from commune_app.safety import backups, lock
from commune_app.settings import Settings
from tests.factories import make_cell, make_person


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "_sqlite_migrations" not in line]
    finally:
        conn.close()


def _fill(session) -> None:
    cell = make_cell(session)
    make_person(session, "Hoàng Thị Ánh", cell_id=cell, gender="F", cccd="020300001234", birth_date="2000-01-02")
    make_person(session, "Nông Văn Đức", cell_id=cell)


def test_backup_then_restore_gives_identical_data(session, db_path, tmp_path):
    _fill(session)
    before = _dump(db_path)
    info = backups.make_backup(session.store, tmp_path / "bk", name="Ba Sơn")
    assert info.summary["people"] == 2 and info.path.name.startswith("ba-son-")
    make_person(session, "Lương Văn Mới")  # a change made after the backup
    session.close()
    saved = backups.restore(db_path, info.path, safety_folder=tmp_path / "bk", name="Ba Sơn").saved
    assert saved is not None and saved.exists()
    assert _dump(db_path) == before
    # the replaced file was itself kept, with the later change
    assert backups.inspect(saved).summary["people"] == 3


def test_encrypted_backup_needs_the_right_password(session, db_path, tmp_path):
    _fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="Ba Sơn", password="mat-khau-dai")
    assert info.encrypted and info.path.suffix == ".ptdv"
    assert b"people" not in info.path.read_bytes()  # nothing readable without the password
    make_person(session, "Lương Văn Mới")
    session.close()
    current = _dump(db_path)
    with pytest.raises(Refused, match="Sai mật khẩu"):
        backups.restore(db_path, info.path, safety_folder=tmp_path / "bk", name="x", password="sai")
    with pytest.raises(Refused, match="mật khẩu"):
        backups.restore(db_path, info.path, safety_folder=tmp_path / "bk", name="x")
    assert _dump(db_path) == current
    assert backups.inspect(info.path, "mat-khau-dai").summary["people"] == 2


def test_corrupted_backup_changes_nothing(session, db_path, tmp_path):
    _fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="Ba Sơn")
    session.close()
    data = bytearray(info.path.read_bytes())
    data[4096:8192] = b"\x00" * 4096  # wipe a page
    broken = tmp_path / "hong.sqlite"
    broken.write_bytes(bytes(data))
    current = _dump(db_path)
    with pytest.raises(Refused, match="hỏng"):
        backups.restore(db_path, broken, safety_folder=tmp_path / "bk", name="x")
    assert _dump(db_path) == current
    not_db = tmp_path / "van-ban.sqlite"
    not_db.write_text("đây không phải cơ sở dữ liệu", encoding="utf-8")
    with pytest.raises(Refused):
        backups.restore(db_path, not_db, safety_folder=tmp_path / "bk", name="x")
    assert _dump(db_path) == current
    assert not [p for p in db_path.parent.iterdir() if p.name.startswith(".khoi-phuc-")]


def test_rotation_keeps_last_and_one_per_month(session, tmp_path):
    folder = tmp_path / "bk"
    start = dt.datetime(2025, 1, 15, 8, 0, 0)
    for i in range(30):  # every two weeks for over a year
        backups.make_backup(
            session.store, folder, name="x", tag=backups.AUTO_TAG, now=start + dt.timedelta(days=14 * i)
        )
    manual = backups.make_backup(session.store, folder, name="x", now=start)
    removed = backups.rotate(folder, keep_last=10, keep_monthly=12, today=dt.date(2026, 2, 20))
    kept = [b for b in backups.list_backups(folder) if b.tag == backups.AUTO_TAG]
    assert removed and manual.path.exists()
    newest = sorted(kept, key=lambda b: b.created)[-10:]
    assert len(newest) == 10
    months = {(b.created.year, b.created.month) for b in kept}
    assert (2025, 3) in months and (2025, 1) not in months  # older than 12 months: gone


def test_automatic_backup_once_a_day(session, tmp_path):
    settings = Settings(tmp_path / "s.json")
    settings.set("backup_dir", str(tmp_path / "auto"))
    assert backup_ops.automatic_backup(session, settings) is not None
    assert backup_ops.automatic_backup(session, settings) is None
    assert len(backups.list_backups(tmp_path / "auto")) >= 1


def test_lock_refuses_second_program_and_takes_over_stale(db_path):
    first = lock.FileLock(db_path)
    first.acquire()
    holder = lock.read_holder(db_path)
    assert holder and holder.pid == os.getpid()
    # another live process on this computer holds it
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        data = json.loads(lock.lock_path(db_path).read_text(encoding="utf-8"))
        data["pid"] = other.pid
        lock.lock_path(db_path).write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(lock.FileInUse) as caught:
            lock.FileLock(db_path).acquire()
        assert "Tệp dữ liệu đang được mở bởi" in str(caught.value)
    finally:
        other.kill()
        other.wait()
    # the process is gone: the lock is stale and taken over
    second = lock.FileLock(db_path)
    second.acquire()
    assert lock.read_holder(db_path).pid == os.getpid()
    second.release()
    assert not lock.lock_path(db_path).exists()


def test_lock_from_another_computer_goes_stale_after_heartbeat_timeout(db_path):
    old = (dt.datetime.now() - lock.STALE_AFTER - dt.timedelta(minutes=1)).isoformat(timespec="seconds")
    fresh = dt.datetime.now().isoformat(timespec="seconds")
    for heartbeat, refused in ((fresh, True), (old, False)):
        lock.lock_path(db_path).write_text(
            json.dumps({"user": "cán bộ B", "computer": "MAY-KHAC", "pid": 1, "since": fresh, "heartbeat": heartbeat}),
            encoding="utf-8",
        )
        attempt = lock.FileLock(db_path)
        if refused:
            with pytest.raises(lock.FileInUse, match="MAY-KHAC"):
                attempt.acquire()
        else:
            attempt.acquire()
            attempt.release()


def test_accounts_roles_lockout_and_reset(session):
    assert accounts.needs_first_admin(session.store)
    with pytest.raises(Refused, match="quản trị"):
        accounts.create_user(session, "canbo", "123456", "clerk")
    accounts.create_user(session, "quantri", "matkhau1", "admin", full_name="Nguyễn Văn Quản")
    cell = make_cell(session)
    accounts.create_user(session, "bithu", "matkhau2", "clerk", cell_id=cell)
    accounts.create_user(session, "xem", "matkhau3", "viewer")
    with pytest.raises(Refused, match="ít nhất"):
        accounts.create_user(session, "ngan", "123", "clerk")
    stored = session.store.one("SELECT password_hash FROM users WHERE username = 'quantri'")["password_hash"]
    assert stored.startswith("scrypt$") and "matkhau1" not in stored

    actor = accounts.authenticate(session, "bithu", "matkhau2")
    assert actor.role == "clerk" and actor.cell_id == cell
    now = dt.datetime(2026, 11, 20, 9, 0)
    for _ in range(accounts.MAX_ATTEMPTS):
        with pytest.raises(Refused, match="Sai tên đăng nhập"):
            accounts.authenticate(session, "xem", "sai", now=now)
    with pytest.raises(Refused, match="tạm khóa"):
        accounts.authenticate(session, "xem", "matkhau3", now=now + dt.timedelta(minutes=1))
    assert accounts.authenticate(session, "xem", "matkhau3", now=now + dt.timedelta(minutes=6)).role == "viewer"
    failures = session.store.scalar("SELECT count(*) FROM audit WHERE action = 'login_failed'")
    assert failures == accounts.MAX_ATTEMPTS

    viewer_session = open_session(session.store.path, actor=Actor("xem", "viewer"))
    try:
        with pytest.raises(NotAllowed):
            accounts.reset_password(viewer_session, "bithu", "moi12345")
        with pytest.raises(NotAllowed):
            make_person(viewer_session, "Lò Văn Xem")
    finally:
        viewer_session.close()
    accounts.reset_password(session, "bithu", "moi12345")
    assert accounts.authenticate(session, "bithu", "moi12345").username == "bithu"


def test_cell_restriction_is_enforced_in_ops(session):
    mine, other = make_cell(session, "Chi bộ thôn Nà Lầu"), make_cell(session, "Chi bộ thôn Khuổi Phầy")
    outsider = make_person(session, "Hà Văn Ngoài", cell_id=other)
    restricted = open_session(session.store.path, actor=Actor("bithu", "clerk", cell_id=mine))
    try:
        with pytest.raises(NotAllowed, match="chi bộ"):
            make_person(restricted, "Lăng Văn Khác", cell_id=other)
        from commune_app.ops import people as people_ops

        with pytest.raises(NotAllowed):
            people_ops.update_person(restricted, outsider, {"phone": "0912345678"})
        assert people_ops.get_person(restricted, outsider) is None
        own = make_person(restricted, "Lăng Văn Trong", cell_id=mine)
        assert people_ops.find(restricted, "") and all(r["cell_id"] == mine for r in people_ops.find(restricted, ""))
        assert own in [r["id"] for r in people_ops.find(restricted, "lang van")]
    finally:
        restricted.close()


def test_logs_mask_identity_numbers(tmp_path):
    assert mask("CCCD 020300001234, thẻ 012345678901") == "CCCD ********1234, thẻ ********8901"
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Lỗi với %s", ("020300001234",), None)
    assert "020300001234" not in MaskingFormatter("%(message)s").format(record)
