"""Benchmark of the safety net: a new backup with its manifest and quick check, and the full
check a restore runs first, measured against SQLite's own ``integrity_check``.

Targets (issue 15, province scale): a new backup with manifest and quick verification in at
most 2 s; the full verification no slower than ``integrity_check`` plus 10 %.
Importing this module registers the measurement "backup" with ``commune_app.bench``.
"""

from __future__ import annotations

import statistics
import time

from commune_app import vn
from commune_app.bench import BenchRun, Result, measurement
from commune_app.safety import backups
from commune_app.store import backup as sqlite_backup

NEW_BACKUP_SECONDS = 2.0
FULL_CHECK_MARGIN = 1.10
RUNS = 3


@measurement("backup")
def measure_backup(run: BenchRun) -> list[Result]:
    """Each time the median of ``RUNS``, the two checks alternated so that a machine that slows down
    for a while weighs on both alike; the first backup is in the note (the demo file was just
    written, so part of it may still be on its way to the disk)."""
    folder = run.workdir / "sao-luu-do"
    made = []
    for n in range(RUNS):
        started = time.perf_counter()
        info = backups.make_backup(run.session.store, folder, name="do-hieu-nang", tag=f"lan-{n + 1}")
        made.append(time.perf_counter() - started)
    integrity, checked = [], []
    for _ in range(RUNS):
        conn = sqlite_backup.connect_read_only(info.path)
        try:
            started = time.perf_counter()
            conn.execute("PRAGMA integrity_check").fetchall()
            integrity.append(time.perf_counter() - started)
        finally:
            conn.close()
        started = time.perf_counter()
        backups.inspect(info.path)  # what a restore checks before it replaces anything
        checked.append(time.perf_counter() - started)
    size_mb = info.size / 1_048_576
    province = run.scale == "province"
    baseline = statistics.median(integrity)
    return [
        Result(
            "backup",
            f"Sao lưu mới, bản kê SHA-256 và quick_check ({size_mb:.0f} MB)",
            statistics.median(made),
            "s",
            NEW_BACKUP_SECONDS if province else None,
            note=f"trung vị {RUNS} lần; lần đầu {vn.decimal(made[0], 2)} giây",
        ),
        Result(
            "backup_integrity",
            "integrity_check của SQLite trên bản sao lưu (mốc so sánh)",
            baseline,
            "s",
            note=f"trung vị {RUNS} lần",
        ),
        Result(
            "backup_inspect",
            "Kiểm tra đầy đủ trước khi khôi phục (bản kê, integrity_check, foreign_key_check)",
            statistics.median(checked),
            "s",
            baseline * FULL_CHECK_MARGIN if province else None,
            note=f"trung vị {RUNS} lần, xen kẽ với integrity_check",
        ),
    ]
