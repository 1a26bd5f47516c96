"""Private scratch folders for previews (PDFs with CCCD numbers in them), never left behind.

Windows refuses to delete a file another handle still holds (WinError 32): the preview must
let go of its document before the folder goes, removal is retried for a moment, and what a
crash or a power cut left in %TEMP% is removed at the next start. Each folder carries the
id of the process that made it, so a second running program keeps its own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PREFIX = "ptdv-xem-truoc-"
OWNER_FILE = ".chu-so-huu"
RETRIES = 10
RETRY_DELAY = 0.1  # seconds: an antivirus or the PDF engine lets go within a second


def new_folder() -> Path:
    """A folder only this user can read (mkdtemp makes it 0700), marked with this process."""
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    (folder / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    return folder


def remove_folder(
    folder: Path, *, sleep: Callable[[float], None] = time.sleep, rmtree: Callable[[Path], None] = shutil.rmtree
) -> bool:
    """Remove ``folder``, retrying while Windows says a file is still in use; False if it stays
    (it is then removed at the next start)."""
    for attempt in range(RETRIES):
        try:
            rmtree(folder)
            return True
        except FileNotFoundError:
            return True
        except PermissionError:
            if attempt + 1 < RETRIES:
                sleep(RETRY_DELAY)
        except OSError:
            return False
    return False


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        import ctypes

        kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 - Windows only: by name for the type checker
        handle = kernel32.OpenProcess(0x1000, False, pid)
        if handle:
            kernel32.CloseHandle(handle)
            return True
        return bool(kernel32.GetLastError() == 5)  # ACCESS_DENIED: another account's process, alive
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    return True


def remove_leftovers(base: Path | None = None, alive: Callable[[int], bool] = _alive) -> int:
    """Remove the scratch folders of programs that are no longer running; how many went."""
    base = Path(base or tempfile.gettempdir())
    removed = 0
    for folder in base.glob(PREFIX + "*"):
        try:
            owner = int((folder / OWNER_FILE).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            owner = -1  # unmarked or half-written: nobody can be using it
        if owner > 0 and alive(owner):
            continue
        if remove_folder(folder, sleep=lambda _s: None):
            removed += 1
    return removed
