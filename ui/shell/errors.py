"""Errors at the window's boundary: refusals as Vietnamese messages, bugs to the log and a dialog.

An expected failure (``Refused``) carries its reasons in Vietnamese and is shown as they are.
Anything else is a bug: it is written to the program's log (``commune_app.logs``: rotated,
identity numbers masked) and shown once in a dialog whose details can be copied and which says where the log is. The
data stay consistent because every write is one transaction that rolls back on any error.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from commune_app import logs
from commune_app.errors import Refused
from ui.kit import vn_buttons
from ui.kit.refusals import refusal_title

LOG_NAME = "commune_app"


def show_refused(parent: QWidget | None, exc: Refused, title: str = "Không thực hiện được") -> None:
    """The reasons of a refusal, one per line, as the clerk should read them; a permission
    refusal is titled as one whatever the action was."""
    vn_buttons.warn(parent, refusal_title(exc, title), "\n".join(exc.reasons) or "Thao tác bị từ chối.")


def describe(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def report_unexpected(parent: QWidget | None, exc: BaseException) -> None:
    """Log a bug and show the Vietnamese dialog with copyable details and the log's place."""
    details = logs.mask(describe(exc))  # what the clerk copies and sends carries no CCCD
    path = logs.setup_logging()
    logging.getLogger(LOG_NAME).error("Lỗi không mong đợi:\n%s", details)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Lỗi chương trình",
        "Chương trình gặp một lỗi không mong đợi. Thao tác vừa rồi chưa được thực hiện; "
        "dữ liệu đã ghi trước đó không bị ảnh hưởng.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setInformativeText(
        f"Chi tiết lỗi đã được ghi vào tệp nhật ký:\n{path}\n\n"
        "Hãy gửi tệp này (hoặc nội dung chi tiết bên dưới) cho người hỗ trợ kỹ thuật."
    )
    box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    vn_buttons.vietnamese_buttons(box)
    vn_buttons._translate_details_button(box)
    box.exec()


class _Relay(QObject):
    """Carries an exception raised on a worker thread to the GUI thread."""

    raised = Signal(object)


class CrashHandler:
    """sys.excepthook and threading.excepthook → log + one dialog (never a dialog storm)."""

    def __init__(self) -> None:
        self._relay = _Relay()
        self._relay.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._showing = False
        self._previous = sys.excepthook

    def install(self) -> None:
        logs.setup_logging()
        sys.excepthook = self._hook
        threading.excepthook = lambda args: self._hook(args.exc_type, args.exc_value, args.exc_traceback)

    def _hook(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc is None:
            exc = exc_type()
        exc.__traceback__ = tb
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous(exc_type, exc, tb)
            return
        self._relay.raised.emit(exc)

    def _show(self, exc: BaseException) -> None:
        if isinstance(exc, Refused):
            show_refused(QApplication.activeWindow(), exc)
            return
        if self._showing:
            logging.getLogger(LOG_NAME).error("Lỗi tiếp theo:\n%s", describe(exc))
            return
        self._showing = True
        try:
            report_unexpected(QApplication.activeWindow(), exc)
        finally:
            QTimer.singleShot(0, self._done)

    def _done(self) -> None:
        self._showing = False
