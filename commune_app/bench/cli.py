"""Benchmark of the command line's start: whole processes, as a script or the provincial IT staff run it.

Targets (issue 21, item 13): `commune-app --help` under 0.1 s and `commune-app find` under 0.15 s,
each the median of several runs. Importing this module registers the measurement "cli_start".
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

from commune_app.bench import BenchRun, Result, find_queries, measurement

RUNS = 7
TARGETS = {"help": 0.1, "find": 0.15}


def process_seconds(args: Sequence[str], runs: int = RUNS) -> float:
    """The median wall time of ``python -m commune_app ARGS`` from start to exit.

    One run before the timed ones is not counted: it writes the bytecode that an installed program
    has (pip compiles it on install, PyInstaller ships it), even where ``PYTHONDONTWRITEBYTECODE``
    is set, and it warms the file cache. Without it every run compiles the modules it imports
    again (about 55 ms of a 125 ms ``find``, measured), which no office PC does."""
    command = [sys.executable, "-m", "commune_app", *args]
    compiling = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=compiling)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@measurement("cli_start")
def measure_cli(run: BenchRun) -> list[Result]:
    typed = find_queries(run.session, count=1, seed=run.seed)  # a full name, as the clerk types it
    name = typed[0] if typed else "Nguyễn"
    return [
        Result(
            "cli_help",
            "Dòng lệnh: commune-app --help (cả tiến trình)",
            process_seconds(["--help"]),
            "s",
            TARGETS["help"],
            note=f"trung vị {RUNS} lần, mã đã biên dịch",
        ),
        Result(
            "cli_find",
            "Dòng lệnh: commune-app find (cả tiến trình)",
            process_seconds(["find", "--db", str(run.path), name]),
            "s",
            TARGETS["find"],
            note=f"trung vị {RUNS} lần, mã đã biên dịch",
        ),
    ]
