"""People: rows, derived columns, search, duplicates, soft delete."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from commune_app import vn
from commune_app.domain.person import NUMBER_FIELDS, PERSON_FIELDS, name_columns, search_digits
from commune_app.store.db import Audit, Store, inserted_id, now_iso

if TYPE_CHECKING:
    from commune_app.domain import road

EDITABLE = tuple(f.name for f in PERSON_FIELDS)
_IS_EDITABLE = frozenset(EDITABLE)  # membership tests of a tuple of 80 names cost a scan each
_DERIVED_SOURCES = {"full_name", "sort_override", "cccd", "phone"}
_DIGIT_SOURCES = set(NUMBER_FIELDS)


def get(store: Store, person_id: int, *, include_deleted: bool = False) -> dict[str, Any] | None:
    row = store.one("SELECT * FROM people WHERE id = ?", [person_id])
    if row and row["deleted_at"] and not include_deleted:
        return None
    return row


def public_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row without the internal columns (sort key, folded text)."""
    return {k: v for k, v in row.items() if k not in ("sort_key", "name_folded", "search_text", "search_digits")}


def insert(
    store: Store,
    audit: Audit,
    values: dict[str, Any],
    *,
    cell_id: int | None,
    assigned_on: str | None = None,
    reason: str = "",
) -> int:
    row = new_row(values, cell_id)
    cursor = store.conn.execute(
        f"INSERT INTO people ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
    )
    person_id = inserted_id(cursor)
    if cell_id is not None:
        store.conn.execute(INSERT_ASSIGNMENT, assignment(person_id, cell_id, assigned_on, reason))
    record_created(audit, person_id, row)
    return person_id


INSERT_ASSIGNMENT = "INSERT INTO cell_assignments (person_id, cell_id, from_date, reason) VALUES (?, ?, ?, ?)"


def new_row(values: dict[str, Any], cell_id: int | None) -> dict[str, Any]:
    """The row ``insert`` writes for these values: editable fields, derived name and search columns."""
    stamp = now_iso()
    row = {k: values[k] for k in EDITABLE if k in values}
    row.update(name_columns(row["full_name"], row.get("sort_override", ""), row.get("cccd"), row.get("phone", "")))
    row["search_digits"] = search_digits(row)
    row.update(cell_id=cell_id, created_at=stamp, updated_at=stamp)
    for key in ("status", "stage", "admitted_on", "ceremony_on", "official_on", "certificate_on", "rule_set_version"):
        if key in values:
            row[key] = values[key]
    return row


def assignment(person_id: int, cell_id: int, assigned_on: str | None, reason: str) -> list[Any]:
    """The values of ``INSERT_ASSIGNMENT`` for a new person's first cell."""
    return [person_id, cell_id, assigned_on or dt.date.today().isoformat(), reason]


def record_created(audit: Audit, person_id: int, row: dict[str, Any]) -> None:
    audit.record(
        "create", "person", person_id, person_id=person_id, summary=f"Thêm {row['full_name']}", after=_audit_view(row)
    )


def update(store: Store, audit: Audit, person_id: int, values: dict[str, Any], *, summary: str = "") -> None:
    before = get(store, person_id, include_deleted=True)
    if before is None:
        raise KeyError(person_id)
    changes = {k: v for k, v in values.items() if k in _IS_EDITABLE and before.get(k) != v}
    if not changes:
        return
    if _DERIVED_SOURCES & changes.keys():
        merged = {**before, **changes}
        changes.update(
            name_columns(
                merged["full_name"], merged.get("sort_override") or "", merged.get("cccd"), merged.get("phone") or ""
            )
        )
    if _DIGIT_SOURCES & changes.keys():
        changes["search_digits"] = search_digits({**before, **changes})
    changes["updated_at"] = now_iso()
    sets = ", ".join(f"{k} = ?" for k in changes)
    store.conn.execute(f"UPDATE people SET {sets} WHERE id = ?", [*changes.values(), person_id])
    shown = [k for k in changes if k in _IS_EDITABLE]
    audit.record(
        "update",
        "person",
        person_id,
        person_id=person_id,
        summary=summary or f"Sửa thông tin {before['full_name']}",
        before={k: before.get(k) for k in shown},
        after={k: changes[k] for k in shown},
    )


