"""Opening the data file: pragmas, migrations with a backup first, refusal of newer files.

A ``Store`` is the one connection to one file. Every write goes through ``Store.write``,
which opens one transaction and hands out an ``Audit`` to record what changed in it.

sqlite-utils (about a third of a command's start) is imported only when a migration runs
or a caller asks for ``Store.db``: opening an up-to-date file, reading and writing go
straight through the ``sqlite3`` connection.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from commune_app.changes import Changes, from_audit
from commune_app.errors import FileRefused
from commune_app.store import engine
from commune_app.store.backup import connect_read_only
from commune_app.store.version import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database


_now: tuple[int, str] = (-1, "")  # the last second asked for, and its text


def now_iso() -> str:
    """The local time to the second, made once per second: a 10,000-row import stamps 60,000 rows."""
    global _now
    second = int(time.time())
    if second != _now[0]:
        _now = (second, dt.datetime.fromtimestamp(second).isoformat())
    return _now[1]


@dataclass
class Audit:
    """Collects the audit rows of one transaction; written by the same transaction."""

    conn: sqlite3.Connection
    user: str
    # (entity, entity id, person id) of each row: what the transaction changed, for its listeners
    entries: list[tuple[str, int | None, int | None]] = field(default_factory=list)
    _held: list[list[Any]] | None = field(default=None, repr=False)  # rows kept back by ``batched``

    def record(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        *,
        person_id: int | None = None,
        summary: str = "",
        before: Any = None,
        after: Any = None,
    ) -> None:
        if action != "copy":  # a read that copied data out (an export, a print) changed nothing
            self.entries.append((entity, entity_id, person_id))
        values = [now_iso(), self.user, action, entity, entity_id, person_id, summary, _dump(before), _dump(after)]
        if self._held is not None:
            self._held.append(values)
        else:
            self.conn.execute(_INSERT_AUDIT, values)

    @contextmanager
    def batched(self) -> Iterator[None]:
        """Audit rows recorded inside are written together at its end, in the order recorded (so
        with the same ids), in the same transaction: one statement for thousands of rows."""
        if self._held is not None:  # already inside one
            yield
            return
        self._held = []
        try:
            yield
            self.conn.executemany(_INSERT_AUDIT, self._held)
        finally:
            self._held = None


_INSERT_AUDIT = (
    "INSERT INTO audit (at, user, action, entity, entity_id, person_id, summary, before, after)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


# What json.dumps(value, ensure_ascii=False, sort_keys=True, default=str) builds on every call, made once.
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)
# Savepoint names: unique within the process, which is all SQLite needs of them.
_SAVEPOINTS = itertools.count(1)


def _dump(value: Any) -> str | None:
    if value is None:
        return None
    return _JSON.encode(value)


@dataclass
class Store:
    """One open data file."""

    path: Path
    conn: sqlite3.Connection
    read_only: bool = False
    # The data key of an encrypted file (None for a plain one): its backups are made with it.
    key: bytes | None = field(default=None, repr=False)
    user: str = "hệ thống"
    migration_backup: Path | None = None
    # Called with the Changes of each committed write (the window refreshes from them).
    listeners: list[Callable[[Changes], None]] = field(default_factory=list, repr=False)
    _depth: int = field(default=0, repr=False)
    _committed: list[tuple[str, int | None, int | None]] = field(default_factory=list, repr=False)
    _closed: bool = field(default=False, repr=False)
    _db: Database | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        """The sqlite-utils view of the same connection (migrations, tools), made on first use."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    @contextmanager
    def write(self, user: str | None = None) -> Iterator[Audit]:
        """One transaction for one user action, with its audit rows; all or nothing."""
        if self.read_only:
            raise FileRefused("Tệp dữ liệu đang mở ở chế độ chỉ đọc, không thể ghi thay đổi.")
        audit = Audit(self.conn, user or self.user)
        self._depth += 1
        try:
            with _atomic(self.conn):
                yield audit
        except BaseException as exc:
            self._depth -= 1
            if self._depth == 0:
                self._committed = []  # rolled back: nothing to tell
            if isinstance(exc, engine.OperationalError):
                # Another program kept the file busy past busy_timeout, the disk filled up, or the
                # medium became read-only: the transaction rolled back, nothing was half-written.
                raise FileRefused(_write_failure(self.path, exc)) from None
            raise
        self._depth -= 1
        self._committed.extend(audit.entries)
        if self._depth == 0:  # a write inside a write is told once, when the outer one commits
            entries, self._committed = self._committed, []
            changes = from_audit(entries)
            for listener in list(self.listeners) if entries else []:
                listener(changes)

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        return list(rows(self.conn.execute(sql, params)))

    def one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        for row in rows(self.conn.execute(sql, params)):
            return row
        return None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.conn.close()


