"""Benchmark of the documents: one person's full admission set, and a batch of 50 people.

``sample_committee`` builds, through the same operations the window uses, a committee with
one cell, its official members, and candidates whose whole admission road up to the cell
meeting is recorded; the tests use it as their fixture too.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

from commune_app.ops.context import Session

PROFILE = {
    "province": "Thái Nguyên",
    "commune": "Phú Lạc",
    "upper_body": "Đảng bộ tỉnh Thái Nguyên",
    "committee_name": "Đảng ủy xã Phú Lạc",
    "short_code": "ĐU",
    "place_name": "Phú Lạc",
    "secretary": "Hoàng Thị Hằng",
    "deputies": ["Nông Văn Quý"],
    "party_term": "2025-2030",
}
MEMBER_NAMES = (
    "Lò Văn Hùng",
    "Đặng Thị Ngọc Ánh",
    "Triệu Văn Thắng",
    "Nguyễn Thị Huệ",
    "Vi Văn Đức",
    "Hà Thị Yến",
    "Lương Văn Tú",
    "Bế Thị Mỹ",
    "Ma Văn Quỳnh",
)
MEETING_DAY = dt.date(2026, 10, 5)
_POSITIONS = (
    "Bí thư chi bộ, Trưởng thôn",
    "Giáo viên, Tổ trưởng chuyên môn",
    "Giáo viên, Chủ tịch công đoàn",
    "Chi hội trưởng Hội Nông dân",
    "Đảng viên",
)
_FAMILIES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Nông",
    "Lục",
    "Triệu",
    "Ma",
    "Lương",
)
_GIVEN = (
    "Ánh",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Giang",
    "Hà",
    "Hạnh",
    "Khánh",
    "Linh",
    "Mai",
    "Ngọc",
    "Phương",
    "Quỳnh",
    "Sơn",
    "Thảo",
    "Uyên",
    "Vy",
    "Yến",
    "Tuyết",
)


def generated_name(i: int) -> str:
    """A distinct, plausible Vietnamese name for the i-th generated person (names hold no digits)."""
    return f"{_FAMILIES[i % len(_FAMILIES)]} Thị {_GIVEN[(i // len(_FAMILIES)) % len(_GIVEN)]}"


def _members(session: Session, cell_id: int, count: int) -> list[int]:
    """Official members (admitted and recognised long ago), recorded as imported history."""
    from commune_app.ops import people as people_ops
    from commune_app.store import road as road_store

    ids = []
    for i in range(count):
        name = MEMBER_NAMES[i] if i < len(MEMBER_NAMES) else generated_name(i + 100)
        person_id = people_ops.create_person(
            session,
            {
                "full_name": name,
                "gender": "M" if i % 2 == 0 else "F",
                "birth_date": f"{1970 + i}-03-1{i % 9}",
                "ethnicity": "Tày",
                "religion": "Không",
                "education_general": "12/12",
                "hometown": "Xã Phú Lạc, tỉnh Thái Nguyên",
                "position": _POSITIONS[i % len(_POSITIONS)],
            },
            cell_id=cell_id,
            allow_duplicate=True,
        )
        with session.write() as audit:
            road_store.add_milestone(
                session.store,
                audit,
                person_id,
                {
                    "kind": "admission_decision",
                    "date": f"{2005 + i % 10}-05-19",
                    "doc_number": f"{10 + i}-QĐ/HU",
                    "details": {"source": "import"},
                },
            )
            road_store.add_milestone(
                session.store,
                audit,
                person_id,
                {
                    "kind": "recognition_decision",
                    "date": f"{2006 + i % 10}-06-02",
                    "details": {"source": "import", "official_on": f"{2006 + i % 10}-05-25"},
                },
            )
        ids.append(person_id)
    return ids


def sample_committee(
    session: Session, *, cell_name: str = "Chi bộ thôn Nà Lầu", members: int = 9, routing: str = "chi_bo_co_so"
) -> dict[str, Any]:
    """A committee profile, one cell with its secretary and official members; returns the ids."""
    from commune_app.store import cells as cell_store
    from commune_app.store import profile as profile_store

    with session.write() as audit:
        profile_store.save_profile(session.store, audit, PROFILE)
        cell_id = cell_store.save(
            session.store,
            audit,
            {
                "name": cell_name,
                "short_code": "CB",
                "routing": routing,
                "parent_org": "Đảng bộ Trường THPT Phú Lạc" if routing == "chi_bo_truc_thuoc" else "",
            },
        )
    member_ids = _members(session, cell_id, members)
    with session.write() as audit:
        cell_store.save(session.store, audit, {"secretary_id": member_ids[0]}, cell_id)
    return {"cell_id": cell_id, "members": member_ids}


def sample_candidate(
    session: Session,
    committee: dict[str, Any],
    full_name: str = "Nguyễn Thị Ánh Tuyết",
    *,
    meeting: bool = True,
    birth_date: str = "2000-05-10",
    votes_for: int = 8,
) -> int:
    """A candidate with every admission paper recorded; with ``meeting`` also the cell meeting."""
    from commune_app.ops import people as people_ops
    from commune_app.ops import road as road_ops
    from commune_app.store import road as road_store

    cell_id, members = committee["cell_id"], committee["members"]
    person_id = people_ops.create_person(
        session,
        {
            "full_name": full_name,
            "gender": "F",
            "birth_date": birth_date,
            "ethnicity": "Tày",
            "religion": "Không",
            "education_general": "12/12",
            "professional_level": "Đại học",
            "professional_field": "Sư phạm Toán",
            "hometown": "Xã Phú Lạc, tỉnh Thái Nguyên",
            "residence": "Thôn Nà Lầu",
            "residence_detail": "Thôn Nà Lầu, xã Phú Lạc, tỉnh Thái Nguyên",
            "occupation": "Giáo viên",
            "workplace": "Trường THCS Phú Lạc",
            "youth_union": 1,
            "planned_meeting_on": MEETING_DAY.isoformat(),
        },
        cell_id=cell_id,
        allow_duplicate=True,
    )
    with session.write() as audit:
        for relation, name, year in (("Bố đẻ", "Nguyễn Văn Thành", 1972), ("Mẹ đẻ", "Lục Thị Nhàn", 1975)):
            road_store.save_relative(
                session.store,
                audit,
                person_id,
                {
                    "relation": relation,
                    "full_name": name,
                    "birth_year": year,
                    "residence": "Thôn Nà Lầu",
                    "occupation": "Làm ruộng",
                    "verify_place": "Đảng ủy xã Phú Lạc",
                    "verify_sent_on": "2026-04-20",
                    "verify_replied_on": "2026-05-20",
                    "verify_result": "Chấp hành tốt chủ trương, pháp luật",
                },
            )
    steps = (
        ("course_certificate", "2026-03-01", "125-CN/TCT"),
        ("application", "2026-04-01", ""),
        ("background_declared", "2026-04-10", ""),
        ("pages_sealed", "2026-04-12", ""),
        ("background_certified", "2026-06-01", ""),
    )
    for kind, day, number in steps:
        road_ops.record_step(session, person_id, kind, {"date": day, "doc_number": number, "details": {}})
    for member_id in members[1:3]:
        road_ops.assign_introducer(
            session,
            person_id,
            member_id,
            together_from="2020-01-01",
            together_to="2026-09-01",
            relation="công tác",
            unit="Trường THCS Phú Lạc",
            document_on="2026-09-01",
        )
    road_ops.record_step(
        session,
        person_id,
        "opinions_summary",
        {
            "date": "2026-09-15",
            "details": {
                "organisations": [
                    {
                        "name": "Công đoàn Trường THCS Phú Lạc",
                        "date": "2026-09-10",
                        "consulted": 22,
                        "agree": 21,
                        "summary": "Hoàn thành tốt nhiệm vụ, được đồng nghiệp tín nhiệm.",
                    },
                    {
                        "name": "Chi ủy thôn Nà Lầu",
                        "date": "2026-09-12",
                        "consulted": 5,
                        "agree": 5,
                        "summary": "Gia đình chấp hành tốt quy định nơi cư trú.",
                    },
                ],
                "conclusion": "Các ý kiến nhận xét đều ghi nhận quần chúng chấp hành tốt chủ trương của Đảng,"
                " pháp luật của Nhà nước và quy định nơi cư trú.",
            },
        },
    )
    if meeting:
        road_ops.record_step(
            session,
            person_id,
            "cell_meeting",
            {
                "date": MEETING_DAY.isoformat(),
                "details": {
                    "official_total": 9,
                    "official_present": 8,
                    "probationary_total": 1,
                    "probationary_present": 1,
                    "counts_note": "Theo biên bản hội nghị chi bộ",
                    "absent_reasons": "đi công tác",
                    "chair": "Lò Văn Hùng",
                    "chair_title": "Bí thư chi bộ",
                    "secretary": "Hà Thị Yến",
                    "political_conclusion": "Lý lịch đã được thẩm tra, chứng nhận; bản thân và gia đình đủ tiêu chuẩn"
                    " chính trị.",
                    "votes_for": votes_for,
                    "votes_against": 8 - votes_for,
                    "strengths": "Lập trường tư tưởng vững vàng, gương mẫu trong công tác",
                    "weaknesses": "Kinh nghiệm công tác quần chúng còn ít",
                },
            },
        )
    return person_id


def measure(session_factory: Any, *, batch: int = 50) -> list[tuple[str, float]]:
    """Rows (label, seconds): one person's full admission set; a committee batch of ``batch`` people."""
    from commune_app.ops import documents as doc_ops

    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        session = session_factory(Path(folder) / "bench.sqlite")
        try:
            committee = sample_committee(session)
            person_id = sample_candidate(session, committee)
            # The first PDF of a session also imports reportlab and loads the fonts: shown apart.
            for label in ("lần đầu, gồm nạp thư viện và phông chữ", "các lần sau"):
                started = time.perf_counter()
                doc_ops.render_person(session, person_id, None, False, Path(folder) / "one.pdf")
                rows.append((f"Văn bản: bộ hồ sơ kết nạp của 1 người ({label})", time.perf_counter() - started))
            for i in range(batch - 1):
                sample_candidate(session, committee, generated_name(i))
            selection = doc_ops.Selection("cell", MEETING_DAY, committee["cell_id"])
            started = time.perf_counter()
            doc_ops.render_batch(session, selection, Path(folder) / "batch.pdf", True)
            rows.append((f"Văn bản: in {batch} nghị quyết của một cuộc họp chi bộ", time.perf_counter() - started))
        finally:
            session.close()
    return rows


def _bench_session(path: Path) -> Session:
    from commune_app.ops.context import Actor, open_session

    session = open_session(path, actor=Actor(username="bench", role="admin"))
    session.today_override = dt.date(2026, 11, 20)
    return session


def run() -> list[tuple[str, float]]:
    """The "documents" measurement of commune_app/bench."""
    return measure(_bench_session)
