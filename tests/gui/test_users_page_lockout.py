"""Người dùng page: a lockout shows only while it lasts."""

from __future__ import annotations

import datetime as dt

import pytest

from commune_app.errors import Refused
from commune_app.ops import accounts
from commune_app.settings import Settings
from ui.shell.context import UiContext


def test_lockout_shown_only_while_it_lasts(session, qtbot, tmp_path):
    from ui.accounts.users_page import UsersPage

    accounts.create_user(session, "quantri", "matkhau1", "admin")
    accounts.create_user(session, "canbo", "matkhau2", "clerk")
    long_ago = dt.datetime.now() - dt.timedelta(hours=2)
    for when in (long_ago, dt.datetime.now()):
        for _ in range(accounts.MAX_ATTEMPTS):
            with pytest.raises(Refused):
                accounts.authenticate(session, "canbo", "sai", now=when)
        page = UsersPage(UiContext(session, Settings(tmp_path / "cai-dat.json")))
        qtbot.addWidget(page)
        row = [u["username"] for u in page._users].index("canbo")
        state = page.table.item(row, 4).text()
        assert ("tạm khóa" in state) == (when is not long_ago)
