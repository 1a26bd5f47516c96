"""Party-awareness and new-member courses: schedule, enrolment, attendance, results, certificates.

A passing learner's certificate becomes the person's road milestone (course_certificate for the
awareness course, new_member_course for the new members' course), so the rules see it; the
enrolment keeps the link (enrolments.milestone_id). Each function is one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.domain import courses as course_data
from commune_app.domain.courses import CourseGrid, CourseIndicator, GridRow, IndicatorRow, SessionColumn
from commune_app.errors import FileRefused, Refused
from commune_app.ops.context import Session
from commune_app.progress import Progress
from commune_app.store import cells as cell_store
from commune_app.store import courses as store
from commune_app.store import people as people_store
from commune_app.store import profile, stats
from commune_app.store import road as road_store

# --- input cleaning ----------------------------------------------------------------------


def _to_date(value: Any, label: str) -> dt.date:
    """A date given as date, ISO text (from code) or dd/mm/yyyy (typed by the clerk)."""
    if isinstance(value, dt.date):
        return value
    text = vn.nfc(value)
    if not text:
        raise Refused(f"Thiếu {label}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return vn.parse_date(text)
    except vn.DateError as exc:
        raise Refused(f"{label[:1].upper()}{label[1:]}: {exc}") from None


def _clean_course(values: dict[str, Any], existing: dict[str, Any] | None = None) -> dict[str, Any]:
    merged = {**(existing or {}), **values}
    kind = merged.get("kind") or "awareness"
    if kind not in course_data.kinds():
        raise Refused(f"Loại lớp “{kind}” không hợp lệ")
    cleaned: dict[str, Any] = {"kind": kind}
    for key in ("name", "intake", "organiser", "place", "certificate_issuer", "notes"):
        cleaned[key] = vn.nfc(merged.get(key))
    errors = []
    if not cleaned["name"]:
        errors.append("Thiếu tên lớp")
    try:
        cleaned["start_date"] = _to_date(merged.get("start_date"), "ngày khai giảng").isoformat()
    except Refused as exc:
        errors.extend(exc.reasons)
    if merged.get("end_date"):
        try:
            cleaned["end_date"] = _to_date(merged["end_date"], "ngày bế giảng").isoformat()
        except Refused as exc:
            errors.extend(exc.reasons)
    periods = merged.get("periods")
    if periods in (None, ""):
        periods = course_data.programme(kind).periods
    try:
        cleaned["periods"] = int(periods)
        if cleaned["periods"] <= 0:
            raise ValueError
    except (TypeError, ValueError):
        errors.append(f"Số tiết “{periods}” phải là số nguyên dương")
    if errors:
        raise Refused(*errors)
    return cleaned


def _clean_sessions(sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out, errors = [], []
    for index, raw in enumerate(sessions, start=1):
        try:
            day = _to_date(raw.get("date"), f"ngày của buổi {index}")
        except Refused as exc:
            errors.extend(exc.reasons)
            continue
        part = vn.nfc(raw.get("part"))
        if part and part not in course_data.PARTS:
            errors.append(f"Buổi {index}: “{part}” không phải Sáng, Chiều hoặc Tối")
        out.append({"date": day.isoformat(), "part": part, "topic": vn.nfc(raw.get("topic"))})
    if errors:
        raise Refused(*errors)
    if not out:
        raise Refused("Lớp học cần ít nhất một buổi học")
    order = {p: i for i, p in enumerate(course_data.PARTS)}
    out.sort(key=lambda s: (s["date"], order.get(s["part"], -1)))
    return out


def default_sessions(session: Session, kind: str, start: dt.date) -> list[dict[str, Any]]:
    """The official programme: its sessions, two a day on consecutive working days from ``start``."""
    programme = course_data.programme(kind)
    day = start
    out: list[dict[str, Any]] = []
    topics = list(programme.topics)
    while topics:
        while not session.calendar.is_working_day(day):
            day += dt.timedelta(days=1)
        for part in programme.parts:
            if topics:
                out.append({"date": day.isoformat(), "part": part, "topic": topics.pop(0)})
        day += dt.timedelta(days=1)
    return out


def _check_dates(course: dict[str, Any], sessions: list[dict[str, Any]]) -> None:
    if course["end_date"] < course["start_date"]:
        raise Refused(
            f"Ngày bế giảng {vn.format_date(course['end_date'])} trước ngày khai giảng "
            f"{vn.format_date(course['start_date'])}"
        )
    outside = [
        f"buổi {i} ({vn.format_date(s['date'])})"
        for i, s in enumerate(sessions, start=1)
        if not course["start_date"] <= s["date"] <= course["end_date"]
    ]
    if outside:
        raise Refused(
            f"Lịch học nằm ngoài thời gian của lớp ({vn.format_date(course['start_date'])} – "
            f"{vn.format_date(course['end_date'])}): " + ", ".join(outside)
        )


def _course_or_refuse(session: Session, course_id: int) -> dict[str, Any]:
    course = store.get_course(session.store, course_id)
    if course is None:
        raise Refused(f"Không tìm thấy lớp học mã {course_id}")
    return course


# --- courses -------------------------------------------------------------------------------


def create_course(session: Session, values: dict[str, Any], sessions: list[dict[str, Any]] | None = None) -> int:
    """Open a course. ``sessions`` None gives the official programme's sessions from start_date;
    end_date, when not given, is the last session's date."""
    session.require_write()
    session.require_whole_commune()
    cleaned = _clean_course(values)
    start = dt.date.fromisoformat(cleaned["start_date"])
    schedule = _clean_sessions(sessions) if sessions is not None else default_sessions(session, cleaned["kind"], start)
    cleaned.setdefault("end_date", schedule[-1]["date"])
    _check_dates(cleaned, schedule)
    with session.write() as audit:
        course_id = store.insert_course(session.store, audit, cleaned)
        store.replace_sessions(session.store, audit, course_id, schedule)
    return course_id


