"""A small commune for the report tests, built through the store like the program does."""

from __future__ import annotations

from typing import Any

from commune_app.ops.context import Session
from commune_app.store import cells, profile, road
from tests.factories import make_cell, make_person


def add(session: Session, person_id: int, kind: str, date: str, doc: str = "", **details: Any) -> int:
    with session.write() as audit:
        return road.add_milestone(
            session.store, audit, person_id, {"kind": kind, "date": date, "doc_number": doc, "details": details}
        )


def build(session: Session) -> dict[str, Any]:
    """Two cells, members admitted over two years, transfers, candidates; returns the ids."""
    with session.write() as audit:
        profile.save_profile(
            session.store,
            audit,
            {
                "upper_body": "Đảng bộ tỉnh Tuyên Quang",
                "committee_name": "Đảng ủy xã Phú Lương",
                "place_name": "Phú Lương",
                "secretary": "Hoàng Văn Thắng",
                "preparer_name": "Lý Thị Mai",
                "preparer_phone": "0912345678",
            },
        )
    village = make_cell(session, "Chi bộ thôn Nà Lầu", routing="chi_bo_co_so", display_order=1)
    school = make_cell(session, "Chi bộ Trường THCS Phú Lương", kind="school", routing="chi_bo_co_so", display_order=2)
    with session.write() as audit:
        cells.set_target(session.store, audit, village, 2026, 4)
        cells.set_target(session.store, audit, school, 2026, 2)
    ids: dict[str, Any] = {"village": village, "school": school}
    # Long-standing official members.
    for n, name in enumerate(("Trần Văn Bình", "Nông Thị Hà", "Vi Văn Đức")):
        pid = make_person(
            session,
            name,
            cell_id=village if n < 2 else school,
            birth_date="1970-01-01",
            gender="F" if n == 1 else "M",
            retired=1 if n == 2 else 0,
        )
        add(session, pid, "admission_decision", "2000-05-01", f"{n + 1}-QĐ/HU")
        add(session, pid, "recognition_decision", "2001-05-01", official_on="2001-05-01")
        ids[f"old{n}"] = pid
    # Admitted in 2026: one on the last day of Q1; one in Q2; one last year (same quarter).
    specs = [
        ("Nguyễn Thị Hoa", "F", "Tày", "Không", village, "2026-01-15", "2001-03-10", "Đại học", "farmer"),
        ("Lò Văn Páo", "M", "Mông", "Công giáo", village, "2026-03-31", "1990-03-10", "", "farmer"),
        ("Hà Thị Nga", "F", "Kinh", "Phật giáo", school, "2026-04-01", "1998-07-01", "Cao đẳng", "public_employee"),
        ("Đàm Văn Sơn", "M", "Kinh", "Không", school, "2025-02-10", "2004-01-20", "", "university_student"),
    ]
    for name, gender, ethnicity, religion, cell, admitted, born, level, occupation in specs:
        pid = make_person(
            session,
            name,
            cell_id=cell,
            gender=gender,
            ethnicity=ethnicity,
            religion=religion,
            birth_date=born,
            professional_level=level,
            occupation_category=occupation,
            youth_union=1,
            education_general="12/12",
        )
        add(session, pid, "course_certificate", "2025-06-01")
        add(session, pid, "admission_decision", admitted, "15-QĐ/ĐU")
        ids[name] = pid
    add(session, ids["Đàm Văn Sơn"], "recognition_decision", "2026-02-12", official_on="2026-02-10")
    # Transferred in and out within Q1 2026 (from another province).
    mover = make_person(session, "Phạm Văn Chuyển", cell_id=school, birth_date="1980-02-02")
    add(session, mover, "transfer_in", "2026-02-01", transfer_kind="official", scope="other_province")
    add(session, mover, "transfer_out", "2026-03-20", transfer_kind="official")
    ids["mover"] = mover
    # A member who died in Q1 and one struck off while probationary.
    add(session, ids["old2"], "death", "2026-02-20")
    struck = make_person(session, "Lường Văn Mạnh", cell_id=village, birth_date="1995-09-09")
    add(session, struck, "admission_decision", "2025-06-01", "9-QĐ/ĐU")
    add(session, struck, "removal", "2026-03-01", removal_kind="strike_off")
    ids["struck"] = struck
    # Candidates: a valid certificate and a dossier under verification; an expired certificate.
    cand = make_person(session, "Đinh Thị Lan", cell_id=school, gender="F", birth_date="2003-07-07")
    add(session, cand, "course_certificate", "2025-09-09")
    add(session, cand, "application", "2026-01-10")
    add(session, cand, "background_declared", "2026-02-10")
    ids["candidate"] = cand
    expired = make_person(session, "Sầm Văn Cũ", cell_id=village, birth_date="1985-01-01")
    add(session, expired, "course_certificate", "2020-01-02")
    ids["expired"] = expired
    return ids
