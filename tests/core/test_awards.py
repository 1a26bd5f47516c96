"""Awards and party badges: the rules both ways, organisation awards with their audit, Biểu
7-BTCTW sections I and II counted again here from the rows, and the exchange round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commune_app.errors import NotAllowed, Refused
from commune_app.exchange import export_file, import_file
from commune_app.ops import awards as award_ops
from commune_app.ops import reports
from commune_app.ops import road as road_ops
from commune_app.ops.context import SYSTEM, Actor, open_session
from commune_app.store import people as people_store
from tests.conftest import TODAY
from tests.core.road_fixtures import admit, make_member, make_ready_candidate, step
from tests.factories import make_cell, make_person


@pytest.fixture
def cell(session):
    return make_cell(session, "Chi bộ thôn Khòn Quanh")


@pytest.fixture
def veteran(session, cell):
    """Admitted on 10/11/1996: 30 years of party age on 10/11/2026."""
    return make_member(
        session,
        "Hoàng Văn Lâu",
        cell_id=cell,
        admitted_on="1996-11-10",
        official_on="1997-11-28",
        birth_date="1970-02-02",
    )


def _refusal(session, pid, kind, date, **details) -> str:
    with pytest.raises(Refused) as caught:
        step(session, pid, kind, date, **details)
    return "\n".join(caught.value.reasons)


def _audit(session, entity):
    return session.store.query("SELECT action, entity_id, summary FROM audit WHERE entity = ? ORDER BY id", [entity])


# --- rules ---------------------------------------------------------------------------------


def test_badge_needs_the_party_age_at_its_date(session, veteran):
    message = _refusal(session, veteran, "party_badge", "2026-11-09", years=30)
    assert "mới có 29 năm tuổi Đảng" in message and "10/11/1996" in message
    mid = step(session, veteran, "party_badge", "2026-11-10", years=30)
    row = session.store.one("SELECT kind, details FROM milestones WHERE id = ?", [mid])
    assert row["kind"] == "party_badge" and json.loads(row["details"])["years"] == 30


def test_no_second_badge_of_the_same_years_but_a_correction_is_not_a_second(session, veteran):
    mid = step(session, veteran, "party_badge", "2026-11-10", years=30)
    assert "đã được tặng Huy hiệu 30 năm tuổi Đảng ngày 10/11/2026" in _refusal(
        session, veteran, "party_badge", "2026-11-12", years=30
    )
    road_ops.correct_step(session, mid, {"date": "2026-11-11", "details": {"years": 30}}, "Ghi nhầm ngày trao")
    assert session.store.scalar("SELECT date FROM milestones WHERE id = ?", [mid]) == "2026-11-11"
    # After withdrawing it, the badge may be recorded again.
    road_ops.withdraw_step(session, mid, "Ghi nhầm người")
    assert step(session, veteran, "party_badge", "2026-11-12", years=30)


def test_badge_years_must_be_in_the_rule_set_and_not_above_the_party_age(session, veteran):
    assert "một trong: 30, 40, 45" in _refusal(session, veteran, "party_badge", "2026-11-10", years=35)
    assert "chưa đủ để tặng Huy hiệu 40 năm tuổi Đảng" in _refusal(
        session, veteran, "party_badge", "2026-11-10", years=40
    )


def test_badge_only_for_an_official_member(session, cell):
    members = [make_member(session, f"Đảng viên {i}", cell_id=cell) for i in range(3)]
    pid = make_ready_candidate(session, cell, members, year=2025)
    admit(session, pid, year=2025, official_total=3, votes_for=3)
    assert people_store.get(session.store, pid)["status"] == "probationary"
    assert "chưa phải là đảng viên chính thức" in _refusal(session, pid, "party_badge", "2026-11-10", years=30)


def test_award_only_for_a_member_and_in_a_level_of_the_form(session, cell, veteran):
    outsider = make_person(session, "Lường Văn Quần", cell_id=cell)
    assert "chưa phải là đảng viên" in _refusal(session, outsider, "award", "2026-10-10", level="giay_khen")
    assert "Hình thức khen thưởng: “co” không phải là một lựa chọn" in _refusal(
        session, veteran, "award", "2026-10-10", level="co"
    )
    mid = step(session, veteran, "award", "2026-10-10", level="bang_khen", reason="Hoàn thành xuất sắc nhiệm vụ")
    assert (
        json.loads(session.store.scalar("SELECT details FROM milestones WHERE id = ?", [mid]))["level"] == "bang_khen"
    )
    # Neither step moves the person on the road.
    person = people_store.get(session.store, veteran)
    assert (person["status"], person["stage"]) == ("official", "official")


def test_award_for_a_probationary_member(session, cell):
    members = [make_member(session, f"Đảng viên {i}", cell_id=cell) for i in range(3)]
    pid = make_ready_candidate(session, cell, members, year=2025)
    admit(session, pid, year=2025, official_total=3, votes_for=3)
    assert step(session, pid, "award", "2026-10-10", level="giay_khen")


# --- organisation awards -----------------------------------------------------------------


def test_record_and_withdraw_an_organisation_award_with_audit(session, cell):
    aid = award_ops.record_award(
        session,
        {
            "cell_id": cell,
            "level": "giay_khen",
            "awarded_on": "15/01/2026",
            "doc_number": "12-QĐ/ĐU",
            "issuer": "Đảng ủy xã Ba Sơn",
            "reason": "Hoàn thành xuất sắc nhiệm vụ năm 2025",
        },
    )
    committee = award_ops.record_award(
        session, {"cell_id": None, "level": "co", "awarded_on": "2026-02-03", "issuer": "Ban Thường vụ Tỉnh ủy"}
    )
    assert [a["id"] for a in award_ops.list_awards(session, cell)] == [aid]
    assert [a["id"] for a in award_ops.list_awards(session, None)] == [committee]
    assert award_ops.list_awards(session, cell)[0]["awarded_on"] == "2026-01-15"
    with pytest.raises(Refused, match="lý do"):
        award_ops.withdraw_award(session, aid, "  ")
    award_ops.withdraw_award(session, aid, "Ghi nhầm chi bộ")
    assert award_ops.list_awards(session, cell) == []
    assert award_ops.list_awards(session, cell, include_withdrawn=True)[0]["withdrawn_reason"] == "Ghi nhầm chi bộ"
    with pytest.raises(Refused, match="đã được hủy"):
        award_ops.withdraw_award(session, aid, "Lần nữa")
    rows = _audit(session, "org_award")
    assert [(r["action"], r["entity_id"]) for r in rows] == [("create", aid), ("create", committee), ("withdraw", aid)]
    assert "Giấy khen cho Chi bộ thôn Khòn Quanh" in rows[0]["summary"]
    assert "Cờ cho Đảng bộ xã" in rows[1]["summary"]


def test_bad_organisation_awards_write_nothing(session, cell):
    for values, expected in (
        ({"cell_id": cell, "level": "huan_chuong", "awarded_on": "2026-01-15"}, "Hình thức"),
        ({"cell_id": cell, "level": "co", "awarded_on": "2027-01-15"}, "sau ngày hôm nay"),
        ({"cell_id": cell, "level": "co", "awarded_on": "31/02/2026"}, "Ngày khen thưởng"),
        ({"cell_id": cell, "level": "co", "awarded_on": ""}, "Chưa nhập ngày"),
        ({"cell_id": 999, "level": "co", "awarded_on": "2026-01-15"}, "Không tìm thấy chi bộ"),
    ):
        with pytest.raises(Refused) as caught:
            award_ops.record_award(session, values)
        assert any(expected in r for r in caught.value.reasons), caught.value.reasons
    assert session.store.scalar("SELECT count(*) FROM org_awards") == 0
    assert _audit(session, "org_award") == []


def test_who_may_record_organisation_awards(session, cell):
    other = make_cell(session, "Chi bộ Trường Tiểu học")
    session.actor = Actor(username="bithu", role="clerk", cell_id=cell)
    assert award_ops.record_award(session, {"cell_id": cell, "level": "giay_khen", "awarded_on": "2026-01-15"})
    for target in (other, None):
        with pytest.raises(NotAllowed):
            award_ops.record_award(session, {"cell_id": target, "level": "giay_khen", "awarded_on": "2026-01-15"})
        with pytest.raises(NotAllowed):
            award_ops.list_awards(session, target)
    assert len(award_ops.list_awards(session, cell)) == 1
    session.actor = Actor(username="xem", role="viewer")
    with pytest.raises(NotAllowed):
        award_ops.record_award(session, {"cell_id": cell, "level": "giay_khen", "awarded_on": "2026-01-15"})
    assert session.store.scalar("SELECT count(*) FROM org_awards") == 1


# --- Biểu 7-BTCTW --------------------------------------------------------------------------


def _form_7(session, period):
    table = next(t for t in reports.figures(session, period, ["7-BTCTW"]).tables if t.code == "7-BTCTW")
    return table, {row.key: (row.values[1], row.values[2]) for row in table.rows}


def _org_rows(session, tier, level, start, end):
    """Organisations' awards of a tier of 7-BTCTW I.1: the committee itself (a), a chi bộ cơ sở (b),
    a chi bộ trực thuộc (d)."""
    rows = session.store.query(
        "SELECT a.cell_id, c.routing FROM org_awards a LEFT JOIN cells c ON c.id = a.cell_id"
        " WHERE a.level = ? AND a.withdrawn_at IS NULL AND a.awarded_on BETWEEN ? AND ?",
        [level, start, end],
    )
    tiers = {
        "a": lambda r: r["cell_id"] is None,
        "b": lambda r: r["routing"] == "chi_bo_co_so",
        "d": lambda r: r["routing"] in ("chi_bo_truc_thuoc", "dang_bo_co_so_duoc_uy_quyen"),
    }
    return sum(1 for r in rows if tiers[tier](r))


def _member_rows(session, kind, key, value, start, end):
    rows = session.store.query(
        "SELECT details FROM milestones WHERE kind = ? AND withdrawn_at IS NULL AND date BETWEEN ? AND ?",
        [kind, start, end],
    )
    return sum(1 for r in rows if json.loads(r["details"]).get(key) == value)


def test_form_7_sections_one_and_two_count_the_records(session, cell, veteran):
    elder = make_member(
        session,
        "Nông Văn Cả",
        cell_id=cell,
        admitted_on="1976-03-01",
        official_on="1977-03-10",
        birth_date="1950-05-05",
    )
    young = make_member(session, "Đinh Thị Mới", cell_id=cell)
    for values in (
        {"cell_id": cell, "level": "giay_khen", "awarded_on": "2026-01-15"},
        {"cell_id": cell, "level": "bang_khen", "awarded_on": "2026-02-03"},
        {"cell_id": None, "level": "co", "awarded_on": "2026-09-02"},
        {"cell_id": None, "level": "bang_khen", "awarded_on": "2025-01-20"},  # last year
        {"cell_id": cell, "level": "co", "awarded_on": "2026-03-03"},
    ):
        award_ops.record_award(session, values)
    withdrawn = award_ops.record_award(session, {"cell_id": cell, "level": "co", "awarded_on": "2026-04-04"})
    award_ops.withdraw_award(session, withdrawn, "Nhầm")
    step(session, veteran, "party_badge", "2026-11-10", years=30)
    step(session, elder, "party_badge", "2021-05-19", years=45)  # before both periods
    step(session, elder, "party_badge", "2026-05-19", years=50)
    step(session, young, "award", "2026-01-20", level="giay_khen")
    step(session, elder, "award", "2026-01-20", level="giay_khen")
    step(session, elder, "award", "2025-01-20", level="bang_khen")
    gone = step(session, young, "award", "2026-06-01", level="bang_khen")
    road_ops.withdraw_step(session, gone, "Nhầm người")

    table, value = _form_7(session, "2026")
    year, last = ("2026-01-01", "2026-12-31"), ("2025-01-01", "2025-12-31")
    for key, tier, level in (
        ("I1a_co", "a", "co"),
        ("I1a_bk", "a", "bang_khen"),
        ("I1b_co", "b", "co"),
        ("I1b_bk", "b", "bang_khen"),
        ("I1b_gk", "b", "giay_khen"),
        ("I1d_bk", "d", "bang_khen"),
        ("I1d_gk", "d", "giay_khen"),
    ):
        assert value[key] == (_org_rows(session, tier, level, *year), _org_rows(session, tier, level, *last))
    assert value["I1a"] == (1, 1) and value["I1b"] == (3, 0)
    assert value["I1c"] == (None, None)  # đảng bộ bộ phận: not kept by the program
    for key, level in (("I2a", "bang_khen"), ("I2b", "giay_khen")):
        assert value[key] == (
            _member_rows(session, "award", "level", level, *year),
            _member_rows(session, "award", "level", level, *last),
        )
    assert value["I2a"] == (0, 1) and value["I2b"] == (2, 0)
    # Organisations and people are counted apart: row I is a heading, not 4 + 2.
    assert value["I1"] == (4, 1) and value["I2"] == (2, 1) and value["I"] == (None, None)
    for years in (30, 45, 50):
        assert value[f"badge_{years}"][0] == _member_rows(session, "party_badge", "years", years, *year)
    assert value["badge_30"] == (1, 0) and value["badge_50"] == (1, 0) and value["badge_45"] == (0, 0)
    assert value["II"] == (2, 0)
    assert not table.problems
    assert len(table.notes) == 1  # the blank đảng bộ bộ phận rows are explained


# --- exchange ------------------------------------------------------------------------------


def _lines_without_stamp(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if '"exported_at"' not in line]


def test_awards_round_trip_through_the_exchange_file(session, cell, veteran, tmp_path):
    award_ops.record_award(
        session,
        {"cell_id": cell, "level": "giay_khen", "awarded_on": "2026-01-15", "reason": "Hoàn thành xuất sắc nhiệm vụ"},
    )
    award_ops.record_award(session, {"cell_id": None, "level": "co", "awarded_on": "2026-02-03"})
    wrong = award_ops.record_award(session, {"cell_id": cell, "level": "co", "awarded_on": "2026-03-03"})
    award_ops.withdraw_award(session, wrong, "Nhầm")
    step(session, veteran, "party_badge", "2026-11-10", years=30)
    step(session, veteran, "award", "2026-01-20", level="bang_khen")
    export_file(session, tmp_path / "first.json")
    document = json.loads((tmp_path / "first.json").read_text(encoding="utf-8"))
    assert [(r["cell_id"], r["level"], bool(r["withdrawn_at"])) for r in document["tables"]["org_awards"]] == [
        (cell, "giay_khen", False),
        (None, "co", False),
        (cell, "co", True),
    ]
    copy = open_session(tmp_path / "copy.sqlite", actor=SYSTEM)
    copy.today_override = TODAY
    try:
        counts = import_file(copy, tmp_path / "first.json")
        export_file(copy, tmp_path / "second.json")
        assert counts["org_awards"] == 3
        for key, expected in (("I1", (2, 0)), ("I2", (1, 0))):
            assert _form_7(copy, "2026")[1][key] == _form_7(session, "2026")[1][key] == expected
    finally:
        copy.close()
    assert _lines_without_stamp(tmp_path / "second.json") == _lines_without_stamp(tmp_path / "first.json")
