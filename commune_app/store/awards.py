"""Khen thưởng tổ chức đảng: the ``org_awards`` table (a cell, or the committee when cell_id is NULL).

Member awards and party badges are milestones (kinds ``award`` and ``party_badge``) and live
with the road in store/road.py.
"""

from __future__ import annotations

from typing import Any

from commune_app.domain.awards import COMMITTEE_LABEL, ORG_AWARD_LEVELS
from commune_app.store.db import Audit, Store, inserted_id, now_iso

AWARD_FIELDS = ("cell_id", "level", "awarded_on", "doc_number", "issuer", "reason")


def get(store: Store, award_id: int) -> dict[str, Any] | None:
    return store.one("SELECT * FROM org_awards WHERE id = ?", [award_id])


def of_organisation(store: Store, cell_id: int | None, *, include_withdrawn: bool = False) -> list[dict[str, Any]]:
    """One cell's awards (or the committee's, cell_id None), newest first."""
    where = "cell_id IS NULL" if cell_id is None else "cell_id = ?"
    live = "" if include_withdrawn else " AND withdrawn_at IS NULL"
    return store.query(
        f"SELECT * FROM org_awards WHERE {where}{live} ORDER BY awarded_on DESC, id DESC",
        [] if cell_id is None else [cell_id],
    )


def all_live(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT id, cell_id, level, awarded_on FROM org_awards WHERE withdrawn_at IS NULL ORDER BY awarded_on, id"
    )


def _summary(store: Store, row: dict[str, Any]) -> str:
    cell = store.one("SELECT name FROM cells WHERE id = ?", [row["cell_id"]]) if row["cell_id"] else None
    whom = cell["name"] if cell else COMMITTEE_LABEL
    return f"{ORG_AWARD_LEVELS.get(row['level'], row['level'])} cho {whom} ngày {row['awarded_on']}"


def insert(store: Store, audit: Audit, values: dict[str, Any]) -> int:
    row = {k: values.get(k) for k in AWARD_FIELDS}
    row["created_at"] = now_iso()
    cursor = store.conn.execute(
        f"INSERT INTO org_awards ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
    )
    award_id = inserted_id(cursor)
    audit.record("create", "org_award", award_id, summary="Ghi khen thưởng: " + _summary(store, row), after=row)
    return award_id


def withdraw(store: Store, audit: Audit, award_id: int, reason: str) -> None:
    before = get(store, award_id)
    if before is None or before["withdrawn_at"]:
        raise KeyError(award_id)
    store.conn.execute(
        "UPDATE org_awards SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ?", [now_iso(), reason, award_id]
    )
    audit.record(
        "withdraw",
        "org_award",
        award_id,
        summary=f"Hủy khen thưởng: {_summary(store, before)}: {reason}",
        before=before,
    )
