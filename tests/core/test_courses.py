"""Courses: schedule, enrolment, attendance totals, results, certificates and the road."""

from __future__ import annotations

import datetime as dt

import pytest

from commune_app.errors import Refused
from commune_app.ops import courses
from commune_app.ops.context import Session
from commune_app.store import cells as cell_store
from commune_app.store import people as people_store
from commune_app.store import profile
from tests.factories import make_cell, make_person

COURSE = {
    "kind": "awareness",
    "name": "Lớp bồi dưỡng nhận thức về Đảng",
    "intake": "Khóa I/2026",
    "organiser": "Trung tâm Chính trị xã Ba Sơn",
    "place": "Hội trường Đảng ủy xã",
    "start_date": "2026-03-09",
    "certificate_issuer": "Trung tâm Chính trị xã Ba Sơn",
}


@pytest.fixture
def course(session: Session) -> dict:
    cell = make_cell(session, "Chi bộ thôn Nà Lầu")
    other = make_cell(session, "Chi bộ thôn Khuổi Phầy")
    people = [make_person(session, name, cell_id=cell) for name in ("Hoàng Văn Ân", "Nông Thị Bích", "Lương Đức Cường")]
    people.append(make_person(session, "Triệu Thị Dung", cell_id=other, gender="F"))
    course_id = courses.create_course(session, COURSE)
    enrolments = courses.enrol(session, course_id, people)
    return {"id": course_id, "people": people, "enrolments": enrolments, "cell": cell, "other": other}


def test_default_schedule_is_ten_sessions_over_five_working_days(session: Session) -> None:
    # 09/03/2026 is a Monday: Monday to Friday, morning and afternoon.
    course_id = courses.create_course(session, COURSE)
    data = courses.get_course(session, course_id)
    assert len(data["sessions"]) == 10
    assert [s["part"] for s in data["sessions"][:2]] == ["Sáng", "Chiều"]
    assert data["sessions"][0]["topic"].startswith("Bài 1: Khái quát lịch sử Đảng")
    assert data["sessions"][-1]["date"] == "2026-03-13"
    assert data["end_date"] == "2026-03-13"
    assert data["periods"] == 50


def test_default_schedule_skips_weekend_and_tet(session: Session) -> None:
    # Thursday 12/02/2026; Tết holidays 16–20/02/2026 and the weekend are skipped.
    course_id = courses.create_course(session, {**COURSE, "start_date": "2026-02-12"})
    days = sorted({s["date"] for s in courses.get_course(session, course_id)["sessions"]})
    assert days[:2] == ["2026-02-12", "2026-02-13"]
    assert all(not ("2026-02-14" <= d <= "2026-02-22") for d in days)
    assert len(days) == 5


def test_custom_schedule_and_bad_dates_refused(session: Session) -> None:
    sundays = [
        {"date": f"2026-04-{d:02d}", "part": "Sáng", "topic": f"Chuyên đề {i}"}
        for i, d in enumerate((5, 12, 19, 26), start=1)
    ]
    course_id = courses.create_course(session, {**COURSE, "start_date": "05/04/2026"}, sundays)
    assert [s["date"] for s in courses.get_course(session, course_id)["sessions"]][-1] == "2026-04-26"
    with pytest.raises(Refused, match="ngoài thời gian"):
        courses.create_course(session, {**COURSE, "start_date": "2026-04-05", "end_date": "2026-04-10"}, sundays)
    with pytest.raises(Refused, match="không có trong lịch"):
        courses.create_course(session, {**COURSE, "start_date": "31-31-2026"})
    with pytest.raises(Refused, match="không đúng dạng"):
        courses.create_course(session, {**COURSE, "start_date": "tháng ba"})
    with pytest.raises(Refused, match="Thiếu tên lớp"):
        courses.create_course(session, {**COURSE, "name": "  "})


def test_enrol_records_sending_cell_and_is_idempotent(session: Session, course: dict) -> None:
    grid = courses.course_grid(session, course["id"])
    assert {r.full_name: r.cell_name for r in grid.rows}["Triệu Thị Dung"] == "Chi bộ thôn Khuổi Phầy"
    # Vietnamese list order: by given name (â comes right after a, before b)
    assert [r.given_name for r in grid.rows] == ["Ân", "Bích", "Cường", "Dung"]
    again = courses.enrol(session, course["id"], course["people"][:2])
    assert again == course["enrolments"][:2]


