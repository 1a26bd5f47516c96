"""Deleting a person (to the recoverable bin) from a list or from their window."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from commune_app.errors import Refused
from commune_app.ops import people as people_ops
from ui import errors
from ui.context import UiContext


def ask_reason(parent: QWidget | None, text: str) -> str | None:
    """The reason for deleting, or None when the clerk cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Xóa hồ sơ")
    dialog.setLabelText(text)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setOkButtonText("Xóa")
    dialog.setCancelButtonText("Hủy")
    dialog.resize(460, dialog.sizeHint().height())
    if not dialog.exec():
        return None
    return dialog.textValue()


def delete_person(ctx: UiContext, parent: QWidget | None, person_id: int, name: str) -> bool:
    """Ask first (with the reason), then move the person to the bin; True when done."""
    while True:
        reason = ask_reason(parent, f"Xóa hồ sơ của {name}?\nHồ sơ được chuyển vào Thùng rác và có thể "
                                    "khôi phục lại.\n\nLý do xóa (bắt buộc):")
        if reason is None:
            return False
        if reason.strip():
            break
    try:
        people_ops.delete_person(ctx.session, person_id, reason)
    except Refused as exc:
        errors.show_refused(parent, exc, "Không xóa được")
        return False
    ctx.notify("person", person_id)
    return True
