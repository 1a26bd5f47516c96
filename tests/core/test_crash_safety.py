"""Pull the plug: a writer killed at random points never leaves a half-written operation.

A child process writes batches of people, each batch one transaction with its audit rows
(what an import does); the test kills it with SIGKILL at random moments and checks that the
file is sound, that every batch is all or nothing, and that nothing committed is lost.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from commune_app.store.backup import integrity_problems

BATCH = 250

CHILD = rf"""
import sys
from commune_app.ops.context import SYSTEM, open_session
from commune_app.store import people
session = open_session(sys.argv[1], actor=SYSTEM)
start = session.store.scalar("SELECT count(*) FROM people")
for batch in range(1000):
    with session.write() as audit:
        for i in range({BATCH}):
            n = start + batch * {BATCH} + i
            people.insert(session.store, audit, {{
                "full_name": f"Nguyễn Văn Thử {{n}}", "gender": "M", "birth_date": "1990-01-01",
                "ethnicity": "Kinh", "religion": "Không"}}, cell_id=None)
    print(batch, flush=True)
"""


@pytest.mark.slow
def test_killed_writer_leaves_whole_batches_only(tmp_path: Path) -> None:
    db = tmp_path / "dulieu.sqlite"
    repo = Path(__file__).resolve().parents[2]
    rng = random.Random(20261121)
    committed_before = 0
    for attempt in range(12):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(db)], cwd=repo, stdout=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.3, 1.6))
        child.kill()
        printed = child.stdout.read().split()
        child.wait()
        assert integrity_problems(db) == [], f"file damaged after kill {attempt}"
        conn = sqlite3.connect(db)
        people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
        audits = conn.execute("SELECT count(*) FROM audit WHERE entity = 'person'").fetchone()[0]
        conn.close()
        assert people % BATCH == 0, f"a batch was half written: {people} people"
        assert audits == people, "audit rows and data must commit together"
        assert people >= committed_before + BATCH * len(printed), "a committed batch was lost"
        committed_before = people
    assert committed_before > 0
