"""The two SQLite drivers: the standard library's for plain files, SQLCipher's for encrypted ones.

An encrypted data file (docs/decisions/encryption-at-rest.md) is opened through ``sqlcipher3``
with its 32-byte data key given raw, so SQLCipher's own key derivation is skipped: the slow
derivation is done once per sign-in on the password (``safety.keyslots``), not on every open.

The two drivers raise different exception classes. Every ``except`` in the program names
``engine.Error`` (``DatabaseError``, ``OperationalError``, ``IntegrityError``) through the module,
never ``sqlite3.Error``: these are tuples that gain SQLCipher's classes the moment it is first
loaded, and an ``except`` clause reads them when an exception is matched, so both drivers'
failures are caught. (``from engine import Error`` would freeze the tuple: always ``engine.Error``.)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType
from typing import cast

Error: tuple[type[Exception], ...] = (sqlite3.Error,)
DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
OperationalError: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)

KEY_BYTES = 32
KEY_SLOTS_SUFFIX = ".khoa"  # beside an encrypted data file: its key slots (safety.keyslots)
SQLITE_HEAD = b"SQLite format 3\x00"
_cipher: ModuleType | None = None


class CipherMissing(RuntimeError):
    """SQLCipher is not installed: an encrypted file cannot be opened by this installation."""


def cipher() -> ModuleType:
    """SQLCipher's driver, loaded on first use (a plain file's command never pays its start)."""
    global _cipher, Error, DatabaseError, OperationalError, IntegrityError
    if _cipher is None:
        try:
            import sqlcipher3.dbapi2 as module
        except ImportError as exc:
            raise CipherMissing(str(exc)) from None
        _cipher = module
        # SQLCipher writes each failed page decryption (a wrong key) to stderr; the program says it.
        module.connect(":memory:").execute("PRAGMA cipher_log_level = NONE")
        Error = (sqlite3.Error, module.Error)
        DatabaseError = (sqlite3.DatabaseError, module.DatabaseError)
        OperationalError = (sqlite3.OperationalError, module.OperationalError)
        IntegrityError = (sqlite3.IntegrityError, module.IntegrityError)
    return _cipher


def available() -> bool:
    """Whether this installation can encrypt (the wheel is part of every build; a source checkout
    without it still runs, plain files only)."""
    try:
        cipher()
    except CipherMissing:
        return False
    return True


def is_encrypted_file(path: Path) -> bool:
    """A file that exists, is not empty and does not start with SQLite's header: SQLCipher's
    first 16 bytes are the file's random salt. (A file of another kind looks the same; opening
    it with a key then fails as a wrong key would.)"""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(len(SQLITE_HEAD))
    except OSError:
        return False
    return len(head) == len(SQLITE_HEAD) and head != SQLITE_HEAD


def key_pragma(key: bytes) -> str:
    """``PRAGMA key`` with the raw key, which SQLCipher uses as it is."""
    if len(key) != KEY_BYTES:
        raise ValueError("a data key has 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(target: str, *, key: bytes | None, uri: bool = False, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection to ``target`` (a path or a ``file:`` URI): the standard driver without a key,
    SQLCipher keyed with ``key``. The key is not checked here: the first read fails when it is wrong."""
    if key is None:
        return sqlite3.connect(target, uri=uri, check_same_thread=check_same_thread)
    conn = cipher().connect(target, uri=uri, check_same_thread=check_same_thread)
    conn.execute(key_pragma(key))
    # The same API as sqlite3.Connection: typed as one, so the rest of the program needs no second type.
    return cast(sqlite3.Connection, conn)


def row_class(conn: sqlite3.Connection) -> type:
    """The ``Row`` factory of the driver that made ``conn`` (each driver accepts only its own)."""
    if _cipher is not None and isinstance(conn, _cipher.Connection):
        return cast(type, _cipher.Row)
    return sqlite3.Row


def export(source: sqlite3.Connection, target: Path, *, key: bytes | None) -> None:
    """Write everything ``source`` (a SQLCipher connection) holds into a new file ``target``,
    encrypted with ``key`` or plain without one: SQLCipher's ``sqlcipher_export``, the only way
    to change a database's encryption (the backup API copies pages as they are)."""
    key_text = f"x'{key.hex()}'" if key is not None else ""
    source.execute("ATTACH DATABASE ? AS exported KEY ?", (str(target), key_text))
    try:
        source.execute("SELECT sqlcipher_export('exported')")
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        source.execute(f"PRAGMA exported.user_version = {int(version)}")  # not copied by the export
    finally:
        source.execute("DETACH DATABASE exported")


def open_for_export(path: Path, *, key: bytes | None) -> sqlite3.Connection:
    """``path`` opened through SQLCipher (keyed or not), ready for ``export``."""
    conn = cipher().connect(str(path))
    if key is not None:
        conn.execute(key_pragma(key))
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a wrong key fails here, not halfway
    return cast(sqlite3.Connection, conn)
