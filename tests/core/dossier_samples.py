"""A probationary member with every recognition paper recorded: the recognition forms' fixture."""

from __future__ import annotations

from typing import Any

from commune_app.ops.context import Session


def sample_probationary(session: Session, committee: dict[str, Any], full_name: str = "Bế Văn Khánh") -> int:
    """A member admitted in 2025 whose probation ended on 01/10/2026, with every recognition paper
    recorded up to the cell's recognition meeting of 12/10/2026."""
    from commune_app.ops import people as people_ops
    from commune_app.ops import road as road_ops
    from commune_app.store import road as road_store

    person_id = people_ops.create_person(
        session,
        {
            "full_name": full_name,
            "gender": "M",
            "birth_date": "1996-02-14",
            "ethnicity": "Nùng",
            "religion": "Không",
            "education_general": "12/12",
            "hometown": "Xã Phú Lạc, tỉnh Thái Nguyên",
            "residence_detail": "Thôn Nà Lầu, xã Phú Lạc, tỉnh Thái Nguyên",
            "occupation": "Kỹ sư nông nghiệp",
            "workplace": "Hợp tác xã Phú Lạc",
        },
        cell_id=committee["cell_id"],
        allow_duplicate=True,
    )
    history = (
        ("course_certificate", "2024-03-01", "88-CN/TCT", {}),
        ("application", "2024-04-01", "", {}),
        ("background_declared", "2024-04-10", "", {}),
        ("background_certified", "2025-05-02", "", {}),
        ("cell_meeting", "2025-08-05", "05-NQ/CB", {"official_total": 9, "votes_for": 9, "passed": True}),
        ("admission_decision", "2025-09-01", "12-QĐ/ĐU", {}),
        ("ceremony", "2025-10-01", "", {"probation_end": "2026-10-01"}),
    )
    with session.write() as audit:
        for kind, day, number, details in history:
            road_store.add_milestone(
                session.store,
                audit,
                person_id,
                {"kind": kind, "date": day, "doc_number": number, "details": {"source": "import", **details}},
            )
    road_ops.assign_mentor(session, person_id, committee["members"][3], "2025-10-01")
    for kind, day, details in (
        ("new_member_course", "2026-03-01", {}),
        ("self_review", "2026-10-02", {}),
        ("mentor_assessment", "2026-10-03", {}),
        (
            "recognition_opinions",
            "2026-10-05",
            {
                "organisations": [
                    {
                        "name": "Công đoàn Hợp tác xã Phú Lạc",
                        "date": "2026-10-02",
                        "consulted": 12,
                        "agree": 12,
                        "summary": "Hoàn thành tốt nhiệm vụ được giao.",
                    },
                    {
                        "name": "Chi ủy thôn Nà Lầu",
                        "date": "2026-10-03",
                        "consulted": 5,
                        "agree": 5,
                        "summary": "Gương mẫu thực hiện quy định nơi cư trú.",
                    },
                ],
                "conclusion": "Đồng chí gương mẫu, hoàn thành tốt nhiệm vụ đảng viên dự bị.",
            },
        ),
        (
            "recognition_meeting",
            "2026-10-12",
            {
                "outcome": "recognize",
                "official_total": 9,
                "official_present": 9,
                "probationary_total": 1,
                "probationary_present": 1,
                "chair": "Lò Văn Hùng",
                "chair_title": "Bí thư chi bộ",
                "secretary": "Hà Thị Yến",
                "votes_for": 9,
                "votes_against": 0,
                "political_conclusion": "Đồng chí đã hoàn thành nhiệm vụ đảng viên, đủ điều kiện công nhận chính thức.",
                "strengths": "Hoàn thành tốt nhiệm vụ đảng viên",
                "weaknesses": "Chưa mạnh dạn phát biểu",
            },
        ),
    ):
        road_ops.record_step(session, person_id, kind, {"date": day, "details": details})
    return person_id
