"""Relatives and their verification through ops.road_relatives (no Qt)."""

from __future__ import annotations

import pytest

from commune_app.errors import NotAllowed, Refused
from commune_app.ops import road_relatives
from commune_app.ops.context import Actor
from tests.factories import make_cell, make_person


def test_waiting_until_a_result_or_an_exemption(session):
    person_id = make_person(session, "Lường Thị Mai", cell_id=make_cell(session), gender="F")
    father = road_relatives.save_relative(
        session,
        person_id,
        {"relation": "Bố đẻ", "full_name": "Lường Văn Sáng", "birth_year": "1968", "verify_sent_on": "02/06/2026"},
    )
    road_relatives.save_relative(session, person_id, {"relation": "Con", "full_name": "Lò Văn Tí", "birth_year": 2019})
    rows = {r.relative["full_name"]: r for r in road_relatives.relatives(session, person_id)}
    assert rows["Lường Văn Sáng"].needs_verification
    assert rows["Lường Văn Sáng"].relative["verify_sent_on"] == "2026-06-02"
    assert rows["Lường Văn Sáng"].relative["birth_year"] == 1968
    assert not rows["Lò Văn Tí"].needs_verification  # a child under 18 is not verified

    road_relatives.save_relative(
        session,
        person_id,
        {"relation": "Bố đẻ", "full_name": "Lường Văn Sáng", "exempt_reason": "Đã thẩm tra khi kết nạp con trưởng"},
        relative_id=father,
    )
    assert not any(r.needs_verification for r in road_relatives.relatives(session, person_id))
    summary = session.store.scalar("SELECT summary FROM audit WHERE entity = 'relative' AND action = 'update'")
    assert "Lường Văn Sáng" in summary


def test_refusals_leave_nothing_written(session):
    person_id = make_person(session, "Hà Văn Khánh", cell_id=make_cell(session))
    with pytest.raises(Refused) as refused:
        road_relatives.save_relative(
            session,
            person_id,
            {"relation": "Vợ", "full_name": "", "birth_year": "1850", "verify_sent_on": "31/02/2026"},
        )
    reasons = "\n".join(refused.value.reasons)
    assert "Chưa ghi họ và tên" in reasons and "Năm sinh 1850 không hợp lý" in reasons
    assert "không có trong lịch" in reasons
    assert road_relatives.relatives(session, person_id) == []

    session.actor = Actor(username="xem", role="viewer")
    with pytest.raises(NotAllowed):
        road_relatives.save_relative(session, person_id, {"relation": "Vợ", "full_name": "Lò Thị Ánh"})
