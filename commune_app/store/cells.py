"""Party cells, their yearly targets, and cell assignment history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from commune_app import vn
from commune_app.store.db import Audit, Store, inserted_id, now_iso

CELL_FIELDS = (
    "name",
    "kind",
    "routing",
    "parent_org",
    "has_sub_committee",
    "short_code",
    "secretary_id",
    "deputy_secretary_id",
    "display_order",
    "active",
    "notes",
    "registry_code",
)


def get(store: Store, cell_id: int) -> dict[str, Any] | None:
    return store.one("SELECT * FROM cells WHERE id = ?", [cell_id])


def by_name(store: Store, name: str) -> dict[str, Any] | None:
    return store.one("SELECT * FROM cells WHERE name_folded = ?", [vn.fold(name)])


def all_cells(store: Store, *, active_only: bool = False) -> list[dict[str, Any]]:
    where = " WHERE active = 1" if active_only else ""
    return store.query(f"SELECT * FROM cells{where} ORDER BY display_order, sort_key")


def names(store: Store) -> dict[int, str]:
    """Every cell's name by id: what a document looks up (a province's 3,000 cells as whole rows
    cost a person's window 36 ms on each opening)."""
    return {row[0]: row[1] for row in store.conn.execute("SELECT id, name FROM cells")}


def save(store: Store, audit: Audit, values: dict[str, Any], cell_id: int | None = None) -> int:
    row = {k: values[k] for k in CELL_FIELDS if k in values}
    if "name" in row:
        row["name"] = vn.nfc(row["name"])
        row["name_folded"] = vn.fold(row["name"])
        row["sort_key"] = vn.collation_key(row["name"])
    row["updated_at"] = now_iso()
    if cell_id is None:
        row["created_at"] = row["updated_at"]
        cursor = store.conn.execute(
            f"INSERT INTO cells ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
        )
        cell_id = inserted_id(cursor)
        audit.record(
            "create",
            "cell",
            cell_id,
            summary=f"Thêm {row['name']}",
            after={k: v for k, v in row.items() if k in CELL_FIELDS},
        )
    else:
        before = get(store, cell_id)
        store.conn.execute(
            f"UPDATE cells SET {', '.join(f'{k} = ?' for k in row)} WHERE id = ?", [*row.values(), cell_id]
        )
        audit.record(
            "update",
            "cell",
            cell_id,
            summary=f"Sửa {(before or {}).get('name', '')}",
            before={k: (before or {}).get(k) for k in row if k in CELL_FIELDS},
            after={k: v for k, v in row.items() if k in CELL_FIELDS},
        )
    return cell_id


def targets(store: Store, year: int) -> dict[int, dict[str, int]]:
    return {r["cell_id"]: r for r in store.query("SELECT * FROM cell_targets WHERE year = ?", [year])}


def set_target(
    store: Store, audit: Audit, cell_id: int, year: int, admission_target: int, course_target: int | None = None
) -> None:
    before = store.one("SELECT * FROM cell_targets WHERE cell_id = ? AND year = ?", [cell_id, year])
    course = course_target if course_target is not None else (before or {}).get("course_target", 0)
    store.conn.execute(
        "INSERT INTO cell_targets (cell_id, year, admission_target, course_target) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(cell_id, year) DO UPDATE SET admission_target = excluded.admission_target,"
        " course_target = excluded.course_target",
        [cell_id, year, admission_target, course],
    )
    audit.record(
        "update",
        "cell_target",
        cell_id,
        summary=f"Chỉ tiêu năm {year}",
        before=before,
        after={"admission_target": admission_target, "course_target": course},
    )


def assignments_of(store: Store, person_id: int) -> list[dict[str, Any]]:
    return store.query(
        "SELECT a.*, c.name AS cell FROM cell_assignments a JOIN cells c ON c.id = a.cell_id"
        " WHERE a.person_id = ? ORDER BY a.from_date, a.id",
        [person_id],
    )


def move_person(store: Store, audit: Audit, person_id: int, cell_id: int, on: dt.date, reason: str) -> None:
    """Close the current assignment and open a new one; the history keeps both."""
    current = store.one("SELECT cell_id FROM people WHERE id = ?", [person_id])
    if current is None:
        raise KeyError(person_id)
    if current["cell_id"] == cell_id:
        return
    day = on.isoformat()
    store.conn.execute(
        "UPDATE cell_assignments SET to_date = ? WHERE person_id = ? AND to_date IS NULL", [day, person_id]
    )
    store.conn.execute(
        "INSERT INTO cell_assignments (person_id, cell_id, from_date, reason) VALUES (?, ?, ?, ?)",
        [person_id, cell_id, day, reason],
    )
    store.conn.execute("UPDATE people SET cell_id = ?, updated_at = ? WHERE id = ?", [cell_id, now_iso(), person_id])
    audit.record(
        "move",
        "person",
        person_id,
        person_id=person_id,
        summary=f"Chuyển chi bộ: {reason}",
        before={"cell_id": current["cell_id"]},
        after={"cell_id": cell_id, "from": day},
    )


def member_counts(store: Store) -> dict[int, dict[str, int]]:
    """Per cell: official and probationary members and people on the road, now."""
    out: dict[int, dict[str, int]] = {}
    for row in store.conn.execute(
        "SELECT cell_id, status, count(*) FROM people WHERE deleted_at IS NULL AND cell_id IS NOT NULL"
        " GROUP BY cell_id, status"
    ):
        out.setdefault(row[0], {}).setdefault(row[1], 0)
        out[row[0]][row[1]] += row[2]
    return out
