import datetime as dt

import pytest

from commune_app.errors import Refused
from commune_app.reports.period import make_period, parse_period

D = dt.date


@pytest.mark.parametrize(
    "text, kind, start, end, label",
    [
        ("2026-Q1", "quarter", D(2026, 1, 1), D(2026, 3, 31), "quý I năm 2026"),
        ("2026-q4", "quarter", D(2026, 10, 1), D(2026, 12, 31), "quý IV năm 2026"),
        ("2026-03", "month", D(2026, 3, 1), D(2026, 3, 31), "tháng 3 năm 2026"),
        ("2028-02", "month", D(2028, 2, 1), D(2028, 2, 29), "tháng 2 năm 2028"),
        ("2026-H1", "half", D(2026, 1, 1), D(2026, 6, 30), "6 tháng đầu năm 2026"),
        ("2026-H2", "half", D(2026, 7, 1), D(2026, 12, 31), "6 tháng cuối năm 2026"),
        ("2026", "year", D(2026, 1, 1), D(2026, 12, 31), "năm 2026"),
        ("2026-01-01..2026-03-31", "range", D(2026, 1, 1), D(2026, 3, 31), "từ ngày 01/01/2026 đến ngày 31/03/2026"),
        ("05/02/2026..20/11/2026", "range", D(2026, 2, 5), D(2026, 11, 20), "từ ngày 05/02/2026 đến ngày 20/11/2026"),
    ],
)
def test_periods_parse(text, kind, start, end, label):
    period = parse_period(text)
    assert (period.kind, period.start, period.end, period.label) == (kind, start, end, label)
    assert parse_period(period.code) == period


@pytest.mark.parametrize(
    "text, words",
    [
        ("2026-13", "tháng 13"),
        ("2026-Q5", "Không hiểu"),
        ("quý 1", "Không hiểu"),
        ("", "Chưa chọn"),
        ("2026-03-31..2026-01-01", "đứng trước"),
        ("2026-02-30..2026-03-01", "không có trong lịch"),
        ("31/02/2026..2026-03-01", "không có trong lịch"),
        ("1800", "ngoài khoảng"),
    ],
)
def test_bad_periods_are_refused_in_vietnamese(text, words):
    with pytest.raises(Refused) as caught:
        parse_period(text)
    assert words in str(caught.value)


def test_previous_year_and_year_start():
    period = parse_period("2028-02")
    assert period.previous_year().start == D(2027, 2, 1)
    assert period.previous_year().end == D(2027, 2, 28)
    assert parse_period("2026-Q2").year_start == D(2026, 1, 1)
    assert parse_period("2025-12-01..2026-01-31").year_start == D(2026, 1, 1)


def test_make_period_from_window_choices():
    assert make_period("quarter", 2026, 3).code == "2026-Q3"
    assert make_period("month", 2026, 11).end == D(2026, 11, 30)
    with pytest.raises(Refused):
        make_period("week", 2026, 1)
