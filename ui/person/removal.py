"""Deleting a person (to the recoverable bin) from a list or from their window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from commune_app.errors import Refused
from commune_app.ops import people as people_ops
from ui.kit.vn_buttons import ask_reason
from ui.shell import errors
from ui.shell.context import UiContext


def delete_person(ctx: UiContext, parent: QWidget | None, person_id: int, name: str) -> bool:
    """Ask first (with the reason), then move the person to the bin; True when done."""
    while True:
        reason = ask_reason(
            parent,
            "Xóa hồ sơ",
            f"Xóa hồ sơ của {name}?\nHồ sơ được chuyển vào Thùng rác và có thể khôi phục lại.\n\nLý do xóa (bắt buộc):",
            ok_text="Xóa",
        )
        if reason is None:
            return False
        if reason.strip():
            break
    try:
        people_ops.delete_person(ctx.session, person_id, reason)
    except Refused as exc:
        errors.show_refused(parent, exc, "Không xóa được")
        return False
    return True
