"""Creating the first data file: a refusal leaves no half-made file behind."""

from __future__ import annotations

import pytest

from commune_app.errors import Refused
from commune_app.ops import accounts
from commune_app.ops.setup import create_data_file


@pytest.mark.parametrize(
    ("username", "profile"),
    [
        ("Nguyễn Văn A", {"committee_name": "ĐẢNG ỦY XÃ BA SƠN"}),  # a login name with spaces
        ("quantri", {"committee_name": "ĐẢNG ỦY XÃ BA SƠN", "short_code": "  "}),  # refused after the admin exists
    ],
)
def test_refused_setup_leaves_no_file_and_the_same_name_works_after(tmp_path, username, profile):
    path = tmp_path / "dữ liệu.sqlite"
    with pytest.raises(Refused):
        create_data_file(path, profile, admin_username=username, admin_password="matkhau1")
    assert not path.exists() and list(tmp_path.iterdir()) == []
    session = create_data_file(
        path, {"committee_name": "ĐẢNG ỦY XÃ BA SƠN"}, admin_username="quantri", admin_password="matkhau1"
    )
    try:
        assert session.actor.is_admin
    finally:
        session.close()


def test_username_and_password_problems_are_the_rules_create_user_applies():
    assert accounts.username_problem("Nguyễn Văn A") and accounts.username_problem("  ")
    assert accounts.username_problem("quantri") is None
    assert accounts.password_problem("1234567") and accounts.password_problem("12345678") is None
