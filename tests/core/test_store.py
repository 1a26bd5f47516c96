"""The data file: migrations, refusal of newer or foreign files, the migration backup,
and the audit row sharing its change's transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from commune_app.errors import FileRefused
from commune_app.store import db as db_module
from commune_app.store import people as people_store
from commune_app.store import schema
from commune_app.store.db import open_store


def person_values(name: str = "Nguyễn Văn An") -> dict:
    return {"full_name": name, "gender": "M", "birth_date": "2000-05-10"}


def test_new_file_gets_every_migration(db_path: Path):
    store = open_store(db_path)
    try:
        tables = {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"people", "milestones", "links", "audit", "cells", "documents"} <= tables
        assert store.scalar("PRAGMA user_version") == schema.schema_version() >= 1
        applied = {r["name"] for r in store.query("SELECT name FROM _sqlite_migrations")}
        assert "0001_initial" in applied and len(applied) == schema.schema_version()
        assert store.migration_backup is None
        assert store.scalar("PRAGMA foreign_keys") == 1
        assert store.scalar("PRAGMA journal_mode") == "wal"
    finally:
        store.close()
    again = open_store(db_path)
    assert again.migration_backup is None and not list(db_path.parent.glob("*truoc-nang-cap*"))
    again.close()


def _stamp(path: Path, version: int, journal: str = "delete") -> None:
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def test_newer_file_is_refused_and_left_untouched(db_path: Path):
    open_store(db_path).close()
    _stamp(db_path, schema.schema_version() + 3)
    before = db_path.read_bytes()
    with pytest.raises(FileRefused) as caught:
        open_store(db_path)
    assert "phiên bản mới hơn" in str(caught.value) and "tệp không bị thay đổi" in str(caught.value)
    assert db_path.read_bytes() == before
    with pytest.raises(FileRefused):
        open_store(db_path, read_only=True)
    assert db_path.read_bytes() == before


def test_foreign_and_missing_files_are_refused(tmp_path: Path):
    other = tmp_path / "khac.sqlite"
    conn = sqlite3.connect(str(other))
    conn.execute("CREATE TABLE hoa_don (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(FileRefused) as caught:
        open_store(other)
    assert "không phải tệp dữ liệu" in str(caught.value)
    garbage = tmp_path / "hong.sqlite"
    garbage.write_bytes(b"day khong phai SQLite" * 100)
    with pytest.raises(FileRefused):
        open_store(garbage)
    with pytest.raises(FileRefused):
        open_store(tmp_path / "khong-co.sqlite", create=False)
    with pytest.raises(FileRefused):
        open_store(tmp_path / "thu-muc-khong-co" / "a.sqlite")


def test_backup_is_taken_before_pending_migrations(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    store = open_store(db_path)
    with store.write("kiemthu") as audit:
        people_store.insert(store, audit, person_values(), cell_id=None)
    store.close()
    seen: list[Path] = []

    def fake_pending(db):
        return ["0099_simulated"]

    def fake_apply(db):
        # The copy must exist, complete, before any migration touches the file.
        backups = list(db_path.parent.glob(f"{db_path.stem}.truoc-nang-cap-v*"))
        assert len(backups) == 1
        seen.append(backups[0])

    monkeypatch.setattr(schema.migrations, "pending", fake_pending)
    monkeypatch.setattr(schema.migrations, "apply", fake_apply)
    import commune_app.store.db as store_db

    # A newer program: one migration more than the file was stamped with.
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", schema.schema_version() + 1)
    store = open_store(db_path)
    try:
        assert store.migration_backup == seen[0]
        assert f"truoc-nang-cap-v{schema.schema_version()}" in seen[0].name
    finally:
        store.close()
    copy = sqlite3.connect(str(seen[0]))
    assert copy.execute("SELECT full_name FROM people").fetchall() == [("Nguyễn Văn An",)]
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_no_backup_for_a_brand_new_file(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    store = open_store(db_path)
    assert store.migration_backup is None
    store.close()


def test_read_only_file_needing_migration_is_refused(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    open_store(db_path).close()
    import commune_app.store.db as store_db

    monkeypatch.setattr(schema.migrations, "pending", lambda db: ["0099_simulated"])
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", schema.schema_version() + 1)
    with pytest.raises(FileRefused) as caught:
        open_store(db_path, read_only=True)
    assert "chỉ đọc" in str(caught.value)


def test_audit_row_is_in_the_same_transaction(db_path: Path):
    store = open_store(db_path)
    try:
        with store.write("kiemthu") as audit:
            pid = people_store.insert(store, audit, person_values(), cell_id=None)
        rows = store.query("SELECT user, action, entity, entity_id, person_id FROM audit")
        assert rows == [{"user": "kiemthu", "action": "create", "entity": "person", "entity_id": pid, "person_id": pid}]
        with pytest.raises(RuntimeError), store.write("kiemthu") as audit:
            people_store.insert(store, audit, person_values("Trần Thị Bình"), cell_id=None)
            raise RuntimeError("mất điện giữa chừng")
        assert store.scalar("SELECT count(*) FROM people") == 1
        assert store.scalar("SELECT count(*) FROM audit") == 1
        assert store.scalar("SELECT count(*) FROM people_fts WHERE people_fts MATCH 'binh'") == 0
    finally:
        store.close()


def test_read_only_store_refuses_writes(db_path: Path):
    open_store(db_path).close()
    store = open_store(db_path, read_only=True)
    try:
        with pytest.raises(FileRefused), store.write("kiemthu"):
            pass
    finally:
        store.close()


def test_backup_name_keeps_the_file_stem(tmp_path: Path):
    name = db_module.migration_backup_path(tmp_path / "dulieu.sqlite", 1).name
    assert name.startswith("dulieu.truoc-nang-cap-v1-") and name.endswith(".sqlite")


def test_the_stamped_version_is_the_number_of_migrations():
    from commune_app.store import schema
    from commune_app.store.version import SCHEMA_VERSION

    assert schema.schema_version() == SCHEMA_VERSION


def test_opening_an_up_to_date_file_needs_no_sqlite_utils(tmp_path):
    """A reading command's start: sqlite-utils is imported only for a migration or Store.db."""
    import subprocess
    import sys

    path = tmp_path / "d.sqlite"
    open_store(path).close()
    code = (
        "import sys; from commune_app.store.db import open_store; "
        f"s = open_store({str(path)!r}); s.query('SELECT count(*) FROM people'); "
        "w = s.write(); w.__enter__().record('update', 'settings', None); w.__exit__(None, None, None); "
        "print('sqlite_utils' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
