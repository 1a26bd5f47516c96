"""Accounts: who may sign in, with which role, restricted to which cell.

Passwords are stored as scrypt hashes with a random salt (N=2^17, r=8, p=1: current guidance;
older, cheaper hashes are upgraded at the next sign-in). Five wrong attempts lock the account
for five minutes, counted in the file when it is writable and in the session otherwise. An
unknown name costs the same work and gets the same answer as a wrong password, so names
cannot be told apart. The first account of a file is an administrator.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any, TypeVar

from commune_app.errors import NotAllowed, Refused
from commune_app.ops.context import ROLE_LABELS, Actor, Session
from commune_app.safety import crypto, keyslots
from commune_app.store import users as user_store
from commune_app.store.db import Store

T = TypeVar("T")
MAX_ATTEMPTS = 5
LOCKOUT = dt.timedelta(minutes=5)
MIN_PASSWORD = crypto.MIN_LENGTH
SCRYPT_N = 2**17  # the cost of new hashes (the tests lower it for speed)
_R, _P = 8, 1
_MAXMEM = 256 * 1024 * 1024  # scrypt needs 128·r·N bytes: 128 MiB at N=2^17


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    import hashlib  # here: a command that signs nobody in starts without it

    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=_MAXMEM)


def _base64_text(raw: bytes) -> str:
    import base64  # with struct and binascii, here for the same reason as hashlib

    return base64.b64encode(raw).decode()


def _from_base64(text: str) -> bytes:
    import base64

    return base64.b64decode(text)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = _scrypt(password, salt, SCRYPT_N, _R, _P, 32)
    return f"scrypt${SCRYPT_N}${_R}${_P}${_base64_text(salt)}${_base64_text(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        expected = _from_base64(digest)
        actual = _scrypt(password, _from_base64(salt), int(n), int(r), int(p), len(expected))
    except (ValueError, TypeError):
        return False
    import hmac

    return hmac.compare_digest(actual, expected)


def _outdated(stored: str) -> bool:
    """A hash made with less work than new hashes get (upgraded at the next sign-in)."""
    try:
        return int(stored.split("$")[1]) < SCRYPT_N
    except (IndexError, ValueError):
        return True


def _decoy_hash() -> str:
    """A hash of nothing, checked for an unknown name so that it takes as long as a real one."""
    key = SCRYPT_N
    if key not in _DECOYS:
        _DECOYS[key] = hash_password(_base64_text(os.urandom(12)))
    return _DECOYS[key]


_DECOYS: dict[int, str] = {}


def _check_password(password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise Refused(problem)


def username_problem(username: str) -> str | None:
    """Why a login name cannot be used, or None (asked by the first-start wizard too)."""
    username = username.strip()
    if not username or any(ch.isspace() for ch in username):
        return "Tên đăng nhập không được để trống hoặc chứa dấu cách"
    return None


def password_problem(password: str) -> str | None:
    return crypto.password_problem(password)


def needs_first_admin(store: Store) -> bool:
    return user_store.count(store) == 0


def must_change_password(store: Store, username: str) -> bool:
    user = user_store.by_username(store, username)
    return bool(user and user["must_change_password"])


def create_user(
    session: Session, username: str, password: str, role: str, *, full_name: str = "", cell_id: int | None = None
) -> int:
    """The administrator creates accounts; the very first account (an administrator) needs no one."""
    first = needs_first_admin(session.store)
    if first and role != "admin":
        raise Refused("Tài khoản đầu tiên phải là tài khoản quản trị")
    if not first:
        session.require_admin()
    username = username.strip()
    problem = username_problem(username)
    if problem:
        raise Refused(problem)
    if role not in ROLE_LABELS:
        raise Refused(f"Vai trò “{role}” không hợp lệ (admin, clerk, viewer)")
    if user_store.by_username(session.store, username):
        raise Refused(f"Tên đăng nhập “{username}” đã có")
    _check_password(password)
    with session.write() as audit:
        user_id = user_store.insert(
            session.store,
            audit,
            {
                "username": username,
                "full_name": full_name.strip(),
                "role": role,
                "cell_id": cell_id,
                "password_hash": hash_password(password),
            },
        )
        _set_slot(session, username, password)
        return user_id


def _set_slot(session: Session, username: str, password: str | None) -> None:
    """An encrypted file's key slot follows the account's password (None: the account loses it).
    Called inside the account's write: a slot file that cannot be written rolls the change back."""
    store = session.store
    if store.key is None:
        return
    slots = keyslots.load(store.path) or keyslots.KeySlots()
    if password is None:
        keyslots.save(store.path, slots.without_account(username))
    else:
        keyslots.save(store.path, slots.with_account(store.key, username, password))


def has_slot(session: Session, username: str) -> bool:
    """Whether the account can open the encrypted file (always True for a plain file)."""
    if session.store.key is None:
        return True
    slots = keyslots.load(session.store.path)
    return slots is not None and slots.account(username) is not None


def password_matches(session: Session, username: str, password: str) -> bool:
    """A check of an account's own password (turning encryption on asks for it), nothing counted."""
    user = user_store.by_username(session.store, username)
    return user is not None and verify_password(password, user["password_hash"])


