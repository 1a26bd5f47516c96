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
import random
import re
from dataclasses import dataclass, field
from typing import Any

from commune_app import vn
from commune_app.demo import names
from commune_app.demo.awards import add_awards
from commune_app.demo.courses import add_courses
from commune_app.demo.meetings import Meetings, committee_meeting, memberships
from commune_app.demo.numbering import Numbering, term_of
from commune_app.demo.showcase import Showcase, finish
from commune_app.demo.validation import demo_problems
from commune_app.domain import road
from commune_app.errors import Refused
from commune_app.ops.context import Session
from commune_app.progress import Progress
from commune_app.store import exchange as exchange_store


def _details_json(details: dict[str, Any]) -> str:
    return json.dumps(details, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Scale:
    communes: int  # how many communes' worth of cells (1 for the commune itself)
    members_village: tuple[int, int]
    members_institution: tuple[int, int]
    recent_share: float  # members admitted within the ten years of history
    road_per_cell: float  # extra people on the road in each cell, on average
    special_cases: bool  # the hand-placed people the rules and deadlines must catch
    courses: bool
    validated: bool  # every milestone checked against the step schema and rules (too slow for a province)


SCALES: dict[str, Scale] = {
    "commune": Scale(1, (11, 31), (12, 26), 0.25, 0.0, True, True, True),
    "province": Scale(60, (32, 68), (30, 60), 0.2, 1.2, False, True, False),
}
SCALE_LABELS = {
    "commune": "một xã (khoảng 1.050 đảng viên, 50 chi bộ)",
    "province": "một tỉnh (khoảng 150.000 đảng viên, 3.000 chi bộ)",
}

PROFILE = {
    "province": "Lạng Sơn",
    "commune": "Ba Sơn",
    "upper_body": "ĐẢNG BỘ TỈNH LẠNG SƠN",
    "committee_name": "ĐẢNG ỦY XÃ BA SƠN",
    "short_code": "ĐU",
    "place_name": "Ba Sơn",
    "secretary": "Hoàng Văn Thắng",
    "deputies": json.dumps(["Lương Thị Hạnh", "Nông Đức Minh"], ensure_ascii=False),
    "report_recipient": "Ban Tổ chức Tỉnh ủy Lạng Sơn",
    "preparer_name": "Vi Thị Thu",
    "preparer_phone": "0912345678",
    "party_term": "2025-2030",
}
DISTRICT_STANDING = "Ban Thường vụ Huyện ủy Văn Lãng"  # decided admissions before the merger
OLD_COURSE_ISSUER = "Trung tâm Chính trị huyện Văn Lãng"
MERGER_DAY = dt.date(2025, 7, 1)  # two-level local government: the commune committee decides
HISTORY_YEARS = 10
SIGNER_TITLE = "Bí thư"  # the committee's decisions are signed by its secretary for the standing committee

# Stages of the road in order, and the milestone kinds (or link roles) each one adds.
ROAD_STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("source", ("source_listed", "helper")),
    ("course", ("course_certificate",)),
    ("application", ("application",)),
    ("background", ("background_declared", "pages_sealed")),
    ("verified", ("background_certified",)),
    ("introduced", ("introducer", "youth_union_resolution", "trade_union_resolution", "opinions_summary")),
    ("cell_approved", ("cell_meeting", "upper_appraisal", "grassroots_resolution")),
    ("decided", ("admission_decision",)),
    ("probation", ("ceremony", "mentor", "new_member_course")),
    ("recognition_due", ("self_review", "mentor_assessment", "recognition_opinions")),
    (
        "official",
        (
            "recognition_meeting",
            "recognition_appraisal",
            "recognition_grassroots",
            "recognition_decision",
            "party_card",
        ),
    ),
)
STEP_NAMES = tuple(s for s, _ in ROAD_STEPS)
# The date a link is made on: the helper when listed, the mentor at the ceremony.
_LINK_DATES = {"helper": "source_listed", "mentor": "ceremony"}
COURSE_SIZE = 60  # learners per demo course at most
# People on the road in the commune, per stage (about 40 in all, besides those in probation).
COMMUNE_ROAD = {
    "source": 7,
    "course": 5,
    "application": 5,
    "background": 5,
    "verified": 4,
    "introduced": 6,
    "cell_approved": 4,
    "decided": 3,
    "recognition_due": 3,
}


@dataclass
class Plan:
    """A person's road as offsets in days from the cell meeting (day 0)."""

    offsets: dict[str, int]
    young: bool
    union: str = ""  # "youth" or "trade": a union resolution (4-KNĐ, 4A-KNĐ) stands for one introducer


@dataclass
class Built:
    """Everything generated, table by table, before it is written."""

    tables: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {
            t: []
            for t in (
                "committee_profile",
                "settings",
                "cells",
                "cell_targets",
                "org_awards",
                "people",
                "cell_assignments",
                "milestones",
                "links",
                "relatives",
                "doc_counters",
            )
        }
    )
    milestones_by_person: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    introduced: set[int] = field(default_factory=set)
    course_learners: dict[str, list[int]] = field(default_factory=dict)  # course key → people


