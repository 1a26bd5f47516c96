"""Rules 15–25 and 32 of docs/domain.md §3: decisions, ceremony, probation, recognition, transfers."""

from __future__ import annotations

import datetime as dt

from commune_app.rules import check_person, check_step, next_step, official_date, party_age_start
from tests.core.rule_records import CALENDAR, RULES, TODAY, codes, mentor, ms, record

PASSED = ms("cell_meeting", "2026-02-10", official_total=9, votes_for=7, passed=True)


def decided(**person):
    return record(
        person={"status": "probationary", **person}, milestones=[PASSED, ms("admission_decision", "2026-03-02")]
    )


def in_probation(ceremony="2025-09-02", extra=(), links=None, **person):
    milestones = [
        ms("cell_meeting", "2025-07-01", passed=True),
        ms("admission_decision", "2025-08-05"),
        ms("ceremony", ceremony),
        *extra,
    ]
    return record(
        person={"status": "probationary", "stage": "probation", **person},
        milestones=milestones,
        links=links if links is not None else [mentor()],
    )


PAPERS = [
    ms("new_member_course", "2026-06-01"),
    ms("self_review", "2026-08-20"),
    ms("mentor_assessment", "2026-08-21"),
    ms("recognition_opinions", "2026-08-25"),
]


def step(rec, kind, date, **details):
    return check_step(rec, kind, {"date": date, "details": details}, RULES, CALENDAR, TODAY)


def test_decision_needs_a_passed_cell_meeting():
    failed = record(milestones=[ms("cell_meeting", "2026-02-10", official_total=9, votes_for=5, passed=False)])
    assert "CELL-VOTE" in codes(step(failed, "admission_decision", "2026-03-02"), "blocking")
    assert step(record(milestones=[PASSED]), "admission_decision", "2026-03-02") == []


def test_decision_deadline_60_working_days_across_tet():
    rec = record(milestones=[PASSED])
    # 10/02/2026 + 60 working days (Tết 16–20/02, 27/04, 30/04, 01/05 off) = 15/05/2026.
    assert step(rec, "admission_decision", "2026-05-15") == []
    late = step(rec, "admission_decision", "2026-05-18")
    assert codes(late) == {"DECISION-DEADLINE"} and not late[0].blocking and "15/05/2026" in late[0].message
    assert step(rec, "admission_decision", "2026-05-18", extension_ref="05-CV/ĐU") == []
    assert "DECISION-DEADLINE" in codes(step(rec, "admission_decision", "2026-02-09"), "blocking")


def test_decision_routing_of_a_subordinate_cell():
    cell = {"id": 1, "name": "Chi bộ Trường THCS", "routing": "chi_bo_truc_thuoc", "has_sub_committee": 1}
    bare = record(milestones=[PASSED], cell=cell)
    found = step(bare, "admission_decision", "2026-03-20")
    assert codes(found, "blocking") == {"UPPER-VOTE"} and len(found) == 2
    resolutions = [
        PASSED,
        ms("upper_appraisal", "2026-02-20"),
        ms("grassroots_resolution", "2026-03-01", committee_total=9, committee_votes_for=6, passed=True),
    ]
    assert step(record(milestones=resolutions, cell=cell), "admission_decision", "2026-03-20") == []
    cell_without = {**cell, "has_sub_committee": 0}
    only_8 = [PASSED, resolutions[2]]
    assert step(record(milestones=only_8, cell=cell_without), "admission_decision", "2026-03-20") == []


def test_upper_vote_two_thirds_of_committee():
    rec = record(milestones=[PASSED])
    low = step(rec, "grassroots_resolution", "2026-03-01", committee_total=9, committee_votes_for=5)
    assert codes(low, "warning") == {"UPPER-VOTE"}
    assert step(rec, "grassroots_resolution", "2026-03-01", committee_total=9, committee_votes_for=6) == []
    assert "UPPER-VOTE" in codes(step(rec, "grassroots_resolution", "2026-03-01"), "blocking")


def test_delegated_committee_decision_needs_two_thirds():
    cell = {"id": 1, "name": "Đảng bộ Công ty", "routing": "dang_bo_co_so_duoc_uy_quyen", "has_sub_committee": 0}
    rec = record(milestones=[PASSED], cell=cell)
    assert "UPPER-VOTE" in codes(
        step(rec, "admission_decision", "2026-03-02", committee_total=9, committee_votes_for=5)
    )
    assert step(rec, "admission_decision", "2026-03-02", committee_total=9, committee_votes_for=6) == []


