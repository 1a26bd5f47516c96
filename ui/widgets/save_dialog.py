"""Every "save as" of the program starts in one output folder the clerk can find again.

The folder is remembered in this computer's settings when the clerk picks another one; by
default it is "Phát triển Đảng viên" under Documents, or a local folder when Documents is
synchronised to a cloud service (said once, with the reason). Never the program's folder.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from commune_app.places import default_output_dir
from commune_app.settings import Settings
from ui.kit import vn_buttons

FOLDER_KEY = "output_folder"
REASON_SHOWN_KEY = "output_folder_reason_shown"


def output_folder(settings: Settings, parent: QWidget | None = None) -> Path:
    """The folder save dialogs open in (created when missing)."""
    remembered = settings.get(FOLDER_KEY)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    default = default_output_dir()
    if default.reason and not settings.get(REASON_SHOWN_KEY):
        vn_buttons.inform(parent, "Nơi lưu văn bản", default.reason)
        settings.set(REASON_SHOWN_KEY, True)
    try:
        default.path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return default.path


def _remember(settings: Settings, folder: Path) -> None:
    settings.set(FOLDER_KEY, str(folder))
    with contextlib.suppress(OSError):  # a read-only profile: remembered for this session only
        settings.save()


def ask_save_path(parent: QWidget, settings: Settings, title: str, name: str, file_filter: str) -> Path | None:
    """The path the clerk chose for ``name`` (its suffix added when they typed none), or None."""
    suffix = Path(name).suffix
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(output_folder(settings, parent) / name), file_filter
    )
    if not chosen:
        return None
    target = Path(chosen)
    if suffix and target.suffix.lower() != suffix.lower():
        target = target.with_name(target.name + suffix)
    _remember(settings, target.parent)
    return target


def ask_folder(parent: QWidget, settings: Settings, title: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(output_folder(settings, parent)))
    if not chosen:
        return None
    _remember(settings, Path(chosen))
    return Path(chosen)