def update_course(
    session: Session, course_id: int, values: dict[str, Any], sessions: list[dict[str, Any]] | None = None
) -> None:
    """Edit a course; a new schedule keeps the marks of sessions that stay (by position) and
    refuses to drop sessions that already have marks."""
    session.require_write()
    session.require_whole_commune()
    existing = _course_or_refuse(session, course_id)
    if "kind" in values and values["kind"] != existing["kind"] and _has_certificates(session, course_id):
        raise Refused("Lớp đã cấp giấy chứng nhận nên không đổi được loại lớp")
    cleaned = _clean_course(values, existing)
    schedule = _clean_sessions(sessions) if sessions is not None else store.sessions_of(session.store, course_id)
    _check_dates(cleaned, schedule)
    if sessions is not None:
        dropped = store.sessions_of(session.store, course_id)[len(schedule) :]
        if store.marks_count_for_sessions(session.store, [s["id"] for s in dropped]):
            raise Refused(
                "Không bỏ được buổi "
                + ", ".join(str(s["seq"]) for s in dropped)
                + " vì đã có điểm danh; hãy xóa điểm danh của các buổi đó trước"
            )
    with session.write() as audit:
        store.update_course(session.store, audit, course_id, cleaned)
        if sessions is not None:
            store.replace_sessions(session.store, audit, course_id, schedule)


def delete_course(session: Session, course_id: int, reason: str) -> None:
    session.require_write()
    session.require_whole_commune()
    _course_or_refuse(session, course_id)
    if not vn.nfc(reason):
        raise Refused("Cần ghi lý do xóa lớp")
    if _has_certificates(session, course_id):
        raise Refused("Lớp đã cấp giấy chứng nhận cho học viên nên không xóa được")
    with session.write() as audit:
        store.delete_course(session.store, audit, course_id, vn.nfc(reason))


def _has_certificates(session: Session, course_id: int) -> bool:
    return any(e["certificate_no"] for e in store.enrolments_of(session.store, course_id, include_left=True))


def get_course(session: Session, course_id: int) -> dict[str, Any]:
    course = _course_or_refuse(session, course_id)
    course["kind_label"] = course_data.kinds()[course["kind"]]
    course["sessions"] = store.sessions_of(session.store, course_id)
    return course


def list_courses(session: Session, year: int | None = None) -> list[dict[str, Any]]:
    """Courses (of one year by start date, or all), newest first, with their counts (of the
    actor's cell only when their account is restricted to one)."""
    labels = course_data.kinds()
    rows = store.list_courses(session.store, year, cell_id=session.actor.cell_id)
    for row in rows:
        row["kind_label"] = labels[row["kind"]]
    return rows


