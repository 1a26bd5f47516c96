"""Issue 15, case 9: the lockout holds in read-only mode; unknown names and wrong passwords
cost the same work and get the same answer; new hashes at scrypt N=2^17, old ones upgraded."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from commune_app.errors import Refused
from commune_app.ops import accounts
from commune_app.ops.context import SYSTEM, open_session
from commune_app.store import users as user_store

pytestmark = pytest.mark.hostile
NOW = dt.datetime(2026, 11, 20, 9, 0)


@pytest.fixture
def admin_file(session, db_path):
    accounts.create_user(session, "quantri", "mat khau dai 1", "admin")
    session.close()
    return db_path


def test_the_lockout_holds_in_read_only_mode(admin_file):
    reader = open_session(admin_file, read_only=True, actor=SYSTEM)
    try:
        for _ in range(accounts.MAX_ATTEMPTS):
            with pytest.raises(Refused):
                accounts.authenticate(reader, "quantri", "sai", now=NOW)
        with pytest.raises(Refused, match="tạm khóa"):
            accounts.authenticate(reader, "quantri", "mat khau dai 1", now=NOW + dt.timedelta(minutes=1))
        assert (
            accounts.authenticate(reader, "quantri", "mat khau dai 1", now=NOW + dt.timedelta(minutes=6)).role
            == "admin"
        )
    finally:
        reader.close()


def test_unknown_names_cost_the_same_work_and_get_the_same_answers(admin_file, monkeypatch):
    session = open_session(admin_file, actor=SYSTEM)
    calls: list[int] = []
    real = hashlib.scrypt

    def counting(*args, **kwargs):
        calls.append(kwargs["n"])
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    try:
        answers = {}
        for name in ("quantri", "khong-co-ai"):
            messages = []
            for _ in range(accounts.MAX_ATTEMPTS + 1):
                calls.clear()
                with pytest.raises(Refused) as caught:
                    accounts.authenticate(session, name, "sai", now=NOW)
                messages.append(str(caught.value).replace(name, "TÊN"))
                work = list(calls)
            answers[name] = (messages, work)
        assert answers["quantri"][0] == answers["khong-co-ai"][0]
        calls.clear()
        with pytest.raises(Refused):
            accounts.authenticate(session, "khong-co-ai-2", "sai", now=NOW)
        decoy = list(calls)
        calls.clear()
        with pytest.raises(Refused):
            accounts.authenticate(session, "quantri", "sai", now=NOW + dt.timedelta(minutes=6))
        assert [n for n in decoy if n == accounts.SCRYPT_N] and calls == [accounts.SCRYPT_N]
    finally:
        session.close()


def test_new_hashes_use_current_guidance_and_old_ones_are_upgraded(session, monkeypatch):
    assert accounts.SCRYPT_N == 2**10  # lowered for the tests by conftest; production below
    import importlib

    source = importlib.util.find_spec("commune_app.ops.accounts").origin
    assert "SCRYPT_N = 2**17" in Path(source).read_text(encoding="utf-8")
    accounts.create_user(session, "quantri", "mat khau dai 1", "admin")
    old = user_store.by_username(session.store, "quantri")["password_hash"]
    assert old.split("$")[1] == str(2**10)
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**11)  # guidance moved on
    accounts.authenticate(session, "quantri", "mat khau dai 1")
    new = user_store.by_username(session.store, "quantri")["password_hash"]
    assert new.split("$")[1] == str(2**11) and accounts.verify_password("mat khau dai 1", new)


@pytest.mark.parametrize("weak", ["", "1234567", "ba từ"])
def test_short_account_passwords_are_refused_saying_why(session, weak):
    with pytest.raises(Refused, match=r"8 ký tự|trống"):
        accounts.create_user(session, "quantri", weak, "admin")
