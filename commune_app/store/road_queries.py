"""Queries of the road that must stay fast on a province's file (150,000 people):
cell member counts, possible introducers, the few people the agenda must look at, and
their records loaded in batches instead of one person at a time.

``+deleted_at`` and ``+kind`` keep SQLite from choosing the indexes on those columns, which
match nearly every row; the status, cell and person indexes are the selective ones.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from commune_app import vn
from commune_app.domain.record import PersonRecord
from commune_app.store import cells as cell_store
from commune_app.store.db import Store

# What the agenda reads of each person (the deadlines need no more).
AGENDA_COLUMNS = "id, full_name, birth_date, status, stage, cell_id, planned_meeting_on, sort_key"
MEMBER_COLUMNS = (
    "p.id, p.full_name, p.birth_date, p.status, p.admitted_on, p.official_on, p.cell_id,"
    " p.position, p.workplace, p.residence, c.name AS cell"
)


def member_counts(store: Store, cell_id: int, on: dt.date) -> tuple[int, int]:
    """Official and probationary members of a cell on a day, for a meeting's numbers: official
    are those made official by then, probationary those admitted by then and not yet official;
    a member who has left since (death, removal, official transfer out) still counts before that."""
    row = store.one(
        "WITH gone AS (SELECT person_id, max(date) AS left_on FROM milestones"
        " WHERE withdrawn_at IS NULL AND kind IN ('death', 'removal', 'transfer_out')"
        " AND (kind <> 'transfer_out' OR coalesce(json_extract(details, '$.transfer_kind'), 'official') = 'official')"
        " AND person_id IN (SELECT id FROM people WHERE cell_id = :cell) GROUP BY person_id),"
        " members AS (SELECT p.status, p.admitted_on, p.official_on FROM people p LEFT JOIN gone g ON g.person_id = p.id"
        " WHERE p.cell_id = :cell AND +p.deleted_at IS NULL AND (p.status IN ('official', 'probationary')"
        " OR (p.status IN ('transferred_out', 'removed', 'deceased') AND g.left_on > :on)))"
        " SELECT sum(official_on <= :on OR (official_on IS NULL AND status = 'official')) AS official,"
        " sum(admitted_on <= :on AND (official_on > :on OR (official_on IS NULL AND status <> 'official')))"
        " AS probationary FROM members",
        {"cell": cell_id, "on": on.isoformat()},
    )
    return int((row or {}).get("official") or 0), int((row or {}).get("probationary") or 0)


def possible_introducers(
    store: Store, person_id: int, cell_id: int | None, text: str = "", limit: int = 200
) -> list[dict[str, Any]]:
    """Members (official and probationary) of the person's cell, those already linked to the
    person, and, when ``text`` is given, any member whose name matches it; in name order."""
    sources = ["SELECT member_id FROM links WHERE person_id = ? AND member_id IS NOT NULL AND withdrawn_at IS NULL"]
    params: list[Any] = [person_id]
    if cell_id is not None and not text.strip():
        sources.append("SELECT id FROM people WHERE cell_id = ? AND status IN ('official', 'probationary')")
        params.append(cell_id)
    words = [w for w in vn.fold(text).replace('"', " ").split(" ") if w]
    if words:
        sources.append("SELECT rowid FROM people_fts WHERE people_fts MATCH ?")
        params.append(" AND ".join(f'"{w}"*' for w in words))
    sql = (
        f"SELECT {MEMBER_COLUMNS} FROM people p LEFT JOIN cells c ON c.id = p.cell_id"
        f" WHERE p.id IN ({' UNION '.join(sources)}) AND +p.deleted_at IS NULL AND p.id <> ?"
        " AND p.status IN ('official', 'probationary')"
        " ORDER BY (p.cell_id IS NOT ?) , p.sort_key LIMIT ?"
    )
    return store.query(sql, [*params, person_id, cell_id, limit])


def link(store: Store, link_id: int) -> dict[str, Any] | None:
    return store.one("SELECT * FROM links WHERE id = ?", [link_id])


def agenda_candidates(
    store: Store, today: dt.date, horizon_months: int, rules: Any, cell_id: int | None = None
) -> list[int]:
    """The few people who may have something due within the horizon, from the derived columns."""
    soon = vn.add_months(today, horizon_months).isoformat()
    cert_low = vn.add_months(today, -int(rules["course_certificate_valid_months"])).isoformat()
    cert_high = vn.add_months(
        vn.add_months(today, horizon_months), -int(rules["course_certificate_valid_months"])
    ).isoformat()
    adult_low = vn.add_months(today, -int(rules["age_min_months"]) - 1).isoformat()
    adult_high = vn.add_months(vn.add_months(today, horizon_months), -int(rules["age_min_months"])).isoformat()
    probation_high = vn.add_months(vn.add_months(today, horizon_months), -int(rules["probation_months"])).isoformat()
    sql = (
        "SELECT id FROM people WHERE status IN ('source', 'candidate', 'probationary') AND +deleted_at IS NULL AND ("
        " (status IN ('source', 'candidate') AND ("
        "   stage = 'cell_approved'"
        "   OR (planned_meeting_on BETWEEN ? AND ?)"
        "   OR (certificate_on BETWEEN ? AND ?)"
        "   OR (birth_date BETWEEN ? AND ?)))"
        " OR (status = 'probationary' AND (ceremony_on IS NULL OR ceremony_on <= ? OR stage = 'recognition_proposed'))"
        ")"
    )
    params: list[Any] = [today.isoformat(), soon, cert_low, cert_high, adult_low, adult_high, probation_high]
    if cell_id is not None:
        sql += " AND cell_id = ?"
        params.append(cell_id)
    return [r[0] for r in store.conn.execute(sql, params)]


def records_for(
    store: Store,
    ids: list[int],
    *,
    with_relatives: bool = False,
    kinds: tuple[str, ...] | None = None,
    link_roles: tuple[str, ...] | None = None,
    person_columns: str = "*",
) -> dict[int, PersonRecord]:
    """Records of many people in a few queries: people, milestones, links and cells, plus the
    relatives when asked (never the assignment history). ``kinds``, ``link_roles`` and
    ``person_columns`` narrow what is read when the caller needs only part of the record."""
    out: dict[int, PersonRecord] = {}
    cells = {c["id"]: c for c in cell_store.all_cells(store)}
    kind_filter = f" AND +kind IN ({', '.join('?' for _ in kinds)})" if kinds else ""
    role_filter = f" AND l.role IN ({', '.join('?' for _ in link_roles)})" if link_roles else ""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in store.query(f"SELECT {person_columns} FROM people WHERE id IN ({marks})", chunk):
            out[row["id"]] = PersonRecord(
                person=row, milestones=[], links=[], relatives=[], cell=cells.get(row["cell_id"])
            )
        for row in store.query(
            "SELECT id, person_id, kind, date, doc_number, issuer, details FROM milestones"
            f" WHERE person_id IN ({marks}) AND withdrawn_at IS NULL{kind_filter} ORDER BY date, id",
            [*chunk, *(kinds or ())],
        ):
            text = row["details"]
            row["details"] = json.loads(text) if text and text != "{}" else {}
            out[row["person_id"]].milestones.append(row)
        for row in store.query(
            "SELECT l.*, m.full_name AS member_name, m.status AS member_status,"
            " m.official_on AS member_official_on, m.admitted_on AS member_admitted_on,"
            " m.cell_id AS member_cell_id, m.birth_date AS member_birth_date,"
            " m.hometown AS member_hometown, m.position AS member_position"
            " FROM links l LEFT JOIN people m ON m.id = l.member_id"
            f" WHERE l.person_id IN ({marks}) AND l.withdrawn_at IS NULL{role_filter}"
            " ORDER BY l.assigned_on, l.id",
            [*chunk, *(link_roles or ())],
        ):
            out[row["person_id"]].links.append(row)
        if with_relatives:
            for row in store.query(f"SELECT * FROM relatives WHERE person_id IN ({marks}) ORDER BY id", chunk):
                out[row["person_id"]].relatives.append(row)
    return out


def road_ids(store: Store, statuses: tuple[str, ...], cell_id: int | None = None) -> list[int]:
    """People with these statuses, in name order (what ``check_all`` walks)."""
    sql = f"SELECT id FROM people WHERE +deleted_at IS NULL AND status IN ({', '.join('?' for _ in statuses)})"
    params: list[Any] = list(statuses)
    if cell_id is not None:
        sql += " AND cell_id = ?"
        params.append(cell_id)
    return [r[0] for r in store.conn.execute(sql + " ORDER BY sort_key", params)]


def stage_counts(store: Store, cell_id: int | None = None) -> dict[str, int]:
    sql = (
        "SELECT stage, count(*) FROM people WHERE +deleted_at IS NULL"
        " AND status IN ('source', 'candidate', 'probationary')"
    )
    params: list[Any] = []
    if cell_id is not None:
        sql += " AND cell_id = ?"
        params.append(cell_id)
    return {row[0]: row[1] for row in store.conn.execute(sql + " GROUP BY stage", params)}


def live_milestones(
    store: Store,
    kinds: tuple[str, ...],
    empty_too: tuple[str, ...],
    cell_id: int | None = None,
    person_ids: list[int] | None = None,
) -> list[tuple[int, int, str, str, str]]:
    """(id, person_id, kind, date, details text) of every milestone of these kinds still standing
    (not withdrawn, person not deleted), of everyone or of ``person_ids``: what the step schema
    checks. Steps with empty details are read only for the kinds of ``empty_too``."""
    sql = (
        "SELECT id, person_id, kind, date, details FROM milestones WHERE withdrawn_at IS NULL"
        f" AND kind IN ({', '.join('?' for _ in kinds)})"
        f" AND (details <> '{{}}' OR kind IN ({', '.join('?' for _ in empty_too)}))"
        " AND person_id IN (SELECT id FROM people WHERE deleted_at IS NULL"
        + (" AND cell_id = ?" if cell_id is not None else "")
    )
    params: list[Any] = [*kinds, *empty_too, *([cell_id] if cell_id is not None else [])]
    if person_ids is None:
        return [tuple(row) for row in store.conn.execute(sql + ")", params)]
    out = []
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        out += [
            tuple(row)
            for row in store.conn.execute(sql + f" AND id IN ({', '.join('?' for _ in chunk)}))", [*params, *chunk])
        ]
    return out


def people_names(store: Store, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Name, sort key and cell name of these people, by id."""
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in store.query(
            "SELECT p.id, p.full_name, p.sort_key, c.name AS cell FROM people p"
            f" LEFT JOIN cells c ON c.id = p.cell_id WHERE p.id IN ({', '.join('?' for _ in chunk)})",
            chunk,
        ):
            out[row["id"]] = row
    return out
