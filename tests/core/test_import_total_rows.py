"""Total rows are told by their shape, never by a name: Tống, Công, Tổng, Cống, Cồng stay people."""

from __future__ import annotations

import datetime as dt

import pytest

from commune_app.importing import shapes
from commune_app.ops import importing
from tests.core.import_sheets import write_xlsx

HEADER = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Tôn giáo", "Ngày vào Đảng"]
FAMILY_NAMES_LIKE_TOTALS = [
    "Tống Văn Tân",
    "Công Thị Hoa",
    "Tổng Văn Bình",
    "Cống Thị Lan",
    "Cồng Văn Sơn",
    "Âu Dương Minh",
    "Tôn Nữ Thu Hà",
]


@pytest.mark.parametrize(
    "text",
    [
        "Cộng",
        "Tổng cộng",
        "TỔNG CỘNG",
        "Tổng số: 12",
        "Tổng số 12 đồng chí",
        "Cộng chi bộ: 2 đồng chí",
        "Cộng:",
        "  Tổng  cộng ",
        "15 đồng chí",
        "(3 người)",
    ],
)
def test_total_wordings_are_recognised(text):
    assert shapes.total_reason([text]) is not None


@pytest.mark.parametrize("text", [*FAMILY_NAMES_LIKE_TOTALS, "Cộng Văn An", "Tổng Thị Mai", "Tống", "Công"])
def test_names_are_never_totals(text):
    assert shapes.total_reason([text]) is None


def test_people_named_like_totals_are_imported_and_totals_listed(session, tmp_path):
    rows = [HEADER]
    for i, name in enumerate(FAMILY_NAMES_LIKE_TOTALS):
        rows.append([i + 1, name, "Nam" if i % 2 else "Nữ", f"0{i + 1}/03/1980", "Kinh", "Không", "01/02/2010"])
    rows += [
        [None, "Cộng chi bộ: 7 đồng chí", None, None, None, None, None],
        [None, "Tổng cộng", None, None, None, None, None],
        [None, "Tổng số: 7", None, None, None, None, None],
        [None, None, 3, 4, None, None, None],  # sums without a label
        ["Tổng cộng: 7 đồng chí"] * 7,  # merged across the row
        [None, "Tống Văn Khải", "Nam", None, "Kinh", "Không", "01/02/2010"],  # a person without a birth date
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", {"Đảng viên": rows}, {"Đảng viên": ["A13:G13"]})
    preview = importing.preview(session, path, kind="members")
    imported = {r.full_name for r in preview.rows if r.status == "new"}
    assert imported == set(FAMILY_NAMES_LIKE_TOTALS)
    skipped = dict(preview.skipped)
    assert sorted(skipped) == [9, 10, 11, 12, 13]
    assert all(reason.startswith("Dòng") for reason in skipped.values())
    khai = next(r for r in preview.rows if r.full_name == "Tống Văn Khải")
    assert khai.status == "refused" and any("ngày sinh" in r.lower() for r in khai.reasons)
    listed = "\n".join(preview.summary_lines())
    assert "Bỏ qua 5 dòng" in listed


def test_a_total_row_with_a_birth_date_is_a_person(session, tmp_path):
    """'Cộng Văn An' with a valid birth date is read as a person even though it starts with 'Cộng'."""
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        {"DS": [HEADER, [1, "Cộng Văn An", "Nam", dt.datetime(1990, 1, 2), "Kinh", "Không", "02/02/2015"]]},
    )
    preview = importing.preview(session, path, kind="members")
    assert [r.status for r in preview.rows] == ["new"] and not preview.skipped
