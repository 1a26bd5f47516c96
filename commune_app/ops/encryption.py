"""Encryption at rest: turning it on, and the keys a sign-in unlocks (docs/decisions/encryption-at-rest.md).

An administrator turns it on once (at first start or in Cài đặt). The open plain file is exported
by SQLCipher into an encrypted copy under a new random data key, checked, and swapped in
atomically; the key slots are written first, so a power cut leaves either the plain file as it
was or the encrypted one with its slots. The recovery key is returned to be shown once.

Every account then needs a slot: the administrator who turned it on has one; the others get
theirs when the administrator sets their password (``ops.accounts.reset_password``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from commune_app.errors import Refused
from commune_app.ops.context import Session, open_session
from commune_app.safety import keyslots, outputs
from commune_app.store import backup as sqlite_backup
from commune_app.store import engine

WRONG = "Sai tên đăng nhập hoặc mật khẩu"
NO_SLOTS = (
    "Tệp {name} không phải tệp SQLite thường và không có tệp khóa {slots} bên cạnh: nếu đây là tệp đã mã hóa, "
    "hãy chép tệp khóa về cạnh nó (từ máy cũ), hoặc mở bằng khóa khôi phục."
)
RECOVERY_WRONG = "Khóa khôi phục không đúng (hãy kiểm tra lại từng nhóm 5 ký tự)"


class Reopened(Refused):
    """Encryption failed after the session had closed; ``session`` is the plain file reopened."""

    def __init__(self, session: Session) -> None:
        super().__init__("Không thay được tệp dữ liệu bằng bản mã hóa; tệp vẫn như cũ (chưa mã hóa).")
        self.session = session


@dataclass(frozen=True)
class Enabled:
    """What turning encryption on leaves: the reopened session and the recovery key to show once."""

    session: Session
    recovery_code: str


def is_encrypted(path: Path) -> bool:
    return engine.is_encrypted_file(Path(path))


def available() -> bool:
    return engine.available()


def unlock(path: Path, username: str, password: str) -> bytes:
    """The data key of an encrypted file from an account's password (refused with the sign-in's
    one message for a wrong password and an unknown name alike)."""
    key = _slots(path).unlock_account(username, password)
    if key is None:
        raise Refused(WRONG)
    return key


def unlock_with_recovery(path: Path, code: str) -> bytes:
    """The data key from the recovery key, tried on the file (no slot file needed)."""
    key = keyslots.key_from_recovery(code)
    try:
        conn = sqlite_backup.connect_read_only(Path(path), key=key)
    except engine.DatabaseError:
        raise Refused(RECOVERY_WRONG) from None
    conn.close()
    return key


def _slots(path: Path) -> keyslots.KeySlots:
    slots = keyslots.load(Path(path))
    if slots is None:
        raise Refused(NO_SLOTS.format(name=Path(path).name, slots=keyslots.path_for(Path(path)).name))
    return slots


def enable(session: Session, password: str) -> Enabled:
    """Encrypt the open plain file in place; ``password`` is the administrator's own, which gets
    the first slot. ``session`` is closed; the returned one is the same file, encrypted."""
    from commune_app.ops import accounts

    session.require_admin()
    store = session.store
    if store.read_only:
        raise Refused("Tệp đang mở ở chế độ chỉ đọc: không mã hóa được.")
    if store.key is not None:
        raise Refused("Tệp dữ liệu đã được mã hóa.")
    if not engine.available():
        raise Refused("Bản cài đặt này thiếu thư viện SQLCipher (sqlcipher3): không mã hóa được tệp.")
    if not accounts.password_matches(session, session.actor.username, password):
        raise Refused("Mật khẩu của tài khoản đang đăng nhập không đúng.")
    code = keyslots.new_recovery_code()
    key = keyslots.key_from_recovery(code)
    slots = keyslots.KeySlots().with_account(key, session.actor.username, password)
    counts = sqlite_backup.table_counts(store.conn)
    path, actor = store.path, session.actor
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the file the export reads
    try:
        with outputs.replacing(path, suffix=".sqlite", allow_data=True) as candidate:
            source = engine.open_for_export(path, key=None)
            try:
                engine.export(source, candidate, key=key)
            finally:
                source.close()
            _check_copy(candidate, key, counts)
            if os.name == "posix":
                os.chmod(candidate, 0o600)
            keyslots.save(path, slots)  # before the swap: a power cut in between leaves the plain file, which opens
            session.close()  # Windows renames no open file
    except engine.Error as exc:
        raise Refused("Không mã hóa được tệp dữ liệu; tệp không thay đổi.", outputs.explain(exc, path)) from None
    except Refused:
        if store.closed:  # the swap itself failed: the plain file is as it was, opened again
            raise Reopened(open_session(path, actor=actor)) from None
        raise
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)  # the plain file's; the encrypted one has none yet
    reopened = open_session(path, actor=actor, key=key)
    with reopened.write() as audit:
        audit.record("encrypt", "file", None, summary=f"Mã hóa tệp dữ liệu {path.name} (SQLCipher)")
    return Enabled(reopened, code)


def _check_copy(candidate: Path, key: bytes, counts: dict[str, int]) -> None:
    conn = sqlite_backup.connect_read_only(candidate, key=key)
    try:
        problems = sqlite_backup.connection_problems(conn, quick=True)
        copied = sqlite_backup.table_counts(conn) if not problems else None
    finally:
        conn.close()
    if problems or copied != counts:
        raise Refused("Bản mã hóa không khớp với tệp gốc nên không được dùng; tệp không thay đổi.", *problems[:3])


def self_check(folder: Path) -> list[str]:
    """What the built program's self-test asks of SQLCipher ([] when it all works)."""
    from commune_app.store import cipher_check

    return cipher_check.problems(Path(folder))
