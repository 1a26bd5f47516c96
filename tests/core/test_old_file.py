"""A data file made by the first version with a demo (9dc8323) opens, migrates and works today."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from commune_app.ops import integrity
from commune_app.ops import people as people_ops
from commune_app.ops import road as road_ops
from commune_app.ops.context import SYSTEM, Session, open_session
from commune_app.store import schema

OLD_FILE = Path(__file__).resolve().parents[1] / "data" / "first-release-9dc8323.sqlite.gz"


@pytest.fixture
def old_copy(tmp_path: Path) -> Path:
    target = tmp_path / "du-lieu-cu.sqlite"
    with gzip.open(OLD_FILE) as source, target.open("wb") as out:
        shutil.copyfileobj(source, out)
    return target


def _ledger(path: Path) -> tuple[list[str], int, int]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        return (
            names,
            conn.execute("PRAGMA user_version").fetchone()[0],
            conn.execute("SELECT count(*) FROM people").fetchone()[0],
        )
    finally:
        conn.close()


def test_the_old_file_is_really_older(old_copy: Path) -> None:
    names, version, people = _ledger(old_copy)
    assert names == ["0001_initial", "0002_people_list_covering_index"] and version == 2 and people == 100
    assert version < schema.schema_version()


def test_today_the_old_file_is_migrated_backed_up_and_sound(old_copy: Path) -> None:
    session: Session = open_session(old_copy, actor=SYSTEM)
    try:
        assert session.store.migration_backup is not None and session.store.migration_backup.exists()
        assert integrity.check_file(session).problems == []
        found = people_ops.find(session, "Nguyen", limit=5)
        assert found
        view = road_ops.road_view(session, found[0]["id"])
        assert view.entries  # the old milestones are read by today's road
    finally:
        session.close()
    names, version, people = _ledger(old_copy)
    assert len(names) == version == schema.schema_version() and people == 100
