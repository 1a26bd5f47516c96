"""Fixtures for the window tests: a context with a task runner, the main window, and the
program's message boxes answered without blocking (what they said is recorded)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from commune_app.settings import Settings


@dataclass
class Dialogs:
    """Records every message shown; ``answers`` gives the answer to the next questions."""

    shown: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)

    def ask(self, _parent, _title, text, choices, default, **_kw) -> str:
        self.asked.append(text)
        if not self.answers:
            raise AssertionError(f"unexpected question: {text}")
        answer = self.answers.pop(0)
        assert answer in [key for key, _label in choices]
        return answer

    def inform(self, _parent, title, text, **_kw) -> None:
        self.shown.append(f"{title}: {text}")


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    from ui.kit import vn_buttons

    recorder = Dialogs()
    monkeypatch.setattr(vn_buttons, "ask", recorder.ask)
    monkeypatch.setattr(vn_buttons, "inform", recorder.inform)
    monkeypatch.setattr(vn_buttons, "warn", recorder.inform)
    return recorder


@pytest.fixture
def main_window(qtbot, session, dialogs) -> Iterator:
    from commune_app.ops.opening import OpenedFile
    from ui.shell.app import make_application
    from ui.shell.main_window import build_window

    make_application()
    window = build_window(OpenedFile(session, None), Settings())
    qtbot.addWidget(window)
    window.show()
    yield window
    for person_window in window.person_windows():  # unowned: they are closed, not deleted with the window
        person_window._forget_changes()
        person_window.close()
    window.close()
    window.deleteLater()  # pages and their timers go before the session closes
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.opened.close()  # the file the window ended on (a test may have switched or restored)


@pytest.fixture
def ctx(main_window):
    return main_window.ctx
