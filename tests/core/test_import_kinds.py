"""The list's kind is detected from its title, sheet name and columns, said with why, and changeable."""

from __future__ import annotations

import pytest

from commune_app.importing import kinds
from commune_app.ops import importing
from tests.core.import_sheets import write_xlsx

CANDIDATE_HEADER = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Tôn giáo", "Nơi làm việc"]


def _candidates_sheet(tmp_path, title="DANH SÁCH QUẦN CHÚNG ƯU TÚ ĐỀ NGHỊ BỒI DƯỠNG NĂM 2026", sheet="DS quần chúng"):
    rows = [[title], [None], CANDIDATE_HEADER]
    rows += [
        [i + 1, f"Nguyễn Văn {g}", "Nam", f"1{i}/05/1998", "Kinh", "Không", "Thôn Nà Lầu"]
        for i, g in enumerate(["An", "Bình", "Cường", "Dũng", "Hải", "Khánh", "Long", "Minh", "Nam", "Sơn"])
    ]
    return write_xlsx(tmp_path / "qc.xlsx", {sheet: rows}, {sheet: ["A1:G1"]})


def test_a_candidates_list_is_recognised_without_being_told(session, tmp_path):
    preview = importing.preview(session, _candidates_sheet(tmp_path))
    assert preview.kind == "candidates" and not preview.kind_guess.chosen
    assert "QUẦN CHÚNG ƯU TÚ" in preview.kind_guess.why
    assert preview.counts() == {"new": 10, "match": 0, "unchanged": 0, "refused": 0}
    assert any("Loại danh sách nhận ra" in line and "--kind" in line for line in preview.summary_lines())


@pytest.mark.parametrize(
    ("title", "sheet", "fields", "kind", "said"),
    [
        ("DANH SÁCH CẢM TÌNH ĐẢNG", "Sheet1", set(), "candidates", "tiêu đề"),
        ("DANH SÁCH ĐẢNG VIÊN DỰ BỊ NĂM 2026", "Sheet1", set(), "members", "dự bị"),
        ("", "DS quần chúng", {"admitted_on"}, "candidates", "tên trang tính"),
        ("", "Sheet1", {"admitted_on"}, "members", "cột Ngày vào Đảng"),
        ("", "Sheet1", {"full_name"}, "candidates", "không có cột"),
    ],
)
def test_detection_says_why(title, sheet, fields, kind, said):
    guess = kinds.detect([title] if title else [], sheet, fields)
    assert guess.kind == kind and said in guess.why


def test_the_clerk_can_change_the_kind_and_is_told_the_likely_cause(session, tmp_path):
    preview = importing.preview(session, _candidates_sheet(tmp_path), kind="members")
    assert preview.kind_guess.chosen and preview.counts()["refused"] == 10
    shared = [line for line in preview.summary_lines() if "cùng một lý do" in line]
    assert len(shared) == 1 and "10 trên 10 dòng" in shared[0] and "--kind candidates" in shared[0]


def test_no_shared_reason_when_rows_fail_for_different_reasons():
    assert kinds.dominant_reason([["Thiếu giới tính"], ["Thiếu ngày sinh"], ["Dân tộc “X” không có"]], 3) is None
    assert kinds.dominant_reason([["Thiếu giới tính"]], 10) is None
