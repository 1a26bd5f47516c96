"""What the window's status bar says about the open file: its committee."""

from __future__ import annotations

from commune_app.ops.context import Session
from commune_app.store import profile


def committee_title(session: Session) -> str:
    """'Đảng ủy xã Nà Hang' from the committee profile; '' until the profile is filled in."""
    data = profile.get_profile(session.store)
    name = (data.get("committee_name") or "").strip()
    if name:
        return name
    commune = (data.get("commune") or "").strip()
    return f"Đảng ủy {commune}" if commune else ""
