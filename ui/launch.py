"""The program's entry point: registers the window with the core, then runs the command line.

Used by the ``commune-app`` and ``commune-app-gui`` scripts, ``python -m ui`` and the frozen build
(scripts/launch.py). Qt is imported only when the window or its benchmark actually runs, so the
subcommands start without it (docs/architecture.md §1).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from commune_app import frontend
from commune_app.cli import main as cli


def _start_window(db: str | None, self_test: bool) -> int:
    from ui.shell.app import run_app

    return run_app(db, self_test=self_test)


def _gui_rows(commune_db: Path, province_db: Path | None) -> list[tuple[str, float, float]]:
    from ui.shell.bench_gui import gui_rows

    return gui_rows(commune_db, province_db)


def register() -> None:
    frontend.register(frontend.Frontend(start_window=_start_window, gui_rows=_gui_rows))


def run(argv: Sequence[str] | None = None) -> int:
    """The command line with the window registered; the exit code (what the tests call)."""
    register()
    return cli.run(argv)


def main() -> None:
    register()
    cli.main()


def gui_main() -> None:
    register()
    cli.gui_main()