def organiser_suggestions(session: Session) -> list[str]:
    """Organisers already used in this file first, then the usual ones."""
    seen = store.organisers_used(session.store)
    return seen + [s for s in course_data.organiser_suggestions() if s not in seen]


# --- enrolment -------------------------------------------------------------------------------


def enrol(session: Session, course_id: int, person_ids: list[int], cell_id: int | None = None) -> list[int]:
    """Put people on a course (several at once), each with the cell that sends them (their current
    cell unless ``cell_id`` is given). Someone already on the course keeps their enrolment; someone
    who had left it comes back."""
    course = _course_or_refuse(session, course_id)
    people = []
    errors = []
    for person_id in dict.fromkeys(person_ids):
        person = people_store.get(session.store, person_id)
        if person is None:
            errors.append(f"Không tìm thấy người mã {person_id} (có thể đã bị xóa)")
            continue
        people.append(person)
    if cell_id is not None and cell_store.get(session.store, cell_id) is None:
        errors.append(f"Không tìm thấy chi bộ mã {cell_id}")
    if errors:
        raise Refused(*errors)
    for person in people:
        session.require_cell(person["cell_id"])
        session.require_write(cell_id if cell_id is not None else person["cell_id"])
    ids = []
    with session.write() as audit:
        for person in people:
            sender = cell_id if cell_id is not None else person["cell_id"]
            found = store.find_enrolment(session.store, course_id, person["id"])
            if found is None:
                ids.append(
                    store.insert_enrolment(
                        session.store,
                        audit,
                        course_id,
                        person["id"],
                        sender,
                        summary=f"Ghi danh {person['full_name']} vào {course['name']}",
                    )
                )
            elif found["status"] == "enrolled":
                ids.append(found["id"])
            else:
                store.set_enrolment_status(
                    session.store,
                    audit,
                    found["id"],
                    "enrolled",
                    "",
                    cell_id=sender,
                    summary=f"Ghi danh lại {person['full_name']} vào {course['name']}",
                )
                ids.append(found["id"])
    return ids


def _enrolment_or_refuse(session: Session, enrolment_id: int, *, active: bool = True) -> dict[str, Any]:
    enrolment = store.get_enrolment(session.store, enrolment_id)
    if enrolment is None:
        raise Refused(f"Không tìm thấy học viên (mã ghi danh {enrolment_id})")
    session.require_cell(enrolment["cell_id"])
    if active and enrolment["status"] != "enrolled":
        raise Refused(
            f"{enrolment['full_name']} không còn trong danh sách lớp "
            f"({course_data.ENROLMENT_STATUS_LABELS[enrolment['status']].lower()})"
        )
    return enrolment


def withdraw(session: Session, enrolment_id: int, reason: str) -> None:
    enrolment = _enrolment_or_refuse(session, enrolment_id)
    session.require_write(enrolment["cell_id"])
    if not vn.nfc(reason):
        raise Refused("Cần ghi lý do rút tên khỏi lớp")
    if enrolment["certificate_no"]:
        raise Refused(f"{enrolment['full_name']} đã được cấp giấy chứng nhận; hãy bỏ kết quả trước khi rút tên")
    with session.write() as audit:
        store.set_enrolment_status(
            session.store,
            audit,
            enrolment_id,
            "withdrawn",
            vn.nfc(reason),
            summary=f"Rút tên {enrolment['full_name']} khỏi lớp: {vn.nfc(reason)}",
        )


