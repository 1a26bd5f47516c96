"""Milestones, introducer/helper/mentor links and relatives: the rows of a person's road."""

from __future__ import annotations

import json
from typing import Any

from commune_app import vn
from commune_app.domain import road
from commune_app.store import people
from commune_app.store.db import Audit, Store, inserted_id, now_iso

MILESTONE_FIELDS = ("kind", "date", "doc_number", "issuer", "details", "rule_set_version")
LINK_FIELDS = (
    "member_id",
    "role",
    "organisation",
    "relation",
    "unit",
    "together_from",
    "together_to",
    "assigned_on",
    "document_on",
    "ended_on",
    "ended_reason",
    "replaces_link_id",
    "notes",
)
RELATIVE_FIELDS = (
    "relation",
    "full_name",
    "birth_year",
    "residence",
    "occupation",
    "is_party_member",
    "political_notes",
    "verify_place",
    "verify_sent_on",
    "verify_replied_on",
    "verify_result",
    "political_issue",
    "exempt_reason",
)


def _label(kind: str) -> str:
    return road.KIND_BY_CODE[kind].label if kind in road.KIND_BY_CODE else kind


def get_milestone(store: Store, milestone_id: int) -> dict[str, Any] | None:
    row = store.one("SELECT * FROM milestones WHERE id = ?", [milestone_id])
    if row:
        row["details"] = json.loads(row["details"] or "{}")
    return row


def milestone_row(values: dict[str, Any]) -> dict[str, Any]:
    """The columns ``add_milestone`` writes, in the order of ``INSERT_MILESTONE`` after the person."""
    row = {k: values.get(k, "") for k in MILESTONE_FIELDS}
    row["details"] = _DETAILS.encode(values.get("details") or {})
    row["created_at"] = now_iso()
    return row


# json.dumps(details, ensure_ascii=False, sort_keys=True), its encoder made once instead of per milestone.
_DETAILS = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


_INSERTED = ("person_id", *MILESTONE_FIELDS, "created_at")
INSERT_MILESTONE = f"INSERT INTO milestones ({', '.join(_INSERTED)}) VALUES ({', '.join('?' for _ in _INSERTED)})"
# The same with the id first, for writers that give the ids themselves (store.importing.add_people).
INSERT_MILESTONE_WITH_ID = (
    f"INSERT INTO milestones (id, {', '.join(_INSERTED)}) VALUES (?, {', '.join('?' for _ in _INSERTED)})"
)


def record_milestone(
    audit: Audit, milestone_id: int, person_id: int, row: dict[str, Any], values: dict[str, Any]
) -> None:
    audit.record(
        "create",
        "milestone",
        milestone_id,
        person_id=person_id,
        summary=f"Ghi nhận: {_label(row['kind'])} ngày {vn.day_text(row['date'])}",
        after={**row, "details": values.get("details") or {}},
    )


def add_milestone(store: Store, audit: Audit, person_id: int, values: dict[str, Any], *, refresh: bool = True) -> int:
    """``refresh=False`` serves callers adding several milestones who refresh once at the end."""
    row = milestone_row(values)
    cursor = store.conn.execute(INSERT_MILESTONE, [person_id, *row.values()])
    milestone_id = inserted_id(cursor)
    record_milestone(audit, milestone_id, person_id, row, values)
    if refresh:
        people.refresh_derived(store, person_id)
    return milestone_id


def correct_milestone(store: Store, audit: Audit, milestone_id: int, values: dict[str, Any], reason: str) -> None:
    before = get_milestone(store, milestone_id)
    if before is None:
        raise KeyError(milestone_id)
    changes = {k: values[k] for k in ("date", "doc_number", "issuer", "details") if k in values}
    stored = dict(changes)
    if "details" in stored:
        stored["details"] = json.dumps(stored["details"] or {}, ensure_ascii=False, sort_keys=True)
    if stored:
        store.conn.execute(
            f"UPDATE milestones SET {', '.join(f'{k} = ?' for k in stored)} WHERE id = ?",
            [*stored.values(), milestone_id],
        )
    audit.record(
        "correct",
        "milestone",
        milestone_id,
        person_id=before["person_id"],
        summary=f"Sửa {_label(before['kind'])}: {reason}",
        before={k: before[k] for k in changes},
        after=changes,
    )
    people.refresh_derived(store, before["person_id"])


def withdraw_milestone(store: Store, audit: Audit, milestone_id: int, reason: str) -> None:
    before = get_milestone(store, milestone_id)
    if before is None or before["withdrawn_at"]:
        raise KeyError(milestone_id)
    store.conn.execute(
        "UPDATE milestones SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ?", [now_iso(), reason, milestone_id]
    )
    audit.record(
        "withdraw",
        "milestone",
        milestone_id,
        person_id=before["person_id"],
        summary=f"Hủy {_label(before['kind'])} ngày {vn.day_text(before['date'])}: {reason}",
    )
    people.refresh_derived(store, before["person_id"])


