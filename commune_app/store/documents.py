"""Document numbers and the register of issued documents.

A number comes from the counter of its (issuing body, document type, party term) and is
taken in the same transaction as the ``documents`` row that records it, so a number is
never given twice and never reused, even when a later step of that transaction fails
(the whole transaction then rolls back, counter included).
"""

from __future__ import annotations

from typing import Any

from commune_app import vn
from commune_app.store.db import Audit, Store, inserted_id, now_iso


def next_number(store: Store, issuer: str, doc_type: str, term: str, at_least: int = 1) -> int:
    """Advance and return the counter, never below ``at_least``; call inside the transaction
    that records the document."""
    store.conn.execute(
        "INSERT INTO doc_counters (issuer, doc_type, term, last_number) VALUES (?, ?, ?, max(?, 1))"
        " ON CONFLICT(issuer, doc_type, term) DO UPDATE SET last_number = max(last_number + 1, ?)",
        [issuer, doc_type, term, at_least, at_least],
    )
    return int(
        store.scalar(
            "SELECT last_number FROM doc_counters WHERE issuer = ? AND doc_type = ? AND term = ?",
            [issuer, doc_type, term],
        )
    )


def highest_recorded(store: Store, suffix: str, since: str, cell_id: int | None = None) -> int:
    """The highest number among the document numbers typed on milestones ('40-QĐ/ĐU') that end
    in ``suffix`` ('-QĐ/ĐU'), dated ``since`` or later, of one cell's people if ``cell_id``.
    Numbers the program gave are left out: their counter knows them, whoever moved since."""
    sql = (
        "SELECT m.doc_number FROM milestones m JOIN people p ON p.id = m.person_id WHERE m.withdrawn_at IS NULL"
        " AND m.date >= ? AND m.doc_number LIKE ?"
        " AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.milestone_id = m.id)"
    )
    params: list[Any] = [since, f"%{suffix}"]
    if cell_id is not None:
        sql += " AND p.cell_id = ?"
        params.append(cell_id)
    numbers = [str(r[0])[: -len(suffix)].strip() for r in store.conn.execute(sql, params)]
    return max((int(n) for n in numbers if n.isdigit()), default=0)


def last_number(store: Store, issuer: str, doc_type: str, term: str) -> int:
    return int(
        store.scalar(
            "SELECT last_number FROM doc_counters WHERE issuer = ? AND doc_type = ? AND term = ?",
            [issuer, doc_type, term],
        )
        or 0
    )


def record_issued(store: Store, audit: Audit, values: dict[str, Any]) -> int:
    """Insert a ``documents`` row (person_id, form_code, issuer, doc_type, term, number,
    doc_number, issued_on, milestone_id, rule_set_version) with its audit row."""
    row = {
        k: values.get(k)
        for k in (
            "person_id",
            "form_code",
            "issuer",
            "doc_type",
            "term",
            "number",
            "doc_number",
            "issued_on",
            "milestone_id",
            "rule_set_version",
        )
    }
    row["rule_set_version"] = row["rule_set_version"] or ""
    row["created_at"] = now_iso()
    cursor = store.conn.execute(
        f"INSERT INTO documents ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
    )
    document_id = inserted_id(cursor)
    audit.record(
        "issue",
        "document",
        document_id,
        person_id=row["person_id"],
        summary=f"Ban hành {row['form_code']} số {row['doc_number']} ngày {vn.day_text(row['issued_on'])}",
        after=row,
    )
    return document_id


def documents_of(store: Store, person_id: int) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM documents WHERE person_id = ? ORDER BY issued_on, id", [person_id])


def issued(store: Store, person_id: int, form_code: str) -> dict[str, Any] | None:
    return store.one(
        "SELECT * FROM documents WHERE person_id = ? AND form_code = ? ORDER BY id DESC LIMIT 1", [person_id, form_code]
    )


