"""Backups that are known to restore: made with SQLite's backup API, checked, rotated.

A backup only counts once its copy has passed an integrity check; it is written under a
temporary name and renamed into place, so a power cut never leaves a half file that looks
like a backup. Restore checks the backup (and its password) first, backs up the current
file, then swaps the files atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commune_app import __version__, vn
from commune_app.errors import FileRefused, Refused
from commune_app.safety import crypto, keyslots, manifest, outputs
from commune_app.store import backup as sqlite_backup
from commune_app.store import engine
from commune_app.store.db import Store

AUTO_TAG = "tu-dong"
BEFORE_RESTORE_TAG = "truoc-khoi-phuc"
PLAIN_SUFFIX = ".sqlite"
ENCRYPTED_SUFFIX = ".ptdv"
_NAME = re.compile(
    r"^(?P<who>.+?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?(?:-(?P<tag>[a-z\-]+))?"
    r"(?:\.sqlite|\.ptdv)$"
)
# What the backup list says of each backup (docs/sao-luu.md explains each check).
STATE_MADE = "Đã kiểm tra khi tạo (SHA-256, quick_check)"
STATE_VERIFIED = "Đã kiểm tra đầy đủ (khớp bản kê, integrity_check, foreign_key_check)"
STATE_VERIFIED_NO_MANIFEST = "Đã kiểm tra đầy đủ (integrity_check, foreign_key_check); không có bản kê"
STATE_NO_MANIFEST = "Không có bản kê: sẽ kiểm tra đầy đủ trước khi khôi phục"
STATE_BAD_MANIFEST = "Bản kê bị hỏng: không khôi phục được"


@dataclass
class BackupInfo:
    path: Path
    created: dt.datetime | None
    size: int
    encrypted: bool
    tag: str = ""
    summary: dict[str, Any] = field(default_factory=dict)
    state: str = ""
    keyed: bool = False  # a copy of an encrypted data file, opened with that file's key


def slug(text: str) -> str:
    """'Ba Sơn' → 'ba-son' (file names travel on USB sticks and old Windows versions)."""
    return re.sub(r"[^a-z0-9]+", "-", vn.fold(text)).strip("-") or "du-lieu"


def _stamp(now: dt.datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def _unique_target(folder: Path, base: str, stamp: str, tag: str, suffix: str) -> Path:
    """'<base>-<stamp>[-n][-tag]': a second backup within the same second gets a counter."""
    for n in range(1, 1000):
        name = f"{base}-{stamp}{'' if n == 1 else f'-{n}'}{'-' + tag if tag else ''}{suffix}"
        target = folder / name
        if not target.exists() and not manifest.path_for(target).exists():
            return target
    raise Refused("Quá nhiều bản sao lưu trong cùng một giây; hãy thử lại")


def make_backup(
    store: Store,
    folder: Path,
    *,
    name: str,
    password: str | None = None,
    tag: str = "",
    now: dt.datetime | None = None,
    by: str | None = None,
    file: Path | None = None,
) -> BackupInfo:
    """Copy the open file into ``folder`` as '<name>-YYYYmmdd-HHMMSS[-n][-tag]' with its manifest.

    The copy is made through SQLite's backup API (a consistent snapshot, WAL content included),
    checked by ``quick_check`` while its SHA-256 is computed, and renamed into place only then.
    Disk full, a read-only target or a busy file give a Vietnamese message; nothing is lost.
    """
    folder = Path(folder)
    if password is not None:
        crypto.require_strong(password)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileRefused(f"Không tạo được thư mục sao lưu {folder}: {exc.strerror}") from None
    created = (now or dt.datetime.now()).replace(microsecond=0)
    target = file or _unique_target(
        folder, slug(name), _stamp(created), tag, ENCRYPTED_SUFFIX if password else PLAIN_SUFFIX
    )
    if target.exists():
        raise FileRefused(f"Tệp {target} đã có: một bản sao lưu không bao giờ ghi đè tệp khác. Hãy chọn tên khác.")
    try:
        with outputs.replacing(target, data_file=store.path) as work:
            if password:
                digest, problems, counts = _password_copy(store, work, password)
            else:
                digest, problems, counts = _copy(store, work)
            if problems:
                raise Refused(
                    "Bản sao lưu vừa tạo không đạt kiểm tra nhanh (quick_check) nên không được giữ lại:", *problems[:5]
                )
            _private(work)
            slots = keyslots.load(store.path) if store.key is not None else None
            written = manifest.write(
                target,
                manifest.Manifest(
                    sha256=digest,
                    size=work.stat().st_size,
                    counts=counts,
                    schema_version=int(store.scalar("PRAGMA user_version")),
                    program_version=__version__,
                    created=created.isoformat(),
                    by=by or store.user,
                    encrypted=bool(password),
                    checked=["sha256", "quick_check"],
                    keyed=store.key is not None and not password,
                    key_slots=slots.to_json() if slots is not None and not password else None,
                ),
            )
            _private(written)
    except engine.Error as exc:
        manifest.path_for(target).unlink(missing_ok=True)
        raise FileRefused(outputs.explain(exc, target)) from None
    except Refused:
        manifest.path_for(target).unlink(missing_ok=True)
        raise
    return BackupInfo(
        target,
        created,
        target.stat().st_size,
        bool(password),
        tag,
        {**sqlite_backup.summary_of(store.conn), "counts": counts},
        state=STATE_MADE,
        keyed=store.key is not None and not password,
    )


def _copy(store: Store, work: Path) -> tuple[str, list[str], dict[str, int]]:
    """A copy in the data file's own form (an encrypted file's copy under its key), checked by
    ``quick_check`` while its SHA-256 is computed and while it goes to the disk (the copy itself
    does not wait for the disk: ``copy_database``)."""
    sqlite_backup.copy_database(store.conn, work, key=store.key)
    check = sqlite_backup.connect_read_only(work, key=store.key)
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            synced = pool.submit(outputs.fsync_file, work)
            digest, problems = manifest.hash_while(work, lambda: sqlite_backup.connection_problems(check, quick=True))
            synced.result()
        return digest, problems, sqlite_backup.table_counts(check)
    finally:
        check.close()


def _password_copy(store: Store, work: Path, password: str) -> tuple[str, list[str], dict[str, int]]:
    """A copy under a backup password. A plain file's image is encrypted from memory; an encrypted
    file's SQLCipher copy is encrypted together with its data key, so it opens with the password
    alone and nothing of it is ever plain on the disk."""
    if store.key is None:
        memory = sqlite3.connect(":memory:")
        try:
            store.conn.backup(memory)
            problems = sqlite_backup.connection_problems(memory, quick=True)
            counts = sqlite_backup.table_counts(memory)
            image = _rollback_header(memory.serialize())
        finally:
            memory.close()
        blob = crypto.encrypt(image, password)
    else:
        with _scratch(work.parent) as keyed:
            _, problems, counts = _copy(store, keyed)
            slots = keyslots.load(store.path)
            payload = _with_slots(slots, keyed.read_bytes())
            blob = crypto.encrypt(payload, password, data_key=store.key)
    work.write_bytes(blob)
    return hashlib.sha256(blob).hexdigest(), problems, counts


def _with_slots(slots: keyslots.KeySlots | None, image: bytes) -> bytes:
    """A password backup of an encrypted file carries its key slots before the image (4-byte
    length, JSON), so the accounts open the restored file on another computer."""
    text = json.dumps(slots.to_json() if slots is not None else None).encode("utf-8")
    return len(text).to_bytes(4, "big") + text + image


def _split_slots(payload: bytes) -> tuple[keyslots.KeySlots | None, bytes]:
    size = int.from_bytes(payload[:4], "big")
    data = json.loads(payload[4 : 4 + size].decode("utf-8"))
    return (keyslots.KeySlots.from_json(data) if data is not None else None), payload[4 + size :]


@contextmanager
def _scratch(folder: Path) -> Iterator[Path]:
    """A hidden temporary file in ``folder`` (named so that the next start removes a leftover)."""
    fd, name = tempfile.mkstemp(prefix=f".sao-luu{outputs.TEMP_MARK}", suffix=".tmp", dir=folder)
    os.close(fd)
    path = Path(name)
    try:
        yield path
    finally:
        for extra in ("", "-journal", "-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)


def _private(path: Path) -> None:
    """Backups hold everyone's personal data: on POSIX only the owner may read them."""
    if os.name == "posix":
        os.chmod(path, 0o600)


