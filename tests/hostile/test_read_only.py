"""Issue 15, case 5: a healthy read-only file is read-only, not damaged; reading commands run
on it without switching it to WAL; "not SQLite" only for a file that is not SQLite."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path, PureWindowsPath

import pytest

from commune_app.cli.main import run
from commune_app.errors import FileRefused
from commune_app.ops.context import SYSTEM, open_session
from commune_app.ops.integrity import check_file
from commune_app.store import db as store_db
from commune_app.store.backup import sqlite_uri
from tests.hostile.helpers import fill

pytestmark = pytest.mark.hostile


@pytest.fixture
def read_only_file(session, db_path, monkeypatch) -> Path:
    """A data file on a medium nobody may write (emulated: tests may run as root, who writes anyway)."""
    fill(session)
    session.close()
    real = os.access
    protected = {db_path.parent, db_path}
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if mode & os.W_OK and Path(p) in protected else real(p, mode, **kw)
    )
    return db_path


def test_check_on_a_healthy_read_only_file_says_read_only_not_damaged(read_only_file):
    session = open_session(read_only_file, read_only=True, actor=SYSTEM)
    try:
        report = check_file(session)
    finally:
        session.close()
    assert report.sound, report.problems
    assert "chỉ đọc" in report.summary and "khôi phục" not in report.summary


def test_the_search_index_check_of_a_read_only_file_still_finds_a_missing_entry(session, db_path):
    fill(session)
    session.store.conn.execute("DELETE FROM people_fts_docsize WHERE id = 1")  # a damaged index
    session.store.conn.commit()
    session.close()
    opened = open_session(db_path, read_only=True, actor=SYSTEM)
    try:
        assert not check_file(opened).sound
    finally:
        opened.close()


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["find", "Lan"],
        ["report", "--period", "2026"],
        ["dossier", "--register"],
        ["backup"],
    ],
)
def test_reading_commands_run_on_a_read_only_file(read_only_file, tmp_path, command, capsys):
    before = read_only_file.read_bytes()
    extra = []
    if command[0] in ("report", "dossier"):
        extra = ["-o", str(tmp_path / ("out.xlsx" if command[0] == "report" else "out.pdf"))]
    if command[0] == "backup":
        extra = ["-o", str(tmp_path / "sao-luu")]
    assert run([command[0], "--db", str(read_only_file), *command[1:], *extra]) == 0, capsys.readouterr().err
    assert "chỉ đọc" in capsys.readouterr().err
    assert read_only_file.read_bytes() == before
    wal = Path(f"{read_only_file}-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # nothing written (a real read-only medium has no -wal)


def test_a_write_into_a_read_only_file_is_a_message(read_only_file, tmp_path, capsys):
    password = tmp_path / "mk.txt"
    password.write_text("mot mat khau dai", encoding="utf-8")
    code = run(
        ["user", "add", "--db", str(read_only_file), "quantri", "--role", "admin", "--password-file", str(password)]
    )
    assert code in (1, 2)
    assert "chỉ đọc" in capsys.readouterr().err


def test_not_sqlite_only_when_it_is_not_sqlite(tmp_path):
    junk = tmp_path / "rac.sqlite"
    junk.write_bytes(b"day khong phai SQLite" * 100)
    with pytest.raises(FileRefused, match="không đọc được như một tệp dữ liệu SQLite"):
        store_db.open_store(junk, create=False)
    full = store_db._open_failure(tmp_path / "x.sqlite", sqlite3.OperationalError("database or disk is full"))
    assert "đầy" in full and "SQLite" not in full
    ro = store_db._open_failure(tmp_path / "x.sqlite", sqlite3.OperationalError("attempt to write a readonly database"))
    assert "không ghi được" in ro and "không đọc được như" not in ro


@pytest.mark.parametrize("folder", ["Đảng ủy #2", "Hỏi?đáp", "100% xong", "có dấu cách", "Nà Lầu"])
def test_files_in_folders_with_uri_characters_open_and_back_up(tmp_path, folder):
    """Issue 21, item 3: '#' used to cut the path of every backup."""
    place = tmp_path / folder
    place.mkdir()
    path = place / "dữ liệu #1.sqlite"
    session = open_session(path, actor=SYSTEM)
    fill(session)
    from commune_app.safety import backups

    info = backups.make_backup(session.store, place / "sao lưu #", name="x")
    session.close()
    assert backups.inspect(info.path).summary["people"] == 3
    opened = open_session(path, read_only=True, actor=SYSTEM)
    assert opened.store.scalar("SELECT count(*) FROM people") == 3
    opened.close()


def test_uris_of_windows_and_unc_paths():
    assert (
        sqlite_uri(PureWindowsPath(r"C:\Đảng ủy #2\a.sqlite"), mode="ro")
        == "file:/C:/%C4%90%E1%BA%A3ng%20%E1%BB%A7y%20%232/a.sqlite?mode=ro"
    )
    assert (
        sqlite_uri(PureWindowsPath(r"\\may-chu\chung\du lieu?.sqlite"), mode="ro")
        == "file:////may-chu/chung/du%20lieu%3F.sqlite?mode=ro"
    )


def test_new_data_files_are_private_on_posix(tmp_path):
    import stat

    if os.name != "posix":
        pytest.skip("POSIX permissions")
    session = open_session(tmp_path / "moi.sqlite", actor=SYSTEM)
    session.close()
    assert stat.S_IMODE((tmp_path / "moi.sqlite").stat().st_mode) == 0o600


def test_two_writers_waiting_more_than_five_seconds_get_a_message(session, db_path, monkeypatch):
    fill(session)
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a long write
    session.store.conn.execute("PRAGMA busy_timeout = 50")  # the 5 s wait, shortened
    try:
        with pytest.raises(FileRefused, match="quá 5 giây"):
            from tests.factories import make_person

            make_person(session, "Lò Văn Chờ")
    finally:
        other.rollback()
        other.close()
    assert session.store.scalar("SELECT count(*) FROM people") == 3


def test_import_into_a_read_only_file_is_a_message(read_only_file, tmp_path, capsys):
    sheet = tmp_path / "ds.csv"
    sheet.write_text("Họ và tên,Ngày sinh,Giới tính\nLò Văn Mới,01/02/2000,Nam\n", encoding="utf-8")
    before = read_only_file.read_bytes()
    assert run(["import", "--db", str(read_only_file), str(sheet)]) in (1, 2)
    err = capsys.readouterr().err
    assert "chỉ đọc" in err and "Traceback" not in err
    assert read_only_file.read_bytes() == before


def test_restore_into_a_read_only_folder_is_a_message(session, db_path, tmp_path, monkeypatch):
    import errno
    import tempfile

    from commune_app.safety import backups

    fill(session)
    info = backups.make_backup(session.store, tmp_path / "bk", name="x")
    session.close()
    before = db_path.read_bytes()

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(FileRefused, match="Không có quyền ghi"):
        backups.restore(db_path, info.path, safety_folder=tmp_path / "bk", name="x")
    assert db_path.read_bytes() == before
