"""The window's actions, created once in a registry with their texts and shortcuts.

Menus, toolbars and pages look actions up by id instead of creating their own, so a
shortcut is declared in one place and two features cannot bind the same key silently
(Picard's action registry).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

# The object name of a page's search box: Ctrl+F finds it on whatever page is showing.
PAGE_SEARCH = "pageSearch"


def page_search(page: QWidget | None) -> QLineEdit | None:
    return page.findChild(QLineEdit, PAGE_SEARCH) if page is not None else None


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    callback: Callable[[], object]
    shortcut: str = ""
    tip: str = ""


class ActionRegistry:
    def __init__(self, owner: QWidget) -> None:
        self._owner = owner
        self._actions: dict[str, QAction] = {}
        self._shortcuts: dict[str, str] = {}

    def add(self, spec: ActionSpec) -> QAction:
        if spec.id in self._actions:
            raise ValueError(f"action {spec.id!r} registered twice")
        action = QAction(spec.text, self._owner)
        if spec.shortcut:
            key = QKeySequence(spec.shortcut).toString()
            if key in self._shortcuts:
                raise ValueError(f"shortcut {spec.shortcut} of {spec.id!r} already used by {self._shortcuts[key]!r}")
            self._shortcuts[key] = spec.id
            action.setShortcut(QKeySequence(spec.shortcut))
        tip = spec.tip or spec.text.replace("&", "")
        if spec.shortcut:
            tip = f"{tip} ({QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(spec.tip or "")
        action.triggered.connect(lambda _checked=False, cb=spec.callback: cb())
        self._owner.addAction(action)
        self._actions[spec.id] = action
        return action

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def __contains__(self, action_id: str) -> bool:
        return action_id in self._actions

    def ids(self) -> list[str]:
        return list(self._actions)
