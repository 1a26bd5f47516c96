"""The queries of the spreadsheet import: finding who is already in the file, in batches."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from commune_app.store import people as people_store
from commune_app.store import road as road_store
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
    _record_year_only(audit, person_id, before, flag)


def _record_year_only(audit: Audit, person_id: int, before: int, flag: int) -> None:
    audit.record(
        "update",
        "person",
        person_id,
        person_id=person_id,
        summary="Chỉ biết năm sinh" if flag else "Đã biết đủ ngày sinh",
        before={"birth_year_only": before},
        after={"birth_year_only": flag},
    )


@dataclass(frozen=True)
class NewPerson:
    """A person the import adds, with what is written alongside."""

    values: dict[str, Any]  # as for people.insert, with the status and dates derived from the milestones
    cell_id: int | None
    assigned_on: str
    reason: str
    year_only: bool
    milestones: list[dict[str, Any]]  # as for road.add_milestone, in road order


def add_people(store: Store, audit: Audit, new: Sequence[NewPerson]) -> list[int]:
    """For each person in turn what ``people.insert``, ``set_birth_year_only`` and
    ``road.add_milestone(refresh=False)`` write: the same rows, ids and audit rows in the same
    order, but one statement per table and set of columns instead of six or more per person (a
    10,000-person sheet spent most of its commit on single statements)."""
    person_id = _next_id(store, "people")
    milestone_id = _next_id(store, "milestones")
    people_rows: dict[tuple[str, ...], list[list[Any]]] = {}
    assignments: list[list[Any]] = []
    milestones: list[list[Any]] = []
    ids: list[int] = []
    with audit.batched():
        for person in new:
            row = people_store.new_row(person.values, person.cell_id)
            if person.year_only:
                row["birth_year_only"] = 1  # what set_birth_year_only then writes over the stored 0
            people_rows.setdefault(tuple(row), []).append([person_id, *row.values()])
            if person.cell_id is not None:
                assignments.append(
                    people_store.assignment(person_id, person.cell_id, person.assigned_on, person.reason)
                )
            people_store.record_created(audit, person_id, row)  # the flag is no field: not in the audit row
            if person.year_only:
                _record_year_only(audit, person_id, 0, 1)
            for values in person.milestones:
                milestone = road_store.milestone_row(values)
                milestones.append([milestone_id, person_id, *milestone.values()])
                road_store.record_milestone(audit, milestone_id, person_id, milestone, values)
                milestone_id += 1
            ids.append(person_id)
            person_id += 1
        _insert_people(store, people_rows, ids)
        store.conn.executemany(people_store.INSERT_ASSIGNMENT, assignments)
        store.conn.executemany(road_store.INSERT_MILESTONE_WITH_ID, milestones)
    return ids


def _insert_people(store: Store, rows: dict[tuple[str, ...], list[list[Any]]], ids: list[int]) -> None:
    """The rows (id first), then their search-index entries in one statement: what the per-row
    trigger people_fts_insert adds, for half of what the trigger cost; the trigger is put back after."""
    trigger = store.scalar("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'people_fts_insert'")
    if trigger:
        store.conn.execute("DROP TRIGGER people_fts_insert")
    try:
        for columns, values in rows.items():
            marks = ", ".join("?" for _ in range(len(columns) + 1))
            store.conn.executemany(f"INSERT INTO people (id, {', '.join(columns)}) VALUES ({marks})", values)
        if trigger and ids:
            store.conn.execute(
                "INSERT INTO people_fts (rowid, search_text) SELECT id, search_text FROM people WHERE id BETWEEN ? AND ?",
                [ids[0], ids[-1]],
            )
    finally:
        if trigger:
            store.conn.execute(trigger)


def _next_id(store: Store, table: str) -> int:
    """The id SQLite gives the next row of a table whose key is a plain INTEGER PRIMARY KEY."""
    return int(store.scalar(f"SELECT coalesce(max(id), 0) + 1 FROM {table}"))


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