def _audit_view(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k in _IS_EDITABLE and v not in (None, "", 0)}


def soft_delete(store: Store, audit: Audit, person_id: int, reason: str) -> None:
    row = get(store, person_id)
    if row is None:
        raise KeyError(person_id)
    store.conn.execute(
        "UPDATE people SET deleted_at = ?, deleted_reason = ? WHERE id = ?", [now_iso(), reason, person_id]
    )
    audit.record("delete", "person", person_id, person_id=person_id, summary=f"Xóa {row['full_name']}: {reason}")


def restore(store: Store, audit: Audit, person_id: int) -> None:
    row = get(store, person_id, include_deleted=True)
    if row is None or not row["deleted_at"]:
        raise KeyError(person_id)
    store.conn.execute("UPDATE people SET deleted_at = NULL, deleted_reason = '' WHERE id = ?", [person_id])
    audit.record("restore", "person", person_id, person_id=person_id, summary=f"Khôi phục {row['full_name']}")


def deleted(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT id, full_name, birth_date, cell_id, deleted_at, deleted_reason FROM people"
        " WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC"
    )


def refresh_derived(store: Store, person_id: int) -> road.Derived:
    """Recompute status, stage and key dates from the milestones, in the caller's transaction."""
    from commune_app.domain import road  # the road's rules when a step is written: find and list start without

    milestones = milestones_of(store, person_id)
    has_introducers = bool(
        store.scalar(
            "SELECT 1 FROM links WHERE person_id = ? AND role = 'introducer' AND withdrawn_at IS NULL", [person_id]
        )
    )
    derived = road.derive(milestones, has_introducers)
    cols = derived.as_columns()
    store.conn.execute(
        f"UPDATE people SET {', '.join(f'{k} = ?' for k in cols)} WHERE id = ?", [*cols.values(), person_id]
    )
    return derived


def milestones_of(store: Store, person_id: int, *, include_withdrawn: bool = False) -> list[dict[str, Any]]:
    where = "" if include_withdrawn else " AND withdrawn_at IS NULL"
    rows = store.query(f"SELECT * FROM milestones WHERE person_id = ?{where} ORDER BY date, id", [person_id])
    for row in rows:
        row["details"] = json.loads(row["details"] or "{}")
    return rows


# --- search ----------------------------------------------------------------------------

SORTS = {
    "name": "p.sort_key",
    "birth_date": "p.birth_date",
    "cell": "c.sort_key",
    "status": "p.status",
    "stage": "p.stage",
    "admitted_on": "p.admitted_on",
    "official_on": "p.official_on",
}


@dataclass
class PeopleFilter:
    """What a list shows: the text typed, the statuses, the cell, the statistical flags."""

    text: str = ""
    statuses: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    cell_id: int | None = None
    cell_name: str | None = None
    female: bool = False
    ethnic_minority: bool = False
    religious: bool = False
    youth_union: bool = False
    age_from: int | None = None
    age_to: int | None = None
    deleted: bool = False
    sort: str = "name"
    descending: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


_DIGIT_GROUPS = re.compile(r"(?<=\d)[\s.]+(?=\d)")
_FRAGMENT = re.compile(r"^\d{4,}$")
MIN_FRAGMENT = 4


def _query_parts(text: str) -> tuple[list[str], list[str]]:
    """(words for the name index, digit fragments looked for inside the numbers): '001 090.012'
    is one fragment '001090012'; a run of 4 digits or more is a fragment, shorter ones are words."""
    joined = _DIGIT_GROUPS.sub("", vn.fold(text).replace('"', " "))
    tokens = [w for w in joined.split(" ") if w]
    return [w for w in tokens if not _FRAGMENT.match(w)], [w for w in tokens if _FRAGMENT.match(w)]


def _fts_query(text: str) -> tuple[str, list[str]]:
    """Folded words as FTS5 prefix terms ('nguyen van' → "nguyen"* AND "van"*); digit fragments left out."""
    words, _ = _query_parts(text)
    return " AND ".join(f'"{w}"*' for w in words), words


# A fragment anywhere inside the numbers: one pass over their index (instr: a fifth faster than
# LIKE '%…%', the same for digits).
_HAS_FRAGMENT = "instr(search_digits, ?) > 0"
_WITH_FRAGMENTS = "SELECT id FROM people INDEXED BY people_digits WHERE "


