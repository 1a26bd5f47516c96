"""Login, first administrator, backup page, audit page, settings, first start and help."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from commune_app.ops import accounts
from commune_app.ops import settings as settings_ops
from commune_app.safety import backups
from commune_app.settings import Settings
from tests.factories import make_cell, make_person
from tests.gui.qt_typing import type_text
from ui.kit import vn_buttons
from ui.shell.context import UiContext
from ui.shell.tasks import TaskRunner


@pytest.fixture
def ctx(session, tmp_path, qtbot):
    settings = Settings(tmp_path / "cai-dat.json")
    settings.set("backup_dir", str(tmp_path / "sao-luu"))
    context = UiContext(session, settings)
    context.tasks = TaskRunner(None)
    return context


def _wait_idle(qtbot, ctx):
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=15000)


def test_login_dialog_refuses_wrong_password_then_signs_in(session, qtbot):
    from ui.shell.login import LoginDialog

    accounts.create_user(session, "quantri", "matkhau1", "admin", full_name="Hoàng Văn Quản")
    dialog = LoginDialog(lambda name, password: accounts.authenticate(session, name, password))
    qtbot.addWidget(dialog)
    type_text(dialog.username, "quantri")
    type_text(dialog.password, "sai-mat-khau")
    dialog.try_login()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Sai tên đăng nhập hoặc mật khẩu" in dialog.error.text()
    type_text(dialog.password, "matkhau1")
    dialog.try_login()
    assert dialog.actor is not None and dialog.actor.username == "quantri"


def test_first_admin_dialog_creates_the_administrator(session, qtbot):
    from commune_app.ops.opening import create_first_admin
    from ui.shell.login import FirstAdminDialog

    dialog = FirstAdminDialog(lambda name, password, full_name: create_first_admin(session, name, password, full_name))
    qtbot.addWidget(dialog)
    type_text(dialog.full_name, "Lý Thị Quản Trị")
    type_text(dialog.password, "matkhau1")
    type_text(dialog.again, "matkhau2")
    dialog.create()
    assert "không giống nhau" in dialog.error.text() and accounts.needs_first_admin(session.store)
    dialog.again.clear()
    type_text(dialog.again, "matkhau1")
    dialog.create()
    assert dialog.actor is not None and dialog.actor.is_admin
    assert not accounts.needs_first_admin(session.store)


def test_backup_page_backs_up_and_lists(ctx, qtbot, tmp_path, monkeypatch):
    from ui.backup.page import BackupPage

    make_person(ctx.session, "Nông Thị Hoa", gender="F")
    monkeypatch.setattr(vn_buttons, "inform", lambda *a, **k: None)
    page = BackupPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.table.rowCount() == 0
    assert page.empty_label.isVisible() and "Chưa có bản sao lưu nào" in page.empty_label.text()
    page.backup_now()
    _wait_idle(qtbot, ctx)
    assert page.table.rowCount() == 1
    assert not page.empty_label.isVisible()
    assert "Thủ công" in page.table.item(0, 1).text()
    assert backups.inspect(backups.list_backups(tmp_path / "sao-luu")[0].path).summary["people"] == 1


def test_audit_page_filters_by_person_without_diacritics(ctx, qtbot):
    from ui.accounts.audit_page import AuditPage

    cell = make_cell(ctx.session)
    make_person(ctx.session, "Nguyễn Văn An", cell_id=cell)
    make_person(ctx.session, "Hoàng Thị Bình", cell_id=cell)
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 3
    type_text(page.person, "hoang thi binh")
    page.refresh()
    assert page.table.rowCount() == 1 and page.table.item(0, 3).text() == "Hoàng Thị Bình"
    page.table.setCurrentCell(0, 0)
    assert "Họ và tên: (trống) → Hoàng Thị Bình" in page.detail.toPlainText()


def test_settings_dialog_saves_profile_and_margins(ctx, qtbot):
    from ui.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.profile_fields["committee_name"].clear()
    type_text(dialog.profile_fields["committee_name"], "ĐẢNG ỦY XÃ BA SƠN")
    dialog.margins["left"].setValue(35)
    dialog.threshold.setValue(75)
    dialog.submit()
    assert settings_ops.get_profile(ctx.session)["committee_name"] == "ĐẢNG ỦY XÃ BA SƠN"
    assert settings_ops.commune_settings(ctx.session)["attendance_threshold"] == 0.75
    assert Settings(ctx.settings.path).get("document_margins_mm")["left"] == 35


def test_first_start_wizard_creates_a_working_profile(qtbot, tmp_path):
    from commune_app.ops.setup import create_data_file
    from ui.shell.first_run import FirstRunWizard

    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    page = wizard.profile_page
    type_text(page.fields["province"], "Lạng Sơn")
    page._suggest()
    type_text(page.fields["commune"], "Ba Sơn")
    page._suggest()
    assert page.fields["committee_name"].text() == "ĐẢNG ỦY XÃ BA SƠN"
    assert page.fields["upper_body"].text() == "ĐẢNG BỘ TỈNH LẠNG SƠN"
    type_text(wizard.admin_page.password, "matkhau1")
    type_text(wizard.admin_page.again, "matkhau1")
    assert wizard.admin_page.validatePage()
    target = tmp_path / "Tài liệu" / "dữ liệu xã.sqlite"
    wizard.places_page.data_file.setText(str(target))
    wizard.places_page.backup_dir.setText(str(tmp_path / "Tài liệu" / "sao lưu"))
    assert wizard.places_page.validatePage()
    choices = wizard.choices()
    session = create_data_file(
        choices.data_file, choices.profile, admin_username=choices.admin_username, admin_password=choices.admin_password
    )
    try:
        assert settings_ops.get_profile(session)["place_name"] == "Ba Sơn"
        assert session.store.path.name == "dữ liệu xã.sqlite"
    finally:
        session.close()


def test_help_opens_with_guide_rules_and_about(session, qtbot):
    from ui.shell.help import HelpDialog

    dialog = HelpDialog(session.rules.id)
    qtbot.addWidget(dialog)
    texts = [dialog.tabs.widget(i).toPlainText() for i in range(dialog.tabs.count())]
    assert "Thêm một người vào danh sách" in texts[0]
    assert "AGE-MIN" in texts[1] and "Quy định 294-QĐ/TW" in texts[1]
    assert "SIL Open Font License" in texts[2]


def test_password_reset_forces_a_new_password_at_sign_in(session, db_path, qtbot, monkeypatch):
    from ui.shell import login
    from ui.shell.startup import open_in_window

    accounts.create_user(session, "quantri", "matkhau1", "admin")
    accounts.create_user(session, "canbo", "matkhau2", "clerk")
    accounts.reset_password(session, "canbo", "tam-thoi-1")

    def fake_login_exec(dialog):
        type_text(dialog.username, "canbo")
        type_text(dialog.password, "tam-thoi-1")
        dialog.try_login()
        return dialog.result()

    def fake_change_exec(dialog):
        type_text(dialog.old, "tam-thoi-1")
        type_text(dialog.new, "rieng-cua-toi")
        type_text(dialog.again, "rieng-cua-toi")
        dialog.change()
        return dialog.result()

    monkeypatch.setattr(login.LoginDialog, "exec", fake_login_exec)
    monkeypatch.setattr(login.ChangePasswordDialog, "exec", fake_change_exec)
    opened = open_in_window(db_path, None, create=False)
    assert opened is not None
    try:
        assert opened.session.actor.username == "canbo"
    finally:
        opened.close()
    assert not accounts.must_change_password(session.store, "canbo")
    assert accounts.authenticate(session, "canbo", "rieng-cua-toi").username == "canbo"
