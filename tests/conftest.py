"""Shared fixtures: Qt offscreen before anything loads Qt, a fresh data file per test."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("COMMUNE_APP_NO_FIRST_RUN", "1")

from commune_app.ops.context import Actor, Session, open_session

TODAY = dt.date(2026, 11, 20)
"""Tests run on a fixed 'today' so that deadlines and ages do not drift with the calendar."""


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "dulieu.sqlite"


@pytest.fixture
def session(db_path: Path) -> Iterator[Session]:
    s = open_session(db_path, actor=Actor(username="kiemthu", role="admin"))
    s.today_override = TODAY
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """New hashes at N=2^10 instead of 2^17 (2 s each on a loaded test machine); the upgrade
    of cheaper hashes and the decoy work are tested against whatever the cost is."""
    from commune_app.ops import accounts
    from commune_app.safety import keyslots

    monkeypatch.setattr(accounts, "SCRYPT_N", 2**10)
    monkeypatch.setattr(keyslots, "SCRYPT_N", 2**10)  # an encrypted file's key slots and recovery key
    monkeypatch.setattr(keyslots, "RECOVERY_N", 2**10)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings, logs and backups of the program go to the test's own folder."""
    monkeypatch.setenv("COMMUNE_APP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Documents"))  # where save dialogs start