def move(session: Session, enrolment_id: int, to_course_id: int, reason: str) -> int:
    """Move a learner to another course of the same kind; returns the new enrolment id."""
    enrolment = _enrolment_or_refuse(session, enrolment_id)
    session.require_write(enrolment["cell_id"])
    source = _course_or_refuse(session, enrolment["course_id"])
    target = _course_or_refuse(session, to_course_id)
    reason = vn.nfc(reason)
    if not reason:
        raise Refused("Cần ghi lý do chuyển lớp")
    if to_course_id == source["id"]:
        raise Refused("Lớp chuyển đến trùng với lớp hiện tại")
    if target["kind"] != source["kind"]:
        raise Refused("Chỉ chuyển được sang lớp cùng loại")
    if enrolment["certificate_no"]:
        raise Refused(f"{enrolment['full_name']} đã được cấp giấy chứng nhận ở lớp này nên không chuyển lớp được")
    existing = store.find_enrolment(session.store, to_course_id, enrolment["person_id"])
    if existing and existing["status"] == "enrolled":
        raise Refused(f"{enrolment['full_name']} đã có tên trong lớp {target['name']}")
    with session.write() as audit:
        store.set_enrolment_status(
            session.store,
            audit,
            enrolment_id,
            "moved",
            f"Chuyển sang lớp {target['name']}: {reason}",
            summary=f"Chuyển {enrolment['full_name']} sang lớp {target['name']}: {reason}",
        )
        summary = f"Nhận {enrolment['full_name']} từ lớp {source['name']}: {reason}"
        if existing:
            store.set_enrolment_status(
                session.store, audit, existing["id"], "enrolled", "", cell_id=enrolment["cell_id"], summary=summary
            )
            return int(existing["id"])
        return store.insert_enrolment(
            session.store, audit, to_course_id, enrolment["person_id"], enrolment["cell_id"], summary=summary
        )


def nomination_list(session: Session, cell_id: int) -> list[dict[str, Any]]:
    """A cell's people still needing the awareness course: on the road, with no valid certificate."""
    session.require_cell(cell_id)
    months = session.rules["course_certificate_valid_months"]
    valid_since = vn.add_months(session.today, -months).isoformat()
    # A certificate issued exactly ``months`` ago is still valid today (valid until that day).
    return store.nomination_candidates(session.store, cell_id, valid_since)


# --- attendance ------------------------------------------------------------------------------


def set_marks(session: Session, course_id: int, marks: dict[tuple[int, int], str | None]) -> None:
    """Set grid cells: (enrolment_id, session_id) → 'P' present, 'E' excused, 'U' unexcused, or None
    to clear. All or nothing."""
    session.require_write()
    course = _course_or_refuse(session, course_id)
    enrolled = {e["id"]: e["cell_id"] for e in store.enrolments_of(session.store, course_id)}
    for cell_id in {enrolled[e] for (e, _) in marks if e in enrolled}:
        session.require_cell(cell_id)  # a restricted account marks only the learners its cell sent
    session_ids = {s["id"] for s in store.sessions_of(session.store, course_id)}
    errors = []
    for (enrolment_id, session_id), mark in marks.items():
        if enrolment_id not in enrolled:
            errors.append(f"Mã ghi danh {enrolment_id} không thuộc danh sách đang học của lớp")
        if session_id not in session_ids:
            errors.append(f"Buổi học mã {session_id} không thuộc lớp này")
        if mark is not None and mark not in course_data.MARKS:
            errors.append(f"Ký hiệu điểm danh “{mark}” không hợp lệ (P, E hoặc U)")
    if errors:
        raise Refused(*dict.fromkeys(errors))
    with session.write() as audit:
        store.write_marks(
            session.store, audit, course_id, dict(marks), summary=f"Điểm danh lớp {course['name']}: {len(marks)} ô"
        )


def mark_all_present(session: Session, course_id: int, session_id: int, *, keep_absences: bool = True) -> None:
    """'Có mặt tất cả' for one session: every learner present; absences already recorded stay
    unless ``keep_absences`` is False, so the clerk can mark all, then the exceptions, in any order."""
    session.require_write()
    course = _course_or_refuse(session, course_id)
    sessions = {s["id"]: s for s in store.sessions_of(session.store, course_id)}
    if session_id not in sessions:
        raise Refused(f"Buổi học mã {session_id} không thuộc lớp này")
    current = store.marks_of(session.store, course_id)
    # An account restricted to one cell marks the learners its cell sent, and only those.
    marks: dict[tuple[int, int], str | None] = {
        (e["id"], session_id): "P"
        for e in store.enrolments_of(session.store, course_id)
        if session.sees_cell(e["cell_id"]) and not (keep_absences and current.get((e["id"], session_id)) in ("E", "U"))
    }
    with session.write() as audit:
        store.write_marks(
            session.store,
            audit,
            course_id,
            marks,
            summary=f"Điểm danh lớp {course['name']}: buổi {sessions[session_id]['seq']} có mặt tất cả",
        )


