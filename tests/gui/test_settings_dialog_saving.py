"""The settings dialog: a refused value keeps everything as it was; a new idle delay applies at once."""

from __future__ import annotations

from commune_app.ops import settings as settings_ops
from tests.gui.qt_typing import type_text
from tests.gui.shell_fixtures import ctx, dialogs, main_window  # noqa: F401 - fixtures


def test_refused_signer_line_leaves_the_profile_unchanged(ctx, dialogs, qtbot):
    from ui.shell.settings_dialog import SettingsDialog

    settings_ops.save_profile(ctx.session, {"committee_name": "ĐẢNG ỦY XÃ BA SƠN"})
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.profile_fields["committee_name"].clear()
    type_text(dialog.profile_fields["committee_name"], "ĐẢNG ỦY XÃ YÊN HOA")
    dialog.report_authority.clear()  # refused: the reports need their signature line
    dialog.submit()
    assert "không được để trống" in dialog.error.text()  # in the dialog's error line; the dialog stays
    assert dialog.result() != dialog.DialogCode.Accepted
    assert settings_ops.get_profile(ctx.session)["committee_name"] == "ĐẢNG ỦY XÃ BA SƠN"
    type_text(dialog.report_authority, "T/M BAN THƯỜNG VỤ")
    dialog.submit()
    assert settings_ops.get_profile(ctx.session)["committee_name"] == "ĐẢNG ỦY XÃ YÊN HOA"


def test_new_idle_lock_delay_applies_without_restarting(main_window):
    from ui.shell.login import IdleLock

    window = main_window
    window._guard = True  # as in the program: the idle lock runs
    window.ctx.settings.set("idle_lock_minutes", 15)
    window._start_guards()

    def idle_limit() -> int:
        return next(g for g in window._guards if isinstance(g, IdleLock)).limit

    assert idle_limit() == 15 * 60
    window.ctx.settings.set("idle_lock_minutes", 2)
    window.ctx.settings.save()  # saving tells the window; nobody sends a notice by hand
    assert idle_limit() == 2 * 60
