"""Whole tables in and out: what the JSON exchange format and the demo generator need.

Rows leave as plain dicts in primary-key order and come back through one bulk path
(``executemany`` inside the caller's transaction, foreign keys checked at commit), so the
demo's 150,000 people and an imported file are written the same way.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from commune_app import vn
from commune_app.domain.person import name_columns, search_digits
from commune_app.store import engine
from commune_app.store.db import Store

# Insertion order that follows the references; tables other engineers add later come after,
# in name order, and are carried just the same.
KNOWN_ORDER = (
    "committee_profile",
    "settings",
    "extra_days_off",
    "cells",
    "cell_targets",
    "org_awards",
    "people",
    "cell_assignments",
    "milestones",
    "links",
    "relatives",
    "courses",
    "course_sessions",
    "enrolments",
    "attendance",
    "doc_counters",
    "documents",
    "users",
    "audit",
)

# Columns computed from other columns; never exported, recomputed on the way in.
DERIVED_COLUMNS: dict[str, tuple[str, ...]] = {
    "people": ("sort_key", "name_folded", "search_text", "search_digits"),
    "cells": ("name_folded", "sort_key"),
}

# Rows a fresh file already holds (written by the first migration), replaced by an import.
_SEEDED_TABLES = ("committee_profile",)

# Audit rows that describe the file itself rather than the data it carries.
IMPORT_AUDIT_ACTION = "import"


def derived_values(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """The derived columns of a row, computed as the ordinary writes compute them."""
    if table == "people":
        columns = name_columns(
            row.get("full_name") or "", row.get("sort_override") or "", row.get("cccd"), row.get("phone") or ""
        )
        return {
            **{k: columns[k] for k in DERIVED_COLUMNS["people"] if k in columns},
            "search_digits": search_digits(row),
        }
    if table == "cells":
        name = row.get("name") or ""
        return {"name_folded": vn.fold(name), "sort_key": vn.collation_key(name)}
    return {}


def _is_internal(name: str) -> bool:
    return name.startswith("sqlite_") or name.startswith("_") or name.startswith("people_fts")


def data_tables(store: Store) -> list[str]:
    """The tables that hold the clerk's data, in insertion order."""
    names = {
        r[0]
        for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not _is_internal(r[0])
    }
    known = [t for t in KNOWN_ORDER if t in names]
    return known + sorted(names - set(known))


def columns(store: Store, table: str) -> list[str]:
    return [r[1] for r in store.conn.execute(f'PRAGMA table_info("{table}")')]


def _primary_key(store: Store, table: str) -> list[str]:
    info = list(store.conn.execute(f'PRAGMA table_info("{table}")'))
    keyed = sorted((r[5], r[1]) for r in info if r[5])
    return [name for _, name in keyed] or ["rowid"]


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode("ascii")}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"$base64"}:
        return base64.b64decode(value["$base64"])
    return value


