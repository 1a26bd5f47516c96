"""Deadlines: each obligation on the road, its due date in working days or months, overdue flags."""

from __future__ import annotations

import datetime as dt

from commune_app.rules import deadlines
from commune_app.rules.calendar import WorkCalendar
from tests.core.rule_records import CALENDAR, RULES, TODAY, introducer, mentor, ms, record

D = dt.date


def due(rec, today=TODAY, calendar=CALENDAR):
    return {x.code: x for x in deadlines(rec, RULES, calendar, today)}


def test_decision_due_60_working_days_after_the_cell_resolution_across_tet():
    rec = record(milestones=[ms("cell_meeting", "2026-02-10", passed=True)])
    found = due(rec, today=D(2026, 3, 1))
    assert set(found) == {"DECISION-DEADLINE"}
    assert found["DECISION-DEADLINE"].due == D(2026, 5, 15) and not found["DECISION-DEADLINE"].overdue
    assert due(rec)["DECISION-DEADLINE"].overdue
    # A day off declared by the clerk pushes it by one working day.
    assert due(rec, calendar=WorkCalendar({"2026-03-03": "Đại hội"}))["DECISION-DEADLINE"].due == D(2026, 5, 18)


def test_no_decision_deadline_after_a_failed_vote_or_a_decision():
    failed = record(milestones=[ms("cell_meeting", "2026-02-10", passed=False)])
    assert "DECISION-DEADLINE" not in due(failed)
    decided = record(
        person={"status": "probationary"},
        milestones=[ms("cell_meeting", "2026-02-10", passed=True), ms("admission_decision", "2026-03-02")],
    )
    assert set(due(decided)) == {"CEREMONY-DEADLINE"}


def test_ceremony_due_30_working_days_after_the_decision_is_received():
    rec = record(
        person={"status": "probationary"},
        milestones=[
            ms("cell_meeting", "2026-02-10", passed=True),
            ms("admission_decision", "2026-03-02", received_on="2026-03-09"),
        ],
    )
    assert due(rec)["CEREMONY-DEADLINE"].due == D(2026, 4, 20)


def probationary(*extra, ceremony="2025-12-15"):
    return record(
        person={"status": "probationary"},
        links=[mentor()],
        milestones=[
            ms("cell_meeting", "2025-09-10", passed=True),
            ms("admission_decision", "2025-11-03"),
            ms("ceremony", ceremony),
            *extra,
        ],
    )


def test_probation_end_and_recognition_window():
    found = due(probationary())
    assert found["PROBATION-END"].due == D(2026, 12, 15) and not found["PROBATION-END"].overdue
    # 15/12/2026 + 30 working days, 01/01/2027 off: 27/01/2027.
    assert found["RECOGNITION-WINDOW"].due == D(2027, 1, 27)
    stored = probationary(ceremony="2025-12-15")
    stored.milestones[-1]["details"]["probation_end"] = "2026-12-15"
    assert due(stored)["PROBATION-END"].due == D(2026, 12, 15)


def test_the_end_of_probation_is_a_date_that_passes_not_a_deadline_missed():
    """Once 12 months have run, the window to act is RECOGNITION-WINDOW; the end itself is never late."""
    rec = probationary(ceremony="2025-09-02")
    found = due(rec)
    assert found["PROBATION-END"].due == D(2026, 9, 2) and not found["PROBATION-END"].overdue
    assert found["RECOGNITION-WINDOW"].overdue  # 30 working days after 02/09/2026 have gone by


def test_recognition_decision_due_after_the_meeting():
    rec = probationary(ms("recognition_meeting", "2026-09-15", passed=True), ceremony="2025-09-02")
    found = due(rec)
    assert "RECOGNITION-WINDOW" not in found
    assert found["RECOGNITION-DEADLINE"].due == D(2026, 10, 27) and found["RECOGNITION-DEADLINE"].overdue
    done = probationary(
        ms("recognition_meeting", "2026-09-15", passed=True),
        ms("recognition_decision", "2026-10-01"),
        ceremony="2025-09-02",
    )
    assert "RECOGNITION-DEADLINE" not in due(done)


def test_papers_expire_before_the_meeting():
    found = due(record())
    assert found["COURSE"].due == D(2031, 1, 10)
    assert found["LYLICH-VALID"].due == D(2027, 5, 4)
    expiries = [x for x in deadlines(record(), RULES, CALENDAR, TODAY) if x.code == "INTRO-VALID"]
    assert sorted(x.due for x in expiries) == [D(2026, 12, 1), D(2026, 12, 10), D(2026, 12, 10)]
    assert any("Lò Văn Bình" in x.label for x in expiries)
    old = record(links=[introducer(2, "Lò Văn Bình", document_on="2026-01-05")])
    assert [x.overdue for x in deadlines(old, RULES, CALENDAR, TODAY) if "Lò Văn Bình" in x.label] == [True]


def test_eighteenth_birthday_by_month():
    young = record(person={"birth_date": "2009-01-15"})
    assert due(young)["AGE-MIN"].due == D(2027, 1, 1)
    assert "AGE-MIN" not in due(record())


def test_nothing_due_for_official_members():
    assert deadlines(record(person={"status": "official"}), RULES, CALENDAR, TODAY) == []


def test_sorted_by_date():
    found = deadlines(record(person={"birth_date": "2009-01-15"}), RULES, CALENDAR, TODAY)
    assert [x.due for x in found] == sorted(x.due for x in found)
