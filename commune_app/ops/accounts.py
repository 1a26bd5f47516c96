"""Accounts: who may sign in, with which role, restricted to which cell.

Passwords are stored as scrypt hashes with a random salt. Five wrong attempts lock the
account for five minutes. The first account of a file is an administrator.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
from typing import Any

from commune_app.errors import NotAllowed, Refused
from commune_app.ops.context import ROLE_LABELS, Actor, Session
from commune_app.store import users as user_store
from commune_app.store.db import Store

MAX_ATTEMPTS = 5
LOCKOUT = dt.timedelta(minutes=5)
MIN_PASSWORD = 6
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


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
    return f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự" if len(password) < MIN_PASSWORD else None


def needs_first_admin(store: Store) -> bool:
    return user_store.count(store) == 0


def must_change_password(store: Store, username: str) -> bool:
    user = user_store.by_username(store, username)
    return bool(user and user["must_change_password"])


def create_user(session: Session, username: str, password: str, role: str, *, full_name: str = "",
                cell_id: int | None = None) -> int:
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
        return user_store.insert(session.store, audit, {
            "username": username, "full_name": full_name.strip(), "role": role, "cell_id": cell_id,
            "password_hash": hash_password(password)})


def authenticate(session: Session, username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """Sign in; wrong passwords are counted in the file so a restart does not reset them."""
    now = now or dt.datetime.now()
    user = user_store.by_username(session.store, username.strip())
    if user is None or not user["active"]:
        raise Refused("Sai tên đăng nhập hoặc mật khẩu")
    if user["locked_until"] and dt.datetime.fromisoformat(user["locked_until"]) > now:
        raise Refused(_locked_message(user["locked_until"]))
    ok = verify_password(password, user["password_hash"])
    locked = None
    # A file opened read-only (another program holds it) cannot count attempts or keep the
    # login in the audit; the password is still checked and an existing lockout still holds.
    if not session.store.read_only:
        with session.store.write(user["username"]) as audit:
            if ok:
                user_store.update(session.store, None, user["id"], {"failed_attempts": 0, "locked_until": None}, "")
                audit.record("login", "user", user["id"], summary=f"Đăng nhập: {user['username']}")
            else:
                attempts = user["failed_attempts"] + 1
                locked = (now + LOCKOUT).isoformat(timespec="seconds") if attempts >= MAX_ATTEMPTS else None
                user_store.update(session.store, None, user["id"],
                                  {"failed_attempts": 0 if locked else attempts, "locked_until": locked}, "")
                audit.record("login_failed", "user", user["id"], summary=f"Đăng nhập sai: {user['username']}")
    if not ok:
        raise Refused("Sai tên đăng nhập hoặc mật khẩu", _locked_message(locked) if locked else "")
    return Actor(username=user["username"], role=user["role"], cell_id=user["cell_id"], full_name=user["full_name"])


def _locked_message(locked_until: str) -> str:
    until = dt.datetime.fromisoformat(locked_until).strftime("%H:%M:%S")
    return f"Tài khoản tạm khóa do nhập sai mật khẩu {MAX_ATTEMPTS} lần; thử lại sau {until}"


def reset_password(session: Session, username: str, new_password: str) -> None:
    session.require_admin()
    user = user_store.by_username(session.store, username)
    if user is None:
        raise Refused(f"Không có tài khoản “{username}”")
    _check_password(new_password)
    with session.write() as audit:
        user_store.update(session.store, audit, user["id"], {
            "password_hash": hash_password(new_password), "failed_attempts": 0, "locked_until": None,
            "must_change_password": 1}, f"Đặt lại mật khẩu cho {username}")


def change_own_password(session: Session, old_password: str, new_password: str) -> None:
    user = user_store.by_username(session.store, session.actor.username)
    if user is None or not verify_password(old_password, user["password_hash"]):
        raise Refused("Mật khẩu hiện tại không đúng")
    _check_password(new_password)
    with session.write() as audit:
        user_store.update(session.store, audit, user["id"], {
            "password_hash": hash_password(new_password), "must_change_password": 0},
            f"{user['username']} đổi mật khẩu")


def update_user(session: Session, username: str, *, role: str | None = None, cell_id: int | str | None = "keep",
                active: bool | None = None, full_name: str | None = None) -> None:
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
    if user["username"] == session.actor.username and (values.get("role", "admin") != "admin" or values.get("active") == 0):
        raise NotAllowed("Không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản đang dùng")
    with session.write() as audit:
        user_store.update(session.store, audit, user["id"], values, f"Sửa tài khoản {username}")


def list_users(session: Session) -> list[dict[str, Any]]:
    session.require_admin()
    return user_store.all_users(session.store)
