"""The first start on a new computer: wizard → data file with profile and administrator."""

from __future__ import annotations

from pathlib import Path

import pytest

from commune_app import places
from commune_app.ops import people as people_ops
from commune_app.ops import settings as settings_ops
from commune_app.settings import Settings
from tests.gui.qt_typing import type_text
from ui.shell import first_run, first_start


def _answer_wizard(monkeypatch, tmp_path, start: str, *, encrypt: bool = False) -> None:
    def fake_exec(wizard):
        page = wizard.profile_page
        type_text(page.fields["province"], "Lạng Sơn")
        type_text(page.fields["commune"], "Ba Sơn")
        page._suggest()
        type_text(wizard.admin_page.password, "matkhau1")
        type_text(wizard.admin_page.again, "matkhau1")
        wizard.places_page.data_file.setText(str(tmp_path / "Tài liệu" / "dữ liệu.sqlite"))
        wizard.places_page.backup_dir.setText(str(tmp_path / "Tài liệu" / "sao lưu"))
        assert wizard.admin_page.validatePage() and wizard.places_page.validatePage()
        assert wizard.places_page.encrypt.isVisibleTo(wizard.places_page) and not wizard.places_page.encrypt.isChecked()
        wizard.places_page.encrypt.setChecked(encrypt)  # opt-in
        for button in wizard.start_page.group.buttons():
            button.setChecked(button.property("choice") == start)
        return 1

    monkeypatch.setattr(first_run.FirstRunWizard, "exec", fake_exec)


@pytest.mark.parametrize("start", [first_run.START_EMPTY, first_run.START_IMPORT])
def test_first_start_creates_a_working_profile(qtbot, tmp_path, monkeypatch, start):
    _answer_wizard(monkeypatch, tmp_path, start)
    settings = Settings(tmp_path / "cai-dat.json")
    started = first_start.run_first_start(settings)
    assert started is not None
    opened, page = started
    try:
        session = opened.session
        assert session.actor.is_admin and session.actor.username == "quantri"
        profile = settings_ops.get_profile(session)
        assert profile["committee_name"] == "ĐẢNG ỦY XÃ BA SƠN" and profile["place_name"] == "Ba Sơn"
        assert session.store.path.name == "dữ liệu.sqlite"
        assert Settings(tmp_path / "cai-dat.json").get("backup_dir").endswith("sao lưu")
        assert page == ("import" if start == first_run.START_IMPORT else None)
    finally:
        opened.close()


def test_first_start_can_encrypt_the_new_file_and_shows_its_recovery_key_once(qtbot, tmp_path, monkeypatch):
    from commune_app.safety import keyslots
    from commune_app.store import engine
    from ui.shell import encryption_dialogs

    shown = []

    def written_down(dialog):
        shown.append(dialog.code.text())
        dialog.written.setChecked(True)
        dialog.accept()
        return 1

    monkeypatch.setattr(encryption_dialogs.RecoveryKeyDialog, "exec", written_down)
    _answer_wizard(monkeypatch, tmp_path, first_run.START_EMPTY, encrypt=True)
    settings = Settings(tmp_path / "cai-dat.json")
    started = first_start.run_first_start(settings)
    assert started is not None
    opened, _page = started
    try:  # opened with the key the wizard made: no second sign-in
        assert opened.session.store.key is not None and opened.session.actor.username == "quantri"
        assert settings_ops.get_profile(opened.session)["committee_name"] == "ĐẢNG ỦY XÃ BA SƠN"
    finally:
        opened.close()
    real = tmp_path / "Tài liệu" / "dữ liệu.sqlite"
    assert engine.is_encrypted_file(real) and keyslots.load(real).account("quantri") is not None
    assert len(shown) == 1 and keyslots.key_from_recovery(shown[0]) == keyslots.load(real).unlock_account(
        "quantri", "matkhau1"
    )


def test_first_start_with_demo_opens_a_separate_demo_file(qtbot, tmp_path, monkeypatch):
    _answer_wizard(monkeypatch, tmp_path, first_run.START_DEMO)
    settings = Settings(tmp_path / "cai-dat.json")
    started = first_start.run_first_start(settings)
    assert started is not None
    opened, _page = started
    try:
        session = opened.session
        assert session.store.path.name == first_start.DEMO_FILE
        assert people_ops.count(session, people_ops.PeopleFilter()) > 1000
        assert session.actor.username == "quantri"
    finally:
        opened.close()
    real = tmp_path / "Tài liệu" / "dữ liệu.sqlite"
    assert real.exists()  # the commune's own file exists, empty of people, ready after the trial
    assert str(real.resolve()) in settings.get("recent_dbs")


def test_wizard_pages_refuse_what_the_file_would_refuse(qtbot):
    wizard = first_run.FirstRunWizard()
    qtbot.addWidget(wizard)
    profile = wizard.profile_page
    type_text(profile.fields["commune"], "Ba Sơn")
    profile._suggest()
    profile.fields["short_code"].clear()
    assert not profile.validatePage() and "Ký hiệu viết tắt" in profile.error.text()
    type_text(profile.fields["short_code"], "ĐU")
    assert profile.validatePage() and not profile.error.text()
    admin = wizard.admin_page
    admin.username.clear()
    type_text(admin.username, "Nguyễn Văn A")
    type_text(admin.password, "matkhau1")
    type_text(admin.again, "matkhau1")
    assert not admin.validatePage() and "dấu cách" in admin.error.text()
    admin.username.clear()
    type_text(admin.username, "quantri")
    assert admin.validatePage()


def test_wizard_proposes_a_local_folder_and_warns_about_onedrive(qtbot, tmp_path, monkeypatch):
    wizard = first_run.FirstRunWizard()
    qtbot.addWidget(wizard)
    page = wizard.places_page
    proposed = Path(page.data_file.text())
    assert places.synced_service(proposed) is None and proposed.is_relative_to(places.default_data_dir())
    synced = tmp_path / "OneDrive" / "Tài liệu"
    page.data_file.setText(str(synced / "dữ liệu.sqlite"))
    page.backup_dir.setText(str(tmp_path / "sao lưu"))
    assert not page.validatePage()
    assert "OneDrive" in page.warning.text() and "lần nữa" in page.warning.text()
    assert page.validatePage()  # the clerk read why, and chose it again


def test_wizard_hints_do_not_look_like_values(qtbot):
    wizard = first_run.FirstRunWizard()
    qtbot.addWidget(wizard)
    for key in ("province", "commune", "upper_body", "committee_name", "place_name"):
        field = wizard.profile_page.fields[key]
        assert field.text() == "" and field.placeholderText().startswith("ví dụ")
