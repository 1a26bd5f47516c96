"""A commune where every kind of movement happens in the third quarter of 2026, so that every row
of every report has something to count (tests/core/test_reports_scenario.py).

Built through the program's own operations and store functions, like reports_sample.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from commune_app.ops import awards as award_ops
from commune_app.ops import courses, reports
from commune_app.ops.context import Session
from commune_app.reports import labels
from commune_app.store import cells, profile
from commune_app.store import people as people_store
from tests.core.reports_sample import add
from tests.factories import make_cell, make_person

OTHER_ETHNICITY = "Pa Cô"  # a local group's own name, outside the catalogue of 54 (kept from older papers)
START, END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)
OCCUPATIONS = (
    "state_official",
    "party_official",
    "commune_official",
    "village_worker",
    "public_employee",
    "private_service",
    "enterprise_manager",
    "enterprise_staff",
    "enterprise_worker",
    "farmer",
    "armed_forces",
    "university_student",
    "pupil",
    "other",
)
AGES = (20, 33, 38, 43, 48, 53, 58, 63)  # one in every band of the forms
EDUCATION = ("Biết đọc, biết viết", "5/12", "9/12", "12/12")
PROFESSIONAL = ("Sơ cấp", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ")
THEORY = ("Sơ cấp", "Trung cấp", "Cao cấp")
GIVEN = (
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hòa",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Ngọc",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trung",
    "Tú",
    "Tuấn",
    "Vân",
    "Việt",
    "Xuân",
    "Yến",
)
FAMILY = ("Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Vũ Thị", "Đặng Văn", "Bùi Thị")


def _names() -> Any:
    for family in FAMILY:
        for given in GIVEN:
            yield f"{family} {given}"


def _ethnic_values() -> list[str]:
    """One stored value for every row of 2B's ethnicity list ("Dân tộc khác": a local name outside the catalogue)."""
    values = []
    for entry in labels.load("2B-BTCTW")["ethnicities"]:
        values.append(OTHER_ETHNICITY if entry.get("other") else entry["values"][0])
    return values


def _religion_values() -> list[str]:
    return ["Bà-la-môn giáo" if e.get("other") else e["values"][0] for e in labels.load("2B-BTCTW")["religions"]]


def _born(age: int, on: dt.date) -> str:
    """Born on 1 January: exactly ``age`` on any later day of that year."""
    return dt.date(on.year - age, 1, 1).isoformat()


