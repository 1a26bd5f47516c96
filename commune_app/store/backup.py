"""SQLite-level copying and checking: the backup API, integrity checks, file summaries."""

from __future__ import annotations

import sqlite3
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from commune_app.store import engine

COUNTED_TABLES = ("people", "milestones", "documents")  # the counts a backup's manifest carries


def sqlite_uri(path: PurePath, **params: str) -> str:
    """A ``file:`` URI SQLite reads back as exactly ``path``: '#', '?', '%', spaces and Vietnamese
    letters are percent-encoded, a Windows drive becomes '/C:/…' and a UNC share '////server/share/…'."""
    text = path.as_posix()
    if not text.startswith("/"):
        text = "/" + text  # C:/… → /C:/…
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"file:{'//' if text.startswith('//') else ''}{quote(text, safe='/:')}{'?' + query if query else ''}"


def connect_read_only(path: Path, *, check_same_thread: bool = True, key: bytes | None = None) -> sqlite3.Connection:
    """Open a file without ever writing to it (an encrypted one with its data ``key``). A WAL file
    on a read-only medium cannot get its ``-shm``: it is then opened as immutable (nothing can be
    writing to it there)."""
    absolute = Path(path).absolute()
    conn = engine.connect(sqlite_uri(absolute, mode="ro"), key=key, uri=True, check_same_thread=check_same_thread)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except engine.OperationalError:
        conn.close()
        if absolute.exists() and Path(f"{absolute}-wal").exists():
            raise  # changes wait in the WAL: immutable would silently ignore them
        return engine.connect(
            sqlite_uri(absolute, mode="ro", immutable="1"), key=key, uri=True, check_same_thread=check_same_thread
        )
    except BaseException:
        conn.close()  # a wrong key ("file is not a database"): nothing stays open
        raise


def copy_database(source: sqlite3.Connection, target: Path, *, key: bytes | None = None) -> None:
    """A consistent copy of a live database (SQLite's online backup API), WAL content included.
    An encrypted source is copied page by page under the same data ``key``, so it stays encrypted.

    ``target`` is always a new temporary file that the caller syncs once before renaming it into
    place (``outputs.replacing``) or throws away: SQLite's own syncs while copying would make the
    copy wait for the disk on top of that (1.0-1.7 s instead of 0.7-0.8 s for 560 MB, measured)."""
    dest = engine.connect(str(target), key=key)
    try:
        dest.execute("PRAGMA synchronous = OFF")
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
    finally:
        dest.close()


def integrity_problems(path: Path, *, quick: bool = False, key: bytes | None = None) -> list[str]:
    """Problems SQLite reports for a file ([] when sound), opened read-only."""
    try:
        conn = connect_read_only(path, key=key)
    except engine.Error as exc:
        return [str(exc)]
    try:
        return connection_problems(conn, quick=quick)
    finally:
        conn.close()


def connection_problems(conn: sqlite3.Connection, *, quick: bool = False, links: bool = True) -> list[str]:
    """``quick_check`` proves the pages and b-trees are readable; ``integrity_check`` also that every
    index matches its table and constraints hold; with it (unless ``links`` is False, when the
    caller checks them apart) ``foreign_key_check`` that no link points nowhere."""
    try:
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
    except engine.DatabaseError as exc:
        return [str(exc)]
    return problems + (link_problems(conn) if links and not quick else [])


def link_problems(conn: sqlite3.Connection) -> list[str]:
    """``foreign_key_check``: each row whose link points nowhere."""
    try:
        return [f"Khóa ngoại sai: bảng {r[0]} dòng {r[1]}" for r in conn.execute("PRAGMA foreign_key_check")]
    except engine.DatabaseError as exc:
        return [str(exc)]


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows of the counted tables (every row, deleted records included: a copy must have them all)."""
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTED_TABLES}


def tables_and_version_of(conn: sqlite3.Connection) -> tuple[set[str], int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return tables, conn.execute("PRAGMA user_version").fetchone()[0]


def summary_of(conn: sqlite3.Connection) -> dict[str, Any]:
    def one(sql: str) -> Any:
        return conn.execute(sql).fetchone()[0]

    return {
        "people": one("SELECT count(*) FROM people WHERE deleted_at IS NULL"),
        "members": one(
            "SELECT count(*) FROM people WHERE deleted_at IS NULL AND status IN ('probationary', 'official')"
        ),
        "documents": one("SELECT count(*) FROM documents"),
        "last_change": one("SELECT max(at) FROM audit"),
        "committee": one("SELECT committee_name FROM committee_profile WHERE id = 1"),
    }
