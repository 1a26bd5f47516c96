"""Realistic, reproducible demo data: a merged border commune, or a whole province for the benchmark.

Everything is drawn from one ``random.Random(seed)`` in a fixed order, and every date is
counted from "today" (the real date unless given), so the same seed and day give the same
file. People are built in memory with their milestones and links, their derived columns are
computed with the domain's own functions (``name_columns``, ``road.derive``), and the whole
lot is written in one transaction through the bulk path of ``store.exchange`` with a single
audit row. The courses come last, through the courses operations, like a clerk's work.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from dataclasses import dataclass, field
from typing import Any

from commune_app import vn
from commune_app.demo import names
from commune_app.demo.awards import add_awards
from commune_app.demo.courses import add_courses
from commune_app.domain import road
from commune_app.errors import Refused
from commune_app.ops.context import Session
from commune_app.progress import Progress
from commune_app.store import exchange as exchange_store


@dataclass(frozen=True)
class Scale:
    communes: int  # how many communes' worth of cells (1 for the commune itself)
    members_village: tuple[int, int]
    members_institution: tuple[int, int]
    recent_share: float  # members admitted within the ten years of history
    road_per_cell: float  # extra people on the road in each cell, on average
    special_cases: bool  # the hand-placed people the rules and deadlines must catch
    courses: bool


SCALES: dict[str, Scale] = {
    "commune": Scale(1, (11, 31), (12, 26), 0.25, 0.0, True, True),
    "province": Scale(60, (32, 68), (30, 60), 0.2, 1.2, False, True),
}
SCALE_LABELS = {"commune": "một xã (khoảng 1.050 đảng viên, 50 chi bộ)",
                "province": "một tỉnh (khoảng 150.000 đảng viên, 3.000 chi bộ)"}

PROFILE = {
    "province": "Lạng Sơn", "commune": "Ba Sơn", "upper_body": "ĐẢNG BỘ TỈNH LẠNG SƠN",
    "committee_name": "ĐẢNG ỦY XÃ BA SƠN", "short_code": "ĐU", "place_name": "Ba Sơn",
    "secretary": "Hoàng Văn Thắng", "deputies": json.dumps(["Lương Thị Hạnh", "Nông Đức Minh"],
                                                          ensure_ascii=False),
    "report_recipient": "Ban Tổ chức Tỉnh ủy Lạng Sơn", "preparer_name": "Vi Thị Thu",
    "preparer_phone": "0912345678", "party_term": "2025-2030",
}


def profile_for(commune: str) -> dict[str, Any]:
    """The committee's details for a demo commune of another name (``demo --commune``)."""
    if commune == PROFILE["commune"]:
        return dict(PROFILE)
    return {**PROFILE, "commune": commune, "committee_name": f"ĐẢNG ỦY XÃ {commune.upper()}", "place_name": commune}
OLD_COURSE_ISSUER = "Trung tâm Chính trị huyện Văn Lãng"
MERGER_DAY = dt.date(2025, 7, 1)  # two-level local government: the commune committee decides
HISTORY_YEARS = 10

# Stages of the road in order, and the milestone kinds (or link roles) each one adds.
ROAD_STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("source", ("source_listed", "helper")),
    ("course", ("course_certificate",)),
    ("application", ("application",)),
    ("background", ("background_declared", "pages_sealed")),
    ("verified", ("background_certified",)),
    ("introduced", ("introducer", "youth_union_resolution", "opinions_summary")),
    ("cell_approved", ("cell_meeting",)),
    ("decided", ("admission_decision",)),
    ("probation", ("ceremony", "mentor", "new_member_course")),
    ("recognition_due", ("self_review", "mentor_assessment", "recognition_opinions")),
    ("official", ("recognition_meeting", "recognition_decision", "party_card")),
)
STEP_NAMES = tuple(s for s, _ in ROAD_STEPS)
# The date a link is made on: the helper when listed, the mentor at the ceremony.
_LINK_DATES = {"helper": "source_listed", "mentor": "ceremony"}
COURSE_SIZE = 60  # learners per demo course at most
# People on the road in the commune, per stage (about 40 in all, besides those in probation).
COMMUNE_ROAD = {"source": 7, "course": 5, "application": 5, "background": 5, "verified": 4,
                "introduced": 6, "cell_approved": 4, "decided": 3, "recognition_due": 3}


@dataclass
class Plan:
    """A person's road as offsets in days from the cell meeting (day 0)."""

    offsets: dict[str, int]
    young: bool


