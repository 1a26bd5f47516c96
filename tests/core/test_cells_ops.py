"""Cells: overview figures, editing with checks, yearly targets, moving people with history."""

from __future__ import annotations

import datetime as dt

import pytest

from commune_app.errors import NotAllowed, Refused
from commune_app.ops import cells as cell_ops
from commune_app.ops.context import Actor
from commune_app.store import cells as cell_store
from tests.factories import make_cell, make_person


def _set_status(session, person_id: int, status: str, admitted_on: str | None = None) -> None:
    session.store.conn.execute(
        "UPDATE people SET status = ?, admitted_on = ? WHERE id = ?", [status, admitted_on, person_id]
    )


def test_overview_counts_members_road_target_and_admissions(session):
    village = make_cell(session, "Chi bộ thôn Nà Lầu")
    school = make_cell(session, "Chi bộ Trường THCS")
    official = make_person(session, "Hoàng Văn Thụ", cell_id=village)
    probationary = make_person(session, "Lò Thị Mai", cell_id=village)
    make_person(session, "Nguyễn Văn An", cell_id=village)
    make_person(session, "Trần Thị Ân", cell_id=school)
    _set_status(session, official, "official", "2010-03-02")
    _set_status(session, probationary, "probationary", "2026-04-15")
    cell_ops.set_target(session, village, 2026, 4)

    rows = {r.name: r for r in cell_ops.cell_overview(session, 2026)}
    nalau = rows["Chi bộ thôn Nà Lầu"]
    assert (nalau.official, nalau.probationary, nalau.on_road) == (1, 1, 1)
    assert (nalau.target, nalau.admitted, nalau.percent) == (4, 1, 25.0)
    assert rows["Chi bộ Trường THCS"].on_road == 1
    assert rows["Chi bộ Trường THCS"].percent is None
    assert cell_ops.cell_overview(session, 2025)[0].target == 0


def test_save_cell_checks_name_kind_and_secretary(session):
    cell_id = cell_ops.save_cell(session, {"name": "Chi bộ thôn Bản Vẽ", "kind": "village"})
    with pytest.raises(Refused, match="Đã có chi bộ"):
        cell_ops.save_cell(session, {"name": "chi bo thon ban ve"})
    with pytest.raises(Refused, match="không được để trống"):
        cell_ops.save_cell(session, {"name": "  "})
    with pytest.raises(Refused, match="Loại chi bộ"):
        cell_ops.save_cell(session, {"kind": "castle"}, cell_id)
    with pytest.raises(Refused, match="cần ghi tên đảng bộ cơ sở"):
        cell_ops.save_cell(session, {"routing": "chi_bo_truc_thuoc"}, cell_id)
    candidate = make_person(session, "Nguyễn Văn An", cell_id=cell_id)
    with pytest.raises(Refused, match="Bí thư phải là đảng viên"):
        cell_ops.save_cell(session, {"secretary_id": candidate}, cell_id)
    _set_status(session, candidate, "official", "2001-01-01")
    cell_ops.save_cell(session, {"secretary_id": candidate, "kind": "residential"}, cell_id)
    assert cell_ops.cell_overview(session, 2026)[0].secretary == "Nguyễn Văn An"
    assert cell_ops.get_cell(session, cell_id)["kind"] == "residential"


def test_target_must_not_be_negative_and_is_audited(session):
    cell_id = make_cell(session)
    with pytest.raises(Refused):
        cell_ops.set_target(session, cell_id, 2026, -1)
    cell_ops.set_target(session, cell_id, 2026, 3)
    cell_ops.set_target(session, cell_id, 2026, 5)
    assert cell_store.targets(session.store, 2026)[cell_id]["admission_target"] == 5
    assert session.store.scalar("SELECT count(*) FROM audit WHERE entity = 'cell_target'") == 2


def test_move_people_keeps_history_in_one_transaction(session):
    old = make_cell(session, "Chi bộ thôn Nà Lầu")
    new = make_cell(session, "Chi bộ thôn Bản Vẽ")
    a = make_person(session, "Nguyễn Văn An", cell_id=old)
    b = make_person(session, "Trần Thị Ân", cell_id=old)
    moved = cell_ops.move_people(
        session, [a, b], new, dt.date(2026, 11, 20), "Đảng ủy phân công sinh hoạt ở chi bộ thuận lợi nhất"
    )
    assert moved == 2
    history = cell_ops.assignment_history(session, a)
    assert [(h["cell"], h["to_date"]) for h in history] == [
        ("Chi bộ thôn Nà Lầu", "2026-11-20"),
        ("Chi bộ thôn Bản Vẽ", None),
    ]
    assert history[-1]["reason"] == "Đảng ủy phân công sinh hoạt ở chi bộ thuận lợi nhất"
    assert cell_ops.move_people(session, [a], new, dt.date(2026, 11, 20), "lại") == 0


def test_move_refuses_bad_input_without_moving_anyone(session):
    old = make_cell(session, "Chi bộ thôn Nà Lầu")
    new = make_cell(session, "Chi bộ thôn Bản Vẽ")
    a = make_person(session, "Nguyễn Văn An", cell_id=old)
    with pytest.raises(Refused, match="lý do"):
        cell_ops.move_people(session, [a], new, dt.date(2026, 11, 20), " ")
    with pytest.raises(Refused, match="sau ngày hôm nay"):
        cell_ops.move_people(session, [a], new, dt.date(2026, 12, 1), "Chuyển nơi cư trú")
    with pytest.raises(Refused, match="ngày chuyển phải từ ngày đó"):
        cell_ops.move_people(session, [a], new, dt.date(2020, 1, 1), "Chuyển nơi cư trú")
    with pytest.raises(Refused, match="Không tìm thấy người"):
        cell_ops.move_people(session, [a, 999], new, dt.date(2026, 11, 20), "Chuyển nơi cư trú")
    assert cell_ops.assignment_history(session, a)[-1]["cell_id"] == old
    cell_ops.save_cell(session, {"active": False}, new)
    with pytest.raises(Refused, match="ngừng hoạt động"):
        cell_ops.move_people(session, [a], new, dt.date(2026, 11, 20), "Chuyển nơi cư trú")


def test_restricted_account_sees_and_edits_only_its_cell(session):
    mine = make_cell(session, "Chi bộ thôn Nà Lầu")
    other = make_cell(session, "Chi bộ thôn Bản Vẽ")
    session.actor = Actor(username="bithu", role="clerk", cell_id=mine)
    assert [c["id"] for c in cell_ops.list_cells(session)] == [mine]
    with pytest.raises(NotAllowed):
        cell_ops.set_target(session, other, 2026, 2)
    with pytest.raises(NotAllowed):
        cell_ops.save_cell(session, {"name": "Chi bộ mới"})


def test_people_who_left_are_not_moved_between_cells(session):
    old = make_cell(session, "Chi bộ thôn Nà Lầu")
    new = make_cell(session, "Chi bộ thôn Bản Vẽ")
    alive = make_person(session, "Nguyễn Văn An", cell_id=old)
    gone = make_person(session, "Hoàng Văn Cũ", cell_id=old)
    _set_status(session, gone, "deceased")
    with pytest.raises(Refused, match="Hoàng Văn Cũ đã từ trần"):
        cell_ops.move_people(session, [alive, gone], new, dt.date(2026, 11, 20), "Sáp nhập thôn")
    assert cell_ops.assignment_history(session, alive)[-1]["cell_id"] == old  # all or nothing
