"""Restoring over a damaged data file (the start-up integrity prompt): the damaged file is kept
as it is and the restore goes through."""

from __future__ import annotations

import sqlite3

from commune_app.safety import backups
from commune_app.store.backup import integrity_problems
from tests.factories import make_cell, make_person


def _damage(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE filler (x BLOB)")
    conn.executemany("INSERT INTO filler VALUES (randomblob(900))", [()] * 1500)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # scribble over pages in the filler's part of the file
        for offset in range(size // 2, size - 4096, 4096 * 7):
            handle.seek(offset + 8)
            handle.write(b"\xde\xad\xbe\xef" * 100)


def test_restore_over_a_file_that_fails_its_check_keeps_it_byte_for_byte(session, db_path, tmp_path):
    make_person(session, "Hoàng Thị Ánh", cell_id=make_cell(session))
    info = backups.make_backup(session.store, tmp_path / "bk", name="Ba Sơn")
    session.close()
    _damage(db_path)
    assert integrity_problems(db_path)
    damaged = db_path.read_bytes()
    saved = backups.restore(db_path, info.path, safety_folder=tmp_path / "bk", name="Ba Sơn").saved
    assert saved is not None and saved.name.endswith("-hong.sqlite")
    assert saved.read_bytes() == damaged
    assert not integrity_problems(db_path)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT full_name FROM people").fetchall() == [("Hoàng Thị Ánh",)]
    finally:
        conn.close()
