"""The window's application context: the open session, this computer's settings, the task
runner, and the one signal that says what data changed.

Nothing announces a change by hand: the store tells the context what each committed write
changed (``commune_app.changes``), whichever page, dialog or worker thread made it, and
saving this computer's settings does the same; ``changed`` carries that value to the pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal

from commune_app import changes
from commune_app.ops.context import Session
from commune_app.settings import Settings


class UiContext(QObject):
    # a commune_app.changes.Changes; emitted from a worker's write too, and then delivered
    # on the GUI thread (a queued connection, as the context lives there)
    changed = Signal(object)
    # any page may ask the main window to open a person's window, on a tab ('' = as it was)
    open_person_requested = Signal(int, str)
    # any page may ask for another page, and for one of its actions (a method name of that
    # page, '' = only show it): the overview's first steps open "Thêm chi bộ" this way
    page_requested = Signal(str, str)
    # Cài đặt asks the main window to encrypt the open file (it closes and reopens the file)
    encryption_requested = Signal()

    def __init__(self, session: Session, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.tasks = None  # ui.shell.tasks.TaskRunner, set by the main window
        # The widget whose write is being told, while it is (Anki's "initiator"): a page that
        # already shows what it wrote skips its own refresh. None for a worker's writes.
        self.initiator: QObject | None = None
        session.store.listeners.append(self._committed)
        settings.listeners.append(self._settings_saved)

    def _committed(self, what: changes.Changes) -> None:
        self.changed.emit(what)

    def _settings_saved(self) -> None:
        self.changed.emit(changes.SETTINGS)

    @contextmanager
    def acting_as(self, widget: QObject) -> Iterator[None]:
        """Writes inside are told with ``widget`` as their initiator."""
        previous, self.initiator = self.initiator, widget
        try:
            yield
        finally:
            self.initiator = previous

    def detach(self) -> None:
        """Stop hearing the session and the settings (the window moved to another file)."""
        if self._committed in self.session.store.listeners:
            self.session.store.listeners.remove(self._committed)
        if self._settings_saved in self.settings.listeners:
            self.settings.listeners.remove(self._settings_saved)

    def open_person(self, person_id: int, tab: str = "") -> None:
        self.open_person_requested.emit(person_id, tab)

    def go_to(self, page_key: str, action: str = "") -> None:
        self.page_requested.emit(page_key, action)
