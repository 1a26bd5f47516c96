"""The task runner's progress dialog: never shown after its task has ended."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from ui.shell.tasks import TaskRunner

pytestmark = pytest.mark.gui


def _visible_progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_quick_task_then_message_box_leaves_no_progress_dialog(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent)
    seen: list[int] = []

    def inspect_and_close() -> None:
        # Well past the dialog's 400 ms force-show delay, inside the message box's event loop.
        seen.append(len(_visible_progress_dialogs()))
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.accept()
        else:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QMessageBox):
                    widget.accept()

    def on_done(_result: object) -> None:
        QTimer.singleShot(900, inspect_and_close)
        QMessageBox.information(parent, "Sao lưu", "Đã sao lưu")

    def backup(progress) -> None:
        progress(0, 1, "Đang chép tệp dữ liệu")  # as the real backup does
        time.sleep(0.05)

    runner.run("Đang sao lưu dữ liệu", backup, on_done)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [0]
    assert _visible_progress_dialogs() == []


def test_long_task_without_progress_reports_still_shows_its_dialog(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent)
    shown: list[int] = []
    runner.run("Đang làm", lambda progress: time.sleep(1.0), lambda _r: shown.append(1))
    qtbot.waitUntil(lambda: bool(_visible_progress_dialogs()), timeout=3000)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert _visible_progress_dialogs() == []


def test_work_of_a_widget_on_its_own_runs_here_and_shows_a_refusal(qtbot, monkeypatch) -> None:
    """run_task: the one fallback of the widgets a test or a tool uses without the window."""
    from commune_app.errors import NotAllowed
    from ui.shell import errors
    from ui.shell.tasks import run_task

    shown: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(errors, "show_refused", lambda _parent, exc, title: shown.append((title, exc.reasons)))
    owner = QWidget()
    qtbot.addWidget(owner)
    results: list[int] = []
    run_task(None, owner, "Đếm", lambda progress: 41 + 1, results.append)

    def refuse(_progress):
        raise NotAllowed("Tài khoản chỉ xem không được thay đổi dữ liệu.")

    run_task(None, owner, "Ghi", refuse, results.append)
    assert results == [42]
    assert shown == [("Ghi", ["Tài khoản chỉ xem không được thay đổi dữ liệu."])]
