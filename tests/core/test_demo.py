"""The demo data: reproducible by seed, realistic, and placed so the rules and deadlines show."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from commune_app import vn
from commune_app.demo.generator import generate
from commune_app.domain import road
from commune_app.domain.person import cccd_problem
from commune_app.errors import Refused
from commune_app.ops.context import Session, open_session
from commune_app.store import exchange as exchange_store
from commune_app.store import people as people_store

TODAY = dt.date(2026, 11, 20)
TIMESTAMPS = {"created_at", "updated_at", "at", "enrolled_at"}


def _make(path: Path, seed: int) -> Session:
    session = open_session(path)
    session.today_override = TODAY
    generate(session, scale="commune", seed=seed)
    return session


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    session = _make(tmp_path_factory.mktemp("demo") / "demo.sqlite", seed=5)
    yield session
    session.close()


def _without_timestamps(value):
    """A row (or the JSON of an audit row's before/after) with the moments of writing left out."""
    if isinstance(value, dict):
        return {k: _without_timestamps(v) for k, v in value.items() if k not in TIMESTAMPS}
    if isinstance(value, str) and value.startswith("{"):
        return _without_timestamps(json.loads(value))
    return value


def _content(session: Session) -> dict[str, list[dict]]:
    return {t: [_without_timestamps(row) for row in exchange_store.dump_table(session.store, t)]
            for t in exchange_store.data_tables(session.store)}


def test_same_seed_gives_the_same_file_and_another_seed_does_not(demo, tmp_path):
    again = _make(tmp_path / "again.sqlite", seed=5)
    other = _make(tmp_path / "other.sqlite", seed=6)
    try:
        assert _content(again) == _content(demo)
        assert _content(other)["people"] != _content(demo)["people"]
    finally:
        again.close()
        other.close()


def test_commune_scale_and_profile(demo):
    profile = demo.store.one("SELECT * FROM committee_profile")
    assert profile["upper_body"] == "ĐẢNG BỘ TỈNH LẠNG SƠN"
    assert profile["committee_name"] == "ĐẢNG ỦY XÃ BA SƠN"
    assert profile["place_name"] == "Ba Sơn" and profile["secretary"] and profile["preparer_name"]
    members = demo.store.scalar("SELECT count(*) FROM people WHERE status IN ('probationary', 'official')")
    assert 950 <= members <= 1200
    cells = demo.store.query("SELECT name, kind, routing FROM cells")
    assert len(cells) == 50
    assert {"Chi bộ thôn Nà Lầu", "Chi bộ thôn Khuổi Phầy", "Chi bộ Trạm Y tế xã", "Chi bộ Công an xã",
            "Chi bộ Quân sự xã"} <= {c["name"] for c in cells}
    assert sum(c["routing"] == "chi_bo_truc_thuoc" for c in cells) == 4
    assert demo.store.scalar("SELECT count(*) FROM cells WHERE has_sub_committee = 1") == 2
    years = {r["year"] for r in demo.store.query("SELECT DISTINCT year FROM cell_targets")}
    assert years == {TODAY.year - 1, TODAY.year}


def test_people_on_the_road_at_every_stage(demo):
    stages = {r["stage"]: r["n"] for r in demo.store.query(
        "SELECT stage, count(*) AS n FROM people WHERE status IN ('source', 'candidate', 'probationary')"
        " GROUP BY stage")}
    for stage in ("source", "course", "application", "background", "verified", "introduced", "cell_approved",
                  "decided", "probation"):
        assert stages.get(stage, 0) >= 1, stage
    road_people = demo.store.scalar("SELECT count(*) FROM people WHERE status IN ('source', 'candidate')")
    assert 30 <= road_people <= 70
    for kind in ("transfer_out", "removal", "death"):
        assert demo.store.scalar("SELECT count(*) FROM milestones WHERE kind = ?", [kind]) >= 1


def test_people_are_valid_and_diverse(demo):
    rows = demo.store.query("SELECT full_name, gender, birth_date, cccd, phone, ethnicity, religion FROM people")
    for row in rows:
        assert row["cccd"] and cccd_problem(row["cccd"], row["gender"], row["birth_date"]) is None, row
        assert vn.is_plausible_name(row["full_name"]) is None
        assert row["full_name"] == vn.nfc(row["full_name"])
    assert {"Kinh", "Tày", "Nùng", "Dao"} <= {r["ethnicity"] for r in rows}
    assert sum(r["religion"] == "Không" for r in rows) > 0.9 * len(rows)
    families = {r["full_name"].split(" ")[0] for r in rows}
    assert {"Hoàng", "Nông", "Lương", "Vi", "Lăng", "Triệu", "Bàn", "Nguyễn"} <= families
    assert sum(r["cccd"].startswith("020") for r in rows) > 0.8 * len(rows)


def test_derived_columns_match_the_milestones(demo):
    for row in demo.store.query("SELECT id, status, stage, admitted_on, official_on FROM people"
                                " WHERE id % 37 = 0"):
        has_introducers = bool(demo.store.scalar(
            "SELECT 1 FROM links WHERE person_id = ? AND role = 'introducer'", [row["id"]]))
        derived = road.derive(people_store.milestones_of(demo.store, row["id"]), has_introducers)
        assert (derived.status, derived.stage, derived.admitted_on, derived.official_on) == \
            (row["status"], row["stage"], row["admitted_on"], row["official_on"])


def test_links_and_relatives(demo):
    roles = {r["role"]: r["n"] for r in demo.store.query("SELECT role, count(*) AS n FROM links GROUP BY role")}
    assert roles["introducer"] > 100 and roles["mentor"] > 100 and roles["helper"] > 100
    bad = demo.store.scalar(
        "SELECT count(*) FROM links l JOIN people m ON m.id = l.member_id"
        " WHERE l.together_from IS NULL AND l.role = 'introducer'")
    assert bad == 0
    verified = demo.store.scalar("SELECT count(*) FROM relatives WHERE verify_result <> ''")
    exempt = demo.store.scalar("SELECT count(*) FROM relatives WHERE exempt_reason <> '' AND is_party_member = 1")
    assert verified > 100 and exempt > 10


def test_three_courses_with_attendance_and_results(demo):
    courses = demo.store.query("SELECT id, name, start_date FROM courses ORDER BY start_date")
    assert len(courses) == 3
    for course in courses:
        assert demo.store.scalar("SELECT count(*) FROM enrolments WHERE course_id = ?", [course["id"]]) > 0
        assert demo.store.scalar(
            "SELECT count(*) FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id WHERE e.course_id = ?",
            [course["id"]]) > 0
    finished = demo.store.scalar("SELECT count(*) FROM enrolments WHERE certificate_no <> '' AND milestone_id IS NOT NULL")
    assert finished > 5


def test_deadlines_fall_due_this_month(demo):
    calendar = demo.calendar
    month = (TODAY.year, TODAY.month)
    in_month = lambda day: (day.year, day.month) == month  # noqa: E731
    waiting = demo.store.query(
        "SELECT m.date FROM milestones m JOIN people p ON p.id = m.person_id"
        " WHERE m.kind = 'cell_meeting' AND p.status = 'candidate'")
    assert any(in_month(calendar.add_working_days(dt.date.fromisoformat(r["date"]), 60)) for r in waiting)
    decided = demo.store.query("SELECT m.details FROM milestones m JOIN people p ON p.id = m.person_id"
                               " WHERE m.kind = 'admission_decision' AND p.stage = 'decided'")
    received = [dt.date.fromisoformat(json.loads(r["details"])["received_on"]) for r in decided]
    assert any(in_month(calendar.add_working_days(day, 30)) for day in received)
    ceremonies = demo.store.query("SELECT ceremony_on FROM people WHERE status = 'probationary' AND ceremony_on IS NOT NULL")
    assert any(in_month(vn.add_months(dt.date.fromisoformat(r["ceremony_on"]), 12)) for r in ceremonies)


def test_refuses_a_file_that_has_data(demo):
    with pytest.raises(Refused) as caught:
        generate(demo, scale="commune", seed=1)
    assert "đã có dữ liệu" in caught.value.reasons[0]


def test_unknown_scale_is_refused(tmp_path):
    session = open_session(tmp_path / "x.sqlite")
    try:
        with pytest.raises(Refused):
            generate(session, scale="quận")
    finally:
        session.close()


def test_relatives_are_verified_by_the_committee_of_their_own_commune(demo: Session) -> None:
    places = {r["verify_place"] for r in demo.store.query("SELECT verify_place FROM relatives WHERE verify_place != ''")}
    assert places and all(p.startswith("Đảng ủy xã ") for p in places)
    hometowns = {r["hometown"].split(",")[0].removeprefix("Xã ") for r in demo.store.query("SELECT hometown FROM people")}
    assert {p.removeprefix("Đảng ủy xã ") for p in places} <= hometowns