def test_marks_and_totals(session: Session, course: dict) -> None:
    grid = courses.course_grid(session, course["id"])
    first, second = grid.sessions[0].session_id, grid.sessions[1].session_id
    courses.mark_all_present(session, course["id"], first)
    e_an, e_bich = course["enrolments"][0], course["enrolments"][1]
    courses.set_marks(session, course["id"], {(e_an, second): "E", (e_bich, second): "U"})
    courses.mark_all_present(session, course["id"], second)  # keeps the two absences just recorded
    grid = courses.course_grid(session, course["id"])
    by_id = {r.enrolment_id: r for r in grid.rows}
    assert by_id[e_an].marks[:2] == ["P", "E"] and by_id[e_an].excused == 1
    assert by_id[e_bich].unexcused == 1 and by_id[e_bich].present == 1
    assert grid.held == 2
    assert (grid.sessions[1].present, grid.sessions[1].excused, grid.sessions[1].unexcused) == (2, 1, 1)
    assert by_id[e_an].rate == 0.5 and by_id[e_an].under_threshold
    assert not by_id[course["enrolments"][2]].under_threshold
    # clearing a mark with None
    courses.set_marks(session, course["id"], {(e_an, second): None})
    assert courses.course_grid(session, course["id"]).rows[0].marks[1] is None


def test_threshold_boundary_is_a_setting(session: Session, course: dict) -> None:
    grid = courses.course_grid(session, course["id"])
    e = course["enrolments"][0]
    marks = {(e, c.session_id): "P" for c in grid.sessions[:8]}
    marks.update({(e, c.session_id): "U" for c in grid.sessions[8:]})
    courses.set_marks(session, course["id"], marks)
    row = courses.course_grid(session, course["id"]).rows[0]
    assert row.present == 8 and row.rate == pytest.approx(0.8) and not row.under_threshold
    with session.write() as audit:
        profile.set_setting(session.store, audit, "attendance_threshold", 0.9)
    assert courses.course_grid(session, course["id"]).rows[0].under_threshold


def test_bad_marks_refused_and_nothing_written(session: Session, course: dict) -> None:
    grid = courses.course_grid(session, course["id"])
    s = grid.sessions[0].session_id
    with pytest.raises(Refused, match="không hợp lệ"):
        courses.set_marks(session, course["id"], {(course["enrolments"][0], s): "P", (course["enrolments"][1], s): "X"})
    assert courses.course_grid(session, course["id"]).rows[0].marks[0] is None


def test_recount_matches_reload(session: Session, course: dict) -> None:
    grid = courses.course_grid(session, course["id"])
    grid.rows[0].marks[0] = "P"
    grid.rows[1].marks[0] = "U"
    courses.recount(grid)
    courses.set_marks(
        session,
        course["id"],
        {
            (grid.rows[0].enrolment_id, grid.sessions[0].session_id): "P",
            (grid.rows[1].enrolment_id, grid.sessions[0].session_id): "U",
        },
    )
    fresh = courses.course_grid(session, course["id"])
    assert [(r.present, r.unexcused, r.rate, r.under_threshold) for r in grid.rows] == [
        (r.present, r.unexcused, r.rate, r.under_threshold) for r in fresh.rows
    ]
    assert grid.held == fresh.held == 1


def test_failed_grade_gives_no_certificate(session: Session, course: dict) -> None:
    e = course["enrolments"][0]
    with pytest.raises(Refused, match="không được cấp giấy chứng nhận"):
        courses.set_result(
            session, e, score=4.0, grade="Không đạt", certificate_no="123/GCN", certificate_on="2026-03-13"
        )
    courses.set_result(session, e, score=4.0, grade="Không đạt")
    row = courses.course_grid(session, course["id"]).rows[0]
    assert row.passed is False and not row.certificate_no and not row.eligible
    assert people_store.get(session.store, course["people"][0])["certificate_on"] is None


