"""A person's window: the tabs of ``ui.person.discover()`` around one record.

A new person (id None) shows only the profile tab until it is saved; then the window takes
the new id and adds the other tabs. Ctrl+S saves every tab with changes; Esc and closing
the window ask before any unsaved change is dropped, and by default keep editing.

It is a top-level window of its own, owned by no other: the clerk can put it behind the main
window to look at the list, and keep several people open side by side.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from commune_app.changes import Changes
from commune_app.ops import people as people_ops
from ui.kit import vn_buttons
from ui.person import TabSpec, discover
from ui.shell.context import UiContext

PROFILE_TAB = "profile"


# Where each person's window was last, for this run of the program: reopening a person puts
# the window back where the clerk left it; a new one takes the place of the last one closed.
_PLACES: dict[int | None, QByteArray] = {}


class PersonWindow(QWidget):
    person_saved = Signal(int)

    def __init__(self, ctx: UiContext, person_id: int | None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.ctx = ctx
        self.person_id = person_id
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.resize(1000, 700)
        place = _PLACES.get(person_id) or _PLACES.get(None)
        if place is not None:
            self.restoreGeometry(place)
        self.tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        self._specs: list[TabSpec] = discover()
        self._tab_widgets: dict[str, QWidget] = {}
        self._add_tabs()
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_all)
        ctx.changed.connect(self._on_data_changed)
        self._update_title()

    def _add_tabs(self) -> None:
        for spec in self._specs:
            if spec.key in self._tab_widgets:
                continue
            if self.person_id is None and spec.key != PROFILE_TAB:
                continue
            widget = spec.factory(self.ctx, self.person_id)
            self._tab_widgets[spec.key] = widget
            index = sorted(self._tab_widgets, key=lambda k: next(s.order for s in self._specs if s.key == k)).index(
                spec.key
            )
            self.tabs.insertTab(index, widget, spec.title)
            created = getattr(widget, "person_created", None)
            if created is not None:
                created.connect(self._on_created)

    def tab(self, key: str) -> QWidget | None:
        return self._tab_widgets.get(key)

    def show_tab(self, key: str) -> None:
        widget = self._tab_widgets.get(key)
        if widget is not None:
            self.tabs.setCurrentWidget(widget)

    def _on_created(self, person_id: int) -> None:
        self.person_id = person_id
        self._add_tabs()
        self._update_title()
        self.person_saved.emit(person_id)

    def _on_data_changed(self, what: Changes) -> None:
        if what.person(self.person_id):
            self._update_title()

    def _update_title(self) -> None:
        if self.person_id is None:
            self.setWindowTitle("Thêm người mới – Lý lịch")
            return
        row = people_ops.get_person(self.ctx.session, self.person_id)
        self.setWindowTitle(row["full_name"] if row else "Hồ sơ đã xóa")

    # --- saving and leaving ----------------------------------------------------------
    def _unsaved(self) -> list[QWidget]:
        return [
            w for w in self._tab_widgets.values() if getattr(w, "has_unsaved_changes", None) and w.has_unsaved_changes()
        ]

    def has_unsaved_changes(self) -> bool:
        return bool(self._unsaved())

    def save_all(self) -> bool:
        """Save every tab with changes; stops at the first tab that could not save."""
        for widget in self._unsaved():
            if not widget.save():
                self.tabs.setCurrentWidget(widget)
                return False
        return True

    def reject(self) -> None:
        """Esc: drop the changes only when the clerk says so; the default keeps them."""
        if self._unsaved():
            answer = vn_buttons.ask(
                self,
                "Thay đổi chưa lưu",
                "Bỏ các thay đổi chưa lưu?",
                [("discard", "Bỏ thay đổi"), ("keep", "Tiếp tục sửa")],
                "keep",
                informative="Chọn “Tiếp tục sửa” để quay lại và lưu bằng Ctrl+S.",
            )
            if answer != "discard":
                return
            self._forget_changes()
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc that no field used (a line edit passes it on) leaves the window, as in a dialog.
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.reject()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # - Qt's name
        if self._unsaved():
            answer = vn_buttons.ask(
                self,
                "Thay đổi chưa lưu",
                "Hồ sơ có thay đổi chưa lưu. Lưu trước khi đóng?",
                [("save", "Lưu"), ("discard", "Bỏ thay đổi"), ("keep", "Tiếp tục sửa")],
                "keep",
            )
            if answer == "keep" or (answer == "save" and not self.save_all()):
                event.ignore()
                return
            if answer == "discard":
                self._forget_changes()
        _PLACES[self.person_id] = _PLACES[None] = self.saveGeometry()
        event.accept()
        super().closeEvent(event)

    def _forget_changes(self) -> None:
        for widget in self._tab_widgets.values():
            forget = getattr(widget, "discard_changes", None)
            if forget:
                forget()
