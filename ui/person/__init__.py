"""The tabs of the person window (Lý lịch, Quá trình, Văn bản...).

Each tab is a module ``tab_<name>.py`` in this package exposing ``TAB = TabSpec(...)``; the
person window shows them by ``order``. A tab's factory receives the context and the person's
id, and the widget may define ``has_unsaved_changes() -> bool`` and ``save() -> bool``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ui.shell.discovery import discover as discover_modules

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.shell.context import UiContext


@dataclass(frozen=True)
class TabSpec:
    order: int  # 10 Lý lịch, 20 Quá trình (road), 30 Người thân, 40 Khóa học, 50 Văn bản
    key: str
    title: str
    factory: Callable[[UiContext, int | None], QWidget]


def discover() -> list:
    return discover_modules(__name__, __path__, "tab_", "TAB")