def test_grade_checks(session: Session, course: dict) -> None:
    e = course["enrolments"][0]
    with pytest.raises(Refused, match="dưới mức đạt"):
        courses.set_result(session, e, score=3.5, grade="Khá")
    with pytest.raises(Refused, match="không hợp lệ"):
        courses.set_result(session, e, score=7, grade="Xuất sắc")
    courses.set_result(session, e, score=8.5, grade="")
    assert courses.course_grid(session, course["id"]).rows[0].grade == "Giỏi"


def test_certificate_becomes_milestone_and_follows_changes(session: Session, course: dict) -> None:
    e, person = course["enrolments"][0], course["people"][0]
    courses.set_result(session, e, score=8.0, grade="Giỏi", certificate_no="15/GCN", certificate_on="13/03/2026")
    person_row = people_store.get(session.store, person)
    assert person_row["certificate_on"] == "2026-03-13" and person_row["stage"] == "course"
    [milestone] = [m for m in people_store.milestones_of(session.store, person) if m["kind"] == "course_certificate"]
    assert milestone["doc_number"] == "15/GCN"
    assert milestone["issuer"] == "Trung tâm Chính trị xã Ba Sơn"
    assert milestone["details"]["enrolment_id"] == e
    row = courses.course_grid(session, course["id"]).rows[0]
    assert row.expires_on == "2031-03-13"
    # correcting the date updates the same milestone
    courses.set_result(session, e, score=8.0, grade="Giỏi", certificate_no="15/GCN", certificate_on="2026-03-14")
    [again] = [m for m in people_store.milestones_of(session.store, person) if m["kind"] == "course_certificate"]
    assert again["id"] == milestone["id"] and again["date"] == "2026-03-14"
    # downgrading to a fail withdraws it
    courses.set_result(session, e, score=4.0, grade="Không đạt")
    assert people_store.get(session.store, person)["certificate_on"] is None
    assert people_store.get(session.store, person)["stage"] == "source"
    audit = session.store.query("SELECT action FROM audit WHERE entity = 'milestone' ORDER BY id")
    assert [a["action"] for a in audit] == ["create", "correct", "withdraw"]


def test_duplicate_certificate_number_refused(session: Session, course: dict) -> None:
    courses.set_result(
        session, course["enrolments"][0], score=8, grade="Giỏi", certificate_no="1/GCN", certificate_on="2026-03-13"
    )
    with pytest.raises(Refused, match="đã cấp cho Hoàng Văn Ân"):
        courses.set_result(
            session, course["enrolments"][1], score=7, grade="Khá", certificate_no="1/gcn", certificate_on="2026-03-13"
        )


def test_new_member_course_records_its_own_milestone(session: Session) -> None:
    person = make_person(session, "Vi Văn Hải", cell_id=make_cell(session))
    course_id = courses.create_course(session, {**COURSE, "kind": "new_member", "name": "Lớp đảng viên mới"})
    [e] = courses.enrol(session, course_id, [person])
    courses.set_result(session, e, score=7, grade="Khá", certificate_no="9/GCN", certificate_on="2026-03-13")
    kinds = [m["kind"] for m in people_store.milestones_of(session.store, person)]
    assert kinds == ["new_member_course"]
    assert courses.course_grid(session, course_id).rows[0].expires_on is None


def test_withdraw_and_move(session: Session, course: dict) -> None:
    second = courses.create_course(session, {**COURSE, "intake": "Khóa II/2026", "start_date": "2026-06-01"})
    e_an, e_bich = course["enrolments"][0], course["enrolments"][1]
    with pytest.raises(Refused, match="lý do"):
        courses.withdraw(session, e_an, " ")
    courses.withdraw(session, e_an, "Đi làm ăn xa")
    moved = courses.move(session, e_bich, second, "Trùng lịch thu hoạch mùa")
    grid = courses.course_grid(session, course["id"])
    assert [r.enrolment_id for r in grid.rows] == course["enrolments"][2:]
    assert {e["id"]: e["status"] for e in grid.left} == {e_an: "withdrawn", e_bich: "moved"}
    target = courses.course_grid(session, second)
    assert [r.enrolment_id for r in target.rows] == [moved]
    assert target.rows[0].cell_name == "Chi bộ thôn Nà Lầu"
    with pytest.raises(Refused, match="không còn trong danh sách"):
        courses.set_result(session, e_an, score=8, grade="Giỏi")
    # enrolling again brings a withdrawn learner back
    assert courses.enrol(session, course["id"], [course["people"][0]]) == [e_an]


