"""Working days: weekends, Vietnamese public holidays (Tết included), the clerk's days off."""

from __future__ import annotations

import datetime as dt

from commune_app.ops.context import Session
from commune_app.rules.calendar import WorkCalendar
from commune_app.store import profile

D = dt.date


def test_tet_2026_is_skipped():
    cal = WorkCalendar()
    for day in range(16, 21):
        assert not cal.is_working_day(D(2026, 2, day))
        assert "Tết" in cal.day_off_reason(D(2026, 2, day))
    assert cal.add_working_days(D(2026, 2, 10), 3) == D(2026, 2, 13)
    assert cal.add_working_days(D(2026, 2, 10), 4) == D(2026, 2, 23)
    # A cell resolution on 10/02/2026: the decision is due 60 working days later.
    assert cal.add_working_days(D(2026, 2, 10), 60) == D(2026, 5, 15)


def test_weekends_and_national_days():
    cal = WorkCalendar()
    assert cal.day_off_reason(D(2026, 11, 21)) == "Thứ Bảy"
    assert cal.day_off_reason(D(2026, 11, 22)) == "Chủ nhật"
    assert cal.day_off_reason(D(2026, 9, 2)) and cal.day_off_reason(D(2026, 4, 30))
    assert cal.is_working_day(D(2026, 11, 20))
    assert cal.add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)


def test_extra_day_off_of_the_clerk():
    plain = WorkCalendar()
    with_day_off = WorkCalendar({"2026-02-12": "Đại hội đảng bộ xã"})
    assert with_day_off.day_off_reason(D(2026, 2, 12)) == "Đại hội đảng bộ xã"
    assert plain.add_working_days(D(2026, 2, 10), 3) == D(2026, 2, 13)
    assert with_day_off.add_working_days(D(2026, 2, 10), 3) == D(2026, 2, 23)
    assert with_day_off.working_days_between(D(2026, 2, 10), D(2026, 2, 23)) == 3
    assert WorkCalendar({"2026-03-02": ""}).day_off_reason(D(2026, 3, 2)) == "Ngày nghỉ do đảng ủy quy định"


def test_working_days_between_is_the_inverse_of_adding():
    cal = WorkCalendar()
    start = D(2026, 1, 2)
    for days in (0, 1, 5, 30, 60, 90):
        end = cal.add_working_days(start, days)
        assert cal.working_days_between(start, end) == days
        assert cal.working_days_between(end, start) == -days
    assert cal.add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)


def test_session_calendar_reads_the_days_off_of_the_file(session: Session):
    with session.write() as audit:
        profile.set_extra_day_off(session.store, audit, "2026-11-23", "Nghỉ bầu cử")
    session.forget_calendar()
    assert session.calendar.day_off_reason(D(2026, 11, 23)) == "Nghỉ bầu cử"
    assert session.calendar.add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 25)  # 24/11 is a holiday too
