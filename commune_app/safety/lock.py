"""One program per data file: a lock file beside it saying who has it open.

SQLite's own locking keeps the file consistent, but two clerks editing the same person at
once would still overwrite each other's work; so the second program is told who has the
file (user, computer, since when) and may open it read-only. A lock whose program is gone
(same computer, process no longer running; or a heartbeat older than ``STALE_AFTER``) is
stale and is taken over.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from commune_app import log_line
from commune_app.errors import FileRefused

STALE_AFTER = dt.timedelta(minutes=10)
_WRITE_TRIES = 5
_RETRY_SECONDS = 0.1
HEARTBEAT_EVERY_SECONDS = 60


@dataclass(frozen=True)
class Holder:
    user: str
    computer: str
    pid: int
    since: str
    heartbeat: str

    def describe(self) -> str:
        since = dt.datetime.fromisoformat(self.since).strftime("%H:%M ngày %d/%m/%Y")
        return f"{self.user} trên máy {self.computer} (từ {since})"


class FileInUse(FileRefused):
    def __init__(self, holder: Holder) -> None:
        self.holder = holder
        super().__init__(
            f"Tệp dữ liệu đang được mở bởi {holder.describe()}. "
            "Có thể mở ở chế độ chỉ đọc, hoặc đợi người đó đóng chương trình."
        )


def lock_path(db_path: Path) -> Path:
    return Path(f"{db_path}.lock")


def _me() -> tuple[str, str, int]:
    # Imported here: a reading command that takes no lock starts without them (issue 21).
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "không rõ"
    return user, socket.gethostname(), os.getpid()


def _pid_alive(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if handle:
            kernel32.CloseHandle(handle)
        return opened_means_alive(bool(handle), ctypes.get_last_error())  # type: ignore[attr-defined]
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_ERROR_ACCESS_DENIED = 5


def opened_means_alive(opened: bool, last_error: int) -> bool:
    """Windows: a process that exists under another account refuses to be opened with
    ACCESS_DENIED; it is alive. Only a failure for another reason means it is gone."""
    return opened or last_error == _ERROR_ACCESS_DENIED


def read_holder(db_path: Path) -> Holder | None:
    try:
        data = json.loads(lock_path(db_path).read_text(encoding="utf-8"))
        return Holder(**data)
    except (OSError, ValueError, TypeError):
        return None


def is_stale(holder: Holder, now: dt.datetime | None = None) -> bool:
    now = now or dt.datetime.now()
    _, computer, _ = _me()
    if holder.computer == computer and not _pid_alive(holder.pid):
        return True
    return now - dt.datetime.fromisoformat(holder.heartbeat) > STALE_AFTER


class FileLock:
    """Held while the program has the file open for writing."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.held = False

    def acquire(self) -> None:
        holder = read_holder(self.db_path)
        user, computer, pid = _me()
        if holder and not (holder.computer == computer and holder.pid == pid) and not is_stale(holder):
            raise FileInUse(holder)
        stamp = dt.datetime.now().isoformat(timespec="seconds")
        try:
            self._write(Holder(user, computer, pid, stamp, stamp))
        except OSError as exc:
            # A folder that refuses the lock (an antivirus holding it, a read-only share) must not
            # stop the start: the file opens without a lock, and the log says why.
            log_line.warning(__name__, "Không ghi được tệp khóa %s: %s", self.path, exc)
            return
        self.held = True

    def heartbeat(self) -> None:
        holder = read_holder(self.db_path)
        if self.held and holder:
            try:
                self._write(
                    Holder(
                        holder.user,
                        holder.computer,
                        holder.pid,
                        holder.since,
                        dt.datetime.now().isoformat(timespec="seconds"),
                    )
                )
            except OSError as exc:  # renewed again a minute later; never an error dialog
                log_line.warning(__name__, "Không gia hạn được tệp khóa %s: %s", self.path, exc)

    def _write(self, holder: Holder) -> None:
        """Write beside and rename; Windows refuses the rename while another program (an
        antivirus, the indexer) has the file open for a moment, so it is tried a few times."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        for attempt in range(_WRITE_TRIES):
            try:
                tmp.write_text(json.dumps(holder.__dict__, ensure_ascii=False), encoding="utf-8")
                os.replace(tmp, self.path)
                return
            except PermissionError:
                if attempt == _WRITE_TRIES - 1:
                    raise
                time.sleep(_RETRY_SECONDS)

    def release(self) -> None:
        if self.held:
            holder = read_holder(self.db_path)
            _, computer, pid = _me()
            if holder and holder.computer == computer and holder.pid == pid:
                self.path.unlink(missing_ok=True)
            self.held = False


def network_share_warning(db_path: Path) -> str | None:
    """A Vietnamese warning when the file lives on a network share (SQLite corrupts there)."""
    raw = str(db_path)
    if raw.startswith(("\\\\", "//")):  # a UNC path, judged as written (resolving may rewrite it)
        return _SHARE_WARNING
    text = str(Path(db_path).resolve())
    if text.startswith("\\\\") or text.startswith("//"):
        return _SHARE_WARNING
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(text)[0] + "\\"
        if drive and ctypes.windll.kernel32.GetDriveTypeW(drive) == 4:  # DRIVE_REMOTE
            return _SHARE_WARNING
        return None
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, fstype = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and text.startswith(parts[1]) and len(parts[1]) > len(best):
            best, fstype = parts[1], parts[2]
    return _SHARE_WARNING if fstype in ("cifs", "smb3", "smbfs", "nfs", "nfs4", "sshfs", "fuse.sshfs") else None


_SHARE_WARNING = (
    "Tệp dữ liệu đang nằm trên ổ mạng dùng chung. SQLite có thể làm hỏng tệp khi làm việc qua mạng; "
    "hãy chép tệp về ổ đĩa của máy này và dùng bản sao lưu để chia sẻ."
)
