"""One way to say why something was not done: the operation's Vietnamese reasons, under the
title that fits (a permission is "Không có quyền", a rule of the party "Chưa ghi được").
A message box shows them through ``ui.shell.errors.show_refused``; a form, in its error line."""

from __future__ import annotations

from commune_app.errors import NotAllowed, Refused

PERMISSION_TITLE = "Không có quyền"
RULE_TITLE = "Chưa ghi được"


def refusal_title(exc: Refused, doing: str = RULE_TITLE) -> str:
    return PERMISSION_TITLE if isinstance(exc, NotAllowed) else doing


def refusal_text(exc: Refused) -> str:
    """The reasons, one per line; a permission refusal says so first."""
    reasons = "\n".join(exc.reasons) or "Thao tác bị từ chối."
    return f"{PERMISSION_TITLE}: {reasons}" if isinstance(exc, NotAllowed) else reasons