def test_ceremony_deadline_from_decision_received():
    rec = decided()
    # 02/03/2026 + 30 working days = 13/04/2026.
    assert codes(step(rec, "ceremony", "2026-04-13")) == {"MENTOR"}
    late = step(rec, "ceremony", "2026-04-14")
    assert "CEREMONY-DEADLINE" in codes(late, "warning")
    assert "CEREMONY-DEADLINE" not in codes(step(rec, "ceremony", "2026-04-14", upper_consent_ref="12-CV/ĐU"))
    received_late = record(
        person={"status": "probationary"},
        milestones=[PASSED, ms("admission_decision", "2026-03-02", received_on="2026-03-10")],
    )
    assert "CEREMONY-DEADLINE" not in codes(step(received_late, "ceremony", "2026-04-15"))
    assert "MENTOR" not in codes(step(rec, "ceremony", "2026-04-14", mentor_id=7))
    assert "CEREMONY-DEADLINE" in codes(step(record(), "ceremony", "2026-04-14"), "blocking")


def test_recognition_window():
    rec = in_probation(extra=PAPERS)
    on_end = step(rec, "recognition_meeting", "2026-09-02", official_total=9, votes_for=9)
    assert "RECOGNITION-WINDOW" in codes(on_end, "blocking")
    assert step(rec, "recognition_meeting", "2026-09-03", official_total=9, votes_for=9) == []
    # 02/09/2026 + 30 working days = 14/10/2026.
    assert step(rec, "recognition_meeting", "2026-10-14", official_total=9, votes_for=9) == []
    assert "RECOGNITION-WINDOW" in codes(
        step(rec, "recognition_meeting", "2026-10-15", official_total=9, votes_for=9), "warning"
    )


def test_recognition_dossier_and_deadline():
    meeting = ms("recognition_meeting", "2026-09-15", official_total=9, votes_for=8, passed=True)
    missing = in_probation(extra=[*PAPERS[:1], *PAPERS[2:], meeting])
    found = [f for f in step(missing, "recognition_decision", "2026-10-01") if f.code == "RECOGNITION-DOSSIER"]
    assert found and found[0].blocking and "10-KNĐ" in found[0].message
    complete = in_probation(extra=[*PAPERS, meeting])
    assert step(complete, "recognition_decision", "2026-10-01") == []
    # 15/09/2026 + 30 working days = 27/10/2026.
    assert step(complete, "recognition_decision", "2026-10-27") == []
    assert codes(step(complete, "recognition_decision", "2026-10-28")) == {"RECOGNITION-DEADLINE"}
    assert step(complete, "recognition_decision", "2026-10-28", extension_ref="07-CV/ĐU") == []
    failed = in_probation(extra=[*PAPERS, ms("recognition_meeting", "2026-09-15", passed=False)])
    assert "CELL-VOTE" in codes(step(failed, "recognition_decision", "2026-10-01"), "blocking")


def test_official_date_and_party_age():
    rec = in_probation(ceremony="2025-09-02")
    assert official_date(rec, RULES) == dt.date(2026, 9, 2)
    assert party_age_start(rec) == dt.date(2025, 8, 5)


def test_three_failed_votes_escalate():
    fails = [ms("recognition_meeting", f"2026-09-{day}", passed=False) for day in (10, 17, 24)]
    assert "THREE-VOTES" in codes(check_person(in_probation(extra=[*PAPERS, *fails]), RULES, CALENDAR, TODAY))
    assert "THREE-VOTES" not in codes(check_person(in_probation(extra=[*PAPERS, *fails[:2]]), RULES, CALENDAR, TODAY))


def test_mentor_required_during_probation():
    assert "MENTOR" in codes(check_person(in_probation(links=[]), RULES, CALENDAR, TODAY), "blocking")
    gone = in_probation(links=[mentor(status="transferred_out")])
    assert "MENTOR" in codes(check_person(gone, RULES, CALENDAR, TODAY), "blocking")
    assert "MENTOR" not in codes(check_person(in_probation(extra=PAPERS), RULES, CALENDAR, TODAY))


def test_check_person_after_probation_end():
    late = check_person(in_probation(), RULES, CALENDAR, TODAY)
    assert {"RECOGNITION-DOSSIER", "RECOGNITION-WINDOW"} <= codes(late)
    young = check_person(in_probation(ceremony="2026-03-02"), RULES, CALENDAR, TODAY)
    assert young == []


def test_check_person_candidate_at_planned_meeting():
    rec = record(person={"planned_meeting_on": "2027-03-15", "birth_date": "2009-06-01"})
    found = [f for f in check_person(rec, RULES, CALENDAR, TODAY) if f.code == "AGE-MIN"]
    assert found and "15/03/2027" in found[0].message and "17 tuổi 9 tháng" in found[0].message
    assert check_person(record(), RULES, CALENDAR, dt.date(2026, 10, 1)) == []