def rows(cursor: sqlite3.Cursor) -> Iterator[dict[str, Any]]:
    """A cursor's rows as dictionaries keyed by column name, fetched lazily."""
    names = [d[0] for d in cursor.description or ()]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


@contextmanager
def _atomic(conn: sqlite3.Connection) -> Iterator[None]:
    """A transaction, or a savepoint inside one: nested writes roll back alone."""
    if not conn.in_transaction:
        conn.execute("BEGIN")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return
    name = f"w{id(conn)}_{next(_SAVEPOINTS)}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        # A trigger's RAISE(ROLLBACK) may already have ended the whole transaction.
        if conn.in_transaction:
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            conn.execute(f"RELEASE SAVEPOINT {name}")
        raise
    conn.execute(f"RELEASE SAVEPOINT {name}")


def _connect(path: Path, read_only: bool, key: bytes | None) -> sqlite3.Connection:
    if read_only:
        conn = connect_read_only(path, check_same_thread=False, key=key)  # never switched to WAL: nothing is written
    else:
        conn = engine.connect(str(path), key=key, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def _prepare_for_writing(conn: sqlite3.Connection) -> None:
    """WAL and FULL sync; only once the file is known to be ours, since WAL rewrites its header."""
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit survives a power cut, which border communes have often.
    conn.execute("PRAGMA synchronous = FULL")


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid of the row an INSERT just wrote."""
    if cursor.lastrowid is None:
        raise RuntimeError("the statement inserted no row")
    return cursor.lastrowid


def _check_not_newer(conn: sqlite3.Connection, path: Path) -> None:
    version = _user_version(conn)
    if version > SCHEMA_VERSION:
        raise FileRefused(
            f"Tệp {path.name} được tạo bởi phiên bản mới hơn của chương trình (cấu trúc dữ liệu "
            f"số {version}, chương trình này chỉ biết đến số {SCHEMA_VERSION}). "
            "Hãy cài phiên bản mới của chương trình; tệp không bị thay đổi."
        )


def _check_is_ours(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if tables and "people" not in tables and "_sqlite_migrations" not in tables:
        raise FileRefused(f"Tệp {path.name} không phải tệp dữ liệu của chương trình Phát triển Đảng viên.")


def writable(path: Path) -> bool:
    """Whether the file (or the file to create) and its folder can be written: WAL needs both."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _write_failure(path: Path, exc: Exception) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return (
            f"Tệp {path.name} đang được chương trình khác ghi quá 5 giây: thay đổi này chưa được lưu. "
            "Hãy đợi một lát rồi thử lại."
        )
    return _open_failure(path, exc).replace("không mở được tệp để ghi", "thay đổi này chưa được lưu")


