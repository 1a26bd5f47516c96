"""Where the bundled resources are, whether running from source, installed, or frozen.

PyInstaller unpacks data next to the program (``sys._MEIPASS``); from a checkout or a wheel
the ``resources`` folder is shipped inside the ``commune_app`` package data.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    package_copy = Path(__file__).resolve().parent / "resources"
    if package_copy.is_dir():
        return package_copy
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


def user_data_dir() -> Path:
    """The folder for the data file, settings, logs and backups of this user.

    ``COMMUNE_APP_HOME`` overrides it (tests, portable installs). Windows: %LOCALAPPDATA%;
    macOS: Application Support; elsewhere: $XDG_DATA_HOME or ~/.local/share.
    """
    import os

    override = os.environ.get("COMMUNE_APP_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "PhatTrienDangVien"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "PhatTrienDangVien"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "phat-trien-dang-vien"
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_data_file() -> Path:
    return user_data_dir() / "du-lieu-phat-trien-dang-vien.sqlite"