def test_source_person_without_papers_has_no_missing_paper_findings():
    bare = record(
        person={"status": "source"},
        links=[],
        replace={
            k: None
            for k in (
                "course_certificate",
                "application",
                "background_declared",
                "pages_sealed",
                "background_certified",
                "opinions_summary",
            )
        },
    )
    assert check_person(bare, RULES, CALENDAR, TODAY) == []
    far = record(
        person={"status": "source", "planned_meeting_on": "2028-05-15"}, links=[], replace={"application": None}
    )
    assert not {"ORDER", "INTRODUCER-COUNT"} & codes(check_person(far, RULES, CALENDAR, TODAY))
    near = record(
        person={"status": "source", "planned_meeting_on": "2027-01-15"}, links=[], replace={"application": None}
    )
    assert "ORDER" in codes(check_person(near, RULES, CALENDAR, TODAY), "blocking")
    assert codes(
        check_person(
            record(person={"status": "candidate"}, links=[], replace={"course_certificate": None}),
            RULES,
            CALENDAR,
            dt.date(2026, 10, 1),
        )
    ) == {"COURSE", "INTRODUCER-COUNT"}


def test_next_step_follows_the_road():
    bare = record(person={"status": "source"}, links=[], replace={"course_certificate": None})
    assert next_step(bare, RULES, CALENDAR, TODAY).kind == "course_certificate"
    assert next_step(record(person={"planned_meeting_on": "2026-12-01"}), RULES, CALENDAR, TODAY).due == dt.date(
        2026, 12, 1
    )
    after = next_step(record(milestones=[PASSED]), RULES, CALENDAR, TODAY)
    assert after.kind == "admission_decision" and after.due == dt.date(2026, 5, 15)
    assert next_step(decided(), RULES, CALENDAR, TODAY).kind == "ceremony"
    assert next_step(in_probation(), RULES, CALENDAR, TODAY).kind == "new_member_course"
    assert next_step(in_probation(extra=PAPERS), RULES, CALENDAR, TODAY).kind == "recognition_meeting"
    assert next_step(record(person={"status": "official"}), RULES, CALENDAR, TODAY) is None


def member(**person):
    return record(person={"status": "official", **person}, links=[])


def test_transfer_official_within_60_working_days():
    details = {"transfer_kind": "official", "to_unit": "Đảng bộ xã Tân Lập", "trigger_decision_on": "2026-02-10"}
    assert step(member(), "transfer_out", "2026-05-15", **details) == []
    assert codes(step(member(), "transfer_out", "2026-05-18", **details), "warning") == {"TRANSFER"}
    assert "TRANSFER" in codes(step(record(), "transfer_out", "2026-05-15", **details), "blocking")


def test_temporary_transfer_duration():
    base = {"transfer_kind": "temporary", "to_unit": "Chi bộ Tổ dân phố 3"}
    assert "TRANSFER" in codes(step(member(), "transfer_out", "2026-03-01", until="2026-05-01", **base), "blocking")
    assert step(member(), "transfer_out", "2026-03-01", until="2026-09-01", **base) == []
    assert "TRANSFER" in codes(step(member(), "transfer_out", "2026-03-01", until="2027-03-01", **base), "blocking")
    assert step(member(), "transfer_out", "2025-03-01", until="2027-03-01", purpose="study", **base) == []
    assert "TRANSFER" in codes(
        step(member(), "transfer_out", "2025-03-01", until="2027-03-02", purpose="study", **base), "blocking"
    )


def test_transfer_in_within_30_working_days():
    details = {"from_unit": "Đảng bộ phường Đông Kinh", "letter_on": "2026-03-02"}
    assert step(member(), "transfer_in", "2026-04-13", **details) == []
    assert codes(step(member(), "transfer_in", "2026-04-14", **details)) == {"TRANSFER"}


def test_removal_needs_kind_and_reason():
    assert codes(step(member(), "removal", "2026-05-01"), "blocking") == {"REMOVAL"}
    assert step(member(), "removal", "2026-05-01", removal_kind="strike_off", reason="Bỏ sinh hoạt 3 tháng") == []


def test_no_new_steps_after_death():
    dead = record(person={"status": "deceased"})
    assert "STATUS" in codes(step(dead, "application", "2026-05-01"), "blocking")


def test_strike_off_proposal_leads_to_removal():
    proposal = ms("recognition_meeting", "2026-09-15", outcome="strike_off", official_total=9, votes_for=7, passed=True)
    rec = in_probation(extra=[*PAPERS, proposal])
    assert next_step(rec, RULES, CALENDAR, TODAY).kind == "removal"
    assert "CELL-VOTE" in codes(step(rec, "recognition_decision", "2026-10-01"), "blocking")
    assert "RECOGNITION-WINDOW" not in codes(check_person(rec, RULES, CALENDAR, TODAY))
    assert step(rec, "removal", "2026-10-01", removal_kind="strike_off", reason="Không đủ tư cách") == []
