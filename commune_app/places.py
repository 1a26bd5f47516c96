"""Where files may safely live on the office PC, and the folders the program proposes.

A live SQLite file must not sit in a folder that a cloud client synchronises (OneDrive,
which most office PCs turn on for Documents, Dropbox, Google Drive): the client copies the
file and its ``-wal`` at different moments and can bring back an old or torn copy. A
network share corrupts it through SMB locking, and a USB stick is pulled out while the
program writes. Backups may go to a stick (that is what they are for) but not into a
synchronised folder unnoticed: the clerk is told where their copies go.

Detection is by the folder's own markers, so it works without asking any cloud client:
the path's folders are compared with the names these services give their folders, and with
the roots Windows publishes in the environment (``OneDrive``, ``OneDriveCommercial``...).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from commune_app.paths import user_data_dir
from commune_app.safety.lock import network_share_warning

# Folder names cloud clients create; OneDrive for work adds " - <organisation>".
_SYNCED_FOLDER = re.compile(
    r"^(onedrive( - .+)?|dropbox|google drive|my drive|drive của tôi|icloud ?drive)$", re.IGNORECASE
)
_SYNC_ENV = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/", "/Volumes/")
DRIVE_REMOVABLE = 2  # GetDriveTypeW


@dataclass(frozen=True)
class PlaceWarning:
    kind: str  # synced | network | removable
    message: str  # Vietnamese, with the reason and what to do


def _parts(path: Path | str) -> list[str]:
    text = str(path)
    pure = PureWindowsPath(text) if ("\\" in text or re.match(r"^[A-Za-z]:", text)) else Path(text)
    return [p for p in pure.parts if p not in ("/", "\\")]


def synced_service(path: Path | str, env: Mapping[str, str] | None = None) -> str | None:
    """The cloud service that synchronises ``path`` ("OneDrive", "Dropbox"...), or None."""
    env = os.environ if env is None else env
    folded = str(path).replace("\\", "/").rstrip("/").casefold()
    for name in _SYNC_ENV:
        root = env.get(name)
        if root and (folded + "/").startswith(root.replace("\\", "/").rstrip("/").casefold() + "/"):
            return "OneDrive"
    for part in _parts(path):
        if _SYNCED_FOLDER.match(part.strip()):
            lowered = part.casefold()
            if lowered.startswith("onedrive"):
                return "OneDrive"
            if lowered == "dropbox":
                return "Dropbox"
            if "icloud" in lowered:
                return "iCloud Drive"
            return "Google Drive"
    return None


def _windows_drive_type(path: Path | str) -> int | None:
    if sys.platform != "win32":
        return None
    import ctypes

    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 - Windows only: by name for the type checker
    drive = os.path.splitdrive(str(path))[0]
    return int(kernel32.GetDriveTypeW(drive + "\\")) if drive else None


def is_removable(path: Path | str, drive_type: Callable[[Path | str], int | None] = _windows_drive_type) -> bool:
    """A USB stick or memory card: Windows says so of its drive; elsewhere, its mount folder."""
    kind = drive_type(path)
    if kind is not None:
        return kind == DRIVE_REMOVABLE
    text = str(path).replace("\\", "/")
    return any(text.startswith(root) for root in _REMOVABLE_ROOTS)


def data_file_warnings(
    path: Path | str,
    env: Mapping[str, str] | None = None,
    drive_type: Callable[[Path | str], int | None] = _windows_drive_type,
) -> list[PlaceWarning]:
    """Why the live data file should not be kept at ``path`` (empty when the place is fine)."""
    out = []
    service = synced_service(path, env)
    if service:
        out.append(
            PlaceWarning(
                "synced",
                f"Thư mục này được {service} đồng bộ lên mạng. {service} có thể chép "
                "tệp dữ liệu đang mở làm hai lần khác nhau và làm mất dữ liệu mới nhất; "
                "hãy đặt tệp dữ liệu ở một thư mục không đồng bộ (ví dụ thư mục "
                f"{default_data_dir()}).",
            )
        )
    share = network_share_warning(Path(path))
    if share:
        out.append(PlaceWarning("network", share))
    if is_removable(path, drive_type):
        out.append(
            PlaceWarning(
                "removable",
                "Đây là ổ USB hoặc thẻ nhớ. Rút ổ ra khi chương trình đang ghi sẽ làm "
                "hỏng tệp; hãy đặt tệp dữ liệu trên ổ đĩa của máy và chỉ dùng ổ USB "
                "để chép bản sao lưu.",
            )
        )
    return out


def backup_folder_warnings(path: Path | str, env: Mapping[str, str] | None = None) -> list[PlaceWarning]:
    """Backups may go to a stick; a synchronised or network folder is said, with why."""
    out = []
    service = synced_service(path, env)
    if service:
        out.append(
            PlaceWarning(
                "synced",
                f"Thư mục sao lưu được {service} đồng bộ lên mạng: các bản sao lưu (có số "
                "CCCD, lý lịch) sẽ được chép ra ngoài máy. Nên chọn thư mục không đồng "
                "bộ, hoặc đặt mật khẩu cho bản sao lưu.",
            )
        )
    if network_share_warning(Path(path)):
        out.append(
            PlaceWarning(
                "network",
                "Thư mục sao lưu nằm trên ổ mạng: khi mất mạng sẽ không sao lưu được. "
                "Nên sao lưu vào ổ đĩa của máy rồi chép ra nơi khác.",
            )
        )
    return out


def default_data_dir() -> Path:
    """The proposed home of the data file and its backups: the user's local application
    folder (%LOCALAPPDATA%\\PhatTrienDangVien on Windows), which no cloud client synchronises."""
    return user_data_dir()


def documents_dir() -> Path:
    """The user's Documents folder as the system names it (often moved into OneDrive)."""
    if sys.platform == "win32":
        found = _windows_documents()
        if found:
            return found
    xdg = os.environ.get("XDG_DOCUMENTS_DIR")
    return Path(xdg) if xdg else Path.home() / "Documents"


