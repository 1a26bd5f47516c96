"""Is a folder on a removable drive? A backup there leaves the office in a pocket, so it is
encrypted by default (Windows: the drive type; Linux: the block device's ``removable`` flag)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_DRIVE_REMOVABLE = 2  # GetDriveTypeW


def is_removable(folder: Path) -> bool:
    folder = Path(folder).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if sys.platform == "win32":
        import ctypes

        root = folder.anchor or str(folder)
        return int(ctypes.windll.kernel32.GetDriveTypeW(root)) == _DRIVE_REMOVABLE  # type: ignore[attr-defined]
    return _linux_removable(folder)


def _linux_removable(folder: Path, sys_root: Path = Path("/sys/dev/block")) -> bool:
    try:
        device = os.stat(folder).st_dev
        node = (sys_root / f"{os.major(device)}:{os.minor(device)}").resolve()
    except OSError:
        return False
    for candidate in (node, *node.parents):  # a partition's flag is on its parent disk
        flag = candidate / "removable"
        if flag.is_file():
            try:
                return flag.read_text(encoding="ascii").strip() == "1"
            except OSError:
                return False
    return False