def _digit_clauses(text: str) -> tuple[list[str], list[str]]:
    """Each fragment found anywhere inside a CCCD, phone or party card number (so a CCCD typed
    without the leading 0 Excel dropped, or its last digits, finds the person)."""
    _, fragments = _query_parts(text)
    return [f"p.id IN ({_WITH_FRAGMENTS}{_HAS_FRAGMENT})" for _ in fragments], fragments


# Up to this many name matches, the search starts from the full-text index and sorts the
# matches; beyond it, walking the name-order index and keeping the matches is cheaper. For a
# page of results the walk tests each row's own search text (no set of all matches to build)
# and stops when the page is full: with this many matches, one row in fifteen matches or more.
# Measured on 150,000 people (``commune-app bench``).
FEW_MATCHES = 20000
FEW_MATCHES_FOR_A_PAGE = 10000
_PLAIN_WORD = re.compile(r"[a-z0-9]+")


def _where(flt: PeopleFilter, today: dt.date) -> tuple[list[str], list[Any]]:
    """Conditions on people p (and cells c) other than the typed text."""
    clauses = ["p.deleted_at IS NOT NULL" if flt.deleted else "p.deleted_at IS NULL"]
    params: list[Any] = []
    if flt.statuses:
        clauses.append(f"p.status IN ({', '.join('?' for _ in flt.statuses)})")
        params.extend(flt.statuses)
    if flt.stages:
        clauses.append(f"p.stage IN ({', '.join('?' for _ in flt.stages)})")
        params.extend(flt.stages)
    if flt.cell_id is not None:
        clauses.append("p.cell_id = ?")
        params.append(flt.cell_id)
    if flt.cell_name:
        clauses.append("c.name_folded LIKE ?")
        params.append(f"%{vn.fold(flt.cell_name)}%")
    if flt.female:
        clauses.append("p.gender = 'F'")
    if flt.ethnic_minority:
        clauses.append("p.ethnicity NOT IN ('Kinh', 'Người nước ngoài')")
    if flt.religious:
        clauses.append("p.religion <> 'Không'")
    if flt.youth_union:
        clauses.append("p.youth_union = 1")
    if flt.age_from is not None:
        clauses.append("p.birth_date <= ?")
        params.append(vn.add_months(today, -12 * flt.age_from).isoformat())
    if flt.age_to is not None:
        clauses.append("p.birth_date > ?")
        params.append(vn.add_months(today, -12 * (flt.age_to + 1)).isoformat())
    return clauses, params


def _from(
    store: Store, flt: PeopleFilter, today: dt.date, few: int = FEW_MATCHES, page: bool = False
) -> tuple[str, list[Any]]:
    """The FROM and WHERE part of a people query, choosing the faster plan for the typed text."""
    clauses, params = _where(flt, today)
    query, words = _fts_query(flt.text) if flt.text.strip() else ("", [])
    digit_clauses, digit_params = _digit_clauses(flt.text)
    if not words and digit_params:
        # Only digits typed: their few matches are the outer loop, then sorted, rather than a walk
        # of everyone in name order testing each against them (province: 15 ms instead of 26).
        found = " AND ".join(_HAS_FRAGMENT for _ in digit_params)
        return (
            f"FROM ({_WITH_FRAGMENTS}{found}) d CROSS JOIN people p ON p.id = d.id"
            f" LEFT JOIN cells c ON c.id = p.cell_id WHERE {' AND '.join(clauses)}",
            [*digit_params, *params],
        )
    clauses, params = clauses + digit_clauses, params + digit_params
    if not words:
        return f"FROM people p LEFT JOIN cells c ON c.id = p.cell_id WHERE {' AND '.join(clauses)}", params
    matches = store.scalar("SELECT count(*) FROM people_fts WHERE people_fts MATCH ?", [query])
    if matches <= few:
        # CROSS JOIN keeps the full-text matches as the outer loop: one row lookup per match.
        return (
            f"FROM people_fts f CROSS JOIN people p ON p.id = f.rowid LEFT JOIN cells c ON c.id = p.cell_id"
            f" WHERE people_fts MATCH ? AND {' AND '.join(clauses)}",
            [query, *params],
        )
    if page and all(_PLAIN_WORD.fullmatch(w) for w in words):
        # The same test as the full-text index's: some word of the text starts with each typed word.
        clauses += ["(' ' || p.search_text) GLOB ?" for _ in words]
        params += [f"*[^a-z0-9]{w}*" for w in words]
    else:
        clauses.append("p.id IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?)")
        params.append(query)
    return f"FROM people p LEFT JOIN cells c ON c.id = p.cell_id WHERE {' AND '.join(clauses)}", params


