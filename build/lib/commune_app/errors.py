"""Expected failures, each carrying the Vietnamese reasons the clerk reads.

The command line turns ``Refused`` into exit 1 and ``FileRefused`` into exit 2; the window
shows them in a message box. Anything else is a bug and goes to the crash dialog and the log.
"""

from __future__ import annotations


class Refused(Exception):
    """The data or the input was refused; ``reasons`` are full Vietnamese sentences."""

    def __init__(self, *reasons: str) -> None:
        self.reasons = [r for r in reasons if r]
        super().__init__("\n".join(self.reasons))


class FileRefused(Refused):
    """A file could not be opened, read or written as asked."""


class NotAllowed(Refused):
    """The signed-in user's role or cell restriction forbids the action."""
