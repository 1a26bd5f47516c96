"""Benchmark of the safety net: a new backup with its manifest and quick check, and the full
check a restore runs first, measured against SQLite's own ``integrity_check``.

Targets (issue 15, province scale): a new backup with manifest and quick verification in at
most 2 s; the full verification no slower than ``integrity_check`` plus 10 %.
Importing this module registers the measurement "backup" with ``commune_app.bench``.
"""

from __future__ import annotations

import time

from commune_app.bench import BenchRun, Result, measurement
from commune_app.safety import backups
from commune_app.store import backup as sqlite_backup

NEW_BACKUP_SECONDS = 2.0
FULL_CHECK_MARGIN = 1.10


@measurement("backup")
def measure_backup(run: BenchRun) -> list[Result]:
    folder = run.workdir / "sao-luu-do"
    started = time.perf_counter()
    info = backups.make_backup(run.session.store, folder, name="do-hieu-nang")
    made = time.perf_counter() - started
    conn = sqlite_backup.connect_read_only(info.path)
    try:
        started = time.perf_counter()
        conn.execute("PRAGMA integrity_check").fetchall()
        integrity = time.perf_counter() - started
    finally:
        conn.close()
    started = time.perf_counter()
    backups.inspect(info.path)  # what a restore checks before it replaces anything
    checked = time.perf_counter() - started
    size_mb = info.size / 1_048_576
    province = run.scale == "province"
    return [
        Result(
            "backup",
            f"Sao lưu mới, bản kê SHA-256 và quick_check ({size_mb:.0f} MB)",
            made,
            "s",
            NEW_BACKUP_SECONDS if province else None,
        ),
        Result("backup_integrity", "integrity_check của SQLite trên bản sao lưu (mốc so sánh)", integrity, "s"),
        Result(
            "backup_inspect",
            "Kiểm tra đầy đủ trước khi khôi phục (bản kê, integrity_check, foreign_key_check)",
            checked,
            "s",
            integrity * FULL_CHECK_MARGIN if province else None,
        ),
    ]
