"""The window's application context: the open session, this computer's settings, the task
runner, and the signals pages use to tell each other that data changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from commune_app.ops.context import Session
from commune_app.settings import Settings


class UiContext(QObject):
    # kind: "person", "cell", "course", "document", "settings", "all"; id or 0
    data_changed = Signal(str, int)
    # any page may ask the main window to open a person's window, on a tab ('' = as it was)
    open_person_requested = Signal(int, str)

    def __init__(self, session: Session, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.tasks = None  # ui.tasks.TaskRunner, set by the main window

    def notify(self, kind: str, item_id: int = 0) -> None:
        self.data_changed.emit(kind, item_id)

    def open_person(self, person_id: int, tab: str = "") -> None:
        self.open_person_requested.emit(person_id, tab)
