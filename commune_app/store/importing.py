"""The queries of the spreadsheet import: finding who is already in the file, in batches."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from commune_app.store.db import Audit, Store

_CHUNK = 500
_MATCH_COLUMNS = "*"


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def people_by_cccd(store: Store, cccds: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Stored people (deleted ones too) by CCCD."""
    wanted = sorted({c for c in cccds if c})
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(wanted):
        marks = ", ".join("?" for _ in chunk)
        for row in store.query(f"SELECT {_MATCH_COLUMNS} FROM people WHERE cccd IN ({marks})", chunk):
            out[row["cccd"]] = row
    return out


def people_by_folded_name(store: Store, names: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """Stored people (deleted ones too) by folded full name."""
    wanted = sorted({n for n in names if n})
    out: dict[str, list[dict[str, Any]]] = {}
    for chunk in _chunks(wanted):
        marks = ", ".join("?" for _ in chunk)
        for row in store.query(f"SELECT {_MATCH_COLUMNS} FROM people WHERE name_folded IN ({marks})", chunk):
            out.setdefault(row["name_folded"], []).append(row)
    return out


def live_milestone_dates(store: Store, person_ids: Iterable[int], kinds: Iterable[str]) -> dict[int, dict[str, str]]:
    """person id → kind → date of the latest live milestone of each kind asked for."""
    ids = sorted(set(person_ids))
    kind_list = sorted(set(kinds))
    out: dict[int, dict[str, str]] = {}
    if not kind_list:
        return out
    kind_marks = ", ".join("?" for _ in kind_list)
    for chunk in _chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        for person_id, kind, date in store.conn.execute(
            f"SELECT person_id, kind, date FROM milestones WHERE withdrawn_at IS NULL"
            f" AND person_id IN ({marks}) AND kind IN ({kind_marks}) ORDER BY date, id",
            [*chunk, *kind_list],
        ):
            out.setdefault(person_id, {})[kind] = date
    return out


def people_by_ids(store: Store, person_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    ids = sorted(set(person_ids))
    out: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        for row in store.query(f"SELECT {_MATCH_COLUMNS} FROM people WHERE id IN ({marks})", chunk):
            out[row["id"]] = row
    return out


def set_birth_year_only(store: Store, audit: Audit, person_id: int, year_only: bool) -> None:
    """The year-only flag is not a form field; the import sets it with the birth date it wrote,
    with its own audit row when it changes (docs/decisions/year-only-birth.md)."""
    before = store.scalar("SELECT birth_year_only FROM people WHERE id = ?", [person_id])
    flag = 1 if year_only else 0
    if before == flag:
        return
    store.conn.execute("UPDATE people SET birth_year_only = ? WHERE id = ?", [flag, person_id])
    audit.record(
        "update",
        "person",
        person_id,
        person_id=person_id,
        summary="Chỉ biết năm sinh" if year_only else "Đã biết đủ ngày sinh",
        before={"birth_year_only": before},
        after={"birth_year_only": flag},
    )


def live_milestones(store: Store, person_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """person id → each live milestone (id, kind, date, number, issuer, details), in date order."""
    out: dict[int, list[dict[str, Any]]] = {}
    for chunk in _chunks(sorted(set(person_ids))):
        marks = ", ".join("?" for _ in chunk)
        for row in store.query(
            "SELECT id, person_id, kind, date, doc_number, issuer, details FROM milestones"
            f" WHERE withdrawn_at IS NULL AND person_id IN ({marks}) ORDER BY date, id",
            chunk,
        ):
            out.setdefault(row["person_id"], []).append(row)
    return out


def relatives_of_people(store: Store, person_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """person id → the relatives recorded for the lý lịch."""
    out: dict[int, list[dict[str, Any]]] = {}
    for chunk in _chunks(sorted(set(person_ids))):
        marks = ", ".join("?" for _ in chunk)
        for row in store.query(f"SELECT * FROM relatives WHERE person_id IN ({marks}) ORDER BY id", chunk):
            out.setdefault(row["person_id"], []).append(row)
    return out
