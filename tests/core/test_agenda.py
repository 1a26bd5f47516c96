"""The overview's agenda, counts, targets and the check of everyone, on a small built file."""

from __future__ import annotations

import datetime as dt

from commune_app.ops import agenda
from commune_app.ops.context import Actor
from commune_app.progress import Progress
from commune_app.store import cells as cell_store
from commune_app.store import people as people_store
from tests.core.road_fixtures import admit, make_cell_with_members, make_ready_candidate, step
from tests.factories import make_cell, make_person


def build(session):
    """Today is 20/11/2026. One person for each kind of item, one with nothing due."""
    cell, members = make_cell_with_members(session)
    people = {}
    # Cell approved 01/07/2026, no decision: due 28/09/2026, overdue.
    people["decision"] = make_ready_candidate(session, cell, members, full_name="Lương Văn Bảo")
    step(session, people["decision"], "cell_meeting", "2026-07-01", votes_for=9)
    # Decision 05/11/2026: ceremony due 30 working days later (17/12/2026, 24/11 is a holiday).
    people["ceremony"] = make_ready_candidate(session, cell, members, full_name="Hà Thị Châm")
    step(session, people["ceremony"], "cell_meeting", "2026-07-01", votes_for=9)
    step(session, people["ceremony"], "admission_decision", "2026-09-25")
    # Ceremony 02/09/2025: probation ended 02/09/2026, recognition meeting overdue since 14/10/2026.
    people["probation"] = make_ready_candidate(session, cell, members, full_name="Vi Thị Duyên", year=2025)
    admit(session, people["probation"], year=2025)
    # Certificate of 10/01/2022 expires 10/01/2027, within three months.
    people["certificate"] = make_person(session, "Nông Văn Đức", cell_id=cell)
    step(session, people["certificate"], "course_certificate", "2022-01-10")
    # Born 15/01/2009: 18 by month from 01/01/2027.
    people["adult"] = make_person(session, "Lò Thị Giang", cell_id=cell, birth_date="2009-01-15")
    # Meeting planned 15/12/2026: the opinions summary of 01/06/2026 is too old by then.
    people["papers"] = make_ready_candidate(
        session, cell, members, full_name="Sầm Văn Hải", planned_meeting_on="2026-12-15"
    )
    people["nothing"] = make_person(session, "Đinh Văn Khoa", cell_id=cell)
    return cell, people


def test_due_items_content(session):
    _cell, people = build(session)
    items = agenda.due_items(session)
    by_person: dict[int, set[str]] = {}
    for item in items:
        by_person.setdefault(item.person_id, set()).add(item.code)
    assert by_person[people["decision"]] == {"DECISION-DEADLINE"}
    assert by_person[people["ceremony"]] == {"CEREMONY-DEADLINE"}
    assert by_person[people["probation"]] == {"RECOGNITION-WINDOW"}
    assert by_person[people["certificate"]] == {"COURSE"}
    assert by_person[people["adult"]] == {"AGE-MIN"}
    assert by_person[people["papers"]] >= {"INTRO-VALID"}
    assert people["nothing"] not in by_person
    assert [i.due for i in items] == sorted(i.due for i in items)
    decision = next(i for i in items if i.person_id == people["decision"])
    assert decision.due == dt.date(2026, 9, 28) and decision.overdue and decision.cell == "Chi bộ thôn Nà Lầu"
    adult = next(i for i in items if i.person_id == people["adult"])
    assert adult.due == dt.date(2027, 1, 1) and not adult.overdue and adult.full_name == "Lò Thị Giang"


def test_due_items_horizon_and_cell_restriction(session):
    _cell, people = build(session)
    short = {i.person_id for i in agenda.due_items(session, horizon_months=1)}
    assert people["certificate"] not in short and people["adult"] not in short
    assert people["decision"] in short
    other = make_cell(session, "Chi bộ thôn Bản Giốc")
    session.actor = Actor(username="bithu", role="clerk", cell_id=other)
    assert agenda.due_items(session) == []


def test_stage_counts(session):
    _cell, _people = build(session)
    counts = agenda.stage_counts(session)
    assert counts["cell_approved"] == 1 and counts["decided"] == 1 and counts["probation"] == 1
    assert counts["source"] == 2 and counts["course"] == 1 and counts["introduced"] == 1
    assert "official" not in counts


def test_admissions_vs_target(session):
    cell, _people = build(session)
    other = make_cell(session, "Chi bộ thôn Bản Giốc")
    with session.write() as audit:
        cell_store.set_target(session.store, audit, cell, 2026, 4)
    rows = agenda.admissions_vs_target(session, 2026)
    by_cell = {r.cell_id: r for r in rows[:-1]}
    assert (by_cell[cell].target, by_cell[cell].admitted, by_cell[cell].percent) == (4, 1, 25.0)
    assert (by_cell[other].target, by_cell[other].percent) == (0, None)
    total = rows[-1]
    assert (total.cell, total.target, total.admitted) == ("Tổng cộng", 4, 1)
    assert agenda.admissions_vs_target(session, 2025)[-1].admitted == 1


def test_check_all_reports_everyone_on_the_road(session):
    _cell, people = build(session)
    seen = []
    findings = agenda.check_all(session, Progress(lambda done, total, text: seen.append((done, total))))
    codes = {(f.person_id, f.code) for f in findings}
    assert (people["probation"], "MENTOR") in codes
    assert (people["probation"], "RECOGNITION-DOSSIER") in codes
    assert (people["decision"], "DECISION-DEADLINE") in codes
    assert (people["papers"], "INTRO-VALID") in codes
    assert not any(pid == people["nothing"] for pid, _ in codes)
    assert (
        seen[-1][0]
        == seen[-1][1]
        == len(
            people_store.search_ids(
                session.store, people_store.PeopleFilter(statuses=("source", "candidate", "probationary"))
            )
        )
    )
