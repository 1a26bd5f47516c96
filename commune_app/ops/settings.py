"""The committee profile and the settings kept in the data file (administrators only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from commune_app import vn
from commune_app.errors import Refused
from commune_app.ops.context import Session
from commune_app.reports.context import signer_settings
from commune_app.store import profile
from commune_app.store.db import Audit

# The signature block of the reports: setting key → what it is, for the refusal message.
_SIGNER_TEXTS = {
    "report_authority": "Dòng thẩm quyền ký báo cáo (ví dụ T/M BAN THƯỜNG VỤ)",
    "report_signer_title": "Chức vụ người ký báo cáo (ví dụ BÍ THƯ)",
}


def get_profile(session: Session) -> dict[str, Any]:
    return profile.get_profile(session.store)


def save_profile(session: Session, values: dict[str, Any]) -> None:
    session.require_admin()
    values = clean_profile(values)
    with session.write() as audit:
        profile.save_profile(session.store, audit, values)


def save_all(session: Session, profile_values: dict[str, Any], commune_values: dict[str, Any]) -> None:
    """The settings dialog's data-file part: both checked first, then written in one transaction,
    so a refused setting leaves the profile as it was too."""
    session.require_admin()
    profile_values = clean_profile(profile_values)
    clean = _clean_commune_settings(commune_values)
    with session.write() as audit:
        profile.save_profile(session.store, audit, profile_values)
        _write_commune_settings(session, audit, clean)


def clean_profile(values: dict[str, Any]) -> dict[str, Any]:
    """The profile as it will be saved; Refused when a value cannot be (the first-start wizard
    asks this before it creates anything)."""
    if "short_code" in values and not str(values["short_code"]).strip():
        raise Refused("Ký hiệu viết tắt của đảng ủy không được để trống (ví dụ ĐU)")
    if "party_term" in values:
        term = str(values["party_term"]).strip()
        parts = term.split("-")
        if len(parts) != 2 or not all(p.isdigit() and len(p) == 4 for p in parts) or int(parts[1]) <= int(parts[0]):
            raise Refused("Nhiệm kỳ ghi theo dạng 2025-2030")
        values = {**values, "party_term": term}
    return values


def commune_settings(session: Session) -> dict[str, Any]:
    return profile.all_settings(session.store)


def report_signer(session: Session) -> dict[str, str]:
    """``report_authority`` and ``report_signer_title`` as the reports print them."""
    return signer_settings(session.store)


def _number(value: Any, message: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise Refused(message) from None


def save_commune_settings(session: Session, values: dict[str, Any]) -> None:
    """Attendance threshold (0–1), course multiplier (> 0), course pass score (0–10) and the
    reports' signature block (not empty): what every computer must share. All are checked
    before anything is written."""
    session.require_admin()
    clean = _clean_commune_settings(values)
    with session.write() as audit:
        _write_commune_settings(session, audit, clean)


def _write_commune_settings(session: Session, audit: Audit, clean: dict[str, Any]) -> None:
    for key, value in clean.items():
        if profile.get_setting(session.store, key) != value:
            profile.set_setting(session.store, audit, key, value)


def _clean_commune_settings(values: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if "attendance_threshold" in values:
        threshold = float(values["attendance_threshold"])
        if not 0 < threshold <= 1:
            raise Refused("Tỷ lệ chuyên cần tối thiểu phải trong khoảng 1% đến 100%")
        clean["attendance_threshold"] = round(threshold, 4)
    if "course_multiplier" in values:
        multiplier = float(values["course_multiplier"])
        if multiplier <= 0:
            raise Refused("Hệ số cử đi học so với chỉ tiêu kết nạp phải lớn hơn 0")
        clean["course_multiplier"] = multiplier
    if "course_pass_score" in values:
        message = "Điểm đạt của lớp bồi dưỡng phải là số trong khoảng 0 đến 10"
        score = _number(values["course_pass_score"], message)
        if not 0 < score <= 10:
            raise Refused(message)
        clean["course_pass_score"] = round(score, 2)
    if "submission_numbered" in values:
        clean["submission_numbered"] = bool(values["submission_numbered"])
    if "submission_signer" in values:  # may stay empty: the Ban's head signs by hand
        clean["submission_signer"] = vn.nfc(values["submission_signer"]).strip()
    if "submission_signer_title" in values:
        title = vn.nfc(values["submission_signer_title"]).strip()
        if not title:
            raise Refused("Chức vụ người ký tờ trình không được để trống")
        clean["submission_signer_title"] = title
    for key, what in _SIGNER_TEXTS.items():
        if key in values:
            text = vn.nfc(values[key])
            if not text:
                raise Refused(f"{what} không được để trống")
            clean[key] = text
    return clean


def days_off(session: Session) -> dict[str, str]:
    return profile.extra_days_off(session.store)


def set_day_off(session: Session, day: dt.date, reason: str | None) -> None:
    """Add a day off the committee declared (reason given) or remove it (None)."""
    session.require_admin()
    if reason is not None and not vn.nfc(reason):
        raise Refused("Cần ghi lý do nghỉ (ví dụ: Nghỉ bù theo thông báo của Tỉnh ủy)")
    with session.write() as audit:
        profile.set_extra_day_off(session.store, audit, day.isoformat(), reason)
    session.forget_calendar()
