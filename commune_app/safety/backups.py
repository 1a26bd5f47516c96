"""Backups that are known to restore: made with SQLite's backup API, checked, rotated.

A backup only counts once its copy has passed an integrity check; it is written under a
temporary name and renamed into place, so a power cut never leaves a half file that looks
like a backup. Restore checks the backup (and its password) first, backs up the current
file, then swaps the files atomically.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.errors import FileRefused, Refused
from commune_app.safety import crypto
from commune_app.store import backup as sqlite_backup
from commune_app.store.db import Store

AUTO_TAG = "tu-dong"
BEFORE_RESTORE_TAG = "truoc-khoi-phuc"
PLAIN_SUFFIX = ".sqlite"
ENCRYPTED_SUFFIX = ".ptdv"
_NAME = re.compile(r"^(?P<who>.+?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<tag>[a-z\-]+))?(?:\.sqlite|\.ptdv)$")


@dataclass
class BackupInfo:
    path: Path
    created: dt.datetime | None
    size: int
    encrypted: bool
    tag: str = ""
    summary: dict[str, Any] = field(default_factory=dict)


def slug(text: str) -> str:
    """'Ba Sơn' → 'ba-son' (file names travel on USB sticks and old Windows versions)."""
    return re.sub(r"[^a-z0-9]+", "-", vn.fold(text)).strip("-") or "du-lieu"


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_atomically(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_backup(store: Store, folder: Path, *, name: str, password: str | None = None, tag: str = "",
                now: dt.datetime | None = None) -> BackupInfo:
    """Copy the open file into ``folder`` as '<name>-YYYYmmdd-HHMMSS[-tag]', verified."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileRefused(f"Không tạo được thư mục sao lưu {folder}: {exc.strerror}") from None
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    suffix = ENCRYPTED_SUFFIX if password else PLAIN_SUFFIX
    target = folder / f"{slug(name)}-{stamp}{'-' + tag if tag else ''}{suffix}"
    if target.exists():  # two backups within one second: never overwrite the first
        raise Refused("Vừa có một bản sao lưu cùng tên được tạo; hãy thử lại sau một giây")
    # The copy is made and checked under a hidden name in the target folder, then renamed:
    # a power cut never leaves a half file that looks like a backup.
    work = folder / f".{target.name}.tmp"
    try:
        sqlite_backup.copy_database(store.conn, work)
        problems = sqlite_backup.integrity_problems(work)
        if problems:
            raise Refused("Bản sao lưu vừa tạo không đạt kiểm tra toàn vẹn nên không được giữ lại:", *problems[:5])
        counts = sqlite_backup.summary(work)
        if password:
            _write_atomically(target, crypto.encrypt(work.read_bytes(), password))
        else:
            with work.open("rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(work, target)
            _fsync_dir(folder)
    except OSError as exc:
        raise FileRefused(f"Không ghi được bản sao lưu vào {folder}: {exc.strerror}") from None
    finally:
        work.unlink(missing_ok=True)
    return BackupInfo(target, dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S"), target.stat().st_size,
                      bool(password), tag, counts)


def parse_name(path: Path) -> tuple[dt.datetime | None, str]:
    match = _NAME.match(path.name)
    if not match:
        return None, ""
    return dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S"), match["tag"] or ""


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in a folder, newest first (contents not opened: see ``inspect``)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if path.suffix in (PLAIN_SUFFIX, ENCRYPTED_SUFFIX) and not path.name.startswith("."):
            created, tag = parse_name(path)
            found.append(BackupInfo(path, created, path.stat().st_size, path.suffix == ENCRYPTED_SUFFIX, tag))
    return sorted(found, key=lambda b: (b.created or dt.datetime.min, b.path.name), reverse=True)


def _read_plain(path: Path, password: str | None) -> bytes:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FileRefused(f"Không đọc được tệp sao lưu {path}: {exc.strerror}") from None
    if crypto.is_encrypted(data):
        if not password:
            raise Refused("Bản sao lưu này được bảo vệ bằng mật khẩu; hãy nhập mật khẩu")
        return crypto.decrypt(data, password)
    return data


def _problems(path: Path) -> list[str]:
    """Why a file cannot be restored: damaged, not ours, or from a newer program."""
    from commune_app.store import schema

    problems = sqlite_backup.integrity_problems(path)
    if problems:
        return problems
    try:
        tables, version = sqlite_backup.tables_and_version(path)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    if "people" not in tables:
        return ["Tệp không phải dữ liệu của chương trình Phát triển Đảng viên"]
    if version > schema.schema_version():
        return ["Bản sao lưu do phiên bản mới hơn của chương trình tạo ra"]
    return []


def _refuse_unless_sound(path: Path) -> None:
    problems = _problems(path)
    if problems:
        raise Refused("Bản sao lưu bị hỏng hoặc không hợp lệ; dữ liệu hiện tại không bị thay đổi.", *problems[:5])


def _checked_copy(data: bytes, folder: Path) -> Path:
    """Write the backup's database into ``folder`` and refuse it unless it is sound and ours."""
    fd, tmp = tempfile.mkstemp(prefix=".khoi-phuc-", suffix=".sqlite", dir=folder)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    path = Path(tmp)
    try:
        _refuse_unless_sound(path)
    except Refused:
        path.unlink(missing_ok=True)
        raise
    return path


def inspect(path: Path, password: str | None = None) -> BackupInfo:
    """Date, size and counts of a backup, after checking it (and its password)."""
    path = Path(path)
    with path.open("rb") as handle:
        encrypted = crypto.is_encrypted(handle.read(len(crypto.MAGIC)))
    if encrypted:
        with tempfile.TemporaryDirectory(prefix="ptdv-xem-") as work:
            copy = _checked_copy(_read_plain(path, password), Path(work))
            counts = sqlite_backup.summary(copy)
    else:
        _refuse_unless_sound(path)  # opened read-only: a plain backup is checked where it lies
        counts = sqlite_backup.summary(path)
    created, tag = parse_name(path)
    if created is None:
        created = dt.datetime.fromtimestamp(path.stat().st_mtime)
    return BackupInfo(path, created, path.stat().st_size, encrypted, tag, counts)


def restore(db_path: Path, backup_path: Path, *, safety_folder: Path, name: str,
            password: str | None = None) -> Path | None:
    """Replace the (closed) data file by a backup; returns the backup of the replaced file.

    Order matters: check the backup, back up the current file, then swap atomically and
    drop the old WAL files so nothing of the replaced file is replayed onto the restored one.
    """
    db_path = Path(db_path)
    data = _read_plain(Path(backup_path), password)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    candidate = _checked_copy(data, db_path.parent)
    saved: Path | None = None
    try:
        if db_path.exists():
            saved = _keep_current(db_path, Path(safety_folder), name)
        os.replace(candidate, db_path)
        for extra in ("-wal", "-shm"):
            Path(f"{db_path}{extra}").unlink(missing_ok=True)
        _fsync_dir(db_path.parent)
    finally:
        candidate.unlink(missing_ok=True)
    return saved


def _keep_current(db_path: Path, folder: Path, name: str) -> Path:
    """Back up the file about to be replaced; a damaged one is kept byte for byte instead."""
    from commune_app.store.db import open_store

    try:
        current = open_store(db_path, create=False)
    except (Refused, sqlite3.DatabaseError):
        return _keep_damaged(db_path, folder, name)
    try:
        # A file that opens but fails the check (the start-up prompt's case) would give a
        # backup that fails its own check: it is kept byte for byte instead of blocking the restore.
        damaged = bool(sqlite_backup.connection_problems(current.conn, quick=True))
        if not damaged:
            current.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return make_backup(current, folder, name=name, tag=BEFORE_RESTORE_TAG).path
    finally:
        current.close()
    return _keep_damaged(db_path, folder, name)


def _keep_damaged(db_path: Path, folder: Path, name: str) -> Path:
    """The damaged file (and its WAL, which may hold the last changes) copied as they are."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"{slug(name)}-{stamp}-hong{PLAIN_SUFFIX}"
        _write_atomically(target, db_path.read_bytes())
        wal = Path(f"{db_path}-wal")
        if wal.exists() and wal.stat().st_size:
            _write_atomically(Path(f"{target}-wal"), wal.read_bytes())
    except OSError as exc:
        raise FileRefused(f"Không giữ lại được tệp hỏng trong {folder}: {exc.strerror}; "
                          "dữ liệu hiện tại không bị thay đổi.") from None
    return target


def rotate(folder: Path, *, keep_last: int, keep_monthly: int, today: dt.date | None = None) -> list[Path]:
    """Delete old automatic backups: keep the newest ``keep_last`` and the newest of each of the
    last ``keep_monthly`` months. Manual and pre-restore backups are never deleted."""
    today = today or dt.date.today()
    autos = [b for b in list_backups(folder) if b.tag == AUTO_TAG and b.created]
    keep = {b.path for b in autos[:keep_last]}
    oldest_month = vn.add_months(today.replace(day=1), -(keep_monthly - 1))
    seen_months: set[tuple[int, int]] = set()
    for b in autos:
        month = (b.created.year, b.created.month)
        if b.created.date() >= oldest_month and month not in seen_months:
            seen_months.add(month)
            keep.add(b.path)
    removed = []
    for b in autos:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def automatic_backup_due(folder: Path, today: dt.date | None = None) -> bool:
    """True when no automatic backup has been made today (the first start of each day)."""
    today = today or dt.date.today()
    return not any(b.tag == AUTO_TAG and b.created and b.created.date() == today for b in list_backups(folder))