def reinstate_milestone(store: Store, audit: Audit, milestone_id: int) -> None:
    before = get_milestone(store, milestone_id)
    if before is None or not before["withdrawn_at"]:
        raise KeyError(milestone_id)
    store.conn.execute("UPDATE milestones SET withdrawn_at = NULL, withdrawn_reason = '' WHERE id = ?", [milestone_id])
    audit.record(
        "reinstate",
        "milestone",
        milestone_id,
        person_id=before["person_id"],
        summary=f"Khôi phục {_label(before['kind'])} ngày {vn.day_text(before['date'])}",
    )
    people.refresh_derived(store, before["person_id"])


# --- links ------------------------------------------------------------------------------


def links_of(
    store: Store, person_id: int, role: str | None = None, *, include_withdrawn: bool = False
) -> list[dict[str, Any]]:
    sql = (
        "SELECT l.*, m.full_name AS member_name, m.status AS member_status,"
        " m.official_on AS member_official_on, m.admitted_on AS member_admitted_on,"
        " m.cell_id AS member_cell_id, m.birth_date AS member_birth_date,"
        " m.hometown AS member_hometown, m.position AS member_position"
        " FROM links l LEFT JOIN people m ON m.id = l.member_id"
        " WHERE l.person_id = ?"
    )
    params: list[Any] = [person_id]
    if role:
        sql += " AND l.role = ?"
        params.append(role)
    if not include_withdrawn:
        sql += " AND l.withdrawn_at IS NULL"
    return store.query(sql + " ORDER BY l.assigned_on, l.id", params)


def add_link(store: Store, audit: Audit, person_id: int, values: dict[str, Any]) -> int:
    row = {k: values.get(k) for k in LINK_FIELDS if k in values}
    cursor = store.conn.execute(
        f"INSERT INTO links (person_id, {', '.join(row)}) VALUES (?, {', '.join('?' for _ in row)})",
        [person_id, *row.values()],
    )
    link_id = inserted_id(cursor)
    audit.record(
        "create", "link", link_id, person_id=person_id, summary=f"Phân công {_role_label(str(row['role']))}", after=row
    )
    people.refresh_derived(store, person_id)
    return link_id


def end_link(store: Store, audit: Audit, link_id: int, ended_on: str, reason: str) -> None:
    before = store.one("SELECT * FROM links WHERE id = ?", [link_id])
    if before is None:
        raise KeyError(link_id)
    store.conn.execute("UPDATE links SET ended_on = ?, ended_reason = ? WHERE id = ?", [ended_on, reason, link_id])
    audit.record(
        "end",
        "link",
        link_id,
        person_id=before["person_id"],
        summary=f"Kết thúc {_role_label(before['role'])}: {reason}",
        before={"ended_on": before["ended_on"]},
        after={"ended_on": ended_on, "ended_reason": reason},
    )


ROLE_LABELS = {"helper": "đảng viên giúp đỡ", "introducer": "người giới thiệu", "mentor": "đảng viên giúp đỡ dự bị"}


def _role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


# --- relatives -------------------------------------------------------------------------


def relatives_of(store: Store, person_id: int) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM relatives WHERE person_id = ? ORDER BY id", [person_id])


def save_relative(
    store: Store, audit: Audit, person_id: int, values: dict[str, Any], relative_id: int | None = None
) -> int:
    row = {k: values[k] for k in RELATIVE_FIELDS if k in values}
    if relative_id is None:
        cursor = store.conn.execute(
            f"INSERT INTO relatives (person_id, {', '.join(row)}) VALUES (?, {', '.join('?' for _ in row)})",
            [person_id, *row.values()],
        )
        relative_id = inserted_id(cursor)
        audit.record(
            "create",
            "relative",
            relative_id,
            person_id=person_id,
            summary=f"Thêm người thân: {row.get('relation')} {row.get('full_name')}",
            after=row,
        )
    else:
        before = store.one("SELECT * FROM relatives WHERE id = ?", [relative_id])
        store.conn.execute(
            f"UPDATE relatives SET {', '.join(f'{k} = ?' for k in row)} WHERE id = ?", [*row.values(), relative_id]
        )
        audit.record(
            "update",
            "relative",
            relative_id,
            person_id=person_id,
            summary=f"Sửa người thân: {row.get('full_name', '')}",
            before={k: (before or {}).get(k) for k in row},
            after=row,
        )
    return relative_id


def delete_relative(store: Store, audit: Audit, relative_id: int) -> None:
    before = store.one("SELECT * FROM relatives WHERE id = ?", [relative_id])
    if before is None:
        raise KeyError(relative_id)
    store.conn.execute("DELETE FROM relatives WHERE id = ?", [relative_id])
    audit.record(
        "delete",
        "relative",
        relative_id,
        person_id=before["person_id"],
        summary=f"Xóa người thân: {before['relation']} {before['full_name']}",
        before=before,
    )