def _windows_documents() -> Path | None:
    import ctypes
    from ctypes import wintypes

    class GUID(ctypes.Structure):
        _fields_ = [
            ("Data1", wintypes.DWORD),
            ("Data2", wintypes.WORD),
            ("Data3", wintypes.WORD),
            ("Data4", wintypes.BYTE * 8),
        ]

    # FOLDERID_Documents {FDD39AD0-238F-46AF-ADB4-6C85480369C7}
    folder = GUID(0xFDD39AD0, 0x238F, 0x46AF, (wintypes.BYTE * 8)(0xAD, 0xB4, 0x6C, 0x85, 0x48, 0x03, 0x69, 0xC7))
    out = ctypes.c_wchar_p()
    windll = getattr(ctypes, "windll")  # noqa: B009 - Windows only: by name for the type checker
    shell32 = windll.shell32
    if shell32.SHGetKnownFolderPath(ctypes.byref(folder), 0, None, ctypes.byref(out)) != 0:
        return None
    try:
        return Path(out.value) if out.value else None
    finally:
        windll.ole32.CoTaskMemFree(out)


OUTPUT_FOLDER_NAME = "Phát triển Đảng viên"


@dataclass(frozen=True)
class OutputFolder:
    path: Path
    reason: str  # '' when it is the usual place under Documents; else why another was chosen


def default_output_dir(documents: Path | None = None, env: Mapping[str, str] | None = None) -> OutputFolder:
    """Where saved papers and reports go by default: a folder under Documents, unless
    Documents is synchronised to a cloud service; then a local folder, and the reason."""
    documents = documents or documents_dir()
    service = synced_service(documents, env)
    if service is None:
        return OutputFolder(documents / OUTPUT_FOLDER_NAME, "")
    local = default_data_dir() / "van-ban-da-luu"
    return OutputFolder(
        local,
        f"Thư mục Tài liệu của máy này được {service} đồng bộ lên mạng; văn bản và báo cáo "
        f"(có số CCCD, lý lịch) được lưu ở thư mục {local} của máy để không bị chép ra "
        "ngoài. Có thể chọn thư mục khác khi lưu.",
    )