def authenticate(session: Session, username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """Sign in. Wrong passwords are counted in the file so a restart does not reset them; in a
    file opened read-only they are counted in the session, and the lockout holds the same."""
    now = now or dt.datetime.now()
    key = username.strip().casefold()
    user = user_store.by_username(session.store, username.strip()) or {}
    known = bool(user) and bool(user["active"])
    count_in_file = known and not session.store.read_only
    failures, locked_until = (
        (user["failed_attempts"], user["locked_until"])
        if count_in_file
        else session.sign_in_failures.get(key, (0, None))
    )
    for until in (locked_until, user["locked_until"] if known else None):  # a lockout in the file holds too
        if until and dt.datetime.fromisoformat(until) > now:
            raise Refused(_locked_message(until))
    ok = verify_password(password, user["password_hash"] if known else _decoy_hash()) and known
    attempts = 0 if ok else failures + 1
    locked = (now + LOCKOUT).isoformat(timespec="seconds") if attempts >= MAX_ATTEMPTS else None
    if count_in_file:
        with session.store.write(user["username"]) as audit:
            changes: dict[str, Any] = {"failed_attempts": 0 if locked else attempts, "locked_until": locked}
            if ok and _outdated(user["password_hash"]):
                changes["password_hash"] = hash_password(password)
            user_store.update(session.store, None, user["id"], changes, "")
            if ok:
                audit.record("login", "user", user["id"], summary=f"Đăng nhập: {user['username']}")
            else:
                audit.record("login_failed", "user", user["id"], summary=f"Đăng nhập sai: {user['username']}")
    else:
        session.sign_in_failures[key] = (0 if locked else attempts, locked)
    if not ok:
        raise Refused("Sai tên đăng nhập hoặc mật khẩu", _locked_message(locked) if locked else "")
    return Actor(username=user["username"], role=user["role"], cell_id=user["cell_id"], full_name=user["full_name"])


def counted_outside_file(
    failures: dict[str, tuple[int, str | None]],
    username: str,
    attempt: Callable[[], T],
    *,
    now: dt.datetime | None = None,
) -> T:
    """``attempt`` (unlocking an encrypted file's key), its failures counted in ``failures``, where
    the file cannot count them: refused while locked out, locked after the fifth wrong try."""
    now = now or dt.datetime.now()
    key = username.strip().casefold()
    tries, locked_until = failures.get(key, (0, None))
    if locked_until and dt.datetime.fromisoformat(locked_until) > now:
        raise Refused(_locked_message(locked_until))
    try:
        result = attempt()
    except Refused as exc:
        tries += 1
        locked = (now + LOCKOUT).isoformat(timespec="seconds") if tries >= MAX_ATTEMPTS else None
        failures[key] = (0 if locked else tries, locked)
        raise Refused(*exc.reasons, _locked_message(locked) if locked else "") from None
    failures.pop(key, None)
    return result


def _locked_message(locked_until: str) -> str:
    until = dt.datetime.fromisoformat(locked_until).strftime("%H:%M:%S")
    return f"Tài khoản tạm khóa do nhập sai mật khẩu {MAX_ATTEMPTS} lần; thử lại sau {until}"


def reset_password(
    session: Session, username: str, new_password: str, *, must_change: bool = True, admin_only: bool = False
) -> None:
    """An administrator sets someone's password, to be changed at their next sign-in
    (``must_change``); ``admin_only``: the account must be an administrator's (the recovery key
    gives back an administrator, never a new way into a lesser account)."""
    session.require_admin()
    user = user_store.by_username(session.store, username)
    if user is None or (admin_only and (user["role"] != "admin" or not user["active"])):
        raise Refused(f"Không có tài khoản quản trị “{username}”" if admin_only else f"Không có tài khoản “{username}”")
    _check_password(new_password)
    with session.write() as audit:
        user_store.update(
            session.store,
            audit,
            user["id"],
            {
                "password_hash": hash_password(new_password),
                "failed_attempts": 0,
                "locked_until": None,
                "must_change_password": 1 if must_change else 0,
            },
            f"Đặt lại mật khẩu cho {username}",
        )
        _set_slot(session, user["username"], new_password)


def change_own_password(session: Session, old_password: str, new_password: str) -> None:
    user = user_store.by_username(session.store, session.actor.username)
    if user is None or not verify_password(old_password, user["password_hash"]):
        raise Refused("Mật khẩu hiện tại không đúng")
    _check_password(new_password)
    with session.write() as audit:
        user_store.update(
            session.store,
            audit,
            user["id"],
            {"password_hash": hash_password(new_password), "must_change_password": 0},
            f"{user['username']} đổi mật khẩu",
        )
        _set_slot(session, user["username"], new_password)


def update_user(
    session: Session,
    username: str,
    *,
    role: str | None = None,
    cell_id: int | str | None = "keep",
    active: bool | None = None,
    full_name: str | None = None,
) -> None:
    session.require_admin()
    user = user_store.by_username(session.store, username)
    if user is None:
        raise Refused(f"Không có tài khoản “{username}”")
    values: dict[str, Any] = {}
    if role is not None:
        if role not in ROLE_LABELS:
            raise Refused(f"Vai trò “{role}” không hợp lệ")
        values["role"] = role
    if cell_id != "keep":
        values["cell_id"] = cell_id
    if active is not None:
        values["active"] = 1 if active else 0
    if full_name is not None:
        values["full_name"] = full_name.strip()
    if user["username"] == session.actor.username and (
        values.get("role", "admin") != "admin" or values.get("active") == 0
    ):
        raise NotAllowed("Không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản đang dùng")
    with session.write() as audit:
        user_store.update(session.store, audit, user["id"], values, f"Sửa tài khoản {username}")
        if values.get("active") == 0:  # a locked account must not open the encrypted file with a copy of the program
            _set_slot(session, user["username"], None)


def list_users(session: Session) -> list[dict[str, Any]]:
    session.require_admin()
    return user_store.all_users(session.store)
