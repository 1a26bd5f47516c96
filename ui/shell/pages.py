"""The pages of the navigation column.

Each feature package of ``ui`` (``ui/cells``, ``ui/courses``...) holds its pages as modules named
``page.py`` or ``<name>_page.py``, each exposing ``PAGE = PageSpec(...)``; the main window lists
them by ``order``. A feature adds its page by adding its module, so no page is shown before its
feature exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ui
from ui.shell.discovery import discover_in_features

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.shell.context import UiContext


@dataclass(frozen=True)
class PageSpec:
    order: int  # 10 Tổng quan, 20 Người vào Đảng, 30 Đảng viên, 40 Chi bộ, 50 Khóa bồi dưỡng,
    #             60 Văn bản & hồ sơ, 70 Báo cáo, 80 Nhập danh sách, 90 Sao lưu, 100 Nhật ký,
    #             75 Tổng hợp các xã, 85 CSDL đảng viên, 105 Gói dữ liệu chi bộ, 110 Người dùng
    key: str
    title: str
    factory: Callable[[UiContext], QWidget]
    shortcut: str = ""  # e.g. "Ctrl+1"
    admin_only: bool = False
    commune_only: bool = False  # hidden from an account restricted to one cell (the ops refuse it anyway)
    writers_only: bool = False  # hidden from a read-only account: the page does nothing but write


def discover() -> list:
    return discover_in_features(ui.__name__, ui.__path__, "PAGE")