def people_with_meeting(store: Store, cell_id: int, day: str, kinds: tuple[str, ...]) -> list[int]:
    """People of a cell whose meeting (a live milestone of ``kinds``) or planned meeting is on ``day``."""
    marks = ", ".join("?" for _ in kinds)
    rows = store.conn.execute(
        "SELECT p.id FROM people p WHERE p.deleted_at IS NULL AND p.cell_id = ? AND (p.planned_meeting_on = ?"
        f" OR EXISTS (SELECT 1 FROM milestones m WHERE m.person_id = p.id AND m.kind IN ({marks})"
        " AND m.date = ? AND m.withdrawn_at IS NULL)) ORDER BY p.sort_key",
        [cell_id, day, *kinds, day],
    )
    return [r[0] for r in rows]


def people_with_decision(store: Store, day: str, kinds: tuple[str, ...]) -> list[int]:
    """People whose decision (a live milestone of ``kinds``) is dated ``day``."""
    marks = ", ".join("?" for _ in kinds)
    rows = store.conn.execute(
        "SELECT p.id FROM people p WHERE p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM milestones m"
        f" WHERE m.person_id = p.id AND m.kind IN ({marks}) AND m.date = ? AND m.withdrawn_at IS NULL)"
        " ORDER BY p.sort_key",
        [*kinds, day],
    )
    return [r[0] for r in rows]


def people_awaiting(store: Store, stages: tuple[str, ...]) -> list[int]:
    """People at one of ``stages`` (e.g. the cell has proposed, the committee has not decided)."""
    marks = ", ".join("?" for _ in stages)
    rows = store.conn.execute(
        f"SELECT id FROM people WHERE deleted_at IS NULL AND stage IN ({marks}) ORDER BY sort_key", list(stages)
    )
    return [r[0] for r in rows]


def probationary_register(store: Store) -> list[dict[str, Any]]:
    """Everyone admitted who is or was probationary, in time order (18-KNĐ column 1)."""
    return store.query(
        "SELECT p.id, p.full_name, p.lylich_number, p.birth_date, p.gender, p.admitted_on, p.ceremony_on,"
        " p.official_on, p.status, p.readmission, c.name AS cell,"
        " (SELECT m.doc_number FROM milestones m WHERE m.person_id = p.id AND m.kind = 'admission_decision'"
        "  AND m.withdrawn_at IS NULL ORDER BY m.date DESC LIMIT 1) AS decision_number"
        " FROM people p LEFT JOIN cells c ON c.id = p.cell_id"
        " WHERE p.deleted_at IS NULL AND p.admitted_on IS NOT NULL ORDER BY p.admitted_on, p.sort_key"
    )


def person_name(store: Store, person_id: int | None) -> str:
    if not person_id:
        return ""
    return str(store.scalar("SELECT full_name FROM people WHERE id = ?", [person_id]) or "")


def papers_of(store: Store, person_id: int) -> dict[str, dict[str, Any]]:
    """Where the papers of one dossier are: paper key → {present, location}."""
    return {
        r["paper_key"]: r
        for r in store.query(
            "SELECT paper_key, present, location FROM document_papers WHERE person_id = ?", [person_id]
        )
    }


def save_paper(store: Store, audit: Audit, person_id: int, key: str, present: bool, location: str) -> None:
    before = store.one(
        "SELECT present, location FROM document_papers WHERE person_id = ? AND paper_key = ?", [person_id, key]
    )
    after = {"present": int(present), "location": location}
    store.conn.execute(
        "INSERT INTO document_papers (person_id, paper_key, present, location, updated_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (person_id, paper_key) DO UPDATE SET present = excluded.present,"
        " location = excluded.location, updated_at = excluded.updated_at",
        [person_id, key, int(present), location, now_iso()],
    )
    summary = f"Bản giấy {key}: {'có' if present else 'chưa có'}" + (f", lưu tại {location}" if location else "")
    audit.record("update", "document_paper", None, person_id=person_id, before=before, after=after, summary=summary)


def dossier_people(store: Store) -> list[int]:
    """The people whose dossier is being built: candidates and probationary members, by name."""
    return [
        r["id"]
        for r in store.query(
            "SELECT id FROM people WHERE deleted_at IS NULL"
            " AND status IN ('candidate', 'probationary') ORDER BY sort_key"
        )
    ]