def text_match_ids(store: Store, text: str) -> set[int] | None:
    """Ids whose name, CCCD or phone match the words typed (as in ``search_ids``); None when
    no word was typed. Lets a list keep its ordered ids and narrow them at each keystroke."""
    query, words = _fts_query(text)
    digit_clauses, digit_params = _digit_clauses(text)
    if not words and not digit_clauses:
        return None
    found: set[int] | None = None
    if words:
        found = {r[0] for r in store.conn.execute("SELECT rowid FROM people_fts WHERE people_fts MATCH ?", [query])}
    for param in digit_params:
        ids = {r[0] for r in store.conn.execute(_WITH_FRAGMENTS + _HAS_FRAGMENT, [param])}
        found = ids if found is None else found & ids
    return found or set()


def search_ids(
    store: Store, flt: PeopleFilter, *, limit: int | None = None, today: dt.date | None = None, offset: int = 0
) -> list[int]:
    """Ids of the people matching, in the chosen order (Vietnamese name order by default).

    ``limit``/``offset`` give one page, for callers that show the first results as the clerk types.
    """
    few = FEW_MATCHES_FOR_A_PAGE if limit else FEW_MATCHES
    source, params = _from(store, flt, today or dt.date.today(), few, page=bool(limit))
    order = SORTS.get(flt.sort, "p.sort_key")
    direction = "DESC" if flt.descending else "ASC"
    tie = "" if order == "p.sort_key" else f", p.sort_key {direction}"
    sql = f"SELECT p.id {source} ORDER BY {order} {direction}{tie}, p.id"
    if limit:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return [r[0] for r in store.conn.execute(sql, params)]


def count(store: Store, flt: PeopleFilter, today: dt.date | None = None) -> int:
    # Counting visits every match anyway, so starting from the full-text index always wins.
    source, params = _from(store, flt, today or dt.date.today(), few=10**9)
    return int(store.scalar(f"SELECT count(*) {source}", params))


LIST_COLUMNS = (
    "p.id, p.full_name, p.family_name, p.middle_name, p.given_name, p.gender, p.birth_date,"
    " p.birth_year_only, p.ethnicity, p.religion, p.cccd, p.phone, p.status, p.stage, p.admitted_on,"
    " p.ceremony_on, p.official_on, p.certificate_on, p.residence, p.youth_union, p.cell_id,"
    " p.party_card_new, p.party_card_old, p.planned_meeting_on, c.name AS cell"
)


def rows_by_ids(store: Store, ids: list[int]) -> dict[int, dict[str, Any]]:
    """List rows for a batch of ids (what a table model fetches for its visible rows)."""
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in store.query(
            f"SELECT {LIST_COLUMNS} FROM people p LEFT JOIN cells c ON c.id = p.cell_id WHERE p.id IN ({marks})", chunk
        ):
            out[row["id"]] = row
    return out


def likely_duplicates(
    store: Store, *, cccd: str | None, full_name: str, birth_date: str | None, exclude_id: int | None = None
) -> list[dict[str, Any]]:
    """People with the same CCCD, or the same folded name and birth date."""
    clauses: list[str] = []
    params: list[Any] = []
    if cccd:
        clauses.append("cccd = ?")
        params.append(cccd)
    if full_name and birth_date:
        clauses.append("(name_folded = ? AND birth_date = ?)")
        params.extend([vn.fold(full_name), birth_date])
    if not clauses:
        return []
    sql = f"SELECT id, full_name, birth_date, cccd, status, deleted_at FROM people WHERE ({' OR '.join(clauses)})"
    if exclude_id is not None:
        sql += " AND id <> ?"
        params.append(exclude_id)
    return store.query(sql, params)
