"""SQLite-level copying and checking: the backup API, integrity checks, file summaries."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of a live database (SQLite's online backup API)."""
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
    finally:
        dest.close()


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """Problems SQLite reports for a file ([] when sound), opened read-only."""
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return connection_problems(conn, quick=quick)
    finally:
        conn.close()


def connection_problems(conn: sqlite3.Connection, *, quick: bool = False) -> list[str]:
    try:
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"Khóa ngoại sai: bảng {r[0]} dòng {r[1]}" for r in fk]
        return problems
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


def tables_and_version(path: Path) -> tuple[set[str], int]:
    """The table names and PRAGMA user_version of a closed file, opened read-only."""
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return tables, conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def summary(path: Path) -> dict[str, Any]:
    """Counts shown before a restore: people, members, documents, last change."""
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        def one(sql: str) -> Any:
            return conn.execute(sql).fetchone()[0]

        return {
            "people": one("SELECT count(*) FROM people WHERE deleted_at IS NULL"),
            "members": one("SELECT count(*) FROM people WHERE deleted_at IS NULL"
                           " AND status IN ('probationary', 'official')"),
            "documents": one("SELECT count(*) FROM documents"),
            "last_change": one("SELECT max(at) FROM audit"),
            "committee": one("SELECT committee_name FROM committee_profile WHERE id = 1"),
        }
    finally:
        conn.close()
