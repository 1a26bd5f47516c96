"""Lists with 'Nam' and 'Nữ' tick columns: both columns are read (QA: a row ticked twice was taken as a woman)."""

from __future__ import annotations

from commune_app.importing.headers import match_header
from commune_app.ops import importing
from tests.core.import_sheets import write_xlsx

HEADER = ["TT", "Họ và tên", "Nam", "Nữ", "Năm sinh"]


def test_a_lone_nam_header_is_the_male_tick_but_nam_with_a_tone_is_a_year():
    assert match_header("Nam") == "gender_male_mark"
    assert match_header("NAM") == "gender_male_mark"
    assert match_header("Năm") is None
    assert match_header("Ngày, tháng, năm sinh", "Nam") == "birth_date_male"


def test_tick_columns_give_the_gender_and_a_double_tick_is_refused(session, tmp_path):
    rows = [
        HEADER,
        [1, "Lý Văn Phúc", "x", None, 2001],
        [2, "Hoàng Thị Hạnh", None, "x", 2002],
        [3, "Nông Văn Bình", "x", "x", 2000],
    ]
    preview = importing.preview(session, write_xlsx(tmp_path / "ds.xlsx", {"DS": rows}), kind="candidates")
    assert preview.mapping[2] == "gender_male_mark" and preview.mapping[3] == "gender_female_mark"
    phuc, hanh, binh = preview.rows
    assert phuc.values["gender"] == "M" and hanh.values["gender"] == "F"
    assert binh.status == "refused" and "Đánh dấu cả Nam và Nữ" in binh.reasons
