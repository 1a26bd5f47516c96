"""A file opened read-only (another program holds it): signing in works, restoring is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from commune_app.errors import NotAllowed, Refused
from commune_app.ops import accounts
from commune_app.ops import backup as backup_ops
from commune_app.ops.context import SYSTEM, Actor, open_session


def test_read_only_file_lets_users_sign_in_without_writing(session, db_path):
    accounts.create_user(session, "quantri", "matkhau1", "admin")
    audit_rows = session.store.scalar("SELECT count(*) FROM audit")
    reader = open_session(db_path, read_only=True, actor=SYSTEM)
    try:
        assert accounts.authenticate(reader, "quantri", "matkhau1").role == "admin"
        with pytest.raises(Refused, match="Sai tên đăng nhập"):
            accounts.authenticate(reader, "quantri", "sai-mat-khau")
    finally:
        reader.close()
    assert session.store.scalar("SELECT count(*) FROM audit") == audit_rows


def test_read_only_file_keeps_an_existing_lockout(session, db_path):
    accounts.create_user(session, "quantri", "matkhau1", "admin")
    now = dt.datetime.now()
    for _ in range(accounts.MAX_ATTEMPTS):
        with pytest.raises(Refused):
            accounts.authenticate(session, "quantri", "sai", now=now)
    reader = open_session(db_path, read_only=True, actor=SYSTEM)
    try:
        with pytest.raises(Refused, match="tạm khóa"):
            accounts.authenticate(reader, "quantri", "matkhau1", now=now)
    finally:
        reader.close()


def test_fifth_wrong_password_says_the_account_is_now_locked(session):
    accounts.create_user(session, "quantri", "matkhau1", "admin")
    now = dt.datetime(2026, 11, 20, 9, 0)
    for _ in range(accounts.MAX_ATTEMPTS - 1):
        with pytest.raises(Refused) as caught:
            accounts.authenticate(session, "quantri", "sai", now=now)
        assert caught.value.reasons == ["Sai tên đăng nhập hoặc mật khẩu"]
    with pytest.raises(Refused) as caught:
        accounts.authenticate(session, "quantri", "sai", now=now)
    assert caught.value.reasons[0] == "Sai tên đăng nhập hoặc mật khẩu"
    assert "tạm khóa" in caught.value.reasons[1] and "09:05:00" in caught.value.reasons[1]


def test_restore_is_refused_in_a_read_only_file(session, db_path):
    accounts.create_user(session, "quantri", "matkhau1", "admin")
    reader = open_session(db_path, read_only=True, actor=Actor("quantri", "admin"))
    try:
        with pytest.raises(NotAllowed, match="chỉ đọc"):
            backup_ops.require_restore_right(reader)
    finally:
        reader.close()
    backup_ops.require_restore_right(session)  # the writing program may restore
