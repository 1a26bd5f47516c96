"""The demo's three party-awareness courses, recorded through the courses operations as the
clerk would: open the course with the official programme, enrol the learners, take the
attendance of the sessions already held, then (for finished courses) enter the results,
which record each passing learner's certificate on their road."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from commune_app.ops import courses as course_ops
from commune_app.ops.context import Session
from commune_app.store import courses as course_store

if TYPE_CHECKING:
    from commune_app.demo.generator import DemoBuilder

_ROMAN = ("I", "II", "III")


def add_courses(session: Session, builder: DemoBuilder) -> dict[str, int]:
    """Record the courses; not cancellable, since the people they refer to are already saved."""
    rng = random.Random(builder.rng.random())
    counts = {"courses": 0, "enrolments": 0, "certificates": 0}
    in_year: dict[int, int] = {}
    certificates: dict[int, int] = {}  # the organiser numbers its certificates through the year
    for key, start in sorted(builder.course_starts.items(), key=lambda kv: kv[1]):
        learners = builder.out.course_learners.get(key, [])
        if not learners:
            continue
        in_year[start.year] = in_year.get(start.year, 0) + 1  # courses are numbered within their year
        intake = f"{_ROMAN[in_year[start.year] - 1]} năm {start.year}"
        course_id = course_ops.create_course(
            session,
            {
                "kind": "awareness",
                "name": f"Lớp bồi dưỡng nhận thức về Đảng khóa {intake}",
                "intake": f"Khóa {intake}",
                "organiser": builder.committee,
                "place": f"Hội trường Ủy ban nhân dân xã {builder.commune}",
                "certificate_issuer": builder.committee,
                "start_date": start.isoformat(),
            },
        )
        enrolments = course_ops.enrol(session, course_id, learners)
        counts["courses"] += 1
        counts["enrolments"] += len(enrolments)
        held = [s for s in course_store.sessions_of(session.store, course_id) if s["date"] <= session.today.isoformat()]
        for course_session in held:
            course_ops.mark_all_present(session, course_id, course_session["id"])
        absences = {(rng.choice(enrolments), s["id"]): rng.choice(("E", "E", "U")) for s in held if rng.random() < 0.4}
        if absences:
            course_ops.set_marks(session, course_id, absences)
        course = course_ops.get_course(session, course_id)
        issued = session.calendar.add_working_days(dt.date.fromisoformat(course["end_date"]), 2)
        if len(held) < len(course_store.sessions_of(session.store, course_id)) or issued > session.today:
            continue  # still under way: no results yet
        for enrolment_id in enrolments:
            number = certificates[issued.year] = certificates.get(issued.year, 0) + 1
            score = round(rng.uniform(6.0, 9.6), 1)
            course_ops.set_result(
                session,
                enrolment_id,
                score=score,
                grade="",
                certificate_no=f"{number:02d}/{issued.year}/CN-NTVĐ",
                certificate_on=issued.isoformat(),
            )
            counts["certificates"] += 1
    return counts