def attendance_threshold(session: Session) -> float:
    return float(profile.get_setting(session.store, "attendance_threshold"))


def course_grid(session: Session, course_id: int) -> CourseGrid:
    """Everything the attendance grid, the results editor and the roster show for one course."""
    course = get_course(session, course_id)
    threshold = attendance_threshold(session)
    columns = [SessionColumn(s["id"], s["seq"], s["date"], s["part"], s["topic"]) for s in course["sessions"]]
    marks = store.marks_of(session.store, course_id)
    enrolments = [
        e for e in store.enrolments_of(session.store, course_id, include_left=True) if session.sees_cell(e["cell_id"])
    ]
    held_ids = {s for (_, s) in marks}  # a session held for any learner counts for all of them
    held = sum(1 for c in columns if c.session_id in held_ids)
    valid_months = session.rules["course_certificate_valid_months"]
    rows: list[GridRow] = []
    left = []
    for e in enrolments:
        if e["status"] != "enrolled":
            left.append(e)
            continue
        grade = course_data.grade_by_code(e["grade"]) if e["grade"] else None
        row = GridRow(
            enrolment_id=e["id"],
            person_id=e["person_id"],
            full_name=e["full_name"],
            family_middle=" ".join(x for x in (e["family_name"], e["middle_name"]) if x),
            given_name=e["given_name"],
            gender=e["gender"],
            birth_date=e["birth_date"],
            birth_year_only=bool(e["birth_year_only"]),
            cell_id=e["cell_id"],
            cell_name=e["cell_name"] or "",
            person=e,
            marks=[marks.get((e["id"], c.session_id)) for c in columns],
            score=e["score"],
            grade=e["grade"],
            passed=grade.passed if grade else None,
            certificate_no=e["certificate_no"],
            certificate_on=e["certificate_on"],
            certificate_issuer=e["certificate_issuer"],
        )
        expires = course_data.certificate_expiry(e["certificate_on"], valid_months)
        if course["kind"] == "awareness" and expires is not None:
            row.expires_on = expires.isoformat()
        _count_row(row, columns, held_ids, threshold)
        rows.append(row)
    for index, column in enumerate(columns):
        _count_column(column, [r.marks[index] for r in rows])
    return CourseGrid(course=course, sessions=columns, rows=rows, left=left, threshold=threshold, held=held)


def _count_row(row: GridRow, columns: list[SessionColumn], held_ids: set[int], threshold: float) -> None:
    row.present = row.marks.count("P")
    row.excused = row.marks.count("E")
    row.unexcused = row.marks.count("U")
    row.unmarked = row.marks.count(None)
    held = sum(1 for c in columns if c.session_id in held_ids)
    if held:
        row.rate = row.present / held
        # A tiny tolerance so that 8 of 10 is exactly 80 % whatever the float rounding.
        row.under_threshold = row.rate + 1e-9 < threshold


def _count_column(column: SessionColumn, marks: list[str | None]) -> None:
    column.present = marks.count("P")
    column.excused = marks.count("E")
    column.unexcused = marks.count("U")
    column.unmarked = marks.count(None)


def recount(grid: CourseGrid) -> None:
    """Recompute every total of a grid after its marks were changed in memory (the window's model
    applies an edit at once and saves it; this keeps its totals right without a reload)."""
    held_ids = {c.session_id for i, c in enumerate(grid.sessions) if any(r.marks[i] for r in grid.rows)}
    grid.held = len(held_ids)
    for row in grid.rows:
        _count_row(row, grid.sessions, held_ids, grid.threshold)
    for index, column in enumerate(grid.sessions):
        _count_column(column, [r.marks[index] for r in grid.rows])


# --- results and certificates -------------------------------------------------------------------


def pass_score(session: Session) -> float:
    value = profile.get_setting(session.store, "course_pass_score")
    return float(value) if value is not None else course_data.default_pass_score()