@dataclass
class Built:
    """Everything generated, table by table, before it is written."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {
        t: [] for t in ("committee_profile", "settings", "cells", "cell_targets", "org_awards", "people",
                        "cell_assignments", "milestones", "links", "relatives")})
    milestones_by_person: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    introduced: set[int] = field(default_factory=set)
    course_learners: dict[str, list[int]] = field(default_factory=dict)  # course key → people


class DemoBuilder:
    def __init__(self, scale: Scale, seed: int, today: dt.date, session: Session, commune: str = "") -> None:
        self.scale = scale
        self.commune = commune or PROFILE["commune"]
        self.profile = profile_for(self.commune)
        self.committee = f"Đảng ủy xã {self.commune}"
        # Another commune gets other people from the same seed (distinct CCCDs for a roll-up).
        self.rng = random.Random(seed if self.commune == PROFILE["commune"] else f"{seed}:{self.commune}")
        self.today = today
        self.calendar = session.calendar
        self.rule_version = session.rules.version
        self.seed = seed
        self.badge_years = [int(y) for y in session.rules["party_badge_years"]]
        self.stamp = f"{today.isoformat()}T08:00:00"
        self.out = Built()
        self._cccds: set[str] = set()
        self._next = {"people": 0, "milestones": 0, "links": 0, "cells": 0}
        self._doc_numbers: dict[tuple[str, int], int] = {}
        self._working_days: dict[dt.date, dt.date] = {}
        self.old_members: dict[int, list[int]] = {}  # cell → official members from before the history
        # The three awareness courses: finished seven and two months ago, and one under way.
        self.course_starts = {key: self._working(start) for key, start in (
            ("earlier", vn.add_months(today, -7)), ("recent", vn.add_months(today, -2)),
            ("current", today - dt.timedelta(days=3)))}

    # --- small helpers ---------------------------------------------------------------

    def _id(self, table: str) -> int:
        self._next[table] += 1
        return self._next[table]

    def _working(self, day: dt.date) -> dt.date:
        """The first working day on or after ``day`` (meetings and papers fall on working days)."""
        found = self._working_days.get(day)
        if found is None:
            found = day
            while not self.calendar.is_working_day(found):
                found += dt.timedelta(days=1)
            self._working_days[day] = found
        return found

    def _doc(self, issuer: str, year: int, suffix: str) -> str:
        key = (issuer + suffix, year)
        self._doc_numbers[key] = self._doc_numbers.get(key, 0) + 1
        return f"{self._doc_numbers[key]:02d}-{suffix}"

    def _birth(self, age_years: float, at: dt.date | None = None) -> dt.date:
        at = at or self.today
        return at - dt.timedelta(days=int(age_years * 365.25) + self.rng.randint(0, 364))

    def _cccd(self, gender: str, birth: dt.date) -> str:
        province = "020" if self.rng.random() < 0.9 else self.rng.choice(("019", "001", "004", "006"))
        digit = (birth.year // 100 - 19) * 2 + (1 if gender == "F" else 0)
        while True:
            number = f"{province}{digit}{birth.year % 100:02d}{self.rng.randint(0, 999999):06d}"
            if number not in self._cccds:
                self._cccds.add(number)
                return number

    def _phone(self) -> str:
        return self.rng.choice(("091", "094", "097", "098", "086", "035", "036", "038", "083")) + \
            f"{self.rng.randint(0, 9999999):07d}"

    def _name(self, ethnicity: str, gender: str) -> str:
        rng = self.rng
        family = rng.choice(names.FAMILY_NAMES[ethnicity])
        middle = rng.choice(names.MIDDLE_NAMES[ethnicity][gender])
        # Dao women named in the Dao pattern (Triệu Mùi Chòi) always take a Dao given name.
        if ethnicity == "Dao" and (middle == "Mùi" or rng.random() < 0.35):
            given = rng.choice(names.DAO_GIVEN_NAMES[gender])
        else:
            given = rng.choice(names.GIVEN_NAMES[gender])
        return f"{family} {middle} {given}"

    # --- cells ------------------------------------------------------------------------

    def build_cells(self) -> list[dict[str, Any]]:
        cells = []
        for commune_index in range(self.scale.communes):
            commune = names.PROVINCE_COMMUNES[commune_index] if self.scale.communes > 1 else self.commune
            suffix = "" if self.scale.communes == 1 else f" - xã {commune}"
            villages = names.VILLAGES[:50 - len(names.INSTITUTION_CELLS)]
            for village in villages:
                cells.append(self._cell(f"Chi bộ thôn {village}{suffix}", "village", "chi_bo_co_so", "",
                                        village, "farmer", commune))
            for name, kind, routing, parent, occupation in names.INSTITUTION_CELLS:
                cells.append(self._cell(name.replace("Ba Sơn", commune) + suffix, kind, routing,
                                        parent.replace("Ba Sơn", commune), "", occupation, commune))
        return cells

    def _cell(self, name: str, kind: str, routing: str, parent: str, village: str, occupation: str,
              commune: str) -> dict[str, Any]:
        cell_id = self._id("cells")
        row = {"id": cell_id, "name": name, "kind": kind, "routing": routing, "parent_org": parent,
               "has_sub_committee": 0, "short_code": "CB", "secretary_id": None, "deputy_secretary_id": None,
               "display_order": cell_id, "active": 1, "notes": "", "created_at": self.stamp,
               "updated_at": self.stamp}
        row.update(exchange_store.derived_values("cells", row))
        self.out.tables["cells"].append(row)
        for year in (self.today.year - 1, self.today.year):
            self.out.tables["cell_targets"].append({
                "cell_id": cell_id, "year": year, "admission_target": self.rng.randint(0, 2),
                "course_target": self.rng.randint(1, 3)})
        return {"row": row, "village": village, "occupation": occupation, "commune": commune}

    # --- people -----------------------------------------------------------------------

    def _ethnicity(self, village: str) -> str:
        r = self.rng.random()
        if village in names.DAO_VILLAGES:
            return "Dao" if r < 0.8 else ("Tày" if r < 0.9 else "Nùng")
        if village in names.KINH_VILLAGES:
            return "Kinh" if r < 0.7 else ("Tày" if r < 0.85 else "Nùng")
        if not village:
            return "Kinh" if r < 0.35 else ("Tày" if r < 0.7 else ("Nùng" if r < 0.95 else "Dao"))
        return "Tày" if r < 0.45 else ("Nùng" if r < 0.85 else ("Kinh" if r < 0.95 else "Dao"))

    def _person(self, cell: dict[str, Any], birth: dt.date, gender: str, *, joined: dt.date,
                occupation: str | None = None, **extra: Any) -> int:
        rng = self.rng
        ethnicity = self._ethnicity(cell["village"])
        full_name = self._name(ethnicity, gender)
        person_id = self._id("people")
        age = vn.months_between(birth, self.today) // 12
        occupation = occupation or cell["occupation"]
        if age >= 62 and occupation in ("farmer", "commune_official", "public_employee"):
            occupation = "retired"
        elif cell["village"] and rng.random() < 0.12:
            occupation = rng.choice(("village_worker", "other", "enterprise_worker"))
        village = cell["village"] or rng.choice(names.VILLAGES)
        commune = cell["commune"]
        place = f"Xã {commune}, tỉnh Lạng Sơn"
        row: dict[str, Any] = {
            "id": person_id, "full_name": full_name, "gender": gender, "birth_date": birth.isoformat(),
            "cccd": self._cccd(gender, birth), "phone": self._phone() if rng.random() < 0.85 else "",
            "birthplace": place, "birthplace_old": f"Xã {commune}, huyện Văn Lãng, tỉnh Lạng Sơn",
            "hometown": place, "hometown_old": f"Xã {commune}, huyện Văn Lãng, tỉnh Lạng Sơn",
            "residence": f"Thôn {village}", "residence_detail": f"Thôn {village}, xã {commune}, tỉnh Lạng Sơn",
            "ethnicity": ethnicity,
            "religion": "Không" if rng.random() < 0.96 else rng.choice(("Phật giáo", "Công giáo")),
            "education_general": self._education(birth),
            "professional_level": self._professional(occupation),
            "occupation_category": occupation,
            "occupation": rng.choice(names.OCCUPATION_TEXT.get(occupation, ("Làm ruộng",))),
            "workplace": cell["row"]["name"].replace("Chi bộ ", "") if not cell["village"] else "",
            "youth_union": 1 if age <= 30 else 0,
            "trade_union": 1 if occupation in ("public_employee", "commune_official", "armed_forces") else 0,
            "retired": 1 if occupation == "retired" else 0,
            "cell_id": cell["row"]["id"], "rule_set_version": self.rule_version,
            "created_at": self.stamp, "updated_at": self.stamp,
        }
        row.update(extra)
        self.out.tables["people"].append(row)
        self.out.milestones_by_person[person_id] = []
        self.out.tables["cell_assignments"].append({
            "person_id": person_id, "cell_id": cell["row"]["id"], "from_date": joined.isoformat(),
            "to_date": None, "reason": "Sinh hoạt tại chi bộ"})
        return person_id

    def _education(self, birth: dt.date) -> str:
        if birth.year < 1975:
            return self.rng.choice(("7/10", "10/10", "9/12", "12/12"))
        return "12/12" if self.rng.random() < 0.8 else "9/12"

    def _professional(self, occupation: str) -> str:
        if occupation in ("public_employee", "commune_official", "armed_forces"):
            return self.rng.choice(("Đại học", "Đại học", "Cao đẳng", "Trung cấp"))
        return "" if self.rng.random() < 0.8 else "Trung cấp"

    def milestone(self, person_id: int, kind: str, day: dt.date, *, doc_number: str = "",
                  issuer: str = "", details: dict[str, Any] | None = None) -> None:
        row = {"id": self._id("milestones"), "person_id": person_id, "kind": kind, "date": day.isoformat(),
               "doc_number": doc_number, "issuer": issuer,
               "details": json.dumps(details, ensure_ascii=False, sort_keys=True) if details else "{}",
               "rule_set_version": self.rule_version, "created_at": self.stamp, "withdrawn_at": None,
               "withdrawn_reason": ""}
        self.out.tables["milestones"].append(row)
        self.out.milestones_by_person[person_id].append(
            {"id": row["id"], "kind": kind, "date": row["date"], "details": details or {}})

    def link(self, person_id: int, member_id: int, role: str, assigned: dt.date, *,
             together_from: dt.date | None = None, document_on: dt.date | None = None,
             ended_on: dt.date | None = None, relation: str = "", unit: str = "") -> None:
        self.out.tables["links"].append({
            "id": self._id("links"), "person_id": person_id, "member_id": member_id, "role": role,
            "organisation": "", "relation": relation, "unit": unit,
            "together_from": together_from.isoformat() if together_from else None, "together_to": None,
            "assigned_on": assigned.isoformat(), "document_on": document_on.isoformat() if document_on else None,
            "ended_on": ended_on.isoformat() if ended_on else None,
            "ended_reason": "Đã được công nhận đảng viên chính thức" if ended_on else "",
            "replaces_link_id": None, "notes": "", "withdrawn_at": None, "withdrawn_reason": ""})
        if role == "introducer":
            self.out.introduced.add(person_id)

    # --- members from before the history window ------------------------------------------

    def old_member(self, cell: dict[str, Any]) -> int:
        """An official member admitted before the ten years of history, with the three key papers."""
        rng = self.rng
        history_start = dt.date(self.today.year - HISTORY_YEARS, 1, 1)
        if cell["village"]:
            admitted = dt.date(rng.randint(1976, history_start.year - 1), rng.randint(1, 12), rng.randint(1, 28))
            birth = self._birth(rng.uniform(19, 38), admitted)
        else:  # schools, the health station, police, military, agencies: people still in service
            birth = self._birth(rng.uniform(30, 58))
            admitted = min(birth + dt.timedelta(days=int(rng.uniform(20, 30) * 365.25)),
                           history_start - dt.timedelta(days=rng.randint(1, 900)))
        admitted = self._working(admitted)
        gender = "M" if rng.random() < 0.62 else "F"
        person_id = self._person(cell, birth, gender, joined=admitted)
        self.milestone(person_id, "admission_decision", admitted,
                       doc_number=f"{rng.randint(1, 300)}-QĐ/ĐU", issuer="Đảng ủy xã")
        ceremony = self._working(admitted + dt.timedelta(days=rng.randint(7, 30)))
        self.milestone(person_id, "ceremony", ceremony)
        official = vn.add_months(ceremony, 12)
        self.milestone(person_id, "recognition_decision", self._working(official + dt.timedelta(days=20)),
                       doc_number=f"{rng.randint(1, 300)}-QĐ/ĐU", issuer="Đảng ủy xã",
                       details={"official_on": official.isoformat()})
        return person_id

    def leaver(self, cell: dict[str, Any], how: str) -> None:
        """A member who left within the history: died, transferred out or removed."""
        person_id = self.old_member(cell)
        rng = self.rng
        day = self._working(self.today - dt.timedelta(days=rng.randint(30, HISTORY_YEARS * 365)))
        if how == "death":
            self.milestone(person_id, "death", day, details={"note": "Từ trần do bệnh"})
        elif how == "transfer_out":
            self.milestone(person_id, "transfer_out", day, doc_number=self._doc(self.committee, day.year, "GGT/ĐU"),
                           issuer=self.committee, details={"transfer_kind": "official",
                                                      "destination": "Đảng bộ phường Tam Thanh, tỉnh Lạng Sơn"})
            self.out.tables["cell_assignments"][-1]["to_date"] = day.isoformat()
        else:
            self.milestone(person_id, "removal", day, doc_number=self._doc(self.committee, day.year, "QĐ/ĐU"),
                           issuer=self.committee, details={"removal_kind": rng.choice(("strike_off", "resignation")),
                                                      "reason": "Bỏ sinh hoạt đảng quá 3 tháng không có lý do"})

    # --- the road ----------------------------------------------------------------------------

    def plan(self, young: bool) -> Plan:
        """Offsets in days from the cell meeting for every step of an ordinary road."""
        r = self.rng.randint
        decision = r(30, 75)
        ceremony = decision + r(8, 35)
        probation_end = ceremony + 365
        review = probation_end + r(1, 5)
        offsets = {
            "source_listed": -r(420, 700), "course_certificate": -r(120, 300), "application": -r(90, 110),
            "background_declared": -r(74, 86), "pages_sealed": -r(64, 70), "background_certified": -r(20, 40),
            "introducer": -r(15, 20), "youth_union_resolution": -r(12, 14), "opinions_summary": -r(9, 11),
            "cell_meeting": 0, "admission_decision": decision, "ceremony": ceremony,
            "new_member_course": ceremony + r(60, 200), "self_review": review,
            "mentor_assessment": review + r(1, 3), "recognition_opinions": review + r(4, 6),
            "recognition_meeting": review + r(8, 20), "recognition_decision": review + r(30, 50),
            "party_card": review + r(90, 180),
        }
        return Plan(offsets, young)

    def road_person(self, cell: dict[str, Any], stage: str, meeting: dt.date, plan: Plan, *,
                    birth: dt.date | None = None, skip: tuple[str, ...] = (),
                    overrides: dict[str, dt.date] | None = None, together_from: dt.date | None = None) -> int:
        """A person whose road has reached ``stage``, the cell meeting being (or planned) on ``meeting``."""
        rng = self.rng
        if birth is None:
            birth = self._birth(rng.uniform(18.5, 29) if plan.young else rng.uniform(30, 50), meeting)
        gender = "M" if rng.random() < 0.55 else "F"
        overrides = overrides or {}
        dates = {k: overrides.get(k) or self._working(meeting + dt.timedelta(days=v))
                 for k, v in plan.offsets.items()}
        steps = STEP_NAMES[:STEP_NAMES.index(stage) + 1]
        kinds = [k for s, ks in ROAD_STEPS if s in steps for k in ks]
        on_road = stage in ("verified", "introduced")  # the meeting is planned once the dossier is nearly ready
        person_id = self._person(cell, birth, gender, joined=dates["source_listed"],
                                 planned_meeting_on=meeting.isoformat() if on_road else None)
        members = self.old_members[cell["row"]["id"]]
        helper, introducer_a, mentor = (rng.choice(members) for _ in range(3))
        introducer_b = members[(members.index(introducer_a) + 1) % len(members)]
        course = self._course_for(stage, dates["course_certificate"], skip, overrides)
        if course:
            self.out.course_learners.setdefault(course, []).append(person_id)
            skip = (*skip, "course_certificate")  # the course's result will record the certificate
        for kind in kinds:
            day = dates[_LINK_DATES.get(kind, kind)]
            if kind in skip or day > self.today:
                continue
            self._step(person_id, kind, day, dates, plan, cell, (helper, introducer_a, introducer_b, mentor),
                       together_from)
        if "background_declared" in kinds and dates["background_declared"] <= self.today:
            self._relatives(person_id, birth, dates["background_declared"])
        return person_id

    def _course_for(self, stage: str, certificate_on: dt.date, skip: tuple[str, ...],
                    overrides: dict[str, dt.date]) -> str | None:
        """The demo course whose certificate this person gets, when their plan falls near one."""
        if not self.scale.courses or "course_certificate" in skip or "course_certificate" in overrides:
            return None
        if stage == "source":
            key = "current" if self.rng.random() < 0.7 else None
        elif stage in STEP_NAMES[:STEP_NAMES.index("cell_approved")]:
            key = min(("earlier", "recent"), key=lambda k: abs((self.course_starts[k] - certificate_on).days))
            if abs((self.course_starts[key] - certificate_on).days) > 60:
                key = None
        else:
            key = None
        if key and len(self.out.course_learners.get(key, ())) < COURSE_SIZE:
            return key
        return None

    def _step(self, person_id: int, kind: str, day: dt.date, dates: dict[str, dt.date], plan: Plan,
              cell: dict[str, Any], members: tuple[int, int, int, int],
              together_from: dt.date | None) -> None:
        rng = self.rng
        helper, introducer_a, introducer_b, mentor = members
        cell_name = cell["row"]["name"]
        if kind == "helper":
            self.link(person_id, helper, "helper", dates["source_listed"], relation="Cùng thôn")
        elif kind == "introducer":
            self.link(person_id, introducer_a, "introducer", day, document_on=day,
                      together_from=together_from or day - dt.timedelta(days=rng.randint(800, 4000)),
                      relation="Cùng sinh hoạt, cư trú", unit=cell_name)
            if not plan.young:
                self.link(person_id, introducer_b, "introducer", day, document_on=day,
                          together_from=day - dt.timedelta(days=rng.randint(800, 4000)),
                          relation="Cùng sinh hoạt, cư trú", unit=cell_name)
        elif kind == "mentor":
            recognised = dates["recognition_decision"]  # mentoring ends with the recognition
            self.link(person_id, mentor, "mentor", dates["ceremony"],
                      ended_on=recognised if recognised <= self.today else None)
        elif kind == "youth_union_resolution":
            if plan.young:
                self.milestone(person_id, kind, day, doc_number=self._doc("ĐTN", day.year, "NQ/ĐTN"),
                               issuer=f"Ban Chấp hành Đoàn xã {cell['commune']}",
                               details={"members_total": 9, "votes_for": 9})
        elif kind == "source_listed":
            self.milestone(person_id, kind, day, issuer=cell_name,
                           details={"proposed_by": rng.choice(names.SOURCE_PROPOSERS)})
        elif kind == "course_certificate":
            issuer = OLD_COURSE_ISSUER if day < MERGER_DAY else self.committee
            self.milestone(person_id, kind, day, doc_number=f"{rng.randint(100, 999)}/CN-NTVĐ", issuer=issuer,
                           details={"course_from": (day - dt.timedelta(days=6)).isoformat(),
                                    "course_to": (day - dt.timedelta(days=2)).isoformat(), "grade": "Khá"})
        elif kind in ("cell_meeting", "recognition_meeting"):
            total = max(len(self.old_members[cell["row"]["id"]]), 3)
            present = total - rng.randint(0, total - math.ceil(2 * total / 3))
            self.milestone(person_id, kind, day, doc_number=self._doc(cell_name, day.year, "NQ/CB"), issuer=cell_name,
                           details={"official_total": total, "present": present, "votes_for": present,
                                    "votes_against": 0, "passed": True})
        elif kind in ("admission_decision", "recognition_decision"):
            details: dict[str, Any] = {"received_on": self._working(day + dt.timedelta(days=2)).isoformat(),
                                       "signer": self.profile["secretary"]}
            if kind == "recognition_decision":
                details["official_on"] = vn.add_months(dates["ceremony"], 12).isoformat()
            self.milestone(person_id, kind, day, doc_number=self._doc(self.committee, day.year, "QĐ/ĐU"),
                           issuer=self.committee, details=details)
        elif kind == "ceremony":
            self.milestone(person_id, kind, day, issuer=cell_name,
                           details={"probation_end": vn.add_months(day, 12).isoformat(),
                                    "place": f"Nhà văn hóa {cell_name.replace('Chi bộ ', '')}"})
        elif kind == "background_certified":
            self.milestone(person_id, kind, day, issuer=self.committee,
                           details={"comment_on": self._working(day - dt.timedelta(days=5)).isoformat()})
        elif kind == "party_card":
            self.milestone(person_id, kind, day, doc_number=f"{rng.randint(10**11, 10**12 - 1)}",
                           issuer="Ban Tổ chức Tỉnh ủy Lạng Sơn")
        else:
            issuer = cell_name if kind != "new_member_course" else self.committee
            self.milestone(person_id, kind, day, issuer=issuer)

    def _relatives(self, person_id: int, birth: dt.date, declared: dt.date) -> None:
        rng = self.rng
        person = self.out.tables["people"][person_id - 1]
        family = person["full_name"].split(" ")[0]
        relatives = [("Bố đẻ", f"{family} Văn {rng.choice(names.GIVEN_NAMES['M'])}", birth.year - rng.randint(22, 35)),
                     ("Mẹ đẻ", f"{rng.choice(names.FAMILY_NAMES['Tày'])} Thị {rng.choice(names.GIVEN_NAMES['F'])}",
                      birth.year - rng.randint(20, 32))]
        if vn.months_between(birth, declared) > 25 * 12 and rng.random() < 0.7:
            spouse_gender = "F" if person["gender"] == "M" else "M"
            relation = "Vợ" if spouse_gender == "F" else "Chồng"
            relatives.append((relation, self._name(self._ethnicity(""), spouse_gender), birth.year + rng.randint(-3, 3)))
        sent = self._working(declared + dt.timedelta(days=rng.randint(10, 20)))
        for relation, full_name, year in relatives:
            member = rng.random() < 0.15
            replied = self._working(sent + dt.timedelta(days=rng.randint(8, 25)))
            answered = replied <= self.today and not member
            self.out.tables["relatives"].append({
                "person_id": person_id, "relation": relation, "full_name": full_name, "birth_year": year,
                "residence": person["residence_detail"], "occupation": "Làm ruộng" if year < 1975 else "Tự do",
                "is_party_member": 1 if member else 0, "political_notes": "",
                "verify_place": "" if member
                else "Đảng ủy xã " + person["hometown"].split(",")[0].removeprefix("Xã "),
                "verify_sent_on": None if member else sent.isoformat(),
                "verify_replied_on": replied.isoformat() if answered else None,
                "verify_result": "Lịch sử chính trị rõ ràng, chấp hành tốt chủ trương, pháp luật" if answered else "",
                "political_issue": 0,
                "exempt_reason": "Là đảng viên, đã khai đầy đủ, trung thực" if member else ""})

    # --- whole cells -------------------------------------------------------------------------

    def populate_cell(self, cell: dict[str, Any]) -> None:
        rng = self.rng
        low, high = self.scale.members_village if cell["village"] else self.scale.members_institution
        size = rng.randint(low, high)
        recent = max(1, round(size * self.scale.recent_share))
        cell_id = cell["row"]["id"]
        self.old_members[cell_id] = [self.old_member(cell) for _ in range(size - recent)]
        cell["row"]["secretary_id"] = self.old_members[cell_id][0]
        if len(self.old_members[cell_id]) > 1:
            cell["row"]["deputy_secretary_id"] = self.old_members[cell_id][1]
        for _ in range(recent):  # admitted within the history window (some still in probation)
            meeting = self._working(self.today - dt.timedelta(days=rng.randint(100, HISTORY_YEARS * 365)))
            self.road_person(cell, "official", meeting, self.plan(rng.random() < 0.6))
        for _ in range(rng.randint(0, 2) if size > 15 else 0):
            self.leaver(cell, rng.choice(("death", "death", "transfer_out", "removal")))
        road_count = int(self.scale.road_per_cell) + (1 if rng.random() < self.scale.road_per_cell % 1 else 0)
        for _ in range(road_count):
            self.road_at(cell, rng.choice(STEP_NAMES[:8]))

    def road_at(self, cell: dict[str, Any], stage: str, **options: Any) -> int:
        """A person standing at ``stage`` today, with dates that fit an ordinary road."""
        plan = self.plan(self.rng.random() < 0.6)
        return self.road_person(cell, stage, self._meeting_for(stage, plan), plan, **options)

    def _meeting_for(self, stage: str, plan: Plan) -> dt.date:
        """A cell-meeting date (past or planned) that puts a person at ``stage`` today."""
        r = self.rng.randint
        ahead = {"source": r(500, 650), "course": r(130, 250), "application": r(80, 90),
                 "background": r(45, 60), "verified": r(20, 30), "introduced": r(3, 8)}
        if stage in ahead:
            return self._working(self.today + dt.timedelta(days=ahead[stage]))
        back = {"cell_approved": r(5, 25),
                "decided": plan.offsets["admission_decision"] + r(3, 15),
                "recognition_due": plan.offsets["ceremony"] + 365 + r(6, 20)}[stage]
        return self.today - dt.timedelta(days=back)

    # --- the commune's hand-placed people ------------------------------------------------

    def special_cases(self, cells: list[dict[str, Any]]) -> None:
        rng = self.rng
        villages = [c for c in cells if c["village"] and len(self.old_members[c["row"]["id"]]) >= 6]
        for stage, count in COMMUNE_ROAD.items():
            for _ in range(count):
                self.road_at(rng.choice(villages), stage)
        soon = self._working(self.today + dt.timedelta(days=6))
        # AGE-MIN: 17 years and some months at the planned meeting.
        for stage in ("verified", "introduced"):
            birth = soon - dt.timedelta(days=int(17.6 * 365.25))
            self.road_person(rng.choice(villages), stage, soon, self.plan(True), birth=birth)
        # COURSE: no certificate at all, and one older than 60 months.
        self.road_person(rng.choice(villages), "introduced", soon, self.plan(False), skip=("course_certificate",))
        self.road_person(rng.choice(villages), "introduced", soon, self.plan(False),
                         overrides={"course_certificate": self._working(vn.add_months(self.today, -62))})
        # INTRODUCER-12M: an introducer who has lived and worked with the candidate for 7 months.
        self.road_person(rng.choice(villages), "introduced", soon, self.plan(True),
                         together_from=vn.add_months(self.today, -7))
        self._deadlines_this_month(villages)

    def _deadlines_this_month(self, villages: list[dict[str, Any]]) -> None:
        """People whose decision, ceremony or probation end falls due in the current month."""
        rng = self.rng
        month_end = vn.add_months(self.today.replace(day=1), 1) - dt.timedelta(days=1)
        target = min(self._working(self.today + dt.timedelta(days=3)), month_end)
        # Decision waiting: the 60 working days after the cell resolution run out this month.
        meeting = self.calendar.add_working_days(target, -60)
        self.road_person(rng.choice(villages), "cell_approved", meeting, self.plan(True))
        # Ceremony due: the 30 working days after the decision was received run out this month.
        received = self.calendar.add_working_days(target, -30)
        plan = self.plan(True)
        decided = received - dt.timedelta(days=2)
        self.road_person(rng.choice(villages), "decided", decided - dt.timedelta(days=plan.offsets["admission_decision"]),
                         plan, overrides={"admission_decision": decided})
        # Probation ending: the ceremony was twelve months before a day of this month.
        ceremony = vn.add_months(target, -12)
        plan = self.plan(False)
        meeting = ceremony - dt.timedelta(days=plan.offsets["ceremony"])
        self.road_person(rng.choice(villages), "probation", meeting, plan, overrides={"ceremony": ceremony})

    # --- everything --------------------------------------------------------------------------

    def build(self, progress: Progress) -> Built:
        tables = self.out.tables
        tables["committee_profile"].append({"id": 1, **self.profile})
        tables["settings"].append({"key": "demo", "value": json.dumps({"today": self.today.isoformat()})})
        cells = self.build_cells()
        for index, cell in enumerate(cells):
            if index % 50 == 0:
                progress(index, len(cells) + 1, "Đang tạo chi bộ và đảng viên")
            self.populate_cell(cell)
        if self.scale.special_cases:
            self.special_cases(cells)
        add_awards(self, self.seed, self.badge_years, self.today.year - HISTORY_YEARS, self.committee)
        progress(len(cells), len(cells) + 1, "Đang tính trạng thái từng người")
        for row in tables["people"]:
            row.update(exchange_store.derived_values("people", row))
            derived = road.derive(self.out.milestones_by_person[row["id"]], row["id"] in self.out.introduced)
            row.update(derived.as_columns())
        return self.out


def generate(session: Session, *, scale: str = "commune", seed: int = 1, commune: str = "",
             progress: Progress | None = None) -> dict[str, int]:
    """Fill an empty data file with demo data; returns how many rows of each kind were written."""
    if scale not in SCALES:
        raise Refused(f"Quy mô “{scale}” không có; chọn một trong: {', '.join(SCALES)}.")
    session.require_admin()
    session.require_write()
    progress = progress or Progress()
    taken = exchange_store.nonempty_tables(session.store)
    if taken:
        raise Refused(f"Tệp {session.store.path.name} đã có dữ liệu (bảng {', '.join(taken)}); "
                      "dữ liệu mẫu chỉ được tạo trong tệp mới.")
    builder = DemoBuilder(SCALES[scale], seed, session.today, session, vn.nfc(commune).strip())
    built = builder.build(progress)
    progress(1, 2, "Đang ghi vào tệp dữ liệu")  # the last point where cancelling changes nothing
    counts = {}
    with exchange_store.bulk_loading(session.store), session.write() as audit:
        exchange_store.clear_seeded_rows(session.store, built.tables)
        with exchange_store.search_index_rebuilt_after(session.store):
            for table, rows in built.tables.items():
                counts[table] = exchange_store.insert_rows(session.store, table, rows)
        broken = exchange_store.foreign_key_problems(session.store)
        if broken:  # a fault of the generator itself; the transaction is rolled back
            raise RuntimeError(f"demo rows refer to missing rows: {broken[:5]}")
        audit.record("create", "demo", None,
                     summary=f"Tạo dữ liệu mẫu quy mô {SCALE_LABELS[scale]}, hạt giống {seed}, "
                             f"ngày {vn.format_date(session.today)}",
                     after={"scale": scale, "seed": seed, "today": session.today.isoformat(), "rows": counts})
    if SCALES[scale].courses:
        counts.update(add_courses(session, builder))
    return counts
