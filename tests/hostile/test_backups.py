"""Issue 15, cases 2, 3, 4 and 6 and the same-second names: backups made through SQLite's
backup API with a manifest, checked before restore, refusing any change; failures say why."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from commune_app import __version__
from commune_app.errors import FileRefused, Refused
from commune_app.ops import backup as backup_ops
from commune_app.ops.context import SYSTEM, open_session
from commune_app.safety import backups, manifest, outputs
from commune_app.settings import Settings
from commune_app.store import backup as sqlite_backup
from tests.factories import make_person
from tests.hostile.helpers import NAME, fill

pytestmark = pytest.mark.hostile


def _count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        conn.close()


def test_restore_from_a_data_file_keeps_the_changes_still_in_its_wal(session, db_path, tmp_path):
    fill(session)
    session.store.conn.execute("PRAGMA wal_autocheckpoint = 0")  # the last changes stay in the -wal
    for name in ("Lò Văn Mới", "Vi Thị Mới"):
        make_person(session, name)
    source = tmp_path / "nguon" / "du-lieu.sqlite"
    source.parent.mkdir()
    shutil.copyfile(db_path, source)  # what lies on the disk while the program runs
    shutil.copyfile(f"{db_path}-wal", f"{source}-wal")
    session.close()
    target = tmp_path / "moi" / "dich.sqlite"
    backups.restore(target, source, safety_folder=tmp_path / "bk", name="x")
    assert _count(target) == 5


def test_a_backup_carries_its_manifest(session, tmp_path):
    fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="Ba Sơn", by="kiemthu")
    data = json.loads(manifest.path_for(info.path).read_text(encoding="utf-8"))
    assert data["sha256"] == manifest.sha256_of(info.path)
    assert data["counts"] == {"people": 3, "milestones": 0, "documents": 0}
    assert data["program_version"] == __version__ and data["by"] == "kiemthu"
    assert data["schema_version"] == session.store.scalar("PRAGMA user_version")
    assert data["checked"] == ["sha256", "quick_check"] and not data["encrypted"]
    assert backups.list_backups(tmp_path / "bk")[0].state == backups.STATE_MADE


def test_encrypted_backups_carry_a_manifest_too(session, tmp_path):
    fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="x", password="mat khau du dai")
    recorded = manifest.read(info.path)
    assert recorded is not None and recorded.encrypted and recorded.sha256 == manifest.sha256_of(info.path)
    assert backups.inspect(info.path, "mat khau du dai").state == backups.STATE_VERIFIED


def test_one_letter_changed_inside_a_name_is_caught_before_restore(session, db_path, tmp_path):
    fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="x")
    session.close()
    data = info.path.read_bytes()
    assert NAME.encode() in data
    info.path.write_bytes(data.replace(NAME.encode(), "Lương Hồng LaX".encode(), 1))
    assert sqlite_backup.integrity_problems(info.path) == []  # SQLite alone does not see it
    before = db_path.read_bytes()
    with pytest.raises(Refused, match="SHA-256"):
        backups.restore(db_path, info.path, safety_folder=tmp_path / "bk", name="x")
    assert db_path.read_bytes() == before


def test_random_byte_flips_are_all_caught(session, tmp_path):
    fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="x")
    original = info.path.read_bytes()
    rng = random.Random(15)
    for _ in range(5):
        flipped = bytearray(original)
        flipped[rng.randrange(100, len(flipped))] ^= 1 << rng.randrange(8)
        info.path.write_bytes(bytes(flipped))
        with pytest.raises(Refused):
            backups.inspect(info.path)
    info.path.write_bytes(original)
    assert backups.inspect(info.path).state == backups.STATE_VERIFIED


def test_a_backup_without_its_manifest_is_fully_checked_and_says_so(session, tmp_path):
    fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="x")
    manifest.path_for(info.path).unlink()
    assert backups.list_backups(tmp_path / "bk")[0].state == backups.STATE_NO_MANIFEST
    assert backups.inspect(info.path).state == backups.STATE_VERIFIED_NO_MANIFEST


def test_a_link_pointing_nowhere_is_caught_by_the_full_check(session, tmp_path):
    """foreign_key_check runs beside integrity_check (on its own connection): still part of the check."""
    fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="x")
    manifest.path_for(info.path).unlink()  # no manifest: only the checks of the file itself can tell
    conn = sqlite3.connect(info.path)  # foreign keys are off in a plain connection
    conn.execute("UPDATE people SET cell_id = 999999 WHERE id = (SELECT min(id) FROM people)")
    conn.commit()
    conn.close()
    with pytest.raises(Refused) as refused:
        backups.inspect(info.path)
    assert "Khóa ngoại sai: bảng people" in str(refused.value)


def test_disk_full_at_the_target_is_a_message_and_leaves_nothing(session, tmp_path, monkeypatch):
    fill(session)

    def full(source, target, **_options):
        Path(target).write_bytes(b"x" * 1000)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_backup, "copy_database", full)
    folder = tmp_path / "usb"
    with pytest.raises(FileRefused, match="đã đầy"):
        backups.make_backup(session.store, folder, name="x")
    assert list(folder.iterdir()) == []
    # the start-of-day backup gets the same message (the window logs it and opens)
    with pytest.raises(FileRefused, match="đã đầy"):
        backup_ops.automatic_backup(session, Settings(), force=True)


def test_a_read_only_target_is_a_message(session, tmp_path, monkeypatch):
    fill(session)
    import errno
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(FileRefused, match="Không có quyền ghi"):
        backups.make_backup(session.store, tmp_path / "cd", name="x")


def test_two_backups_in_the_same_second_get_different_names(session, tmp_path):
    fill(session)
    import datetime as dt

    now = dt.datetime(2026, 11, 20, 9, 30, 0)
    first = backups.make_backup(session.store, tmp_path / "bk", name="x", now=now)
    second = backups.make_backup(session.store, tmp_path / "bk", name="x", now=now)
    assert first.path != second.path and first.path.exists() and second.path.exists()
    assert backups.parse_name(second.path) == (now, "")


def test_restore_compares_counts_and_keeps_the_replaced_file(session, db_path, tmp_path):
    fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="x")
    make_person(session, "Lò Văn Sau")
    session.close()
    saved = backups.restore(db_path, info.path, safety_folder=tmp_path / "bk", name="x").saved
    assert _count(db_path) == 3 and saved is not None and _count(saved) == 4
    assert manifest.read(saved) is not None


def test_restore_onto_a_read_only_data_file_is_a_message(session, db_path, tmp_path, monkeypatch):
    fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="x")
    session.close()
    import os

    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == db_path else real(p, mode))
    with pytest.raises(FileRefused, match="chỉ đọc"):
        backups.restore(db_path, info.path, safety_folder=tmp_path / "bk", name="x")


def test_a_restore_interrupted_after_its_copy_leaves_only_a_temporary_removed_next_start(
    session, db_path, tmp_path, monkeypatch
):
    fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="x")
    session.close()
    before = db_path.read_bytes()
    leftover = db_path.parent / f".{db_path.name}{outputs.TEMP_MARK}kill.sqlite"
    leftover.write_bytes(info.path.read_bytes())  # what a kill -9 between copy and rename leaves
    assert db_path.read_bytes() == before
    assert outputs.remove_leftovers(db_path.parent, older_than_seconds=0) == [leftover]
    opened = open_session(db_path, actor=SYSTEM)
    assert opened.store.scalar("SELECT count(*) FROM people") == 3
    opened.close()


def test_backups_are_private_on_posix(session, tmp_path):
    import os
    import stat

    if os.name != "posix":
        pytest.skip("POSIX permissions")
    fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="x")
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(manifest.path_for(info.path).stat().st_mode) == 0o600


def test_leftovers_are_removed_at_start_beside_the_data_file_and_in_the_backup_folder(session, tmp_path):
    import os
    import time

    settings = Settings()
    folder = backup_ops.backup_folder(settings)
    folder.mkdir(parents=True)
    old = [session.store.path.parent / f".x.sqlite{outputs.TEMP_MARK}1.sqlite", folder / f".y{outputs.TEMP_MARK}2.tmp"]
    fresh = folder / f".z{outputs.TEMP_MARK}3.tmp"  # another program may be writing it right now
    for path in (*old, fresh):
        path.write_bytes(b"x")
    for path in old:
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    assert sorted(backup_ops.remove_leftovers(session, settings)) == sorted(old)
    assert fresh.exists()


def test_the_weekly_check_finds_a_changed_backup_once_a_week(session, tmp_path):
    import datetime as dt

    fill(session)
    settings = Settings()
    info = backup_ops.manual_backup(session, backup_ops.backup_folder(settings))
    monday = dt.datetime(2026, 11, 16, 8, 0)
    assert backup_ops.weekly_check(settings, now=monday).state == backups.STATE_VERIFIED
    assert backup_ops.weekly_check(settings, now=monday + dt.timedelta(days=3)) is None  # not due
    data = info.path.read_bytes()
    info.path.write_bytes(data.replace(NAME.encode(), "Lương Hồng LaX".encode(), 1))
    with pytest.raises(Refused, match="hằng tuần"):
        backup_ops.weekly_check(settings, now=monday + dt.timedelta(days=7))


def test_rotation_removes_the_manifest_with_its_backup(session, tmp_path):
    import datetime as dt

    fill(session)
    folder = tmp_path / "bk"
    for day in range(1, 4):
        backups.make_backup(session.store, folder, name="x", tag=backups.AUTO_TAG, now=dt.datetime(2026, 11, day, 8))
    removed = backups.rotate(folder, keep_last=1, keep_monthly=1, today=dt.date(2026, 11, 3))
    assert len(removed) == 2
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in folder.glob("*.sqlite")] + [p.name + ".json" for p in folder.glob("*.sqlite")]
    )


def test_the_command_line_wants_a_password_on_a_removable_drive(session, db_path, tmp_path, monkeypatch, capsys):
    from commune_app.cli.main import run

    fill(session)
    session.close()
    monkeypatch.setattr(backup_ops, "removable_drive", lambda folder: True)
    usb = tmp_path / "usb"
    assert run(["backup", "--db", str(db_path), "-o", str(usb)]) == 2
    assert "ổ tháo rời" in capsys.readouterr().err and not usb.exists()
    assert run(["backup", "--db", str(db_path), "-o", str(usb), "--no-password"]) == 0
    (tmp_path / "mk.txt").write_text("mat khau du dai", encoding="utf-8")
    assert run(["backup", "--db", str(db_path), "-o", str(usb), "--password-file", str(tmp_path / "mk.txt")]) == 0
    assert list(usb.glob("*.ptdv"))