def set_result(
    session: Session,
    enrolment_id: int,
    *,
    score: float | None,
    grade: str,
    certificate_no: str | None = None,
    certificate_on: str | None = None,
    issuer: str | None = None,
) -> None:
    """Record a learner's result. A passing grade with a certificate number records (or updates)
    the person's certificate milestone; removing the certificate withdraws that milestone;
    a failing grade gets no certificate."""
    enrolment = _enrolment_or_refuse(session, enrolment_id)
    session.require_write(enrolment["cell_id"])
    course = _course_or_refuse(session, enrolment["course_id"])
    values = _checked_result(
        session,
        enrolment,
        course,
        _numbers_taken(session, course["id"]),
        score=score,
        grade=grade,
        certificate_no=certificate_no,
        certificate_on=certificate_on,
        issuer=issuer,
    )
    with session.write() as audit:
        _write_result(session, audit, enrolment, course, values)


def issue_certificates(
    session: Session,
    course_id: int,
    *,
    number_pattern: str,
    first_number: int,
    certificate_on: str,
    issuer: str | None = None,
) -> int:
    """Number the certificates of every learner eligible for one (passing result, enough attendance)
    who has none yet, in list order: '##/GCN' with first_number 7 gives 07/GCN, 08/GCN...
    One transaction; returns how many were issued."""
    session.require_write()
    session.require_whole_commune()
    course = _course_or_refuse(session, course_id)
    pattern = vn.nfc(number_pattern)
    if "#" not in pattern:
        raise Refused("Mẫu số giấy chứng nhận cần có dấu # ở chỗ số thứ tự, ví dụ ##/GCN")
    start, end = pattern.index("#"), len(pattern) - pattern[::-1].index("#")
    if set(pattern[start:end]) != {"#"}:
        raise Refused("Các dấu # trong mẫu số phải liền nhau, ví dụ ##/GCN")
    if first_number < 1:
        raise Refused("Số thứ tự bắt đầu phải từ 1 trở lên")
    grid = course_grid(session, course_id)
    taken = _numbers_taken(session, course_id)
    enrolments = {e["id"]: e for e in store.enrolments_of(session.store, course_id)}
    planned = []
    number = first_number
    for row in grid.rows:
        if not row.eligible or row.certificate_no:
            continue
        text = f"{pattern[:start]}{number:0{end - start}d}{pattern[end:]}"
        values = _checked_result(
            session,
            enrolments[row.enrolment_id],
            course,
            taken,
            score=row.score,
            grade=row.grade,
            certificate_no=text,
            certificate_on=certificate_on,
            issuer=issuer,
        )
        taken[vn.fold(text)] = row.full_name
        planned.append((enrolments[row.enrolment_id], values))
        number += 1
    if not planned:
        raise Refused("Không có học viên nào đủ điều kiện mà chưa được cấp giấy chứng nhận")
    with session.write() as audit:
        for enrolment, values in planned:
            _write_result(session, audit, enrolment, course, values)
    return len(planned)


def _numbers_taken(session: Session, course_id: int) -> dict[str, str]:
    """Certificate numbers already given in the course (folded) → who holds them."""
    return {
        vn.fold(e["certificate_no"]): e["full_name"]
        for e in store.enrolments_of(session.store, course_id, include_left=True)
        if e["certificate_no"]
    }


def _checked_result(
    session: Session,
    enrolment: dict[str, Any],
    course: dict[str, Any],
    taken: dict[str, str],
    *,
    score: float | None,
    grade: str,
    certificate_no: str | None,
    certificate_on: str | None,
    issuer: str | None,
) -> dict[str, Any]:
    """The enrolment columns of a result, or Refused with the reason in Vietnamese."""
    name = enrolment["full_name"]
    if score is not None:
        try:
            score = round(float(score), 2)
        except (TypeError, ValueError):
            raise Refused(f"Điểm “{score}” không phải là số") from None
        if not 0 <= score <= 10:
            raise Refused(f"Điểm {score:g} phải trong khoảng 0 – 10")
    grade = vn.nfc(grade)
    floor = pass_score(session)
    if not grade and score is not None:
        grade = course_data.grade_for_score(score, floor).code
    found = course_data.grade_by_code(grade) if grade else None
    if grade and found is None:
        raise Refused(
            f"Xếp loại “{grade}” không hợp lệ; chọn một trong: " + ", ".join(g.code for g in course_data.grades())
        )
    if found and found.passed and score is not None and score < floor:
        raise Refused(f"{name}: điểm {score:g} dưới mức đạt {floor:g} nên không thể xếp loại {grade}")
    number = vn.nfc(certificate_no)
    if number and (found is None or not found.passed):
        raise Refused(f"{name} chưa có kết quả đạt ({grade or 'chưa xếp loại'}) nên không được cấp giấy chứng nhận")
    issued_on = None
    if number:
        issued = _to_date(certificate_on, "ngày cấp giấy chứng nhận")
        if issued > session.today:
            raise Refused(f"Ngày cấp giấy chứng nhận {vn.format_date(issued)} sau ngày hôm nay")
        if issued.isoformat() < course["start_date"]:
            raise Refused(f"Ngày cấp giấy chứng nhận {vn.format_date(issued)} trước ngày khai giảng lớp")
        issued_on = issued.isoformat()
        holder = taken.get(vn.fold(number))
        if holder is not None and vn.fold(number) != vn.fold(enrolment["certificate_no"]):
            raise Refused(f"Số giấy chứng nhận {number} đã cấp cho {holder} trong lớp này")
    elif certificate_on:
        raise Refused("Có ngày cấp nhưng thiếu số giấy chứng nhận")
    issuer_text = vn.nfc(issuer) or course["certificate_issuer"] or course["organiser"]
    return {
        "score": score,
        "grade": grade,
        "certificate_no": number,
        "certificate_on": issued_on,
        "certificate_issuer": issuer_text if number else "",
    }


