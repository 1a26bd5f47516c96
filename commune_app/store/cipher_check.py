"""SQLCipher as the built program's self-test checks it: the wheel was collected and works."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from commune_app.store import backup as sqlite_backup
from commune_app.store import engine


def problems(folder: Path) -> list[str]:
    """In a scratch ``folder``: an encrypted file with a search index written, copied by the
    backup API under its key, read back, and unreadable without it. [] when all of it works."""
    if not engine.available():
        return ["Thiếu thư viện mã hóa SQLCipher (sqlcipher3): không mở được tệp đã mã hóa."]
    key = os.urandom(engine.KEY_BYTES)
    original, copy = folder / "ma-hoa.sqlite", folder / "ma-hoa-ban-sao.sqlite"
    try:
        conn = engine.connect(str(original), key=key)
        with conn:
            conn.execute("CREATE VIRTUAL TABLE t USING fts5(ten)")
            conn.execute("INSERT INTO t VALUES ('Lương Hồng Lan')")
        sqlite_backup.copy_database(conn, copy, key=key)
        conn.close()
        check = sqlite_backup.connect_read_only(copy, key=key)
        found = check.execute("SELECT count(*) FROM t WHERE t MATCH 'Lan'").fetchone()[0]
        check.close()
    except engine.Error as exc:
        return [f"SQLCipher không chạy được: {exc}"]
    found_problems = [] if found == 1 else ["SQLCipher: bản sao mã hóa không tìm thấy dòng đã ghi."]
    try:
        sqlite3.connect(copy).execute("SELECT count(*) FROM t").fetchone()
    except sqlite3.DatabaseError:
        return found_problems  # unreadable without the key, as it must be
    return [*found_problems, "SQLCipher: bản sao đọc được khi không có khóa."]