class DemoBuilder:
    def __init__(self, scale: Scale, seed: int, today: dt.date, session: Session, commune: str = "Ba Sơn") -> None:
        self.scale = scale
        # Another commune gets other people from the same seed (distinct CCCDs for a roll-up).
        self.rng = random.Random(seed if commune in ("", PROFILE["commune"]) else f"{seed}:{commune}")
        self.today = today
        self.calendar = session.calendar
        self.rule_version = session.rules.version
        self.seed = seed
        self.badge_years = [int(y) for y in session.rules["party_badge_years"]]
        self.stamp = f"{today.isoformat()}T08:00:00"
        self.out = Built()
        self._cccds: set[str] = set()
        self._next = {"people": 0, "milestones": 0, "links": 0, "cells": 0}
        self.numbering = Numbering(seed)
        self.meetings = Meetings(seed, session.rules)
        self._union_leaders: dict[str, str] = {}
        self.showcases: list[Showcase] = []
        self._certificates: dict[str, int] = {}
        self.commune = commune
        self.committee = f"Đảng ủy xã {commune}"
        self.profile = {**PROFILE, "commune": commune, "committee_name": self.committee.upper(), "place_name": commune}
        self.profile_secretary = PROFILE["secretary"]
        self.villages: dict[str, tuple[str, ...]] = {}
        self.sub_committee_cells: dict[str, list[int]] = {}  # đảng ủy bộ phận → its cells
        self.body_chairs: dict[str, int] = {}  # đảng ủy cơ sở or bộ phận → its secretary (a member of its first cell)
        self._working_days: dict[dt.date, dt.date] = {}
        self.old_members: dict[int, list[int]] = {}  # cell → official members from before the history
        # The three awareness courses: finished seven and two months ago, and one under way.
        self.course_starts = {
            key: self._working(start)
            for key, start in (
                ("earlier", vn.add_months(today, -7)),
                ("recent", vn.add_months(today, -2)),
                ("current", today - dt.timedelta(days=3)),
            )
        }

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

    def _certificate_number(self, issuer: str) -> str:
        """A certificate number of the training centre or the committee not given before (each has its
        own register; the certificates of the demo's courses are numbered by the course results)."""
        self._certificates[issuer] = self._certificates.get(issuer, 100) + self.rng.randint(1, 3)
        return f"{self._certificates[issuer]}/CN-NTVĐ"

    def _decider(self, day: dt.date) -> dict[str, Any]:
        """Who decided on a party member on ``day``, numbered in its series: the district's standing
        committee before the two-level local government, the commune's committee since."""
        if day < MERGER_DAY:
            return {"issuer": DISTRICT_STANDING, "numbered": "QĐ/HU", "gaps": (1, 6)}
        return {"issuer": self.committee, "numbered": "QĐ/ĐU", "counters": (("committee", "QĐ"),)}

    def _cell_series(self, cell: dict[str, Any]) -> dict[str, Any]:
        return {"issuer": cell["row"]["name"], "numbered": "NQ/CB", "counters": ((f"cell:{cell['row']['id']}", "NQ"),)}

    def _name_of(self, person_id: int | None) -> str:
        return str(self.out.tables["people"][person_id - 1]["full_name"]) if person_id else ""

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
        return (
            self.rng.choice(("091", "094", "097", "098", "086", "035", "036", "038", "083"))
            + f"{self.rng.randint(0, 9999999):07d}"
        )

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
        others = [c for c in names.PROVINCE_COMMUNES if c != self.commune]
        for commune in [self.commune, *others][: self.scale.communes]:
            suffix = "" if self.scale.communes == 1 else f" - xã {commune}"
            villages = self.villages[commune] = names.villages_of(commune, 50 - len(names.INSTITUTION_CELLS))
            for village in villages:
                cells.append(
                    self._cell(
                        f"Chi bộ thôn {village}{suffix}", "village", "chi_bo_co_so", "", village, "farmer", commune
                    )
                )
            for name, kind, routing, parent, sub_committee, occupation in names.INSTITUTION_CELLS:
                cells.append(
                    self._cell(
                        name.replace("Ba Sơn", commune) + suffix,
                        kind,
                        routing,
                        parent.replace("Ba Sơn", commune),
                        "",
                        occupation,
                        commune,
                        sub_committee.replace("Ba Sơn", commune),
                    )
                )
        return cells

    def _cell(
        self,
        name: str,
        kind: str,
        routing: str,
        parent: str,
        village: str,
        occupation: str,
        commune: str,
        sub_committee: str = "",
    ) -> dict[str, Any]:
        cell_id = self._id("cells")
        row = {
            "id": cell_id,
            "name": name,
            "kind": kind,
            "routing": routing,
            "parent_org": parent,
            "has_sub_committee": 1 if sub_committee else 0,
            "short_code": "CB",
            "secretary_id": None,
            "deputy_secretary_id": None,
            "display_order": cell_id,
            "active": 1,
            "notes": "",
            "created_at": self.stamp,
            "updated_at": self.stamp,
        }
        row.update(exchange_store.derived_values("cells", row))
        self.out.tables["cells"].append(row)
        for year in (self.today.year - 1, self.today.year):
            self.out.tables["cell_targets"].append(
                {
                    "cell_id": cell_id,
                    "year": year,
                    "admission_target": self.rng.randint(0, 2),
                    "course_target": self.rng.randint(1, 3),
                }
            )
        if sub_committee:
            self.sub_committee_cells.setdefault(sub_committee, []).append(cell_id)
        return {
            "row": row,
            "village": village,
            "occupation": occupation,
            "commune": commune,
            "sub_committee": sub_committee,
        }

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

    def _person(
        self,
        cell: dict[str, Any],
        birth: dt.date,
        gender: str,
        *,
        joined: dt.date,
        occupation: str | None = None,
        **extra: Any,
    ) -> int:
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
        village = cell["village"] or rng.choice(self.villages[cell["commune"]])
        commune = cell["commune"]
        place = f"Xã {commune}, tỉnh Lạng Sơn"
        row: dict[str, Any] = {
            "id": person_id,
            "full_name": full_name,
            "gender": gender,
            "birth_date": birth.isoformat(),
            "cccd": self._cccd(gender, birth),
            "phone": self._phone() if rng.random() < 0.85 else "",
            "birthplace": place,
            "birthplace_old": f"Xã {commune}, huyện Văn Lãng, tỉnh Lạng Sơn",
            "hometown": place,
            "hometown_old": f"Xã {commune}, huyện Văn Lãng, tỉnh Lạng Sơn",
            "residence": f"Thôn {village}",
            "residence_detail": f"Thôn {village}, xã {commune}, tỉnh Lạng Sơn",
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
            "cell_id": cell["row"]["id"],
            "rule_set_version": self.rule_version,
            "created_at": self.stamp,
            "updated_at": self.stamp,
        }
        row.update(extra)
        self.out.tables["people"].append(row)
        self.out.milestones_by_person[person_id] = []
        self.out.tables["cell_assignments"].append(
            {
                "person_id": person_id,
                "cell_id": cell["row"]["id"],
                "from_date": joined.isoformat(),
                "to_date": None,
                "reason": "Sinh hoạt tại chi bộ",
            }
        )
        return person_id

    def _education(self, birth: dt.date) -> str:
        if birth.year < 1975:
            return self.rng.choice(("7/10", "10/10", "9/12", "12/12"))
        return "12/12" if self.rng.random() < 0.8 else "9/12"

    def _professional(self, occupation: str) -> str:
        if occupation in ("public_employee", "commune_official", "armed_forces"):
            return self.rng.choice(("Đại học", "Đại học", "Cao đẳng", "Trung cấp"))
        return "" if self.rng.random() < 0.8 else "Trung cấp"

    def milestone(
        self,
        person_id: int,
        kind: str,
        day: dt.date,
        *,
        doc_number: str = "",
        issuer: str = "",
        details: dict[str, Any] | None = None,
        numbered: str = "",
        group: str = "",
        counters: tuple[tuple[str, str], ...] = (),
        gaps: tuple[int, int] = (1, 1),
    ) -> dict[str, Any]:
        """Add a milestone; ``numbered`` (a suffix such as 'QĐ/ĐU') has it numbered in its issuer's
        series once everything is built (see ``numbering``)."""
        row = {
            "id": self._id("milestones"),
            "person_id": person_id,
            "kind": kind,
            "date": day.isoformat(),
            "doc_number": doc_number,
            "issuer": issuer,
            "details": _details_json(details) if details else "{}",
            "rule_set_version": self.rule_version,
            "created_at": self.stamp,
            "withdrawn_at": None,
            "withdrawn_reason": "",
        }
        self.out.tables["milestones"].append(row)
        self.out.milestones_by_person[person_id].append(
            {"id": row["id"], "kind": kind, "date": row["date"], "details": details or {}}
        )
        if numbered:
            self.numbering.add(issuer, numbered, row, group=group, counters=counters, gaps=gaps)
        return row

    def link(
        self,
        person_id: int,
        member_id: int,
        role: str,
        assigned: dt.date,
        *,
        together_from: dt.date | None = None,
        document_on: dt.date | None = None,
        ended_on: dt.date | None = None,
        relation: str = "",
        unit: str = "",
    ) -> None:
        self.out.tables["links"].append(
            {
                "id": self._id("links"),
                "person_id": person_id,
                "member_id": member_id,
                "role": role,
                "organisation": "",
                "relation": relation,
                "unit": unit,
                "together_from": together_from.isoformat() if together_from else None,
                "together_to": None,
                "assigned_on": assigned.isoformat(),
                "document_on": document_on.isoformat() if document_on else None,
                "ended_on": ended_on.isoformat() if ended_on else None,
                "ended_reason": "Đã được công nhận đảng viên chính thức" if ended_on else "",
                "replaces_link_id": None,
                "notes": "",
                "withdrawn_at": None,
                "withdrawn_reason": "",
            }
        )
        if role == "introducer":
            self.out.introduced.add(person_id)

    # --- members from before the history window ------------------------------------------

    def old_member(self, cell: dict[str, Any]) -> int:
        """An official member admitted before the ten years of history, with the three key papers."""
        rng = self.rng
        history_start = dt.date(self.today.year - HISTORY_YEARS, 1, 1)
        if cell["village"]:
            admitted = dt.date(rng.randint(1976, history_start.year - 2), rng.randint(1, 12), rng.randint(1, 28))
            birth = self._birth(rng.uniform(19, 38), admitted)
        else:  # schools, the health station, police, military, agencies: people still in service
            birth = self._birth(rng.uniform(30, 58))
            admitted = min(
                birth + dt.timedelta(days=int(rng.uniform(20, 30) * 365.25)),
                history_start - dt.timedelta(days=rng.randint(420, 1300)),
            )  # official before the history
        admitted = self._working(admitted)
        gender = "M" if rng.random() < 0.62 else "F"
        person_id = self._person(cell, birth, gender, joined=admitted)
        self.milestone(person_id, "admission_decision", admitted, **self._decider(admitted))
        ceremony = self._working(admitted + dt.timedelta(days=rng.randint(7, 30)))
        self.milestone(person_id, "ceremony", ceremony)
        official = vn.add_months(ceremony, 12)
        recognised = self._working(official + dt.timedelta(days=20))
        self.milestone(
            person_id,
            "recognition_decision",
            recognised,
            **self._decider(recognised),
            details={"official_on": official.isoformat()},
        )
        return person_id

    def leaver(self, cell: dict[str, Any], how: str) -> None:
        """A member who left within the history: died, transferred out or removed."""
        person_id = self.old_member(cell)
        rng = self.rng
        day = self._working(self.today - dt.timedelta(days=rng.randint(30, HISTORY_YEARS * 365)))
        if how == "death":
            self.milestone(person_id, "death", day, details={"notes": "Từ trần do bệnh"})
        elif how == "transfer_out":
            self.milestone(
                person_id,
                "transfer_out",
                day,
                numbered="GGT/ĐU",
                issuer=self.committee,
                details={
                    "transfer_kind": "official",
                    "scope": "within_province",
                    "to_unit": "Đảng bộ phường Tam Thanh, tỉnh Lạng Sơn",
                },
            )
            self.out.tables["cell_assignments"][-1]["to_date"] = day.isoformat()
        else:
            self.milestone(
                person_id,
                "removal",
                day,
                **self._decider(day),
                details={
                    "removal_kind": rng.choice(("strike_off", "resignation")),
                    "reason": "Bỏ sinh hoạt đảng quá 3 tháng không có lý do",
                },
            )

    # --- the road ----------------------------------------------------------------------------

    def plan(self, young: bool) -> Plan:
        """Offsets in days from the cell meeting for every step of an ordinary road."""
        r = self.rng.randint
        decision = r(30, 75)
        ceremony = decision + r(8, 35)
        probation_end = ceremony + 365
        review = probation_end + r(1, 5)
        offsets = {
            "source_listed": -r(420, 700),
            "course_certificate": -r(120, 300),
            "application": -r(90, 110),
            "background_declared": -r(74, 86),
            "pages_sealed": -r(64, 70),
            "background_certified": -r(20, 40),
            "introducer": -r(15, 20),
            "youth_union_resolution": -r(12, 14),
            "trade_union_resolution": -r(12, 14),
            "opinions_summary": -r(9, 11),
            "cell_meeting": 0,
            "upper_appraisal": r(3, 5),
            "grassroots_resolution": r(8, 14),
            "admission_decision": decision,
            "ceremony": ceremony,
            "new_member_course": ceremony + r(60, 200),
            "self_review": review,
            "mentor_assessment": review + r(1, 3),
            "recognition_opinions": review + r(4, 6),
            "recognition_meeting": review + r(8, 20),
            "recognition_decision": review + r(30, 50),
            "party_card": review + r(90, 180),
        }
        offsets["recognition_appraisal"] = offsets["recognition_meeting"] + r(2, 4)
        offsets["recognition_grassroots"] = offsets["recognition_meeting"] + r(5, 9)
        return Plan(offsets, young, "youth" if young else "")

    def road_person(
        self,
        cell: dict[str, Any],
        stage: str,
        meeting: dt.date,
        plan: Plan,
        *,
        birth: dt.date | None = None,
        skip: tuple[str, ...] = (),
        overrides: dict[str, dt.date] | None = None,
        together_from: dt.date | None = None,
        letters_to_all: bool = False,
    ) -> int:
        """A person whose road has reached ``stage``, the cell meeting being (or planned) on ``meeting``;
        ``letters_to_all``: no relative is a party member, so every one is verified by letter (TTLL)."""
        rng = self.rng
        if birth is None:
            birth = self._birth(rng.uniform(18.5, 29) if plan.young else rng.uniform(30, 50), meeting)
        gender = "M" if rng.random() < 0.55 else "F"
        overrides = overrides or {}
        dates = {k: overrides.get(k) or self._working(meeting + dt.timedelta(days=v)) for k, v in plan.offsets.items()}
        steps = STEP_NAMES[: STEP_NAMES.index(stage) + 1]
        kinds = [k for s, ks in ROAD_STEPS if s in steps for k in ks]
        on_road = stage in ("verified", "introduced")  # the meeting is planned once the dossier is nearly ready
        person_id = self._person(
            cell,
            birth,
            gender,
            joined=dates["source_listed"],
            planned_meeting_on=meeting.isoformat() if on_road else None,
        )
        if plan.union == "trade":  # a union member past the Youth Union's age, introduced by the trade union
            self.out.tables["people"][person_id - 1].update(trade_union=1, youth_union=0)
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
            self._step(
                person_id, kind, day, dates, plan, cell, (helper, introducer_a, introducer_b, mentor), together_from
            )
        if "background_declared" in kinds and dates["background_declared"] <= self.today:
            self._relatives(
                person_id, birth, dates["background_declared"], dates["background_certified"], letters_to_all
            )
        return person_id

    def _course_for(
        self, stage: str, certificate_on: dt.date, skip: tuple[str, ...], overrides: dict[str, dt.date]
    ) -> str | None:
        """The demo course whose certificate this person gets, when their plan falls near one."""
        if not self.scale.courses or "course_certificate" in skip or "course_certificate" in overrides:
            return None
        if stage == "source":
            key = "current" if self.rng.random() < 0.7 else None
        elif stage in STEP_NAMES[: STEP_NAMES.index("cell_approved")]:
            key = min(("earlier", "recent"), key=lambda k: abs((self.course_starts[k] - certificate_on).days))
            if abs((self.course_starts[key] - certificate_on).days) > 60:
                key = None
        else:
            key = None
        if key and len(self.out.course_learners.get(key, ())) < COURSE_SIZE:
            return key
        return None

    def _step(
        self,
        person_id: int,
        kind: str,
        day: dt.date,
        dates: dict[str, dt.date],
        plan: Plan,
        cell: dict[str, Any],
        members: tuple[int, int, int, int],
        together_from: dt.date | None,
    ) -> None:
        rng = self.rng
        helper, introducer_a, introducer_b, mentor = members
        cell_name = cell["row"]["name"]
        if kind == "helper":
            self.link(person_id, helper, "helper", dates["source_listed"], relation="Cùng thôn")
        elif kind == "introducer":
            self.link(
                person_id,
                introducer_a,
                "introducer",
                day,
                document_on=day,
                together_from=together_from or day - dt.timedelta(days=rng.randint(800, 4000)),
                relation="Cùng sinh hoạt, cư trú",
                unit=cell_name,
            )
            if not plan.union:
                self.link(
                    person_id,
                    introducer_b,
                    "introducer",
                    day,
                    document_on=day,
                    together_from=day - dt.timedelta(days=rng.randint(800, 4000)),
                    relation="Cùng sinh hoạt, cư trú",
                    unit=cell_name,
                )
        elif kind == "mentor":
            recognised = dates["recognition_decision"]  # mentoring ends with the recognition
            self.link(
                person_id,
                mentor,
                "mentor",
                dates["ceremony"],
                ended_on=recognised if recognised <= self.today else None,
            )
        elif kind in ("youth_union_resolution", "trade_union_resolution"):
            if plan.union == kind.split("_")[0]:
                self._union_resolution(person_id, kind, day, cell)
        elif kind == "source_listed":
            self.milestone(
                person_id, kind, day, issuer=cell_name, details={"proposed_by": rng.choice(names.SOURCE_PROPOSERS)}
            )
        elif kind == "course_certificate":
            issuer = OLD_COURSE_ISSUER if day < MERGER_DAY else self.committee
            self.milestone(
                person_id,
                kind,
                day,
                doc_number=self._certificate_number(issuer),
                issuer=issuer,
                details={
                    "course_from": (day - dt.timedelta(days=6)).isoformat(),
                    "course_to": (day - dt.timedelta(days=2)).isoformat(),
                    "result": "Khá",
                },
            )
        elif kind in ("cell_meeting", "recognition_meeting"):
            numbers: dict[str, Any] = {"passed": True}  # the cell's numbers of the day, once everyone exists
            row = self.milestone(person_id, kind, day, details=numbers, **self._cell_series(cell))
            self.meetings.add(
                row,
                numbers,
                cell["row"]["id"],
                self._name_of(cell["row"]["secretary_id"]),
                self._name_of(cell["row"]["deputy_secretary_id"] or cell["row"]["secretary_id"]),
            )
        elif kind in ("upper_appraisal", "recognition_appraisal", "grassroots_resolution", "recognition_grassroots"):
            self._upper_step(person_id, kind, day, cell)
        elif kind in ("opinions_summary", "recognition_opinions"):
            self.milestone(
                person_id,
                kind,
                day,
                issuer=cell_name,
                details=self._opinions(person_id, day, probationary=kind == "recognition_opinions"),
            )
        elif kind in ("admission_decision", "recognition_decision"):
            decision: dict[str, Any] = {
                "received_on": self._working(day + dt.timedelta(days=2)).isoformat(),
                "signer": PROFILE["secretary"],
                "signer_title": SIGNER_TITLE,
            }
            if kind == "recognition_decision":
                decision["official_on"] = vn.add_months(dates["ceremony"], 12).isoformat()
            self.milestone(person_id, kind, day, details=decision, **self._decider(day))
        elif kind == "ceremony":
            self.milestone(
                person_id,
                kind,
                day,
                issuer=cell_name,
                details={
                    "probation_end": vn.add_months(day, 12).isoformat(),
                    "place": f"Nhà văn hóa {cell_name.replace('Chi bộ ', '')}",
                },
            )
        elif kind == "background_certified":
            self.milestone(
                person_id,
                kind,
                day,
                issuer=self.committee,
                details={
                    "comment_on": self._working(day - dt.timedelta(days=5)).isoformat(),
                    "certifier": PROFILE["secretary"],
                },
            )
        elif kind == "party_card":
            card = f"{rng.randint(10**11, 10**12 - 1)}"
            self.milestone(
                person_id,
                kind,
                day,
                doc_number=card,
                issuer="Ban Tổ chức Tỉnh ủy Lạng Sơn",
                details={"card_reason": "first", "card_number": card},
            )
        elif kind == "new_member_course":
            self.milestone(
                person_id,
                kind,
                day,
                issuer=self.committee,
                details={"course_name": "Lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới", "result": "Khá"},
            )
        else:
            self.milestone(person_id, kind, day, issuer=cell_name)

    def _union_resolution(self, person_id: int, kind: str, day: dt.date, cell: dict[str, Any]) -> None:
        """4-KNĐ (the commune's Youth Union) or 4A-KNĐ (the trade union of the workplace)."""
        rng = self.rng
        total = rng.choice((7, 9, 11)) if kind == "youth_union_resolution" else rng.choice((3, 5))
        present = total - rng.randint(0, 1)
        commune = cell["commune"]
        if kind == "youth_union_resolution":
            issuer, suffix = f"Ban Chấp hành Đoàn xã {commune}", "NQ/ĐTN"
        else:
            issuer, suffix = f"Ban Chấp hành Công đoàn cơ sở {cell['row']['name'].removeprefix('Chi bộ ')}", "NQ/CĐCS"
        leader = self._union_leaders.setdefault(issuer, self._name(self._ethnicity(""), rng.choice("MF")))
        self.milestone(
            person_id,
            kind,
            day,
            issuer=issuer,
            numbered=suffix,
            details={
                "committee_total": total,
                "committee_present": present,
                "committee_votes_for": present,
                "committee_votes_against": 0,
                "signer": leader,
                "strengths": "Gương mẫu, nhiệt tình trong công tác và phong trào; được đoàn viên tín nhiệm.",
            },
        )

    def _upper_step(self, person_id: int, kind: str, day: dt.date, cell: dict[str, Any]) -> None:
        """7-/14-KNĐ of the đảng ủy bộ phận and 8-/15-KNĐ of the đảng ủy cơ sở, where the routing needs them."""
        row = cell["row"]
        appraisal = kind.endswith("appraisal")
        if row["routing"] != "chi_bo_truc_thuoc" or (appraisal and not cell["sub_committee"]):
            return
        name = self._name_of(person_id)
        recognition = kind.startswith("recognition")
        whom = f"đồng chí {name}" if recognition else f"quần chúng {name}"
        if appraisal:
            body = cell["sub_committee"]
            series: dict[str, Any] = {
                "issuer": body,
                "numbered": "BC/ĐUBP",
                "counters": tuple((f"subcommittee:{cell_id}", "BC") for cell_id in self.sub_committee_cells[body]),
            }
            conclusion = (
                f"Hồ sơ của {whom} đầy đủ, đúng thủ tục; nghị quyết của chi bộ đúng quy định. Đảng ủy bộ"
                f" phận đề nghị {re.sub('^Đảng bộ', 'Đảng ủy', row['parent_org'])} xem xét, đề nghị "
                + ("công nhận đảng viên chính thức." if recognition else "kết nạp vào Đảng.")
            )
        else:
            body = re.sub("^Đảng bộ", "Đảng ủy", row["parent_org"])
            series = {
                "issuer": body,
                "numbered": "NQ/ĐU",
                "counters": ((f"grassroots:{vn.fold(row['parent_org'])}", "NQ"),),
            }
            conclusion = (
                f"Đồng chí {name} đã hoàn thành nhiệm vụ đảng viên trong thời gian dự bị, đủ điều kiện công"
                " nhận đảng viên chính thức."
                if recognition
                else f"Quần chúng {name} có đủ tiêu chuẩn, điều kiện để kết nạp vào Đảng."
            )
        chair = self._name_of(self.body_chairs[body])
        self.milestone(
            person_id,
            kind,
            day,
            details=committee_meeting(self.rng, 5 if appraisal else 9, chair, conclusion),
            **series,
        )

    def _opinions(self, person_id: int, day: dt.date, *, probationary: bool) -> dict[str, Any]:
        """5-KNĐ / 12-KNĐ: the organisation the person works or lives in and the residence cell committee."""
        rng = self.rng
        person = self.out.tables["people"][person_id - 1]
        village = person["residence"].removeprefix("Thôn ")
        if person["workplace"]:
            organisation = f"Công đoàn {person['workplace']}"
        elif person["youth_union"]:
            organisation = f"Chi đoàn thôn {village}"
        else:
            organisation = f"Chi hội Nông dân thôn {village}"
        who = "đồng chí" if probationary else "quần chúng"
        organisations = []
        for name, summary in (
            (
                organisation,
                f"Các ý kiến đánh giá {who} {person['full_name']} có phẩm chất đạo đức tốt, nhiệt tình"
                " trong công việc, đoàn kết với mọi người.",
            ),
            (
                f"Chi ủy Chi bộ thôn {village}",
                f"{who.capitalize()} {person['full_name']} và gia đình chấp hành tốt"
                " chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và quy định nơi cư trú.",
            ),
        ):
            consulted = rng.randint(12, 40)
            organisations.append(
                {
                    "name": name,
                    "date": self._working(day - dt.timedelta(days=rng.randint(4, 8))).isoformat(),
                    "consulted": consulted,
                    "agree": consulted - (1 if rng.random() < 0.2 else 0),
                    "summary": summary,
                }
            )
        return {
            "organisations": organisations,
            "conclusion": f"Chi ủy thống nhất với các ý kiến nhận xét: {who} {person['full_name']} có đủ"
            " phẩm chất, đạo đức; được quần chúng nơi làm việc và nơi cư trú tín nhiệm.",
        }

    def _relatives(
        self, person_id: int, birth: dt.date, declared: dt.date, certified: dt.date, letters_to_all: bool
    ) -> None:
        """The relatives of the lý lịch, their verification letters sent after the declaration and
        answered before the certification (HD 06-HD/TW §3.4)."""
        rng = self.rng
        person = self.out.tables["people"][person_id - 1]
        family = person["full_name"].split(" ")[0]
        relatives = [
            ("Bố đẻ", f"{family} Văn {rng.choice(names.GIVEN_NAMES['M'])}", birth.year - rng.randint(22, 35)),
            (
                "Mẹ đẻ",
                f"{rng.choice(names.FAMILY_NAMES['Tày'])} Thị {rng.choice(names.GIVEN_NAMES['F'])}",
                birth.year - rng.randint(20, 32),
            ),
        ]
        if vn.months_between(birth, declared) > 25 * 12 and rng.random() < 0.7:
            spouse_gender = "F" if person["gender"] == "M" else "M"
            relation = "Vợ" if spouse_gender == "F" else "Chồng"
            relatives.append(
                (relation, self._name(self._ethnicity(""), spouse_gender), birth.year + rng.randint(-3, 3))
            )
        sent = self._working(declared + dt.timedelta(days=rng.randint(10, 20)))
        for relation, full_name, year in relatives:
            member = rng.random() < 0.15 and not letters_to_all
            replied = max(
                sent,
                min(
                    self._working(sent + dt.timedelta(days=rng.randint(8, 25))),
                    certified - dt.timedelta(days=rng.randint(2, 5)),
                ),
            )
            answered = replied <= self.today and not member
            self.out.tables["relatives"].append(
                {
                    "person_id": person_id,
                    "relation": relation,
                    "full_name": full_name,
                    "birth_year": year,
                    "residence": person["residence_detail"],
                    "occupation": "Làm ruộng" if year < 1975 else "Tự do",
                    "is_party_member": 1 if member else 0,
                    "political_notes": "",
                    "verify_place": ""
                    if member
                    else "Đảng ủy xã " + person["hometown"].split(",")[0].removeprefix("Xã "),
                    "verify_sent_on": None if member else sent.isoformat(),
                    "verify_replied_on": replied.isoformat() if answered else None,
                    "verify_result": "Lịch sử chính trị rõ ràng, chấp hành tốt chủ trương, pháp luật"
                    if answered
                    else "",
                    "political_issue": 0,
                    "exempt_reason": "Là đảng viên, đã khai đầy đủ, trung thực" if member else "",
                }
            )

    # --- whole cells -------------------------------------------------------------------------

    def populate_cell(self, cell: dict[str, Any]) -> None:
        rng = self.rng
        low, high = self.scale.members_village if cell["village"] else self.scale.members_institution
        size = rng.randint(low, high)
        recent = max(1, round(size * self.scale.recent_share))
        cell_id = cell["row"]["id"]
        self.old_members[cell_id] = [self.old_member(cell) for _ in range(size - recent)]
        cell["row"]["secretary_id"] = self.old_members[cell_id][0]
        if cell["row"]["routing"] == "chi_bo_truc_thuoc":
            self.body_chairs.setdefault(
                re.sub("^Đảng bộ", "Đảng ủy", cell["row"]["parent_org"]), cell["row"]["secretary_id"]
            )
        if cell["sub_committee"]:
            self.body_chairs.setdefault(cell["sub_committee"], cell["row"]["secretary_id"])
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
        ahead = {
            "source": r(500, 650),
            "course": r(130, 250),
            "application": r(80, 90),
            "background": r(45, 60),
            "verified": r(20, 30),
            "introduced": r(3, 8),
        }
        if stage in ahead:
            return self._working(self.today + dt.timedelta(days=ahead[stage]))
        back = {
            "cell_approved": r(5, 25),
            "decided": plan.offsets["admission_decision"] + r(3, 15),
            "recognition_due": plan.offsets["ceremony"] + 365 + r(6, 20),
        }[stage]
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
        self.road_person(
            rng.choice(villages),
            "introduced",
            soon,
            self.plan(False),
            overrides={"course_certificate": self._working(vn.add_months(self.today, -62))},
        )
        # INTRODUCER-12M: an introducer who has lived and worked with the candidate for 7 months.
        self.road_person(
            rng.choice(villages), "introduced", soon, self.plan(True), together_from=vn.add_months(self.today, -7)
        )
        self._deadlines_this_month(villages)
        self._trade_union_case(cells)
        self._showcases(cells, villages)

    def _trade_union_case(self, cells: list[dict[str, Any]]) -> None:
        """4A-KNĐ: a teacher past the Youth Union's age, introduced by one member and the school's trade union."""
        school = next(c for c in cells if c["row"]["kind"] == "school")
        plan = self.plan(False)
        plan.union = "trade"
        meeting = self._working(self.today - dt.timedelta(days=self.rng.randint(5, 20)))
        self.road_person(school, "cell_approved", meeting, plan)

    def _showcases(self, cells: list[dict[str, Any]], villages: list[dict[str, Any]]) -> None:
        """Finished dossiers (see ``showcase``): five admissions, among them a chi bộ trực thuộc with and one
        without a đảng ủy bộ phận, and three recognitions. The two under the đảng ủy bộ phận share a cell: the
        program counts that body's reports per cell, so two of its cells would be given the same number."""
        routed = [c for c in cells if c["row"]["routing"] == "chi_bo_truc_thuoc"]
        plain = next(c for c in routed if not c["sub_committee"])
        with_sub = [c for c in routed if c["sub_committee"]]
        chosen = self.rng.sample(villages, 4)
        for phase, cell in (
            ("admission", chosen[0]),
            ("admission", chosen[1]),
            ("admission", chosen[2]),
            ("admission", plain),
            ("admission", with_sub[0]),
            ("recognition", chosen[3]),
            ("recognition", with_sub[0]),
            ("recognition", plain),
        ):
            plan = self.plan(self.rng.random() < 0.5)
            if phase == "admission":
                meeting, stage = self._working(self.today - dt.timedelta(days=40)), "introduced"
            else:  # probation ended about three weeks ago
                meeting, stage = self.today - dt.timedelta(days=plan.offsets["ceremony"] + 365 + 25), "recognition_due"
            on_plan = self._working(meeting + dt.timedelta(days=plan.offsets["course_certificate"]))
            person_id = self.road_person(
                cell, stage, meeting, plan, overrides={"course_certificate": on_plan}, letters_to_all=True
            )
            self.showcases.append(Showcase(person_id, phase, cell))

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
        self.road_person(
            rng.choice(villages),
            "decided",
            decided - dt.timedelta(days=plan.offsets["admission_decision"]),
            plan,
            overrides={"admission_decision": decided},
        )
        # Probation ending: the ceremony was twelve months before a day of this month.
        ceremony = vn.add_months(target, -12)
        plan = self.plan(False)
        meeting = ceremony - dt.timedelta(days=plan.offsets["ceremony"])
        self.road_person(rng.choice(villages), "probation", meeting, plan, overrides={"ceremony": ceremony})

    # --- everything --------------------------------------------------------------------------

    def _lylich_numbers(self) -> None:
        """Số lý lịch, in the order the lý lịch were made, for everyone who has one (18-KNĐ prints it)."""
        dated = []
        for row in self.out.tables["people"]:
            dates = {m["kind"]: m["date"] for m in self.out.milestones_by_person[row["id"]]}
            made = dates.get("background_declared") or dates.get("admission_decision")
            if made:
                dated.append((made, row["id"], row))
        for number, (_made, _id, row) in enumerate(sorted(dated), start=1):
            row["lylich_number"] = f"{number:05d}"

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
        self.meetings.fill(memberships(tables["people"], self.out.milestones_by_person), _details_json)
        term = term_of(self.today)
        tables["committee_profile"][0]["party_term"] = term
        tables["doc_counters"] = self.numbering.assign(term)
        self._lylich_numbers()
        for row in tables["people"]:
            row.update(exchange_store.derived_values("people", row))
            derived = road.derive(self.out.milestones_by_person[row["id"]], row["id"] in self.out.introduced)
            row.update(derived.as_columns())
        self._positions(tables["people"])
        return self.out

    def _positions(self, people: list[dict[str, Any]]) -> None:
        """What members hold in the party, the government and the unions: the 3-KNĐ prints it of
        an introducer. Drawn apart from the main sequence, so the rest of the demo stays as it was."""
        rng = random.Random(f"{self.seed}-positions")
        for row in people:
            if row.get("status") in ("official", "probationary") and not row.get("position"):
                row["position"] = rng.choice(names.MEMBER_POSITIONS)


