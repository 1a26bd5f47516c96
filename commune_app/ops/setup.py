"""Setting up a new data file on the first start: the administrator, then the profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from commune_app.errors import FileRefused
from commune_app.ops import accounts
from commune_app.ops import settings as settings_ops
from commune_app.ops.context import SYSTEM, Session, open_session


def create_data_file(
    path: Path, profile: dict[str, Any], *, admin_username: str, admin_password: str, admin_full_name: str = ""
) -> Session:
    """A new file with its administrator and committee profile; the session signed in as that admin."""
    path = Path(path)
    if path.exists():
        raise FileRefused(f"Tệp {path} đã có; chương trình không ghi đè tệp dữ liệu.")
    session = open_session(path, create=True, actor=SYSTEM)
    try:
        accounts.create_user(session, admin_username, admin_password, "admin", full_name=admin_full_name)
        session.actor = accounts.authenticate(session, admin_username, admin_password)
        session.store.user = session.actor.username
        settings_ops.save_profile(session, {k: v for k, v in profile.items() if v not in (None, "")})
    except BaseException:
        session.close()
        # a half-made file would make the next try refuse the same name ("đã có")
        for made in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            made.unlink(missing_ok=True)
        raise
    return session
