"""What the interface offers the core, registered by the interface's own entry point.

The core never names ``ui`` (docs/architecture.md §1): ``ui.launch`` registers a ``Frontend``
before it runs the command line, so ``commune-app`` with no subcommand can open the window and
``commune-app bench`` can time it. Run without an interface (``python -m commune_app``), nothing is
registered and those two say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# (what, measured seconds, target seconds) for the benchmark table.
GuiRows = Callable[[Path, Path | None], list[tuple[str, float, float]]]


@dataclass(frozen=True)
class Frontend:
    start_window: Callable[[str | None, bool], int]  # (data file or None, self-test?) -> exit code
    gui_rows: GuiRows | None = None


_registered: list[Frontend] = []


def register(frontend: Frontend) -> None:
    _registered[:] = [frontend]


def registered() -> Frontend | None:
    return _registered[0] if _registered else None
