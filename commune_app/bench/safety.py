"""Benchmark of the safety net: a new backup with its manifest and quick check, and the full
check a restore runs first, measured against SQLite's own ``integrity_check``.

Targets (issue 15, province scale): a new backup with manifest and quick verification in at
most 2 s; the full verification no slower than ``integrity_check`` plus 10 %.
Importing this module registers the measurement "backup" with ``commune_app.bench``.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from commune_app import vn
from commune_app.bench import BenchRun, Result, measurement
from commune_app.safety import backups
from commune_app.store import backup as sqlite_backup

NEW_BACKUP_SECONDS = 2.0
FULL_CHECK_MARGIN = 1.10
RUNS = 3


def disk_write_seconds(folder: Path, size: int) -> float:
    """How long this disk takes to write ``size`` bytes into a new file and sync them: what a
    backup of that size cannot go below, whatever the program does (it syncs its copy before
    keeping it)."""
    block = os.urandom(1 << 20)
    target = folder / ".do-toc-do-ghi.tmp"
    started = time.perf_counter()
    try:
        with target.open("wb") as handle:
            for _ in range(max(1, size >> 20)):
                handle.write(block)
            handle.flush()
            os.fsync(handle.fileno())
        return time.perf_counter() - started
    finally:
        target.unlink(missing_ok=True)


@measurement("backup", first=True)
def measure_backup(run: BenchRun) -> list[Result]:
    """One backup, as the clerk makes one at a time, then ``RUNS`` - 1 more right after it (in the
    note: a disk written without a pause slows down; on the machine this was measured on, the
    second and third of 560 MB took up to 1 s more than the first); then the disk's own speed for as
    many bytes, and ``RUNS`` times integrity_check and the full check alternated, so that a
    machine that slows down for a while weighs on both alike."""
    folder = run.workdir / "sao-luu-do"
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(RUNS):
        started = time.perf_counter()
        info = backups.make_backup(run.session.store, folder, name="do-hieu-nang", tag=f"lan-{n + 1}")
        made.append(time.perf_counter() - started)
    disk = disk_write_seconds(folder, info.size)
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
            "backup_disk",
            f"Ghi {size_mb:.0f} MB xuống đĩa và chờ ghi xong (mốc so sánh: bản sao lưu ghi chừng ấy)",
            disk,
            "s",
            note="sau các lần sao lưu",
        ),
        Result(
            "backup",
            f"Sao lưu mới, bản kê SHA-256 và quick_check ({size_mb:.0f} MB)",
            made[0],
            "s",
            NEW_BACKUP_SECONDS if province else None,
            note="các lần sau, liền nhau: " + "; ".join(f"{vn.decimal(t, 2)} giây" for t in made[1:]),
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