def _write_result(
    session: Session, audit: Any, enrolment: dict[str, Any], course: dict[str, Any], values: dict[str, Any]
) -> None:
    values = {**values, "milestone_id": _sync_certificate_milestone(session, audit, enrolment, course, values)}
    summary = f"Kết quả lớp {course['name']}: {enrolment['full_name']} – {values['grade'] or 'chưa xếp loại'}"
    if values["certificate_no"]:
        summary += f", giấy chứng nhận số {values['certificate_no']}"
    store.set_result(session.store, audit, enrolment["id"], values, summary=summary)


def _sync_certificate_milestone(
    session: Session, audit: Any, enrolment: dict[str, Any], course: dict[str, Any], values: dict[str, Any]
) -> int | None:
    """Keep the person's road milestone in step with the enrolment's certificate."""
    current = road_store.get_milestone(session.store, enrolment["milestone_id"]) if enrolment["milestone_id"] else None
    live = current if current and not current["withdrawn_at"] else None
    if not values["certificate_no"]:
        if live:
            road_store.withdraw_milestone(
                session.store, audit, live["id"], f"Bỏ giấy chứng nhận theo kết quả lớp {course['name']}"
            )
        return None
    milestone = {
        "kind": course_data.programme(course["kind"]).milestone,
        "date": values["certificate_on"],
        "doc_number": values["certificate_no"],
        "issuer": values["certificate_issuer"],
        "details": {
            "course_id": course["id"],
            "enrolment_id": enrolment["id"],
            "course_name": course["name"],
            "intake": course["intake"],
            "grade": values["grade"],
            "score": values["score"],
        },
        "rule_set_version": session.rules.version,
    }
    if live:
        road_store.correct_milestone(
            session.store, audit, live["id"], milestone, f"Cập nhật kết quả lớp {course['name']}"
        )
        return int(live["id"])
    return road_store.add_milestone(session.store, audit, enrolment["person_id"], milestone)


def person_courses(session: Session, person_id: int) -> list[dict[str, Any]]:
    """A person's enrolments, newest first, with the certificate's expiry and whether it is valid today."""
    person = people_store.get(session.store, person_id)
    if person is not None:
        session.require_cell(person["cell_id"])
    months = session.rules["course_certificate_valid_months"]
    labels = course_data.kinds()
    rows = store.enrolments_of_person(session.store, person_id)
    for row in rows:
        row["kind_label"] = labels[row["course_kind"]]
        row["status_label"] = course_data.ENROLMENT_STATUS_LABELS[row["status"]]
        expiry = (
            course_data.certificate_expiry(row["certificate_on"], months)
            if row["course_kind"] == "awareness" and row["certificate_no"]
            else None
        )
        row["expires_on"] = expiry.isoformat() if expiry else None
        row["valid"] = bool(row["certificate_no"]) and (expiry is None or expiry >= session.today)
    return rows


# --- the Tổng quan indicator ----------------------------------------------------------------