def _open_failure(path: Path, exc: Exception, *, keyed: bool = False) -> str:
    """Why a file did not open, told apart: not SQLite at all, a full disk, a read-only place."""
    text = str(exc).lower()
    if keyed and "not a database" in text:
        return f"Khóa không mở được tệp {path.name}: tệp không phải của khóa này, hoặc đã bị hỏng."
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return f"Tệp {path.name} không đọc được như một tệp dữ liệu SQLite ({exc})."
    if "disk is full" in text or "disk full" in text:
        return f"Ổ đĩa chứa {path.name} đã đầy: không mở được tệp để ghi. Hãy giải phóng chỗ trống rồi mở lại."
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return (
            f"Tệp {path.name} nằm ở nơi không ghi được (ổ chỉ đọc, đĩa CD, thư mục được bảo vệ): hãy mở ở "
            "chế độ chỉ đọc, hoặc chép tệp sang nơi ghi được. Tệp không hỏng."
        )
    if "locked" in text or "busy" in text:
        return f"Tệp {path.name} đang bị chương trình khác giữ quá lâu: hãy đợi một lát rồi thử lại."
    return f"Không mở được tệp {path.name}: {exc}."


def migration_backup_path(path: Path, version: int) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.truoc-nang-cap-v{version}-{stamp}{path.suffix}")


ENCRYPTED = (
    "Tệp {name} đã được mã hóa: cần đăng nhập bằng tài khoản của tệp (hoặc dùng khóa khôi phục) để mở. "
    "Trên dòng lệnh: --user TÊN --user-password-file TỆP, hoặc --recovery-key-file TỆP."
)


class EncryptedFile(FileRefused):
    """The file is encrypted and no key was given: the caller must sign in first."""


def open_store(
    path: str | Path,
    *,
    create: bool = True,
    read_only: bool = False,
    user: str = "hệ thống",
    key: bytes | None = None,
) -> Store:
    """Open (and if asked, create) a data file, bringing its schema up to date safely. An encrypted
    file needs its data ``key`` (``ops.encryption`` unwraps it from a password)."""
    path = Path(path)
    if not path.exists():
        if not create or read_only:
            raise FileRefused(f"Không tìm thấy tệp dữ liệu {path}.")
        if not path.parent.exists():
            raise FileRefused(f"Thư mục {path.parent} không tồn tại.")
    elif key is None and engine.is_encrypted_file(path) and Path(f"{path}{engine.KEY_SLOTS_SUFFIX}").exists():
        raise EncryptedFile(ENCRYPTED.format(name=path.name))  # (without its slots: "not SQLite", below)
    conn: sqlite3.Connection | None = None
    created = not path.exists()
    try:
        conn = _connect(path, read_only, key)
        _check_is_ours(conn, path)
        _check_not_newer(conn, path)
        if not read_only:
            _prepare_for_writing(conn)
            if created and os.name == "posix":
                os.chmod(path, 0o600)  # everyone's personal data: only the owner reads it
    except engine.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise FileRefused(_open_failure(path, exc, keyed=key is not None)) from None
    except engine.CipherMissing:
        raise FileRefused(
            f"Tệp {path.name} đã được mã hóa nhưng bản cài đặt này thiếu thư viện SQLCipher (sqlcipher3): "
            "hãy cài lại chương trình."
        ) from None
    except FileRefused:
        if conn is not None:
            conn.close()  # a refused file is left exactly as it was
        raise
    store = Store(path=path, conn=conn, read_only=read_only, user=user, key=key)
    if _user_version(conn) == SCHEMA_VERSION:
        return store  # stamped by this program after its last migration: nothing is pending
    from commune_app.store import schema

    if schema.migrations.pending(store.db):
        if read_only:
            conn.close()
            raise FileRefused("Tệp dữ liệu cần nâng cấp cấu trúc nên không mở được ở chế độ chỉ đọc.")
        version = _user_version(conn)
        if version > 0:
            # A copy of the file as it was, before the first pending migration touches it.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            backup = migration_backup_path(path, version)
            target = engine.connect(str(backup), key=key)  # an encrypted file's copy stays encrypted
            with target:
                conn.backup(target)
            target.close()
            store.migration_backup = backup
        schema.migrations.apply(store.db)
    if not read_only:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return store