def test_schedule_edit_keeps_marks_and_refuses_dropping_marked_sessions(session: Session, course: dict) -> None:
    grid = courses.course_grid(session, course["id"])
    courses.mark_all_present(session, course["id"], grid.sessions[9].session_id)
    sessions = [{"date": c.date, "part": c.part, "topic": c.topic} for c in grid.sessions]
    with pytest.raises(Refused, match="đã có điểm danh"):
        courses.update_course(session, course["id"], {}, sessions[:8])
    sessions[0]["topic"] = "Khai giảng và Bài 1"
    courses.update_course(session, course["id"], {"place": "Nhà văn hóa thôn"}, sessions)
    fresh = courses.course_grid(session, course["id"])
    assert fresh.sessions[0].topic == "Khai giảng và Bài 1" and fresh.course["place"] == "Nhà văn hóa thôn"
    assert fresh.sessions[9].present == 4


def test_nomination_list(session: Session, course: dict) -> None:
    cell = course["cell"]
    names = [p["full_name"] for p in courses.nomination_list(session, cell)]
    assert names == ["Hoàng Văn Ân", "Nông Thị Bích", "Lương Đức Cường"]
    courses.set_result(
        session, course["enrolments"][0], score=8, grade="Giỏi", certificate_no="2/GCN", certificate_on="2026-03-13"
    )
    names = [p["full_name"] for p in courses.nomination_list(session, cell)]
    assert names == ["Nông Thị Bích", "Lương Đức Cường"]


def test_attendance_indicator(session: Session, course: dict) -> None:
    with session.write() as audit:
        cell_store.set_target(session.store, audit, course["cell"], 2026, 2)
        cell_store.set_target(session.store, audit, course["other"], 2026, 1, course_target=5)
    first = courses.course_grid(session, course["id"]).sessions[0].session_id
    courses.mark_all_present(session, course["id"], first)
    courses.set_marks(session, course["id"], {(course["enrolments"][1], first): "U"})
    # Being present is not having learnt the course: only results and certificates count (as E7).
    assert courses.attendance_indicator(session, 2026).total.attended == 0
    for enrolment in (course["enrolments"][0], course["enrolments"][1], course["enrolments"][3]):
        courses.set_result(session, enrolment, score=7, grade="Khá", certificate_no=None, certificate_on=None)
    indicator = courses.attendance_indicator(session, 2026)
    rows = {r.cell_name: r for r in indicator.rows}
    assert (rows["Chi bộ thôn Nà Lầu"].attended, rows["Chi bộ thôn Nà Lầu"].target) == (2, 4)
    assert rows["Chi bộ thôn Nà Lầu"].percent == 50.0
    assert (rows["Chi bộ thôn Khuổi Phầy"].attended, rows["Chi bộ thôn Khuổi Phầy"].target) == (1, 5)
    assert (indicator.total.attended, indicator.total.target) == (3, 9)
    assert courses.attendance_indicator(session, 2025).total.attended == 0


def test_list_courses_by_year(session: Session, course: dict) -> None:
    courses.create_course(session, {**COURSE, "start_date": "2025-10-06"})
    assert [c["start_date"] for c in courses.list_courses(session, 2026)] == ["2026-03-09"]
    listed = courses.list_courses(session)
    assert len(listed) == 2 and listed[0]["enrolled"] == 4 and listed[0]["session_count"] == 10


def test_viewer_cannot_write(session: Session, course: dict) -> None:
    from commune_app.errors import NotAllowed
    from commune_app.ops.context import Actor

    viewer = Session(
        store=session.store, actor=Actor(username="xem", role="viewer"), today_override=dt.date(2026, 11, 20)
    )
    with pytest.raises(NotAllowed):
        courses.mark_all_present(
            viewer, course["id"], courses.course_grid(session, course["id"]).sessions[0].session_id
        )


