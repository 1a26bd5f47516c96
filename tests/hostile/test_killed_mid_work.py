"""kill -9 in the middle of a backup, a restore, or turning encryption on: the data file is
always whole (plain and readable, or encrypted with the slots that open it), the backup folder
holds only backups that pass the full check, and what the killed process left behind is removed
at the next start."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from commune_app.ops import accounts, encryption
from commune_app.ops.context import SYSTEM, Actor, open_session
from commune_app.safety import backups, outputs
from commune_app.store import engine
from tests.hostile.helpers import fill

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "matkhau1"

# Backs up and restores the file over and over; with "encrypt", first turns encryption on.
CHILD = r"""
import sys
from pathlib import Path
from commune_app.ops import encryption, opening
from commune_app.ops.context import SYSTEM, Actor, open_session
from commune_app.safety import backups, keyslots
keyslots.SCRYPT_N = keyslots.RECOVERY_N = 2**10
path, folder, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
print("start", flush=True)  # the work begins: the parent's random kill falls in it
key = None
if mode == "encrypt" and keyslots.load(path) is None:
    session = open_session(path, actor=Actor("quantri", "admin"))
    session = encryption.enable(session, "matkhau1").session
    key = session.store.key
    session.close()
elif keyslots.load(path) is not None:
    key = encryption.unlock(path, "quantri", "matkhau1")
for round in range(1000):
    session = open_session(path, actor=SYSTEM, key=key)
    info = backups.make_backup(session.store, folder, name="ba-son")
    session.close()
    backups.restore(path, info.path, safety_folder=folder / "an-toan", name="ba-son", key=key)
"""


def _whole(path: Path) -> int:
    """The number of people in the file, opened the way its form says; fails if it opens neither way."""
    key = encryption.unlock(path, "quantri", PASSWORD) if engine.is_encrypted_file(path) else None
    session = open_session(path, actor=SYSTEM, key=key)
    try:
        assert session.store.scalar("PRAGMA quick_check") == "ok"
        return int(session.store.scalar("SELECT count(*) FROM people"))
    finally:
        session.close()


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["plain", "encrypt"])
def test_killed_backups_restores_and_encryption_leave_everything_whole(tmp_path, mode):
    path, folder = tmp_path / "du-lieu.sqlite", tmp_path / "sao-luu"
    session = open_session(path, actor=SYSTEM)
    fill(session, people=40)
    accounts.create_user(session, "quantri", PASSWORD, "admin")
    session.actor = Actor("quantri", "admin")
    session.close()
    folder.mkdir()
    rng = random.Random(20261203)
    for attempt in range(10):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(folder), mode], cwd=REPO, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "start"
        time.sleep(rng.uniform(0.0, 1.5))
        child.kill()
        child.communicate()
        assert _whole(path) == 40, f"the data file after kill {attempt}"
    key = encryption.unlock(path, "quantri", PASSWORD) if engine.is_encrypted_file(path) else None
    for info in backups.list_backups(folder) + backups.list_backups(folder / "an-toan"):
        assert backups.inspect(info.path, key=key).summary["people"] == 40
    removed = outputs.remove_leftovers(folder, older_than_seconds=0) + outputs.remove_leftovers(
        tmp_path, older_than_seconds=0
    )
    remaining = [p for p in [*folder.iterdir(), *tmp_path.iterdir()] if p.name.startswith(".")]
    assert remaining == [], f"left behind: {remaining} (removed {removed})"
    assert backups.list_backups(folder)  # the kills fell in the middle of the work, not before it
