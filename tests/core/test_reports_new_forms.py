"""Forms added for issue 17 (3B and 5-BTCTW, the nine-month period), counted again here from the rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from commune_app.ops import reports
from commune_app.reports.period import parse_period
from tests.core.reports_sample import add, build
from tests.factories import make_cell, make_person


@pytest.fixture
def sample(session):
    return build(session)


def _table(session, period, code):
    return next(t for t in reports.figures(session, period, [code]).tables if t.code == code)


def _members(session, day):
    """Members in the list at the end of the day, with their cell then (from the raw rows)."""
    inside: dict[int, bool] = {}
    for row in session.store.query(
        "SELECT person_id, kind, date, details FROM milestones WHERE withdrawn_at IS NULL AND date <= ? AND kind IN"
        " ('admission_decision', 'transfer_in', 'restoration', 'death', 'removal', 'transfer_out')"
        " ORDER BY date, id",
        [day],
    ):
        if '"temporary"' in row["details"]:
            continue
        inside[row["person_id"]] = row["kind"] in ("admission_decision", "transfer_in", "restoration")
    out = {}
    for pid in (p for p, yes in inside.items() if yes):
        person = session.store.one("SELECT * FROM people WHERE id = ?", [pid])
        moved = session.store.one(
            "SELECT cell_id FROM cell_assignments WHERE person_id = ? AND from_date <= ?"
            " ORDER BY from_date DESC LIMIT 1",
            [pid, day],
        )
        out[pid] = (person, moved["cell_id"] if moved else person["cell_id"])
    return out


def test_nine_months_period():
    period = parse_period("2026-9M")
    assert (period.start, period.end, period.label) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 9, 30),
        "9 tháng đầu năm 2026",
    )
    assert parse_period(period.code) == period


def test_3b_members_by_ethnicity_and_religion(session, sample):
    table = _table(session, "2026-Q2", "3B-BTCTW")
    members = _members(session, "2026-06-30")
    ethnic = Counter(p["ethnicity"] for p, _ in members.values())
    faiths = Counter(p["religion"] for p, _ in members.values() if p["religion"] != "Không")
    left = {r.values[1]: r.values[2] for r in table.rows}
    right = {r.values[6]: r.values[7] for r in table.rows if r.values[6]}
    both = {**left, **right}
    assert both["I - Đảng viên chia theo dân tộc"] == len(members)
    for name in ("Kinh", "Tày", "Mông"):
        assert both[name] == ethnic[name]
    assert both["II - Đảng viên chia theo tôn giáo"] == sum(faiths.values())
    assert both["Công giáo"] == faiths["Công giáo"] and both["Phật giáo"] == faiths["Phật giáo"]
    assert "so với tổng số đảng viên" in table.notes[0]
    assert not table.problems


def test_5_organisations_and_members_by_type_of_unit(session, sample):
    office = make_cell(
        session,
        "Chi bộ Cơ quan Ủy ban nhân dân xã",
        kind="agency",
        routing="chi_bo_truc_thuoc",
        parent_org="Đảng bộ Cơ quan xã Phú Lương",
    )
    police = make_cell(session, "Chi bộ Công an xã", kind="police", routing="chi_bo_co_so")
    for cell, name in ((office, "Ma Văn Công"), (police, "Hứa Văn An"), (police, "Hứa Thị Bình")):
        add(
            session,
            make_person(session, name, cell_id=cell, birth_date="1985-05-05"),
            "admission_decision",
            "2015-03-03",
            "3-QĐ/ĐU",
        )
    table = _table(session, "2026-Q2", "5-BTCTW")
    members = _members(session, "2026-06-30")
    per_cell = Counter(cell for _, cell in members.values())
    value = {r.key: r.values[1:] for r in table.rows}
    # Thôn (row 1): the village cell; school (6a); police (8); the agency committee (5) with its cell.
    assert value["r1"] == [1, 0, 1, None, 0, per_cell[sample["village"]]]
    assert value["r6a"] == [1, 0, 1, None, 0, per_cell[sample["school"]]] and value["r6"] == value["r6a"]
    assert value["r8"] == [1, 0, 1, None, 0, per_cell[police]] == [1, 0, 1, None, 0, 2]
    assert value["r5"] == [1, 1, 0, None, 1, per_cell[office]] == [1, 1, 0, None, 1, 1]
    assert value["total"] == [4, 1, 3, None, 1, len(members)]
    assert not table.problems


def test_5_refuses_members_without_a_cell(session, sample):
    loose = make_person(session, "Lê Văn Lạc", birth_date="1970-01-01")
    add(session, loose, "admission_decision", "2010-01-01", "1-QĐ/ĐU")
    table = _table(session, "2026-Q2", "5-BTCTW")
    assert any("chưa xếp chi bộ" in p.message and loose in p.person_ids for p in table.problems)


def test_every_label_file_says_where_its_words_come_from():
    from commune_app.reports import labels
    from commune_app.reports.definitions import ALL_CODES

    for code in (*ALL_CODES, "common"):
        assert labels.load(code).get("source"), code
    rows = {r["key"]: r["label"] for r in labels.load("2-BTCTW")["rows"]}
    assert rows["age_31_35"] == "- Từ 31 - 35 tuổi" and rows["age_61"] == "- Trên 60 tuổi"
    seven = {r["key"]: r["label"] for r in labels.load("7-BTCTW")["rows"]}
    assert seven["card_lost"] == "2. Số thẻ đảng viên được cấp lại cho đảng viên do mất"
    ethnic = [e["label"] for e in labels.load("2B-BTCTW")["ethnicities"]]
    assert ethnic[10:12] == ["Ngái", "Ê-đê"]
