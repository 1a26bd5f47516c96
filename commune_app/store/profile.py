"""The committee profile, commune-wide settings stored in the file, and extra days off."""

from __future__ import annotations

import json
from typing import Any

from commune_app import vn
from commune_app.store.db import Audit, Store

PROFILE_FIELDS = (
    "province",
    "commune",
    "upper_body",
    "committee_name",
    "short_code",
    "place_name",
    "secretary",
    "deputies",
    "report_recipient",
    "preparer_name",
    "preparer_phone",
    "party_term",
)

# Settings kept inside the data file because every computer using the file must agree.
DEFAULT_SETTINGS: dict[str, Any] = {
    "attendance_threshold": 0.8,
    "course_multiplier": 2,
    "rule_set": "qd294-hd06",
    "due_horizon_months": 3,
    # The Ban Xây dựng Đảng's Tờ trình to the standing committee: whether it carries a number
    # line, and who signs it (docs/forms.md).
    "submission_numbered": True,
    "submission_signer": "",
    "submission_signer_title": "TRƯỞNG BAN",
}


def get_profile(store: Store) -> dict[str, Any]:
    row = store.one("SELECT * FROM committee_profile WHERE id = 1") or {}
    row["deputies"] = json.loads(row.get("deputies") or "[]")
    return row


def save_profile(store: Store, audit: Audit, values: dict[str, Any]) -> None:
    before = get_profile(store)
    row = {}
    for key in PROFILE_FIELDS:
        if key not in values:
            continue
        value = values[key]
        row[key] = json.dumps([vn.nfc(v) for v in value], ensure_ascii=False) if key == "deputies" else vn.nfc(value)
    if row:
        store.conn.execute(
            f"UPDATE committee_profile SET {', '.join(f'{k} = ?' for k in row)} WHERE id = 1", list(row.values())
        )
        audit.record(
            "update",
            "profile",
            1,
            summary="Sửa thông tin đảng ủy",
            before={k: before.get(k) for k in row},
            after={k: values[k] for k in row},
        )


def get_setting(store: Store, key: str) -> Any:
    row = store.one("SELECT value FROM settings WHERE key = ?", [key])
    return json.loads(row["value"]) if row else DEFAULT_SETTINGS.get(key)


def all_settings(store: Store) -> dict[str, Any]:
    out = dict(DEFAULT_SETTINGS)
    for row in store.query("SELECT key, value FROM settings"):
        out[row["key"]] = json.loads(row["value"])
    return out


def set_setting(store: Store, audit: Audit, key: str, value: Any) -> None:
    before = get_setting(store, key)
    store.conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, json.dumps(value, ensure_ascii=False)],
    )
    audit.record("update", "setting", None, summary=f"Cài đặt {key}", before=before, after=value)


def extra_days_off(store: Store) -> dict[str, str]:
    return {r["day"]: r["reason"] for r in store.query("SELECT day, reason FROM extra_days_off ORDER BY day")}


def set_extra_day_off(store: Store, audit: Audit, day: str, reason: str | None) -> None:
    """Add (reason given) or remove (reason None) a day off the clerk declared."""
    if reason is None:
        store.conn.execute("DELETE FROM extra_days_off WHERE day = ?", [day])
        audit.record("delete", "day_off", None, summary=f"Bỏ ngày nghỉ {day}")
    else:
        store.conn.execute(
            "INSERT INTO extra_days_off (day, reason) VALUES (?, ?)"
            " ON CONFLICT(day) DO UPDATE SET reason = excluded.reason",
            [day, vn.nfc(reason)],
        )
        audit.record("create", "day_off", None, summary=f"Thêm ngày nghỉ {day}: {reason}")
