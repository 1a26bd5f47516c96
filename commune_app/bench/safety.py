"""Benchmark of the safety net: a verified backup of the generated file, and its restore check.

Target (issue 8): backup and verification of the province-scale file in at most 10 s.
Importing this module registers the measurement "backup" with ``commune_app.bench``.
"""

from __future__ import annotations

import time

from commune_app.bench import BenchRun, Result, measurement
from commune_app.safety import backups

TARGET_SECONDS = 10.0


@measurement("backup")
def measure_backup(run: BenchRun) -> list[Result]:
    folder = run.workdir / "sao-luu-do"
    started = time.perf_counter()
    info = backups.make_backup(run.session.store, folder, name="do-hieu-nang")
    made = time.perf_counter() - started
    started = time.perf_counter()
    backups.inspect(info.path)  # what a restore checks before it replaces anything
    checked = time.perf_counter() - started
    size_mb = info.size / 1_048_576
    return [
        Result("backup", f"Sao lưu và kiểm tra toàn vẹn ({size_mb:.0f} MB)", made, "s",
               TARGET_SECONDS if run.scale == "province" else None),
        Result("backup_inspect", "Kiểm tra bản sao lưu trước khi khôi phục", checked, "s"),
    ]
