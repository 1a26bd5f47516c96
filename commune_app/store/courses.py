"""Courses, their sessions, enrolments and the attendance grid: every line of their SQL."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from commune_app.store.db import Audit, Store, inserted_id, now_iso

COURSE_FIELDS = (
    "kind",
    "name",
    "intake",
    "organiser",
    "place",
    "start_date",
    "end_date",
    "periods",
    "certificate_issuer",
    "notes",
)
RESULT_FIELDS = ("score", "grade", "certificate_no", "certificate_on", "certificate_issuer", "milestone_id")

# What the grid, the roster and the person's tab show about each learner.
_ENROLMENT_SELECT = (
    "SELECT e.*, p.full_name, p.family_name, p.middle_name, p.given_name, p.gender, p.birth_date,"
    " p.birth_year_only, p.ethnicity, p.religion, p.education_general, p.professional_level,"
    " p.professional_field, p.occupation, p.workplace, p.position, p.status AS person_status,"
    " p.deleted_at AS person_deleted_at, c.name AS cell_name"
    " FROM enrolments e JOIN people p ON p.id = e.person_id LEFT JOIN cells c ON c.id = e.cell_id"
)


# --- courses ---------------------------------------------------------------------------


def get_course(store: Store, course_id: int) -> dict[str, Any] | None:
    return store.one("SELECT * FROM courses WHERE id = ? AND deleted_at IS NULL", [course_id])


def insert_course(store: Store, audit: Audit, values: dict[str, Any]) -> int:
    row = {k: values[k] for k in COURSE_FIELDS if k in values}
    row["created_at"] = now_iso()
    cursor = store.conn.execute(
        f"INSERT INTO courses ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
    )
    course_id = inserted_id(cursor)
    audit.record(
        "create",
        "course",
        course_id,
        summary=f"Mở lớp {row['name']}",
        after={k: v for k, v in row.items() if k in COURSE_FIELDS},
    )
    return course_id


def update_course(store: Store, audit: Audit, course_id: int, values: dict[str, Any]) -> None:
    before = get_course(store, course_id)
    if before is None:
        raise KeyError(course_id)
    changes = {k: values[k] for k in COURSE_FIELDS if k in values and values[k] != before[k]}
    if not changes:
        return
    store.conn.execute(
        f"UPDATE courses SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?", [*changes.values(), course_id]
    )
    audit.record(
        "update",
        "course",
        course_id,
        summary=f"Sửa lớp {before['name']}",
        before={k: before[k] for k in changes},
        after=changes,
    )


def delete_course(store: Store, audit: Audit, course_id: int, reason: str) -> None:
    before = get_course(store, course_id)
    if before is None:
        raise KeyError(course_id)
    store.conn.execute("UPDATE courses SET deleted_at = ? WHERE id = ?", [now_iso(), course_id])
    audit.record("delete", "course", course_id, summary=f"Xóa lớp {before['name']}: {reason}")


def list_courses(store: Store, year: int | None = None, *, cell_id: int | None = None) -> list[dict[str, Any]]:
    """Courses with their counts (of the learners one cell sent, when ``cell_id`` is given), newest first."""
    sent = " AND e.cell_id = ?" if cell_id is not None else ""
    sql = (
        "SELECT c.*,"
        f" (SELECT count(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'enrolled'{sent}) AS enrolled,"
        " (SELECT count(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'enrolled'"
        f"   AND e.certificate_no <> ''{sent}) AS certified,"
        " (SELECT count(*) FROM course_sessions s WHERE s.course_id = c.id) AS session_count"
        " FROM courses c WHERE c.deleted_at IS NULL"
    )
    params: list[Any] = [cell_id, cell_id] if cell_id is not None else []
    if year is not None:
        sql += " AND c.start_date BETWEEN ? AND ?"
        params += [f"{year:04d}-01-01", f"{year:04d}-12-31"]
    return store.query(sql + " ORDER BY c.start_date DESC, c.id DESC", params)


# --- sessions --------------------------------------------------------------------------


def sessions_of(store: Store, course_id: int) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM course_sessions WHERE course_id = ? ORDER BY seq", [course_id])


def replace_sessions(store: Store, audit: Audit, course_id: int, sessions: list[dict[str, Any]]) -> None:
    """Make the schedule exactly ``sessions`` (in order): rows keep their id (and marks) by position;
    extra old rows are deleted with their marks, which the caller must have allowed."""
    existing = sessions_of(store, course_id)
    # Park the sequence numbers out of the way so renumbering never trips UNIQUE(course_id, seq).
    store.conn.execute("UPDATE course_sessions SET seq = -seq WHERE course_id = ?", [course_id])
    for index, wanted in enumerate(sessions, start=1):
        values = [wanted["date"], wanted.get("part", ""), wanted.get("topic", "")]
        if index <= len(existing):
            store.conn.execute(
                "UPDATE course_sessions SET seq = ?, date = ?, part = ?, topic = ? WHERE id = ?",
                [index, *values, existing[index - 1]["id"]],
            )
        else:
            store.conn.execute(
                "INSERT INTO course_sessions (course_id, seq, date, part, topic) VALUES (?, ?, ?, ?, ?)",
                [course_id, index, *values],
            )
    for old in existing[len(sessions) :]:
        store.conn.execute("DELETE FROM course_sessions WHERE id = ?", [old["id"]])
    audit.record(
        "update",
        "course_sessions",
        course_id,
        summary=f"Lịch học: {len(sessions)} buổi",
        before=[{k: s[k] for k in ("date", "part", "topic")} for s in existing],
        after=[{k: s.get(k, "") for k in ("date", "part", "topic")} for s in sessions],
    )


def marks_count_for_sessions(store: Store, session_ids: Iterable[int]) -> int:
    ids = list(session_ids)
    if not ids:
        return 0
    return int(
        store.scalar(f"SELECT count(*) FROM attendance WHERE session_id IN ({', '.join('?' for _ in ids)})", ids)
    )


# --- enrolments ------------------------------------------------------------------------


def get_enrolment(store: Store, enrolment_id: int) -> dict[str, Any] | None:
    return store.one(_ENROLMENT_SELECT + " WHERE e.id = ?", [enrolment_id])


def find_enrolment(store: Store, course_id: int, person_id: int) -> dict[str, Any] | None:
    return store.one("SELECT * FROM enrolments WHERE course_id = ? AND person_id = ?", [course_id, person_id])


def enrolments_of(store: Store, course_id: int, *, include_left: bool = False) -> list[dict[str, Any]]:
    """Learners in Vietnamese list order (given name, then family and middle names)."""
    where = "" if include_left else " AND e.status = 'enrolled'"
    return store.query(_ENROLMENT_SELECT + f" WHERE e.course_id = ?{where} ORDER BY p.sort_key, e.id", [course_id])


def enrolments_of_person(store: Store, person_id: int) -> list[dict[str, Any]]:
    return store.query(
        "SELECT e.*, k.name AS course_name, k.kind AS course_kind, k.intake, k.organiser, k.start_date,"
        " k.end_date, c.name AS cell_name FROM enrolments e JOIN courses k ON k.id = e.course_id"
        " LEFT JOIN cells c ON c.id = e.cell_id WHERE e.person_id = ? AND k.deleted_at IS NULL"
        " ORDER BY k.start_date DESC, e.id DESC",
        [person_id],
    )


def insert_enrolment(
    store: Store, audit: Audit, course_id: int, person_id: int, cell_id: int | None, *, summary: str
) -> int:
    cursor = store.conn.execute(
        "INSERT INTO enrolments (course_id, person_id, cell_id, enrolled_at) VALUES (?, ?, ?, ?)",
        [course_id, person_id, cell_id, now_iso()],
    )
    enrolment_id = inserted_id(cursor)
    audit.record(
        "create",
        "enrolment",
        enrolment_id,
        person_id=person_id,
        summary=summary,
        after={"course_id": course_id, "cell_id": cell_id},
    )
    return enrolment_id


def set_enrolment_status(
    store: Store, audit: Audit, enrolment_id: int, status: str, reason: str, *, cell_id: int | None = None, summary: str
) -> None:
    before = store.one("SELECT * FROM enrolments WHERE id = ?", [enrolment_id])
    if before is None:
        raise KeyError(enrolment_id)
    new_cell = cell_id if cell_id is not None else before["cell_id"]
    store.conn.execute(
        "UPDATE enrolments SET status = ?, status_reason = ?, cell_id = ? WHERE id = ?",
        [status, reason, new_cell, enrolment_id],
    )
    audit.record(
        "status",
        "enrolment",
        enrolment_id,
        person_id=before["person_id"],
        summary=summary,
        before={"status": before["status"], "status_reason": before["status_reason"]},
        after={"status": status, "status_reason": reason},
    )


def set_result(store: Store, audit: Audit, enrolment_id: int, values: dict[str, Any], *, summary: str) -> None:
    before = store.one("SELECT * FROM enrolments WHERE id = ?", [enrolment_id])
    if before is None:
        raise KeyError(enrolment_id)
    row = {k: values[k] for k in RESULT_FIELDS if k in values}
    store.conn.execute(
        f"UPDATE enrolments SET {', '.join(f'{k} = ?' for k in row)} WHERE id = ?", [*row.values(), enrolment_id]
    )
    audit.record(
        "result",
        "enrolment",
        enrolment_id,
        person_id=before["person_id"],
        summary=summary,
        before={k: before[k] for k in row},
        after=row,
    )


# --- attendance ------------------------------------------------------------------------


def marks_of(store: Store, course_id: int) -> dict[tuple[int, int], str]:
    return {
        (r[0], r[1]): r[2]
        for r in store.conn.execute(
            "SELECT a.enrolment_id, a.session_id, a.mark FROM attendance a"
            " JOIN course_sessions s ON s.id = a.session_id WHERE s.course_id = ?",
            [course_id],
        )
    }


def write_marks(
    store: Store, audit: Audit, course_id: int, marks: dict[tuple[int, int], str | None], *, summary: str
) -> None:
    """Set (or clear, with None) grid cells; one audit row for the whole batch."""
    before = marks_of(store, course_id)
    changed = {key: mark for key, mark in marks.items() if before.get(key) != mark}
    if not changed:
        return
    store.conn.executemany(
        "INSERT INTO attendance (enrolment_id, session_id, mark) VALUES (?, ?, ?)"
        " ON CONFLICT(enrolment_id, session_id) DO UPDATE SET mark = excluded.mark",
        [(e, s, m) for (e, s), m in changed.items() if m is not None],
    )
    store.conn.executemany(
        "DELETE FROM attendance WHERE enrolment_id = ? AND session_id = ?",
        [(e, s) for (e, s), m in changed.items() if m is None],
    )
    audit.record(
        "marks",
        "course",
        course_id,
        summary=summary,
        before={f"{e}:{s}": before.get((e, s)) for (e, s) in changed},
        after={f"{e}:{s}": m for (e, s), m in changed.items()},
    )


# --- lists and figures -------------------------------------------------------------------


def nomination_candidates(store: Store, cell_id: int, valid_since: str) -> list[dict[str, Any]]:
    """A cell's people on the road (not yet admitted) whose awareness certificate is missing or was
    issued before ``valid_since`` (expired), in list order."""
    return store.query(
        "SELECT id, full_name, birth_date, gender, cell_id, certificate_on FROM people"
        " WHERE deleted_at IS NULL AND cell_id = ? AND status IN ('source', 'candidate')"
        " AND (certificate_on IS NULL OR certificate_on < ?) ORDER BY sort_key",
        [cell_id, valid_since],
    )


def organisers_used(store: Store) -> list[str]:
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT organiser FROM courses WHERE organiser <> '' GROUP BY organiser ORDER BY max(start_date) DESC"
        )
    ]
