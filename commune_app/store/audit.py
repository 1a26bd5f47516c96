"""Reading the audit trail (rows are written by store.db.Audit in each transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from commune_app import vn
from commune_app.store.db import Store


@dataclass
class AuditFilter:
    person_text: str = ""  # part of a person's name, no diacritics needed
    person_id: int | None = None
    user: str = ""
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None
    entity: str = ""  # person, milestone, link, cell, user, document...
    action: str = ""  # create, update, delete, restore, withdraw, login...


def _where(flt: AuditFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = ["1 = 1"]
    params: list[Any] = []
    if flt.person_id is not None:
        clauses.append("a.person_id = ?")
        params.append(flt.person_id)
    if flt.person_text.strip():
        clauses.append("p.name_folded LIKE ?")
        params.append(f"%{vn.fold(flt.person_text)}%")
    if flt.user:
        clauses.append("a.user = ?")
        params.append(flt.user)
    if flt.date_from:
        clauses.append("a.at >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        clauses.append("a.at < date(?, '+1 day')")
        params.append(flt.date_to)
    if flt.entity:
        clauses.append("a.entity = ?")
        params.append(flt.entity)
    if flt.action:
        clauses.append("a.action = ?")
        params.append(flt.action)
    return " AND ".join(clauses), params


def rows(store: Store, flt: AuditFilter, *, limit: int | None = 5000) -> list[dict[str, Any]]:
    where, params = _where(flt)
    sql = (
        f"SELECT a.*, p.full_name AS person_name FROM audit a LEFT JOIN people p ON p.id = a.person_id"
        f" WHERE {where} ORDER BY a.id DESC"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql, params)


def users(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT DISTINCT user FROM audit ORDER BY user")]