def _course_findings(session: Session, person_id: int, today: dt.date) -> list:
    from commune_app.rules import check_person
    from commune_app.store.record import load

    record = load(session.store, person_id)
    return [f for f in check_person(record, session.rules, session.calendar, today) if f.code == "COURSE"]


def test_certificate_clears_course_finding_and_expiry_brings_it_back(session: Session, course: dict) -> None:
    from commune_app.ops import people as people_ops

    person = course["people"][0]
    # On the road with a cell meeting planned: the certificate is required at that meeting.
    people_ops.update_person(session, person, {"planned_meeting_on": "2026-12-10"})
    assert _course_findings(session, person, dt.date(2026, 11, 20)), "no certificate yet: COURSE expected"
    courses.set_result(
        session, course["enrolments"][0], score=8, grade="Giỏi", certificate_no="3/GCN", certificate_on="2026-03-13"
    )
    assert _course_findings(session, person, dt.date(2026, 11, 20)) == []
    assert _course_findings(session, person, dt.date(2031, 3, 13)) == []  # the last valid day
    expired = _course_findings(session, person, dt.date(2031, 4, 1))
    assert expired and expired[0].blocking and "13/03/2026" in expired[0].message
    # re-taking the course after expiry is a new enrolment; the old certificate stays on the road
    later = courses.create_course(session, {**COURSE, "intake": "Khóa I/2031", "start_date": "2031-03-17"})
    [again] = courses.enrol(session, later, [person])
    session.today_override = dt.date(2031, 4, 1)
    courses.set_result(session, again, score=7, grade="Khá", certificate_no="1/GCN-2031", certificate_on="2031-03-21")
    assert _course_findings(session, person, dt.date(2031, 4, 1)) == []
    kinds = [
        m["doc_number"] for m in people_store.milestones_of(session.store, person) if m["kind"] == "course_certificate"
    ]
    assert kinds == ["3/GCN", "1/GCN-2031"]
    assert [r["valid"] for r in courses.person_courses(session, person)] == [True, False]


def test_issue_certificates_in_batch(session: Session, course: dict) -> None:
    grid = courses.course_grid(session, course["id"])
    for column in grid.sessions:
        courses.mark_all_present(session, course["id"], column.session_id)
    e = course["enrolments"]
    courses.set_result(session, e[0], score=8, grade="Giỏi", certificate_no="07/GCN", certificate_on="2026-03-20")
    courses.set_result(session, e[1], score=4, grade="Không đạt")
    courses.set_result(session, e[2], score=7, grade="Khá")
    courses.set_result(session, e[3], score=6, grade="")
    with pytest.raises(Refused, match="dấu #"):
        courses.issue_certificates(
            session, course["id"], number_pattern="GCN", first_number=1, certificate_on="2026-03-20"
        )
    # 07/GCN is taken by Ân: numbering from 7 would clash, and nothing is written
    with pytest.raises(Refused, match="07/GCN đã cấp cho Hoàng Văn Ân"):
        courses.issue_certificates(
            session, course["id"], number_pattern="##/GCN", first_number=6, certificate_on="2026-03-20"
        )
    assert (
        courses.issue_certificates(
            session, course["id"], number_pattern="##/GCN", first_number=8, certificate_on="20/03/2026"
        )
        == 2
    )
    rows = {r.full_name: r.certificate_no for r in courses.course_grid(session, course["id"]).rows}
    # list order: Ân, Bích, Cường, Dung → Cường 08, Dung 09; Bích failed, Ân had one
    assert rows == {
        "Hoàng Văn Ân": "07/GCN",
        "Nông Thị Bích": "",
        "Lương Đức Cường": "08/GCN",
        "Triệu Thị Dung": "09/GCN",
    }
    assert people_store.get(session.store, course["people"][3])["certificate_on"] == "2026-03-20"
    with pytest.raises(Refused, match="Không có học viên nào"):
        courses.issue_certificates(
            session, course["id"], number_pattern="##/GCN", first_number=10, certificate_on="2026-03-20"
        )
