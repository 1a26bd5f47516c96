"""Progress and cancellation for long work, without Qt.

Long operations (PDF batches, reports, imports, backups) take a ``Progress`` and call it as
they go; the window's task runner passes one that forwards to a progress dialog and whose
``cancelled`` flag the Cancel button sets. The command line passes a silent one.
"""

from __future__ import annotations

from collections.abc import Callable


class Cancelled(Exception):
    """The clerk cancelled; the operation has rolled back whatever it had begun."""


class Progress:
    def __init__(self, report: Callable[[int, int, str], None] | None = None) -> None:
        self._report = report
        self.cancelled = False

    def __call__(self, done: int, total: int, text: str = "") -> None:
        """Report progress and stop with ``Cancelled`` if the clerk asked to."""
        if self.cancelled:
            raise Cancelled()
        if self._report:
            self._report(done, total, text)

    def cancel(self) -> None:
        self.cancelled = True
