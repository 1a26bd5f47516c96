"""What the interface offers the core, registered by the interface's own entry point.

The core never names ``ui`` (docs/architecture.md §1): ``ui.launch`` registers a ``Frontend``
before it runs the command line, so ``commune-app`` with no subcommand can open the window and
``commune-app bench`` can time it. Run without an interface (``python -m commune_app``), nothing is
registered and those two say so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    # (what, measured seconds, target seconds) for the benchmark table.
    GuiRows = Callable[[Path, Path | None], list[tuple[str, float, float]]]


class Frontend:
    """A plain class, not a dataclass: this module is on the command line's start-up path."""

    __slots__ = ("gui_rows", "start_window")

    def __init__(self, start_window: Callable[[str | None, bool], int], gui_rows: GuiRows | None = None) -> None:
        self.start_window = start_window  # (data file or None, self-test?) -> exit code
        self.gui_rows = gui_rows


_registered: list[Frontend] = []


def register(frontend: Frontend) -> None:
    _registered[:] = [frontend]


def registered() -> Frontend | None:
    return _registered[0] if _registered else None