def generate(
    session: Session,
    *,
    scale: str = "commune",
    seed: int = 1,
    commune: str = "Ba Sơn",
    progress: Progress | None = None,
) -> dict[str, int]:
    """Fill an empty data file with demo data for ``commune`` (its committee, villages and
    units are named after it); returns how many rows of each kind were written."""
    if scale not in SCALES:
        raise Refused(f"Quy mô “{scale}” không có; chọn một trong: {', '.join(SCALES)}.")
    commune = " ".join(vn.nfc(commune).split())
    if not commune:
        raise Refused("Chưa ghi tên xã cho dữ liệu mẫu.")
    session.require_admin()
    session.require_write()
    progress = progress or Progress()
    taken = exchange_store.nonempty_tables(session.store)
    if taken:
        raise Refused(
            f"Tệp {session.store.path.name} đã có dữ liệu (bảng {', '.join(taken)}); "
            "dữ liệu mẫu chỉ được tạo trong tệp mới."
        )
    builder = DemoBuilder(SCALES[scale], seed, session.today, session, commune)
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
        refused = (
            demo_problems(session, [row["id"] for row in built.tables["people"]]) if SCALES[scale].validated else []
        )
        if refused:  # the same: what record_step would have refused, the demo must not hold
            raise RuntimeError(f"demo milestones the steps would refuse: {refused[:5]}")
        audit.record(
            "create",
            "demo",
            None,
            summary=f"Tạo dữ liệu mẫu quy mô {SCALE_LABELS[scale]}, hạt giống {seed}, "
            f"ngày {vn.format_date(session.today)}",
            after={"scale": scale, "seed": seed, "today": session.today.isoformat(), "rows": counts},
        )
    if SCALES[scale].courses:
        counts.update(add_courses(session, builder))
    counts["documents"] = finish(session, builder)
    return counts