def attendance_indicator(session: Session, year: int) -> CourseIndicator:
    """People who learnt the awareness course this year (a certificate recorded on them or a result
    in a course that ended, as E7 counts them: stats.course_learners), by their cell, against the
    cell's course target: its own course target when the clerk set one, otherwise multiplier × its
    admission target (in-file setting course_multiplier)."""
    multiplier = float(profile.get_setting(session.store, "course_multiplier"))
    attended = Counter(stats.course_learners(session.store, dt.date(year, 1, 1), dt.date(year, 12, 31)).values())
    targets = cell_store.targets(session.store, year)
    rows = []
    for cell in cell_store.all_cells(session.store):
        if not session.sees_cell(cell["id"]):
            continue
        target_row = targets.get(cell["id"]) or {}
        target = course_data.course_target(
            target_row.get("course_target"), target_row.get("admission_target"), multiplier
        )
        count = attended.get(cell["id"], 0)
        if count or target:
            rows.append(IndicatorRow(cell["id"], cell["name"], count, target, _percent(count, target)))
    if attended.get(None) and session.actor.cell_id is None:
        rows.append(IndicatorRow(None, "Chưa thuộc chi bộ", attended[None], 0, None))
    total_attended = sum(r.attended for r in rows)
    total_target = sum(r.target for r in rows)
    total = IndicatorRow(None, "Tổng cộng", total_attended, total_target, _percent(total_attended, total_target))
    return CourseIndicator(year=year, multiplier=multiplier, rows=rows, total=total)


def _percent(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


# --- outputs -------------------------------------------------------------------------------------

DOCUMENTS = {
    "roster": "Danh sách học viên, điểm danh và kết quả",
    "convocation": "Thông báo triệu tập học viên (kèm danh sách)",
    "certificates": "Danh sách đề nghị cấp giấy chứng nhận",
}


def export_course(
    session: Session,
    course_id: int,
    path: str | Path,
    *,
    document: str = "roster",
    number: int | None = None,
    on: dt.date | None = None,
    settings: Any = None,
    progress: Progress | None = None,
) -> Path:
    """Write one course output: the roster as .xlsx (E10), .pdf or .docx, the convocation (P2) or the
    certificate proposal list (P3) as .pdf or .docx (Word, from the same document model). ``number``
    is the document number when the committee has issued one (dots otherwise); ``on`` its date: by
    default the course's own date (its first day for the roster and the convocation, its last day
    for the certificate list), else today."""
    target = Path(path)
    suffix = target.suffix.lower()
    if document not in DOCUMENTS:
        raise Refused(f"Không có loại văn bản “{document}”")
    if suffix not in (".xlsx", ".pdf", ".docx") or (document != "roster" and suffix == ".xlsx"):
        allowed = ".xlsx, .pdf hoặc .docx" if document == "roster" else ".pdf hoặc .docx"
        raise FileRefused(f"Tệp {target.name}: {DOCUMENTS[document].lower()} chỉ xuất được ra tệp {allowed}")
    if not target.parent.exists():
        raise FileRefused(f"Thư mục {target.parent} không tồn tại")
    if progress:
        progress(0, 2, "Đang đọc dữ liệu lớp học…")
    grid = course_grid(session, course_id)
    committee = profile.get_profile(session.store)
    own = grid.course.get("end_date" if document == "certificates" else "start_date")
    day = on or (dt.date.fromisoformat(own) if own else session.today)
    if progress:
        progress(1, 2, f"Đang ghi {target.name}…")
    try:
        if suffix == ".xlsx":
            from commune_app.reports.course_roster import write_roster

            write_roster(grid, committee, day, target)
        else:
            from commune_app.dossier import course_lists

            render = {
                "roster": course_lists.render_roster,
                "convocation": course_lists.render_convocation,
                "certificates": course_lists.render_certificate_list,
            }[document]
            kwargs = {"number": number} if document != "roster" else {}
            render(grid, committee, day, target, settings=settings, **kwargs)
    except PermissionError:
        raise FileRefused(
            f"Không ghi được tệp {target.name}: tệp đang mở trong chương trình khác hoặc thư mục"
            " không cho phép ghi. Hãy đóng tệp rồi thử lại."
        ) from None
    if progress:
        progress(2, 2, "Xong")
    return target
