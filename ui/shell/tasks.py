"""The one task runner: long work on a worker thread, with progress, cancel and one error display.

``run(title, fn, on_done)`` queues ``fn(progress)``; tasks run one after another, which also
keeps the single database connection to one writer at a time. The progress dialog is modal,
so the clerk cannot start a competing write while a task holds the connection. Results come
back on the GUI thread; a refusal is shown once as its Vietnamese reasons, a cancellation as
a short note, anything else goes to the crash dialog and the log (Anki's taskman).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from commune_app.errors import Refused
from commune_app.progress import Cancelled, Progress
from ui.shell import errors

SHOW_AFTER_MS = 400  # quick tasks finish without a flashing dialog


@dataclass
class _Task:
    title: str
    fn: Callable[[Progress], Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    cancellable: bool


class _Worker(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, task: _Task) -> None:
        super().__init__()
        self.task = task
        self.progress = Progress(lambda done, total, text: self.progressed.emit(done, total, text))

    def run(self) -> None:
        try:
            result = self.task.fn(self.progress)
        except BaseException as exc:  # - every failure is delivered to the GUI thread
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class TaskRunner(QObject):
    # emitted with a short Vietnamese note after each task (success, cancel); the main
    # window shows it in the status bar: the non-modal confirmation of success
    message = Signal(str)
    idle = Signal()

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._queue: deque[_Task] = deque()
        self._worker: _Worker | None = None
        self._dialog: QProgressDialog | None = None
        # The runner, not QProgressDialog, decides when the dialog appears: Qt's own force-show
        # timer only starts on the first progress report and still fires after the dialog was
        # hidden, inside whatever event loop runs then (a message box), showing a dead dialog.
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self._show_dialog)

    @property
    def busy(self) -> bool:
        return self._worker is not None or bool(self._queue)

    def run(
        self,
        title: str,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        cancellable: bool = True,
    ) -> None:
        """Queue ``fn(progress)``; ``on_done(result)`` runs on the GUI thread when it succeeds.

        ``on_error(exc)``, when given, replaces the standard display of a refusal or a bug.
        """
        self._queue.append(_Task(title, fn, on_done, on_error, cancellable))
        if self._worker is None:
            self._start_next()

    def _start_next(self) -> None:
        if not self._queue:
            self.idle.emit()
            return
        task = self._queue.popleft()
        worker = _Worker(task)
        self._worker = worker
        self._dialog = self._make_dialog(task, worker)
        worker.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        worker.succeeded.connect(self._on_success, Qt.ConnectionType.QueuedConnection)
        worker.failed.connect(self._on_failure, Qt.ConnectionType.QueuedConnection)
        worker.start()
        self._show_timer.start()

    def _show_dialog(self) -> None:
        if self._dialog is not None and self._worker is not None:
            self._dialog.show()

    def _make_dialog(self, task: _Task, worker: _Worker) -> QProgressDialog:
        dialog = QProgressDialog(task.title, "Hủy", 0, 0, self._parent)
        dialog.setWindowTitle(task.title)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(2**31 - 1)  # never shown by Qt itself: see _show_timer
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        if task.cancellable:
            button = QPushButton("Hủy")
            dialog.setCancelButton(button)
            dialog.canceled.connect(lambda: self._cancel(worker, dialog))
        else:
            dialog.setCancelButton(None)  # type: ignore[arg-type]
        return dialog

    def _cancel(self, worker: _Worker, dialog: QProgressDialog) -> None:
        worker.progress.cancel()
        dialog.setLabelText("Đang dừng, chờ thao tác hiện tại kết thúc...")

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self._dialog is None:
            return
        self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(min(done, total) if total > 0 else 0)
        if text:
            self._dialog.setLabelText(text)

    def _finish(self) -> _Task:
        worker = self._worker
        assert worker is not None
        worker.wait()
        task = worker.task
        self._worker = None
        self._show_timer.stop()
        if self._dialog is not None:
            self._dialog.reset()  # also stops Qt's internal timer before the dialog is deleted
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None
        worker.deleteLater()
        return task

    def _on_success(self, result: Any) -> None:
        task = self._finish()
        try:
            if task.on_done is not None:
                task.on_done(result)
        except Refused as exc:
            errors.show_refused(self._parent, exc, task.title)
        except Exception as exc:  # - a bug in the callback goes to the crash dialog
            errors.report_unexpected(self._parent, exc)
        finally:
            self._start_next()

    def _on_failure(self, exc: BaseException) -> None:
        task = self._finish()
        try:
            if isinstance(exc, Cancelled):
                self.message.emit(f"Đã hủy: {task.title}")
            elif task.on_error is not None:
                task.on_error(exc)
            elif isinstance(exc, Refused):
                errors.show_refused(self._parent, exc, task.title)
            else:
                errors.report_unexpected(self._parent, exc)
        finally:
            self._start_next()


def run_task(
    tasks: TaskRunner | None,
    parent: QWidget,
    title: str,
    work: Callable[[Progress], Any],
    done: Callable[[Any], None],
    *,
    cancellable: bool = True,
) -> None:
    """Work through the window's task runner; a widget used on its own (a test, a tool) has none,
    and then runs it here, a refusal shown the same way."""
    if tasks is not None:
        tasks.run(title, work, done, cancellable=cancellable)
        return
    try:
        result = work(Progress())
    except Refused as exc:
        errors.show_refused(parent, exc, title)
        return
    done(result)
