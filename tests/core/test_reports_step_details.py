"""The step details the reports read, recorded through ops.road.record_step as the step forms
send them: transfer scope and flags, the party card's reason, and the restoration of party
membership (phục hồi đảng tịch). Figures are counted here again from the milestone rows."""

from __future__ import annotations

import json

import pytest

from commune_app.domain.road import derive
from commune_app.errors import Refused
from commune_app.ops import reports
from commune_app.store import people as people_store
from tests.core.road_fixtures import make_member, step
from tests.factories import make_cell, make_person

PERIOD = ("2026-10-01", "2026-12-31")


def _milestones(session, kind, **details):
    rows = session.store.query(
        "SELECT details FROM milestones WHERE kind = ? AND withdrawn_at IS NULL AND date BETWEEN ? AND ?",
        [kind, *PERIOD],
    )
    return sum(1 for r in rows if all(json.loads(r["details"]).get(k) == v for k, v in details.items()))


def _values(session, code):
    table = next(t for t in reports.figures(session, "2026-Q4", [code]).tables if t.code == code)
    return {row.key: row.values[1] for row in table.rows}, table


@pytest.fixture
def members(session):
    cell = make_cell(session, "Chi bộ thôn Bản Chang")
    return [
        make_member(session, name, cell_id=cell)
        for name in ("Hoàng Văn Tỉnh", "Nông Thị Huyện", "Lò Văn Thẻ", "Vi Văn Mất", "Đàm Thị Phục")
    ]


def test_transfer_scope_and_flags_reach_forms_1_and_7(session, members):
    far, near = members[0], members[1]
    mid = step(
        session,
        far,
        "transfer_out",
        "2026-11-02",
        transfer_kind="official",
        scope="other_province",
        to_unit="Đảng bộ phường Đông Kinh, tỉnh Lạng Sơn",
        trigger_decision_on="2026-10-20",
        irregular=True,
        forged=True,
    )
    step(
        session,
        near,
        "transfer_out",
        "2026-11-03",
        transfer_kind="official",
        scope="within_province",
        to_unit="Đảng bộ xã Yên Thịnh",
        trigger_decision_on="2026-10-20",
    )
    stored = session.store.one("SELECT details FROM milestones WHERE id = ?", [mid])
    details = json.loads(stored["details"])
    assert (details["scope"], details["irregular"], details["forged"]) == ("other_province", True, True)

    flows, table = _values(session, "1-BTCTW")
    assert flows["C5a"] == _milestones(session, "transfer_out", scope="other_province") == 1
    assert flows["C5b"] == _milestones(session, "transfer_out", scope="within_province") == 1
    assert flows["C5"] == _milestones(session, "transfer_out") == 2
    assert not table.problems
    seven, _ = _values(session, "7-BTCTW")
    assert seven["official_out"] == 2
    assert seven["irregular_out"] == _milestones(session, "transfer_out", irregular=True) == 1
    assert seven["forged"] == _milestones(session, "transfer_out", forged=True) == 1


def test_transfer_in_from_another_province_is_b2a(session, members):
    cell = people_store.get(session.store, members[0])["cell_id"]
    arriving = make_person(session, "Phạm Văn Đến", cell_id=cell, birth_date="1985-05-05")
    step(
        session,
        arriving,
        "transfer_in",
        "2026-11-05",
        transfer_kind="official",
        scope="other_province",
        from_unit="Đảng bộ xã Tân Trào, tỉnh Tuyên Quang",
        letter_on="2026-10-30",
        irregular=True,
    )
    flows, _table = _values(session, "1-BTCTW")
    assert flows["B2a"] == _milestones(session, "transfer_in", scope="other_province") == 1
    assert flows["B2b"] == 0
    seven, _ = _values(session, "7-BTCTW")
    assert seven["irregular_in"] == _milestones(session, "transfer_in", irregular=True) == 1


def test_party_cards_by_reason(session, members):
    step(session, members[2], "party_card", "2026-10-15", card_reason="first", card_number="01234567")
    step(session, members[3], "party_card", "2026-10-16", card_reason="lost", card_number="01234568")
    seven, _ = _values(session, "7-BTCTW")
    assert seven["card_first"] == _milestones(session, "party_card", card_reason="first") == 1
    assert seven["card_lost"] == _milestones(session, "party_card", card_reason="lost") == 1
    assert seven["card_damaged"] == 0


def test_removal_then_restoration_round_trip_and_row_b3(session, members):
    pid = members[4]
    step(session, pid, "removal", "2026-10-05", removal_kind="strike_off", reason="Bỏ sinh hoạt đảng")
    assert people_store.get(session.store, pid)["status"] == "removed"
    step(session, pid, "restoration", "2026-11-10", reason="Khiếu nại được chấp nhận, hủy quyết định xóa tên")
    row = people_store.get(session.store, pid)
    assert (row["status"], row["stage"]) == ("official", "official")

    flows, table = _values(session, "1-BTCTW")
    assert flows["B3"] == _milestones(session, "restoration") == 1
    assert flows["C3"] == _milestones(session, "removal", removal_kind="strike_off") == 1
    assert flows["D"] == flows["A"] + flows["B"] - flows["C"]
    assert not table.problems


def test_restoration_of_a_probationary_member_keeps_them_probationary():
    history = [
        {"kind": "admission_decision", "date": "2026-01-05"},
        {"kind": "ceremony", "date": "2026-02-01"},
        {"kind": "removal", "date": "2026-05-01", "details": {"removal_kind": "strike_off"}},
        {"kind": "restoration", "date": "2026-07-01"},
    ]
    assert (derive(history).status, derive(history).stage) == ("probationary", "probation")
    assert derive(history[:3]).status == "removed"
    # A restoration withdrawn by mistake, or dated before the removal, does not undo it.
    assert derive([*history[:3], {**history[3], "withdrawn_at": "2026-07-02"}]).status == "removed"
    assert derive([*history[:3], {**history[3], "date": "2026-04-01"}]).status == "removed"


def test_restoration_is_refused_when_it_does_not_apply(session, members):
    pid = members[4]
    with pytest.raises(Refused, match="chỉ phục hồi đảng tịch"):
        step(session, pid, "restoration", "2026-11-10", reason="Nhầm")
    step(session, pid, "removal", "2026-10-05", removal_kind="resignation", reason="Xin ra khỏi Đảng")
    with pytest.raises(Refused, match="trước ngày ra khỏi Đảng"):
        step(session, pid, "restoration", "2026-09-10", reason="Khiếu nại được chấp nhận")
    with pytest.raises(Refused, match="Chưa nhập lý do phục hồi"):
        step(session, pid, "restoration", "2026-11-10")
    assert session.store.scalar("SELECT count(*) FROM milestones WHERE kind = 'restoration'") == 0
