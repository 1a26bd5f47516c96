"""Columns recognised by their Vietnamese headers, whatever the spelling."""

from __future__ import annotations

import pytest

from commune_app.importing import headers


@pytest.mark.parametrize(
    "header, field",
    [
        ("Họ và tên", "full_name"),
        ("HỌ TÊN", "full_name"),
        ("ho  va   ten", "full_name"),
        ("Họ, tên", "full_name"),
        ("Ngày vào Đảng", "admitted_on"),
        ("Ngày kết nạp", "admitted_on"),
        ("NGÀY KẾT NẠP ĐẢNG", "admitted_on"),
        ("Số CCCD", "cccd"),
        ("CCCD", "cccd"),
        ("Số định danh", "cccd"),
        ("Số định danh cá nhân", "cccd"),
        ("Ngày, tháng, năm sinh", "birth_date"),
        ("Năm sinh", "birth_date"),
        ("Ngày sinh\n(dd/mm/yyyy)", "birth_date"),
        ("Dân tộc", "ethnicity"),
        ("Tôn giáo", "religion"),
        ("Ngày chính thức", "official_on"),
        ("Chi bộ", "cell"),
        ("STT", "row_number"),
        ("Trình độ văn hóa", "education_general"),
    ],
)
def test_single_row_headers(header, field):
    assert headers.match_header(header) == field


@pytest.mark.parametrize(
    "upper, lower, field",
    [
        ("Ngày, tháng, năm sinh", "Nam", "birth_date_male"),
        ("Ngày, tháng, năm sinh", "Nữ", "birth_date_female"),
        ("Ngày vào Đảng", "Dự bị", "admitted_on"),
        ("Ngày vào Đảng", "Chính thức", "official_on"),
        ("Họ và tên", "Họ đệm", "family_middle"),
        ("Họ và tên", "Tên", "given_name"),
        ("Giấy tờ tùy thân", "Số CCCD", "cccd"),
    ],
)
def test_two_row_headers(upper, lower, field):
    assert headers.match_header(upper, lower) == field


def test_unknown_headers_are_left_unmapped():
    assert headers.match_header("Sở thích") is None
    assert headers.match_header("") is None


def test_a_field_is_taken_by_its_first_column_only():
    mapping = headers.auto_mapping([("Họ và tên", ""), ("Họ tên", ""), ("Ngày sinh", "")])
    assert mapping == {0: "full_name", 2: "birth_date"}


def test_a_saved_mapping_applies_by_header_and_keeps_ignored_columns_ignored():
    labels = [("Họ và tên", ""), ("Nơi ở", ""), ("Ngày sinh", "")]
    saved = {"noi o": "residence_detail", "ngay sinh": ""}
    mapping = headers.apply_saved(labels, saved)
    assert mapping == {0: "full_name", 1: "residence_detail"}
    assert headers.mapping_by_header(labels, mapping) == {"ho va ten": "full_name", "noi o": "residence_detail"}