def iter_table(store: Store, table: str, where: str = "", params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
    """Every row of a table (or those ``where`` chooses) without its derived columns, in primary-key
    order, one at a time (the cursor streams: a province's audit table never sits in memory whole)."""
    skip = set(DERIVED_COLUMNS.get(table, ()))
    keep = [c for c in columns(store, table) if c not in skip]
    order = ", ".join(f'"{c}"' for c in _primary_key(store, table))
    clauses = ([f"action <> '{IMPORT_AUDIT_ACTION}'"] if table == "audit" else []) + ([where] if where else [])
    condition = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = f'SELECT {", ".join(chr(34) + c + chr(34) for c in keep)} FROM "{table}"{condition} ORDER BY {order}'
    for row in store.conn.execute(sql, list(params)):
        yield {c: _encode(v) for c, v in zip(keep, row, strict=True)}


def dump_table(store: Store, table: str) -> list[dict[str, Any]]:
    return list(iter_table(store, table))


def count_rows(store: Store, table: str) -> int:
    return int(store.scalar(f'SELECT count(*) FROM "{table}"'))


def nonempty_tables(store: Store) -> list[str]:
    """Data tables holding rows a fresh file would not have."""
    return [t for t in data_tables(store) if t not in _SEEDED_TABLES and count_rows(store, t)]


@contextmanager
def bulk_loading(store: Store, cache_mb: int = 256) -> Iterator[None]:
    """Loading a whole file's worth of rows into a fresh file: no write-ahead log (which would
    write everything twice), a large page cache for the indexes, and references checked once
    at the end (``foreign_key_problems``, which the loader must call before committing) rather
    than row by row: tables refer to each other both ways (cells ↔ people), and a deferred
    check would scan unindexed columns for every row. The normal settings come back afterwards.
    Only for a file that holds nothing yet, so a crash loses nothing of value."""
    conn = store.conn
    saved = {
        p: conn.execute(f"PRAGMA {p}").fetchone()[0]
        for p in ("journal_mode", "synchronous", "cache_size", "foreign_keys")
    }
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(f"PRAGMA cache_size = {-1024 * cache_mb}")
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        for pragma, value in saved.items():
            conn.execute(f"PRAGMA {pragma} = {value}")


@contextmanager
def search_index_rebuilt_after(store: Store) -> Iterator[None]:
    """Inside a loading transaction: leave the per-row search-index trigger out while people are
    inserted, then put the very same trigger back and build the index in one pass (faster)."""
    trigger = store.scalar("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'people_fts_insert'")
    if trigger is None:
        yield
        return
    store.conn.execute("DROP TRIGGER people_fts_insert")
    try:
        yield
    finally:
        store.conn.execute(trigger)
    rebuild_search_index(store)


def clear_seeded_rows(store: Store, tables: Iterable[str]) -> None:
    """Remove the rows a fresh file starts with from those of ``tables`` about to be loaded."""
    for table in set(_SEEDED_TABLES) & set(tables):
        store.conn.execute(f'DELETE FROM "{table}"')


def insert_rows(store: Store, table: str, rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows given as dicts of column values, in one ``executemany`` per set of columns."""
    batches: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        keys = tuple(row)
        batches.setdefault(keys, []).append(tuple(row.values()))
    total = 0
    for keys, values in batches.items():
        cols = ", ".join(f'"{k}"' for k in keys)
        marks = ", ".join("?" for _ in keys)
        store.conn.executemany(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', values)
        total += len(values)
    return total


def foreign_key_problems(store: Store) -> list[tuple[Any, ...]]:
    return list(store.conn.execute("PRAGMA foreign_key_check"))


def fts_integrity(store: Store) -> str | None:
    """None when the search index agrees with the people table, else SQLite's complaint.

    FTS5's own check is written as an INSERT, which a read-only file refuses: there, the index
    is checked by reading alone (every person has exactly one indexed document)."""
    if store.read_only:
        missing = store.scalar(
            "SELECT count(*) FROM people p LEFT JOIN people_fts_docsize d ON d.id = p.id WHERE d.id IS NULL"
        )
        extra = store.scalar(
            "SELECT count(*) FROM people_fts_docsize d LEFT JOIN people p ON p.id = d.id WHERE p.id IS NULL"
        )
        return f"{missing} người thiếu trong chỉ mục, {extra} mục thừa" if missing or extra else None
    # The check is written as an INSERT, so Python's sqlite3 opens a transaction for it;
    # nothing is written, and that transaction is closed again here.
    opened = not store.conn.in_transaction
    try:
        store.conn.execute("INSERT INTO people_fts(people_fts, rank) VALUES ('integrity-check', 1)")
    except engine.DatabaseError as exc:
        return str(exc)
    finally:
        if opened and store.conn.in_transaction:
            store.conn.rollback()
    return None


def rebuild_search_index(store: Store) -> None:
    store.conn.execute("INSERT INTO people_fts(people_fts) VALUES ('rebuild')")
