"""The audit detail pane reads in the clerk's words: field labels and dd/mm/yyyy dates."""

from __future__ import annotations

import json

from commune_app.ops import audit as audit_ops


def _row(before, after) -> dict:
    return {"before": json.dumps(before, ensure_ascii=False), "after": json.dumps(after, ensure_ascii=False)}


def test_changes_show_labels_and_vietnamese_dates():
    text = audit_ops.describe_change(
        _row(
            {"birth_date": "2000-01-02", "phone": None, "doc_number": "07-NQ/CB"},
            {
                "birth_date": "2000-02-01",
                "phone": "0912345678",
                "doc_number": "07-NQ/CB",
                "created_at": "2026-11-20T09:15:02",
                "details": {"có mặt": 9},
            },
        )
    )
    lines = text.splitlines()
    assert "Ngày sinh: 02/01/2000 → 01/02/2000" in lines
    assert "Số điện thoại: (trống) → 0912345678" in lines
    assert "Thời điểm tạo: (trống) → 20/11/2026 09:15" in lines
    assert 'Chi tiết: (trống) → {"có mặt": 9}' in lines
    assert not any(line.startswith(("birth_date", "phone", "created_at", "doc_number")) for line in lines)


def test_unknown_keys_and_date_shaped_text_are_shown_as_stored():
    text = audit_ops.describe_change(_row({}, {"cot_moi": "2026-13-45"}))
    assert text == "cot_moi: (trống) → 2026-13-45"


def test_coded_values_read_as_their_labels():
    text = audit_ops.describe_change(
        _row({"gender": "M", "status": "candidate"}, {"gender": "F", "status": "probationary"})
    )
    assert "Giới tính: Nam → Nữ" in text.splitlines()
    assert "Tình trạng: Người xin vào Đảng → Đảng viên dự bị" in text.splitlines()


def test_summaries_of_steps_and_decisions_give_days_as_dd_mm_yyyy(session):
    """The audit list's 'Nội dung' column: "Ghi nhận: Đơn xin vào Đảng ngày 05/10/2026", not 2026-10-05."""
    from commune_app.store import road
    from tests.factories import make_person

    pid = make_person(session, "Hoàng Thị Mai")
    with session.write() as audit:
        mid = road.add_milestone(session.store, audit, pid, {"kind": "application", "date": "2026-10-05"})
    with session.write() as audit:
        road.withdraw_milestone(session.store, audit, mid, "Nhập nhầm")
    summaries = [r["summary"] for r in session.store.query("SELECT summary FROM audit ORDER BY id")]
    assert any(s.startswith("Ghi nhận: ") and s.endswith("ngày 05/10/2026") for s in summaries)
    assert any(s.startswith("Hủy ") and "ngày 05/10/2026: Nhập nhầm" in s for s in summaries)
    assert not any("2026-10-05" in s for s in summaries)


def test_a_stored_day_that_is_not_one_is_repeated_as_stored_not_refused():
    from commune_app import vn

    assert vn.day_text("2026-10-05") == "05/10/2026"
    assert vn.day_text("2026-13-45") == "2026-13-45" and vn.day_text("") == "" and vn.day_text(None) == ""
    assert vn.day_text("tháng 9/2024") == "tháng 9/2024"
