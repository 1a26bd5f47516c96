"""Profile, in-file settings, days off, first-start setup and the audit trail's reading side."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from commune_app.errors import FileRefused, NotAllowed, Refused
from commune_app.ops import accounts
from commune_app.ops import audit as audit_ops
from commune_app.ops import settings as settings_ops
from commune_app.ops.context import Actor, open_session
from commune_app.ops.setup import create_data_file
from commune_app.settings import Settings
from commune_app.store.audit import AuditFilter
from tests.factories import make_cell, make_person


def test_profile_saved_with_audit_and_term_checked(session):
    settings_ops.save_profile(
        session, {"committee_name": "ĐẢNG ỦY XÃ BA SƠN", "deputies": ["Hoàng Văn Phó"], "party_term": "2025-2030"}
    )
    profile = settings_ops.get_profile(session)
    assert profile["committee_name"] == "ĐẢNG ỦY XÃ BA SƠN" and profile["deputies"] == ["Hoàng Văn Phó"]
    with pytest.raises(Refused, match="2025-2030"):
        settings_ops.save_profile(session, {"party_term": "2030"})
    row = session.store.one("SELECT * FROM audit WHERE entity = 'profile'")
    assert json.loads(row["after"])["committee_name"] == "ĐẢNG ỦY XÃ BA SƠN"


def test_commune_settings_and_days_off_change_the_calendar(session):
    settings_ops.save_commune_settings(session, {"attendance_threshold": 0.75, "course_multiplier": 3})
    assert settings_ops.commune_settings(session)["attendance_threshold"] == 0.75
    with pytest.raises(Refused):
        settings_ops.save_commune_settings(session, {"attendance_threshold": 1.5})
    monday = dt.date(2026, 11, 23)
    assert session.calendar.is_working_day(monday)
    settings_ops.set_day_off(session, monday, "Nghỉ bù theo thông báo")
    assert not session.calendar.is_working_day(monday)
    assert session.calendar.day_off_reason(monday) == "Nghỉ bù theo thông báo"
    settings_ops.set_day_off(session, monday, None)
    assert session.calendar.is_working_day(monday)


def test_only_administrators_change_settings(session):
    clerk = open_session(session.store.path, actor=Actor("canbo", "clerk"))
    try:
        with pytest.raises(NotAllowed):
            settings_ops.save_profile(clerk, {"commune": "Ba Sơn"})
        with pytest.raises(NotAllowed):
            settings_ops.set_day_off(clerk, dt.date(2026, 12, 1), "x")
    finally:
        clerk.close()


def test_create_data_file_makes_admin_and_profile(tmp_path):
    path = tmp_path / "moi.sqlite"
    session = create_data_file(
        path,
        {"commune": "Ba Sơn", "committee_name": "ĐẢNG ỦY XÃ BA SƠN"},
        admin_username="quantri",
        admin_password="matkhau1",
        admin_full_name="Lý Thị Quản",
    )
    try:
        assert session.actor.is_admin and session.actor.username == "quantri"
        assert settings_ops.get_profile(session)["commune"] == "Ba Sơn"
        assert session.store.scalar("SELECT user FROM audit WHERE entity = 'profile'") == "quantri"
    finally:
        session.close()
    with pytest.raises(FileRefused):
        create_data_file(path, {}, admin_username="x", admin_password="matkhau1")


def test_settings_file_survives_a_crash_during_save(tmp_path, monkeypatch):
    settings = Settings(tmp_path / "cai-dat.json")
    settings.set("idle_lock_minutes", 20)
    settings.save()
    settings.set("idle_lock_minutes", 99)

    def crash(*_args, **_kwargs):
        raise OSError("mất điện")

    monkeypatch.setattr("commune_app.settings.os.replace", crash)
    with pytest.raises(OSError):
        settings.save()
    assert Settings(tmp_path / "cai-dat.json").get("idle_lock_minutes") == 20
    assert not list(tmp_path.glob(".cai-dat-*.tmp"))


def test_audit_browse_filters_and_export(session, tmp_path):
    cell = make_cell(session)
    an = make_person(session, "Nguyễn Văn An", cell_id=cell)
    make_person(session, "Hoàng Thị Bình", cell_id=cell)
    from commune_app.ops import people as people_ops

    people_ops.update_person(session, an, {"phone": "0912345678"})
    rows = audit_ops.browse(session, AuditFilter(person_text="nguyen van an"))
    assert {r["action"] for r in rows} == {"create", "update"}
    update = next(r for r in rows if r["action"] == "update")
    assert "Số điện thoại: (trống) → 0912345678" in audit_ops.describe_change(update)
    assert audit_ops.browse(session, AuditFilter(entity="cell"))[0]["summary"].startswith("Thêm Chi bộ")
    assert audit_ops.browse(session, AuditFilter(date_from="2999-01-01")) == []
    target = tmp_path / "nhat-ky.xlsx"
    count = audit_ops.export_xlsx(session, AuditFilter(), target)
    sheet = openpyxl.load_workbook(target).active
    assert sheet.max_row == count + 1 and sheet["A1"].value == "Thời gian"
    assert any("Nguyễn Văn An" in str(c.value) for c in sheet["E"])
    accounts.create_user(session, "quantri", "matkhau1", "admin")
    viewer = open_session(session.store.path, actor=Actor("xem", "viewer"))
    try:
        with pytest.raises(NotAllowed):
            audit_ops.browse(viewer, AuditFilter())
    finally:
        viewer.close()
