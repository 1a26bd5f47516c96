"""The members as the national party-member database lists them (commune_app/csdl)."""

from __future__ import annotations

from typing import Any

from commune_app.store.db import Store

# The step that ends a membership, for the sheet's "date of leaving / death" column.
_LEAVING = ("death", "transfer_out", "removal")


def members(store: Store, since: str | None = None) -> list[dict[str, Any]]:
    """Everyone admitted (leavers included), in the list's order, with their cell's name and the
    date of the step that ended their membership; ``since``: only those changed on or after it."""
    marks = ", ".join("?" for _ in _LEAVING)
    sql = (
        f"SELECT p.*, c.name AS cell_name, (SELECT max(m.date) FROM milestones m WHERE m.person_id = p.id "
        f"AND m.withdrawn_at IS NULL AND m.kind IN ({marks})) AS left_step_on "
        "FROM people p LEFT JOIN cells c ON c.id = p.cell_id "
        "WHERE p.deleted_at IS NULL AND p.admitted_on IS NOT NULL"
    )
    params: list[Any] = list(_LEAVING)
    if since:
        sql += " AND substr(p.updated_at, 1, 10) >= ?"
        params.append(since)
    return list(store.query(sql + " ORDER BY p.sort_key, p.id", params))


def distinct_values(store: Store, columns: tuple[str, ...]) -> list[str]:
    """Every value the people have in any of ``columns`` (for the sheet's dictionaries)."""
    found: set[str] = set()
    for column in columns:
        found |= {r[0] for r in store.conn.execute(f'SELECT DISTINCT "{column}" FROM people') if r[0]}
    return sorted(found)
