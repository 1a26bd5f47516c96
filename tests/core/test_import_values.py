"""Cell values as the clerk meant them: dates, gender, CCCD and phone numbers Excel damaged."""

from __future__ import annotations

import datetime as dt

import pytest

from commune_app.importing import values
from commune_app.importing.values import ValueProblem

TODAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    "cell, iso",
    [
        ("05/02/1990", "1990-02-05"),
        ("5/2/1990", "1990-02-05"),
        ("05.02.1990", "1990-02-05"),
        ("05-02-1990", "1990-02-05"),
        (dt.datetime(1990, 2, 5), "1990-02-05"),
        (dt.date(1990, 2, 5), "1990-02-05"),
        (32909, "1990-02-05"),  # an Excel day number
        ("1990-02-05", "1990-02-05"),
        ("1990-02-05 00:00:00", "1990-02-05"),
    ],
)
def test_dates_in_every_form_a_sheet_holds(cell, iso):
    parsed = values.date_value(cell, "Ngày sinh", TODAY)
    assert parsed is not None and parsed.iso == iso and not parsed.year_only


def test_two_digit_years_are_read_with_a_warning():
    old = values.date_value("1/6/98", "Ngày vào Đảng", TODAY)
    recent = values.date_value("01/06/05", "Ngày vào Đảng", TODAY)
    assert old.iso == "1998-06-01" and recent.iso == "2005-06-01"
    assert "1998" in old.warning


def test_a_year_alone_is_kept_as_a_year_and_flagged_only_where_allowed():
    parsed = values.date_value("1975", "Ngày sinh", TODAY, allow_year=True)
    assert parsed.iso == "1975-01-01" and parsed.year_only and "1975" in parsed.warning
    number = values.date_value(1975, "Ngày sinh", TODAY, allow_year=True)
    assert number.year_only
    with pytest.raises(ValueProblem, match="đủ ngày/tháng/năm"):
        values.date_value("2005", "Ngày vào Đảng", TODAY)


@pytest.mark.parametrize(
    "cell, message",
    [
        ("30/02/1985", "không có trong lịch"),
        ("02/25/1990", "tháng trước ngày"),
        ("hai tháng năm", "không đọc được là ngày"),
        (12, "không phải là ngày"),
    ],
)
def test_dates_that_cannot_be_understood_say_why(cell, message):
    with pytest.raises(ValueProblem, match=message):
        values.date_value(cell, "Ngày sinh", TODAY)


def test_blank_cells_are_no_date():
    assert values.date_value(None, "Ngày sinh", TODAY) is None
    assert values.date_value("  ", "Ngày sinh", TODAY) is None


@pytest.mark.parametrize(
    "cell, expected",
    [("Nam", "Nam"), ("NỮ", "Nữ"), ("nu", "Nữ"), (" nữ ", "Nữ"), ("F", "Nữ"), ("m", "Nam"), (None, None)],
)
def test_gender_spellings(cell, expected):
    assert values.gender_value(cell) == expected


def test_unknown_gender_is_refused():
    with pytest.raises(ValueProblem):
        values.gender_value("khác")


def test_cccd_stored_as_a_number_gets_its_zeros_back():
    one_zero = values.cccd_value(19190001234)
    two_zeros = values.cccd_value(1080012345.0)
    assert one_zero.value == "019190001234" and "019190001234" in one_zero.warning
    assert two_zeros.value == "001080012345"
    typed = values.cccd_value("001 080 012 345")
    assert typed.value == "001080012345" and not typed.warning


def test_an_old_nine_digit_identity_card_goes_to_the_notes():
    old = values.cccd_value("123456789")
    assert old.value == "" and old.old_id == "123456789"


def test_phone_numbers_that_lost_their_zero():
    assert values.phone_value(912345678).value == "0912345678"
    assert values.phone_value("0912 345 678").value == "0912 345 678"


def test_education_grade_that_excel_made_a_date():
    vietnamese = values.education_value(dt.datetime(2026, 12, 9))
    american = values.education_value(dt.datetime(2026, 9, 12))
    assert vietnamese.value == "9/12" and american.value == "9/12"
    assert values.education_value("12/12").value == "12/12"


def test_text_keeps_each_words_capitalisation_and_normalises():
    decomposed = "Hoa\u0300ng  thi\u0323   Bi\u0301ch "
    assert values.text(decomposed) == "Hoàng thị Bích"
    assert values.text(12.0) == "12"
