"""Every file the program writes for the clerk (export, report, dossier, course lists, list
exports, backups) goes through here: it may never replace the open data file, its ``-wal``,
``-shm``, journal or lock, nor a data file or backup; an existing output is replaced only when
the user said so; the content is written to a hidden temporary file beside the target and
renamed into place, so a failure never leaves half a file under the chosen name.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from commune_app.errors import FileRefused
from commune_app.store import engine

TEMP_MARK = ".dang-ghi-"  # every temporary output carries it: leftovers are found by it at the next start
KEY_SLOTS_SUFFIX = engine.KEY_SLOTS_SUFFIX
_SIDECARS = ("", "-wal", "-shm", "-journal", ".lock", KEY_SLOTS_SUFFIX)
_DATA_HEADS = (  # db, password backups, WAL
    b"SQLite format 3\x00",
    b"PTDV-ENC1",
    b"PTDV-ENC2",
    b"\x37\x7f\x06\x82",
    b"\x37\x7f\x06\x83",
)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def holds_data(path: Path) -> bool:
    """True for a SQLite file, its WAL, a password-protected backup or key slots: never an output to overwrite.
    An encrypted data file or backup starts with random bytes: it is known by its key slots or
    its backup manifest beside it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    if any(head.startswith(magic) for magic in _DATA_HEADS) or path.name.endswith(KEY_SLOTS_SUFFIX):
        return True
    return any(Path(f"{path}{sidecar}").is_file() for sidecar in (KEY_SLOTS_SUFFIX, ".json"))


def refuse_protected(target: Path, data_file: Path | None = None, *, allow_data: bool = False) -> None:
    """Refuse a target that is the open data file (or one of its companions), a data file or a backup
    (``allow_data``: a restore, which replaces a data file on purpose)."""
    if data_file is not None and any(_same(target, Path(f"{data_file}{s}")) for s in _SIDECARS):
        raise FileRefused(
            f"Không được ghi vào {target.name}: đây là tệp dữ liệu đang dùng (hoặc tệp đi kèm của nó). "
            "Hãy chọn tên tệp khác."
        )
    if not allow_data and target.is_file() and holds_data(target):
        raise FileRefused(
            f"Không ghi đè {target.name}: tệp này là một tệp dữ liệu hoặc bản sao lưu. Hãy chọn tên tệp khác."
        )


def check_target(target: Path, *, data_file: Path | None = None, force: bool = False) -> Path:
    """The command line's check before anything is computed: protected files never, an existing
    output only with --force."""
    target = Path(target)
    refuse_protected(target, data_file)
    if target.exists() and not force:
        raise FileRefused(f"Tệp {target} đã có. Thêm --force để ghi đè, hoặc chọn tên khác.")
    return target


def explain(exc: OSError | Exception, target: Path) -> str:
    """What happened to a write, in words the clerk can act on."""
    code = getattr(exc, "errno", None)
    text = str(exc).lower()
    if code == errno.ENOSPC or "disk is full" in text or "disk full" in text:
        return f"Ổ đĩa chứa {target.parent} đã đầy: không ghi được {target.name}. Hãy giải phóng chỗ trống rồi thử lại."
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text or "read-only" in text:
        return (
            f"Không có quyền ghi vào {target.parent} (ổ chỉ đọc, thư mục được bảo vệ, hoặc tệp đang mở "
            f"trong chương trình khác): không ghi được {target.name}. Hãy chọn nơi khác hoặc đóng tệp rồi thử lại."
        )
    if "locked" in text or "busy" in text:
        return f"Tệp đang bị chương trình khác giữ quá lâu: không ghi được {target.name}. Hãy đợi một lát rồi thử lại."
    return f"Không ghi được tệp {target.name}: {getattr(exc, 'strerror', None) or exc}."


@contextmanager
def replacing(
    target: str | Path, *, data_file: Path | None = None, suffix: str = "", allow_data: bool = False
) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block ends normally it is renamed over
    ``target``, otherwise removed. ``suffix`` keeps an extension some writers need (".xlsx")."""
    target = Path(target)
    refuse_protected(target, data_file, allow_data=allow_data)
    if not target.parent.is_dir():
        raise FileRefused(f"Thư mục {target.parent} không tồn tại.")
    import tempfile  # with random and its kin, only when a file is written: reading commands start without

    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}{TEMP_MARK}", suffix=suffix or ".tmp", dir=target.parent)
    except OSError as exc:
        raise FileRefused(explain(exc, target)) from None
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        fsync_file(temporary)
        refuse_protected(target, data_file, allow_data=allow_data)  # the target may have appeared meanwhile
        os.replace(temporary, target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise FileRefused(explain(exc, target)) from None
    finally:
        temporary.unlink(missing_ok=True)


def fsync_file(path: Path) -> None:
    """Wait until the file's content is on the disk (a power cut after this loses none of it)."""
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_leftovers(folder: Path, *, older_than_seconds: float = 600) -> list[Path]:
    """Temporary files an interrupted output, backup or restore left in ``folder``; recent ones
    are left alone, since another program may be writing them right now."""
    removed: list[Path] = []
    if not Path(folder).is_dir():
        return removed
    limit = time.time() - older_than_seconds
    for path in Path(folder).iterdir():
        if path.name.startswith(".") and (TEMP_MARK in path.name or path.name.startswith(".khoi-phuc-")):
            try:
                if path.stat().st_mtime > limit:
                    continue
                path.unlink()
            except OSError:
                continue  # still in use by another program, or not ours to remove
            removed.append(path)
    return removed