def build(session: Session) -> dict[str, Any]:
    names = _names()
    with session.write() as audit:
        profile.save_profile(
            session.store,
            audit,
            {
                "upper_body": "Đảng bộ tỉnh Lạng Sơn",
                "committee_name": "Đảng ủy xã Ba Sơn",
                "place_name": "Ba Sơn",
                "secretary": "Hoàng Văn Thắng",
                "preparer_name": "Lý Thị Mai",
                "preparer_phone": "0912345678",
                "party_term": "2025-2030",
            },
        )
    parent = "Đảng bộ Cơ quan xã Ba Sơn"
    specs = [
        ("Chi bộ thôn Nà Lầu", "village", "chi_bo_co_so"),
        ("Chi bộ Trường THCS Ba Sơn", "school", "chi_bo_co_so"),
        ("Chi bộ Trạm Y tế xã", "health", "chi_bo_co_so"),
        ("Chi bộ Công an xã", "police", "chi_bo_co_so"),
        ("Chi bộ Quân sự xã", "military", "chi_bo_co_so"),
        ("Chi bộ Hợp tác xã Ba Sơn", "enterprise", "chi_bo_co_so"),
        ("Chi bộ Chùa Ba Sơn", "other", "chi_bo_co_so"),
        ("Chi bộ Cơ quan Ủy ban nhân dân xã", "agency", "chi_bo_truc_thuoc"),
        ("Chi bộ Cơ quan Đảng - Đoàn thể xã", "agency", "chi_bo_truc_thuoc"),
    ]
    ids: dict[str, Any] = {"cells": []}
    for order, (name, kind, routing) in enumerate(specs, start=1):
        extra = {"parent_org": parent} if routing == "chi_bo_truc_thuoc" else {}
        ids["cells"].append(make_cell(session, name, kind=kind, routing=routing, display_order=order, **extra))
    village, school, *_rest = ids["cells"]
    office, office2 = ids["cells"][-2:]
    with session.write() as audit:
        for cell in ids["cells"]:
            cells.set_target(session.store, audit, cell, 2026, 6)
    reports.set_term_target(session, 120)
    for cell in (ids["cells"][3], office, office2):  # police and both office cells: no one left outside the party
        reports.mark_no_masses(session, cell, 2026)

    def person(cell: int, **values: Any) -> int:
        if values.get("ethnicity") == OTHER_ETHNICITY:  # the form allows it; the entry form does not
            with session.write() as audit:
                return people_store.insert(session.store, audit, {"full_name": next(names), **values}, cell_id=cell)
        return make_person(session, next(names), cell_id=cell, **values)

    def member(cell: int, admitted: str, **values: Any) -> int:
        pid = person(cell, **values)
        add(session, pid, "admission_decision", admitted, "1-QĐ/ĐU")
        return pid

    # Long-standing members: the four periods of "thời gian kết nạp", the retired and exempted.
    for admitted, born in (("1944-05-01", "1926-02-02"), ("1950-03-03", "1931-03-03"), ("1970-04-04", "1950-04-04")):
        member(village, admitted, birth_date=born, retired=1, exempt_from_activities=1)
    for cell in ids["cells"]:
        for _ in range(3):
            member(cell, "2010-05-05", birth_date="1980-05-05")
    # Admitted in the quarter: every ethnicity, religion, occupation, age band, level and flag.
    ethnic, faiths = _ethnic_values(), _religion_values()
    new = []
    for i, ethnicity in enumerate(ethnic):
        admitted = START + dt.timedelta(days=i % 90)
        cell = ids["cells"][i % len(ids["cells"])]
        pid = person(
            cell,
            gender="F" if i % 2 else "M",
            ethnicity=ethnicity,
            religion=faiths[i % len(faiths)] if i % 3 == 0 else "Không",
            birth_date=_born(AGES[i % len(AGES)], admitted),
            occupation_category=OCCUPATIONS[i % len(OCCUPATIONS)],
            education_general=EDUCATION[i % len(EDUCATION)],
            professional_level=PROFESSIONAL[i % len(PROFESSIONAL)],
            political_theory=THEORY[i % len(THEORY)],
            academic_title=("Phó Giáo sư", "Giáo sư", "")[i % 3],
            youth_union=int(i % 2 == 0),
            private_business_owner=int(i % 7 == 0),
            family_planning_violation=int(i % 9 == 0),
            foreign_marriage=int(i % 11 == 0),
            readmission=int(i % 13 == 0),
        )
        add(session, pid, "course_certificate", "2025-10-10", f"{i + 1}/GCN")
        add(session, pid, "admission_decision", admitted.isoformat(), f"{20 + i}-QĐ/ĐU")
        new.append(pid)
    ids["new"] = new
    # Moved to another cell after admission: still counted where admitted.
    with session.write() as audit:
        cells.move_person(session.store, audit, new[0], school, dt.date(2026, 10, 1), "chuyển nơi ở")
    # Last year's quarter: a few admissions, one recognised in this quarter; a ceremony a year ago.
    for i in range(4):
        pid = member(ids["cells"][i], f"2025-08-0{i + 1}", birth_date="1998-06-06")
        add(session, pid, "ceremony", f"2025-08-1{i + 1}")
        if i == 0:
            add(session, pid, "recognition_decision", "2026-08-20", "60-QĐ/ĐU")
    # Movements of the quarter (1-BTCTW B and C, 7-BTCTW IV).
    add(session, person(village), "transfer_in", "2026-07-05", transfer_kind="official", scope="other_province")
    add(session, person(school), "transfer_in", "2026-07-06", transfer_kind="official", irregular=True)
    add(session, person(school), "transfer_in", "2026-07-07", transfer_kind="temporary")
    restored = member(village, "2000-01-01", birth_date="1975-01-01")
    add(session, restored, "removal", "2015-01-01", removal_kind="strike_off")
    add(session, restored, "restoration", "2026-07-08")
    for kind, extra in (
        ("death", {}),
        ("removal", {"removal_kind": "expulsion"}),
        ("removal", {"removal_kind": "strike_off"}),
        ("removal", {"removal_kind": "resignation"}),
        ("transfer_out", {"transfer_kind": "official", "scope": "other_province"}),
        ("transfer_out", {"transfer_kind": "official", "irregular": True, "forged": True}),
        ("transfer_out", {"transfer_kind": "temporary"}),
    ):
        add(session, member(village, "2012-02-02", birth_date="1970-02-02"), kind, "2026-08-05", **extra)
    probation = member(village, "2026-02-02", birth_date="1999-09-09")  # a probationary member struck off
    add(session, probation, "removal", "2026-08-06", removal_kind="strike_off")
    # Party cards, badges and awards.
    veteran = member(school, "1960-01-01", birth_date="1940-01-01")
    for reason in ("first", "lost", "damaged"):
        add(session, veteran, "party_card", "2026-09-02", card_reason=reason)
    for years in labels.load("7-BTCTW")["rows"]:
        if years["key"].startswith("badge_"):
            add(session, veteran, "party_badge", "2026-09-02", years=int(years["key"][6:]))
    for level in ("bang_khen", "giay_khen"):
        add(session, veteran, "award", "2026-09-03", level=level)
    for cell, level in (
        (None, "co"),
        (None, "bang_khen"),
        (village, "co"),
        (village, "bang_khen"),
        (village, "giay_khen"),
        (office, "bang_khen"),
        (office, "giay_khen"),
    ):
        award_ops.record_award(session, {"cell_id": cell, "level": level, "awarded_on": "2026-09-02"})
    # On the road at the quarter's end: a valid certificate, a dossier under verification, a course.
    waiting = person(village, birth_date="2004-04-04")
    add(session, waiting, "course_certificate", "2026-05-05", "99/GCN")
    add(session, waiting, "application", "2026-06-06")
    add(session, waiting, "background_declared", "2026-07-07")
    # The Youth Union handed over three outstanding members; two of them were admitted in the quarter.
    for pid in (new[1], new[2], waiting):
        add(session, pid, "youth_union_handover", "2026-06-15", youth_org="Đoàn xã Ba Sơn", list_ref="05-DS/ĐTN")
    # Forecast of the second half: one proposed by the cell, one with a complete dossier.
    proposed = person(village, birth_date="2003-03-03")
    for kind, day in (
        ("course_certificate", "2026-03-01"),
        ("application", "2026-04-01"),
        ("background_declared", "2026-04-10"),
        ("background_certified", "2026-06-01"),
        ("cell_meeting", "2026-11-02"),
    ):
        add(session, proposed, kind, day)
    verified = person(school, birth_date="2002-02-02")
    for kind, day in (
        ("course_certificate", "2026-03-01"),
        ("application", "2026-04-01"),
        ("background_declared", "2026-04-10"),
        ("background_certified", "2026-09-01"),
    ):
        add(session, verified, kind, day)
    ids["proposed"], ids["verified"] = proposed, verified
    learners = [person(school, birth_date="2005-05-05") for _ in range(3)]
    course = courses.create_course(
        session,
        {
            "kind": "awareness",
            "name": "Lớp bồi dưỡng nhận thức về Đảng",
            "intake": "Khóa III/2026",
            "organiser": "Trung tâm Chính trị xã Ba Sơn",
            "place": "Hội trường Đảng ủy xã",
            "start_date": "2026-08-03",
            "certificate_issuer": "Trung tâm Chính trị xã Ba Sơn",
        },
    )
    for enrolment in courses.enrol(session, course, learners):
        courses.set_result(session, enrolment, score=8, grade="Giỏi", certificate_no=None, certificate_on=None)
    ids["learners"] = learners
    return ids