def parse_name(path: Path) -> tuple[dt.datetime | None, str]:
    match = _NAME.match(path.name)
    if not match:
        return None, ""
    return dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S"), match["tag"] or ""


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in a folder, newest first, each with the state its manifest records (contents not
    opened: the full check is ``verify``)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if path.suffix in (PLAIN_SUFFIX, ENCRYPTED_SUFFIX) and not path.name.startswith("."):
            created, tag = parse_name(path)
            try:
                state = STATE_MADE if manifest.read(path) else STATE_NO_MANIFEST
            except Refused:
                state = STATE_BAD_MANIFEST
            encrypted = path.suffix == ENCRYPTED_SUFFIX
            keyed = not encrypted and engine.is_encrypted_file(path)
            found.append(BackupInfo(path, created, path.stat().st_size, encrypted, tag, state=state, keyed=keyed))
    return sorted(found, key=lambda b: (b.created or dt.datetime.min, b.path.name), reverse=True)


def _read_blob(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise FileRefused(f"Không đọc được tệp sao lưu {path}: {exc.strerror}") from None


@dataclass
class _Checked:
    """A backup that passed the full check, open read-only: its connection, what it holds, and
    the data key it is encrypted with (None for a plain copy)."""

    conn: sqlite3.Connection
    info: BackupInfo
    key: bytes | None
    slots: keyslots.KeySlots | None = None  # the encrypted file's key slots when the copy was made


@dataclass(frozen=True)
class Restored:
    """What a restore left: the backup of the replaced file, and the data key of the restored
    file (None: plain), which the caller opens it with."""

    saved: Path | None
    key: bytes | None


KEY_NEEDED = (
    "Bản sao lưu này là bản của một tệp dữ liệu đã mã hóa, mở bằng khóa của tệp đó: hãy khôi phục từ "
    "chương trình đang mở tệp ấy (đã đăng nhập), hoặc dùng khóa khôi phục của tệp."
)


@contextmanager
def _open_checked(path: Path, password: str | None, key: bytes | None = None) -> Iterator[_Checked]:
    """The full check before a restore (and in the weekly check): the manifest's SHA-256 and
    counts, ``integrity_check`` and ``foreign_key_check``; yields an open, read-only view of the
    backup's database and what it holds. Refuses, changing nothing, when anything disagrees.
    ``key`` opens a copy of an encrypted file (the open file's key, or one unwrapped from the
    manifest's slots by the caller)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            encrypted = crypto.is_encrypted(handle.read(len(crypto.MAGIC)))
    except OSError as exc:
        raise FileRefused(f"Không đọc được tệp sao lưu {path}: {exc.strerror}") from None
    keyed = not encrypted and engine.is_encrypted_file(path)
    if keyed and key is None:
        raise Refused(KEY_NEEDED)
    recorded = manifest.read(path)
    source_key = key if keyed else None
    slots = keyslots.KeySlots.from_json(recorded.key_slots) if recorded is not None and recorded.key_slots else None
    with contextlib.ExitStack() as cleanup:
        try:
            if encrypted:
                if not password:
                    raise Refused("Bản sao lưu này được bảo vệ bằng mật khẩu; hãy nhập mật khẩu")
                blob = _read_blob(path)
                digest = hashlib.sha256(blob).hexdigest()
                image, source_key = crypto.decrypt_keyed(blob, password)
                if source_key is None:
                    conn = sqlite3.connect(":memory:", check_same_thread=False)
                    conn.deserialize(_rollback_header(image))
                else:  # an encrypted file's copy: still encrypted on the disk while it is checked
                    slots, image = _split_slots(image)
                    unpacked = cleanup.enter_context(_scratch(Path(tempfile.gettempdir())))
                    unpacked.write_bytes(image)
                    conn = sqlite_backup.connect_read_only(unpacked, check_same_thread=False, key=source_key)
                problems = sqlite_backup.connection_problems(conn)
            else:
                conn = sqlite_backup.connect_read_only(path, check_same_thread=False, key=source_key)
                digest, problems = _full_check(path, conn, source_key)
        except engine.Error as exc:
            reason = (
                KEY_NEEDED if keyed else "Bản sao lưu bị hỏng hoặc không hợp lệ; dữ liệu hiện tại không bị thay đổi."
            )
            raise Refused(reason, str(exc)) from None
        cleanup.callback(conn.close)
        problems = problems or _not_ours(conn)
        counts = sqlite_backup.table_counts(conn) if not problems else None
        if recorded is not None:
            problems += manifest.mismatch(recorded, digest, counts)
        if problems:
            raise Refused("Bản sao lưu bị hỏng hoặc không hợp lệ; dữ liệu hiện tại không bị thay đổi.", *problems[:5])
        summary = {**sqlite_backup.summary_of(conn), "counts": counts}
        created, tag = parse_name(path)
        if created is None:
            created = dt.datetime.fromtimestamp(path.stat().st_mtime)
        state = STATE_VERIFIED if recorded else STATE_VERIFIED_NO_MANIFEST
        info = BackupInfo(path, created, path.stat().st_size, encrypted, tag, summary, state=state, keyed=keyed)
        yield _Checked(conn, info, source_key, slots if source_key is not None else None)


def _full_check(path: Path, conn: sqlite3.Connection, key: bytes | None) -> tuple[str, list[str]]:
    """The file's SHA-256, then ``foreign_key_check`` on a connection of its own, on a second thread
    while ``integrity_check`` runs on ``conn``: on two cores the whole check takes about as long
    as ``integrity_check`` alone (one after the other, the links added 8 % and the hash more)."""

    def hash_then_links() -> tuple[str, list[str]]:
        digest = manifest.sha256_of(path)
        links = sqlite_backup.connect_read_only(path, key=key)
        try:
            return digest, sqlite_backup.link_problems(links)
        finally:
            links.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        side = pool.submit(hash_then_links)
        problems = sqlite_backup.connection_problems(conn, links=False)
        digest, broken = side.result()
    return digest, problems + broken


def _rollback_header(image: bytes) -> bytes:
    """The image with its header marked rollback-journal: a WAL-mode image cannot be opened from
    memory, and a file written from it would expect a -wal beside it."""
    if len(image) > 19 and image[18] == 2:
        patched = bytearray(image)
        patched[18] = patched[19] = 1
        return bytes(patched)
    return image


def _not_ours(conn: sqlite3.Connection) -> list[str]:
    """Why a sound SQLite file cannot be restored: not ours, or from a newer program."""
    from commune_app.store import schema

    tables, version = sqlite_backup.tables_and_version_of(conn)
    if "people" not in tables:
        return ["Tệp không phải dữ liệu của chương trình Phát triển Đảng viên"]
    if version > schema.schema_version():
        return ["Bản sao lưu do phiên bản mới hơn của chương trình tạo ra"]
    return []


def inspect(path: Path, password: str | None = None, *, key: bytes | None = None) -> BackupInfo:
    """Date, size and counts of a backup, after the full check (and its password, or the key of
    the encrypted file it copies)."""
    with _open_checked(path, password, key) as checked:
        return checked.info


def restore(
    db_path: Path,
    backup_path: Path,
    *,
    safety_folder: Path,
    name: str,
    password: str | None = None,
    key: bytes | None = None,
) -> Restored:
    """Replace the (closed) data file by a backup.

    ``key`` is the data key of the file being replaced (None for a plain one). A restore never
    leaves data less protected than it was: into an encrypted file, every backup comes back
    encrypted with that file's key (a plain one made before encryption too); a copy of an
    encrypted file restored into a plain or new file comes back encrypted with its own key, and
    its key slots (from the manifest, or inside a password backup) are put beside it.

    Order matters: check the backup fully, copy it beside the data file through SQLite (so a
    data file given as the source brings its -wal along), back up the current file, swap
    atomically, drop the old WAL files so nothing of the replaced file is replayed, and
    finally compare the counts of the restored file with the backup's.
    """
    db_path = Path(db_path)
    if db_path.exists() and not os.access(db_path, os.W_OK):
        raise FileRefused(
            f"Tệp dữ liệu {db_path} chỉ đọc (hoặc nằm trên ổ chỉ đọc): không khôi phục đè lên được. "
            "Hãy chép nó sang nơi ghi được hoặc chọn tệp khác; dữ liệu không bị thay đổi."
        )
    saved: Path | None = None
    with _open_checked(Path(backup_path), password, key) as checked:
        info = checked.info
        target_key = key if key is not None else checked.key
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            with outputs.replacing(db_path, suffix=".sqlite", allow_data=True) as candidate:
                _copy_as(checked, candidate, target_key)
                _private(candidate)
                if db_path.exists():
                    saved = _keep_current(db_path, Path(safety_folder), name, key)
                if checked.slots is not None and checked.key == target_key:
                    keyslots.save(db_path, checked.slots)  # the accounts of the restored data, with it
                _drop_companions(db_path)
        except engine.Error as exc:
            raise FileRefused(outputs.explain(exc, db_path) + " Dữ liệu hiện tại không bị thay đổi.") from None
        except OSError as exc:
            raise FileRefused(outputs.explain(exc, db_path) + " Dữ liệu hiện tại không bị thay đổi.") from None
    _drop_companions(db_path)
    restored = sqlite_backup.connect_read_only(db_path, key=target_key)
    try:
        counts = sqlite_backup.table_counts(restored)
    finally:
        restored.close()
    if counts != info.summary["counts"]:
        raise Refused(
            f"Tệp sau khi khôi phục có số dòng {counts}, khác bản sao lưu {info.summary['counts']}.",
            f"Tệp trước khi khôi phục vẫn được giữ tại: {saved}" if saved else "",
        )
    return Restored(saved, target_key)


def _copy_as(checked: _Checked, candidate: Path, key: bytes | None) -> None:
    """The checked backup written to ``candidate`` encrypted with ``key``, or plain without one."""
    if checked.key == key:  # the same form: page by page through the backup API
        sqlite_backup.copy_database(checked.conn, candidate, key=key)
        return
    if checked.key is not None:  # an encrypted file's copy: SQLCipher re-encrypts (or decrypts) it
        engine.export(checked.conn, candidate, key=key)
        return
    # A plain copy into an encrypted file: SQLCipher exports it from a plain file of its own, which
    # lies beside the data file only while the restore runs (the backup itself was plain).
    with _scratch(candidate.parent) as plain:
        sqlite_backup.copy_database(checked.conn, plain)
        source = engine.open_for_export(plain, key=None)
        try:
            engine.export(source, candidate, key=key)
        finally:
            source.close()


def _drop_companions(db_path: Path) -> None:
    for extra in ("-wal", "-shm", "-journal"):
        Path(f"{db_path}{extra}").unlink(missing_ok=True)


def _keep_current(db_path: Path, folder: Path, name: str, key: bytes | None) -> Path:
    """Back up the file about to be replaced; a damaged one is kept byte for byte instead."""
    from commune_app.store.db import open_store

    try:
        current = open_store(db_path, create=False, key=key)
    except (Refused, *engine.DatabaseError):
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
        target = _unique_target(folder, slug(name), _stamp(dt.datetime.now()), "hong", PLAIN_SUFFIX)
        for source, copy in ((db_path, target), (Path(f"{db_path}-wal"), Path(f"{target}-wal"))):
            if source.exists() and (source == db_path or source.stat().st_size):
                with outputs.replacing(copy, allow_data=True) as temporary:
                    shutil.copyfile(source, temporary)
                _private(copy)
    except (OSError, FileRefused) as exc:
        raise FileRefused(
            f"Không giữ lại được tệp hỏng trong {folder}: {getattr(exc, 'strerror', None) or exc}; "
            "dữ liệu hiện tại không bị thay đổi."
        ) from None
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
        created = b.created
        assert created is not None  # filtered above
        month = (created.year, created.month)
        if created.date() >= oldest_month and month not in seen_months:
            seen_months.add(month)
            keep.add(b.path)
    removed = []
    for b in autos:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            manifest.path_for(b.path).unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def automatic_backup_due(folder: Path, today: dt.date | None = None) -> bool:
    """True when no automatic backup has been made today (the first start of each day)."""
    today = today or dt.date.today()
    return not any(b.tag == AUTO_TAG and b.created and b.created.date() == today for b in list_backups(folder))
