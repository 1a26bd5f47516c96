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
