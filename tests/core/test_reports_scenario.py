"""Every figure of every form against a count made here from the rows of the file, on a commune
where every kind of movement happens (reports_scenario.py) and on the demo commune; and no row
of the scenario's forms is zero, so no figure agrees by being empty."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from commune_app.ops import reports
from commune_app.ops.context import Actor, open_session
from commune_app.reports import labels
from tests.conftest import TODAY
from tests.core import reports_scenario

QUARTER = "2026-Q3"
START, END = "2026-07-01", "2026-09-30"
FORMS_WITH_ROWS = ("1-BTCTW", "2-BTCTW", "3-BTCTW", "7-BTCTW")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    path = tmp_path_factory.mktemp("kich-ban") / "dulieu.sqlite"
    session = open_session(path, actor=Actor(username="kiemthu", role="admin"))
    session.today_override = TODAY
    reports_scenario.build(session)
    yield session
    session.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from commune_app.cli.main import run

    path = tmp_path_factory.mktemp("mau") / "demo.sqlite"
    assert run(["demo", "--db", str(path)]) == 0
    session = open_session(path, actor=Actor(username="kiemthu", role="admin"))
    session.today_override = TODAY
    yield session
    session.close()


@pytest.fixture(params=["scenario", "demo"])
def data(request):
    return request.getfixturevalue(request.param)


def _tables(session, period=QUARTER):
    return {t.code: t for t in reports.figures(session, period).tables}


# --- the count made here ---------------------------------------------------------------------


class Raw:
    """People and milestones as rows, and the list of members worked out from them."""

    def __init__(self, session) -> None:
        store = session.store
        self.people = {r["id"]: r for r in store.query("SELECT * FROM people WHERE deleted_at IS NULL")}
        self.events: dict[int, list[dict[str, Any]]] = {pid: [] for pid in self.people}
        for row in store.query("SELECT * FROM milestones WHERE withdrawn_at IS NULL ORDER BY date, id"):
            if row["person_id"] in self.events:
                self.events[row["person_id"]].append({**row, "details": json.loads(row["details"] or "{}")})
        self.assignments: dict[int, list[dict[str, Any]]] = {}
        for row in store.query("SELECT * FROM cell_assignments ORDER BY from_date, id"):
            self.assignments.setdefault(row["person_id"], []).append(row)
        self.cells = {r["id"]: r for r in store.query("SELECT * FROM cells")}

    def of(self, kind: str, start: str = START, end: str = END, **details: Any) -> list[dict[str, Any]]:
        return [
            e
            for events in self.events.values()
            for e in events
            if e["kind"] == kind
            and start <= e["date"] <= end
            and all(e["details"].get(k) == v for k, v in details.items())
        ]

    def in_list(self, pid: int, day: str) -> bool:
        joins = ("admission_decision", "transfer_in", "restoration")
        inside = None
        for e in self.events[pid]:
            if e["date"] > day:
                break
            official = e["details"].get("transfer_kind", "official") == "official"
            if e["kind"] in joins and official:
                inside = True
            elif e["kind"] in ("death", "removal", "transfer_out") and official and inside is not None:
                inside = False
        if inside is None:  # imported members without any milestone
            person = self.people[pid]
            since = person["admitted_on"] or person["official_on"]
            return person["status"] in ("probationary", "official") and bool(since) and since <= day
        return inside

    def members(self, day: str) -> list[int]:
        return [pid for pid in self.people if self.in_list(pid, day)]

    def cell_on(self, pid: int, day: str) -> int | None:
        rows = self.assignments.get(pid, [])
        covering = [r for r in rows if r["from_date"] <= day and (r["to_date"] is None or r["to_date"] > day)]
        if covering:
            return covering[-1]["cell_id"]
        later = [r for r in rows if r["from_date"] > day]
        return later[0]["cell_id"] if later else self.people[pid]["cell_id"]

    def admitted(self, start: str = START, end: str = END) -> list[int]:
        return sorted({e["person_id"] for e in self.of("admission_decision", start, end)})

    def official_by(self, pid: int, day: str) -> bool:
        decided = [e for e in self.events[pid] if e["kind"] == "recognition_decision"]
        if decided:
            return any(e["date"] <= day for e in decided)
        return bool(self.people[pid]["official_on"]) and self.people[pid]["official_on"] <= day


def _age(born: str | None, day: str) -> int | None:
    if not born:
        return None
    b, d = dt.date.fromisoformat(born), dt.date.fromisoformat(day)
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def _education(text: str) -> str | None:
    text = (text or "").strip()
    if text.lower().startswith("biết đọc"):
        return "literate"
    if "/" not in text:
        return None
    grade, system = (int(x) for x in text.split("/"))
    grade = grade + 2 if system == 10 and grade >= 7 else grade
    return (
        "upper_secondary"
        if grade >= 12
        else "lower_secondary"
        if grade >= 9
        else "primary"
        if grade >= 5
        else "literate"
    )


def _holds(raw: Raw, pid: int, day: str, conditions: dict[str, Any]) -> bool:
    """One row condition of a label file, read the plain way, person by person."""
    p = raw.people[pid]
    retired = bool(p["retired"]) or p["occupation_category"] == "retired"
    for key, wanted in conditions.items():
        if key == "gender" and p["gender"] != wanted:
            return False
        if key == "flag" and not p[wanted]:
            return False
        if key == "test":
            ok = {
                "ethnic_minority": p["ethnicity"] not in ("Kinh", "Người nước ngoài", "", None),
                "religious": p["religion"] not in ("Không", "", None),
                "probationary": not raw.official_by(pid, day),
                "retired": retired,
                "working": not retired,
                "student": p["occupation_category"] in ("pupil", "university_student"),
                "college": p["professional_level"] in ("Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ"),
            }[wanted]
            if not ok:
                return False
        if key == "occupation" and (p["occupation_category"] or "") not in wanted:
            return False
        field = {"professional": "professional_level", "theory": "political_theory", "title": "academic_title"}
        if key in field and p[field[key]] not in wanted:
            return False
        if key == "education" and _education(p["education_general"]) != wanted:
            return False
        if key == "age":
            age = _age(p["birth_date"], day)
            if age is None or not (wanted[0] <= age <= (wanted[1] or 200)):
                return False
        if key == "admitted":
            low, high = wanted
            since = p["admitted_on"]
            if not since or (low and since < low) or (high and since > high):
                return False
    return True


def _count_rows(raw: Raw, code: str, people: list[int], day_of) -> dict[str, int]:
    out = {}
    for spec in labels.load(code)["rows"]:
        if "count" in spec:
            out[spec["key"]] = sum(1 for pid in people if _holds(raw, pid, day_of(pid), spec["count"]))
    return out


def _values(table, column: int = 1) -> dict[str, Any]:
    return {row.key: row.values[column] for row in table.rows}


# --- every figure against the count made here -------------------------------------------------


def test_form_1_against_the_milestones(data):
    raw, table = Raw(data), _tables(data)["1-BTCTW"]
    value = _values(table)
    assert value["A"] == len(raw.members("2026-06-30")) and value["D"] == len(raw.members(END))
    official_in = [e for e in raw.of("transfer_in") if e["details"].get("transfer_kind", "official") == "official"]
    official_out = [e for e in raw.of("transfer_out") if e["details"].get("transfer_kind", "official") == "official"]
    assert value["B1"] == len(raw.of("admission_decision"))
    assert value["B2a"] == sum(1 for e in official_in if e["details"].get("scope") == "other_province")
    assert value["B2b"] == sum(1 for e in official_in if e["details"].get("scope") != "other_province")
    assert value["B3"] == len(raw.of("restoration"))
    members_then = {pid for pid in raw.people if raw.in_list(pid, "2026-06-30")} | set(raw.admitted("0001-01-01"))
    assert value["C1"] == sum(1 for e in raw.of("death") if e["person_id"] in members_then)
    assert value["C2"] == len(raw.of("removal", removal_kind="expulsion"))
    struck = raw.of("removal", removal_kind="strike_off")
    assert value["C3"] == len(struck)
    assert value["C3p"] == sum(1 for e in struck if not raw.official_by(e["person_id"], e["date"]))
    assert value["C4"] == len(raw.of("removal", removal_kind="resignation"))
    assert value["C5a"] == sum(1 for e in official_out if e["details"].get("scope") == "other_province")
    assert value["C5b"] == sum(1 for e in official_out if e["details"].get("scope") != "other_province")
    assert value["D"] == value["A"] + value["B"] - value["C"]


def test_forms_2_and_3_against_the_people(data):
    raw, tables = Raw(data), _tables(data)
    admitted = raw.admitted()
    decision = {e["person_id"]: e["date"] for e in raw.of("admission_decision")}
    expected = _count_rows(raw, "2-BTCTW", admitted, lambda pid: decision[pid])
    assert {k: v for k, v in _values(tables["2-BTCTW"]).items() if k in expected} == expected
    ages = [_age(raw.people[pid]["birth_date"], decision[pid]) for pid in admitted]
    ages = [a for a in ages if a is not None]
    assert _values(tables["2-BTCTW"])["age_avg"] == pytest.approx(sum(ages) / len(ages), abs=0.051)
    members = raw.members(END)
    expected = _count_rows(raw, "3-BTCTW", members, lambda _pid: END)
    assert {k: v for k, v in _values(tables["3-BTCTW"]).items() if k in expected} == expected


def _ethnic_table(table) -> dict[str, int]:
    left = {r.values[1]: r.values[2] for r in table.rows}
    right = {r.values[6]: r.values[7] for r in table.rows if r.values[6]}
    return {**left, **right}


def test_2b_and_3b_against_the_people(data):
    raw, tables = Raw(data), _tables(data)
    spec = labels.load("2B-BTCTW")
    for code, people in (("2B-BTCTW", raw.admitted()), ("3B-BTCTW", raw.members(END))):
        shown = _ethnic_table(tables[code])
        ethnic = Counter(raw.people[pid]["ethnicity"] for pid in people)
        listed = {v for e in spec["ethnicities"] for v in e.get("values", ())}
        for entry in spec["ethnicities"]:
            wanted = (
                sum(n for e, n in ethnic.items() if e not in listed)
                if entry.get("other")
                else sum(ethnic[v] for v in entry["values"])
            )
            assert shown[entry["label"]] == wanted, (code, entry["label"])
        faiths = Counter(raw.people[pid]["religion"] for pid in people if raw.people[pid]["religion"] != "Không")
        assert shown[spec["religion_section"]] == sum(faiths.values())


def test_form_7_against_the_records(data):
    raw, table = Raw(data), _tables(data)["7-BTCTW"]
    value = _values(table)
    awards = data.store.query(
        "SELECT a.cell_id, a.level, c.routing FROM org_awards a LEFT JOIN cells c ON"
        " c.id = a.cell_id WHERE a.withdrawn_at IS NULL AND a.awarded_on BETWEEN ? AND ?",
        [START, END],
    )
    tier = Counter(
        ("a" if r["cell_id"] is None else "b" if r["routing"] == "chi_bo_co_so" else "d", r["level"]) for r in awards
    )
    assert value["I1a_co"] == tier["a", "co"] and value["I1a_bk"] == tier["a", "bang_khen"]
    assert (value["I1b_co"], value["I1b_bk"], value["I1b_gk"]) == (
        tier["b", "co"],
        tier["b", "bang_khen"],
        tier["b", "giay_khen"],
    )
    assert (value["I1d_bk"], value["I1d_gk"]) == (tier["d", "bang_khen"], tier["d", "giay_khen"])
    assert value["I1"] == len(awards)
    assert value["I2a"] == len(raw.of("award", level="bang_khen"))
    assert value["I2b"] == len(raw.of("award", level="giay_khen"))
    for years in (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90):
        assert value[f"badge_{years}"] == len(raw.of("party_badge", years=years))
    cards = raw.of("party_card")
    assert value["card_lost"] == sum(1 for e in cards if e["details"].get("card_reason") == "lost")
    assert value["card_damaged"] == sum(1 for e in cards if e["details"].get("card_reason") == "damaged")
    assert value["card_first"] == len(cards) - value["card_lost"] - value["card_damaged"]
    for kind, way in (("transfer_in", "in"), ("transfer_out", "out")):
        moves = raw.of(kind)
        temporary = sum(1 for e in moves if e["details"].get("transfer_kind") == "temporary")
        assert value[f"temp_{way}"] == temporary and value[f"official_{way}"] == len(moves) - temporary
        assert value[f"irregular_{way}"] == sum(1 for e in moves if e["details"].get("irregular"))
    assert value["forged"] == sum(
        1 for k in ("transfer_in", "transfer_out") for e in raw.of(k) if e["details"].get("forged")
    )


def test_5_against_the_cells(data):
    raw, table = Raw(data), _tables(data)["5-BTCTW"]
    members = raw.members(END)
    per_cell = Counter(raw.cell_on(pid, END) for pid in members)
    value = {r.key: r.values[1:] for r in table.rows}
    alive = [c for c in raw.cells.values() if per_cell[c["id"]]]
    grassroots = {c["parent_org"] for c in alive if c["routing"] != "chi_bo_co_so"}
    assert value["total"][1:3] == [len(grassroots), sum(1 for c in alive if c["routing"] == "chi_bo_co_so")]
    assert value["total"][4] == sum(1 for c in alive if c["routing"] != "chi_bo_co_so")
    assert value["total"][5] == len(members)
    police = [c["id"] for c in alive if c["kind"] == "police"]
    assert value["r8"][5] == sum(per_cell[c] for c in police)


def test_e7_totals_against_the_people(data):
    raw, table = Raw(data), _tables(data)["E7"]
    columns = labels.load("E7")["columns"]
    total = dict(zip(columns, table.row("total").values, strict=False))
    ytd = raw.admitted("2026-01-01", END)
    assert total["admitted_period"] == len(raw.admitted())
    assert total["admitted_ytd"] == len(ytd)
    assert total["members_start"] == len(raw.members("2025-12-31"))
    assert total["female"] == sum(1 for pid in ytd if raw.people[pid]["gender"] == "F")
    assert total["youth_union"] == sum(1 for pid in ytd if raw.people[pid]["youth_union"])
    decision = {e["person_id"]: e["date"] for e in raw.of("admission_decision", "2026-01-01", END)}
    assert total["age_18_30"] == sum(
        1 for pid in ytd if 18 <= (_age(raw.people[pid]["birth_date"], decision[pid]) or 0) <= 30
    )
    assert total["recognised"] == len(raw.of("recognition_decision"))
    assert total["transfer_in"] == sum(
        1 for e in raw.of("transfer_in") if e["details"].get("transfer_kind", "official") == "official"
    )
    assert total["transfer_out"] == sum(
        1 for e in raw.of("transfer_out") if e["details"].get("transfer_kind", "official") == "official"
    )
    certified = {e["person_id"] for e in raw.of("course_certificate")}
    finished = {
        r["person_id"]
        for r in data.store.query(
            "SELECT e.person_id FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE e.status = 'enrolled'"
            " AND c.end_date BETWEEN ? AND ? AND (e.score IS NOT NULL OR e.grade <> '' OR e.certificate_on IS NOT NULL)",
            [START, END],
        )
    }
    assert total["course"] == len(certified | finished)


# --- nothing agrees by being empty ----------------------------------------------------------


def test_no_row_of_the_scenario_is_zero(scenario):
    tables = _tables(scenario)
    zero = []
    for code in FORMS_WITH_ROWS:
        specs = {r["key"]: r for r in labels.load(code)["rows"]}
        for row in tables[code].rows:
            spec = specs[row.key]
            headline = "count" not in spec and "figure" not in spec and "sum" not in spec and "measure" not in spec
            if not headline and not spec.get("not_tracked") and not row.values[1]:
                zero.append(f"{code} {row.key}")
    for code in ("2B-BTCTW", "3B-BTCTW"):
        zero += [f"{code} {name}" for name, n in _ethnic_table(tables[code]).items() if not n]
    # 5-BTCTW: every row a kind of cell of the program reaches (a commune has no phường or overseas cells).
    spec = labels.load("5-BTCTW")
    reached = set(spec["kinds"].values())
    parents = {r["key"] for r in spec["rows"] if set(r.get("sum", ())) & reached} | {"total"}
    for row in tables["5-BTCTW"].rows:
        if row.key in reached | parents and not row.values[1]:
            zero.append(f"5-BTCTW {row.key}")
    for code in ("E7", "E8"):
        columns = labels.load(code)["columns"]
        total = dict(zip(columns, tables[code].row("total").values, strict=False))
        zero += [f"{code} {c}" for c, v in total.items() if c not in ("tt", "cell", "note") and not v]
        zero += [
            f"{code} {r.key}"
            for r in tables[code].rows
            if r.key.startswith("cell:") and not r.values[columns.index("admitted_period")]
        ]
    zero += [code for code in ("E9", "DS-CT") if not tables[code].rows]
    assert zero == []
    assert all(not t.problems for t in tables.values())


def test_the_scenario_exports_every_form(scenario, tmp_path):
    path = reports.export(scenario, QUARTER, None, tmp_path / "kich-ban.xlsx")
    assert Path(path).exists()
