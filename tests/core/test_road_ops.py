"""The road operations on a real file: checks, statuses, audit rows, introducers, mentors."""

from __future__ import annotations

import pytest

from commune_app.errors import NotAllowed, Refused
from commune_app.ops import road as road_ops
from commune_app.ops.context import Actor
from commune_app.store import people as people_store
from commune_app.store import road as road_store
from tests.core.road_fixtures import (
    admit,
    make_cell_with_members,
    make_member,
    make_ready_candidate,
    step,
    verify_parents,
)
from tests.factories import make_cell, make_person


def status_of(session, pid):
    row = people_store.get(session.store, pid)
    return row["status"], row["stage"]


def audits(session, pid, action=None):
    sql = "SELECT * FROM audit WHERE person_id = ?" + (" AND action = ?" if action else "") + " ORDER BY id"
    return session.store.query(sql, [pid, action] if action else [pid])


def test_whole_road_source_to_official(session):
    cell, members = make_cell_with_members(session)
    pid = make_person(session, "Nguyễn Văn An", cell_id=cell, education_general="12/12")
    assert status_of(session, pid) == ("source", "source")
    road_ops.assign_helper(session, pid, members[0], "2025-01-05")
    step(session, pid, "course_certificate", "2025-01-10")
    step(session, pid, "application", "2025-02-02")
    assert status_of(session, pid)[0] == "candidate"
    for kind, date in (("background_declared", "2025-02-09"), ("pages_sealed", "2025-03-02")):
        step(session, pid, kind, date)
    verify_parents(session, pid, sent="2025-03-16", replied="2025-04-10")
    for kind, date in (("background_certified", "2025-05-04"), ("opinions_summary", "2025-06-01")):
        step(session, pid, kind, date)
    for member in members[:2]:
        road_ops.assign_introducer(session, pid, member, together_from="2022-01-01", document_on="2025-06-10")
    admit(session, pid, year=2025)
    assert status_of(session, pid) == ("probationary", "probation")
    ceremony = session.store.one("SELECT details FROM milestones WHERE person_id = ? AND kind = 'ceremony'", [pid])
    assert '"probation_end": "2026-09-02"' in ceremony["details"]
    road_ops.assign_mentor(session, pid, members[2], "2025-09-02")
    for kind in ("new_member_course", "self_review", "mentor_assessment", "recognition_opinions"):
        step(session, pid, kind, "2026-08-20")
    step(session, pid, "recognition_meeting", "2026-09-15", outcome="recognize", votes_for=8)
    assert status_of(session, pid) == ("probationary", "recognition_proposed")
    # Decided late: still official from the end of the probation (OFFICIAL-DATE).
    mid = step(session, pid, "recognition_decision", "2026-11-10", extension_ref="09-CV/ĐU")
    row = people_store.get(session.store, pid)
    assert (row["status"], row["official_on"], row["admitted_on"]) == ("official", "2026-09-02", "2025-08-05")
    milestone = road_store.get_milestone(session.store, mid)
    assert milestone["details"]["official_on"] == "2026-09-02"
    assert milestone["rule_set_version"] == session.rules.version


def test_record_step_refuses_under_18_with_the_age_message(session):
    cell, members = make_cell_with_members(session)
    pid = make_ready_candidate(session, cell, members, birth_date="2008-12-15")
    before = session.store.scalar("SELECT count(*) FROM milestones")
    with pytest.raises(Refused) as caught:
        step(session, pid, "cell_meeting", "2026-10-01", votes_for=9)
    assert caught.value.reasons == ["Chưa đủ 18 tuổi tính theo tháng tại ngày họp chi bộ 01/10/2026: 17 tuổi 10 tháng"]
    assert session.store.scalar("SELECT count(*) FROM milestones") == before


def test_meeting_computes_totals_and_result(session):
    cell, members = make_cell_with_members(session, members=9)
    pid = make_ready_candidate(session, cell, members)
    failed = step(session, pid, "cell_meeting", "2026-07-01", votes_for=5, votes_against=4)
    details = road_store.get_milestone(session.store, failed)["details"]
    assert details["official_total"] == 9 and details["passed"] is False and details["votes_needed"] == 6
    assert details["percent_for"] == 55.56 and details["percent_against"] == 44.44
    assert [w["code"] for w in details["warnings"]] == ["CELL-VOTE"]
    assert status_of(session, pid)[1] == "introduced"
    with pytest.raises(Refused):
        step(session, pid, "admission_decision", "2026-07-10")
    passed = step(session, pid, "cell_meeting", "2026-07-08", votes_for=6)
    assert road_store.get_milestone(session.store, passed)["details"]["passed"] is True
    assert status_of(session, pid)[1] == "cell_approved"


def test_warnings_are_kept_with_the_step(session):
    cell, members = make_cell_with_members(session)
    pid = make_ready_candidate(session, cell, members)
    step(session, pid, "cell_meeting", "2026-07-01", votes_for=9)
    decision = step(session, pid, "admission_decision", "2026-10-20")
    warnings = road_store.get_milestone(session.store, decision)["details"]["warnings"]
    assert warnings[0]["code"] == "DECISION-DEADLINE" and "28/09/2026" in warnings[0]["message"]


def test_withdraw_and_reinstate_with_audit(session):
    cell, members = make_cell_with_members(session)
    pid = make_ready_candidate(session, cell, members, year=2025)
    admit(session, pid, year=2025)
    ceremony = session.store.scalar("SELECT id FROM milestones WHERE person_id = ? AND kind = 'ceremony'", [pid])
    with pytest.raises(Refused):
        road_ops.withdraw_step(session, ceremony, "  ")
    road_ops.withdraw_step(session, ceremony, "Nhập nhầm ngày")
    assert status_of(session, pid) == ("probationary", "decided")
    row = audits(session, pid, "withdraw")[-1]
    assert "Nhập nhầm ngày" in row["summary"] and row["user"] == "kiemthu"
    with pytest.raises(Refused):
        road_ops.withdraw_step(session, ceremony, "Lần nữa")
    road_ops.reinstate_step(session, ceremony)
    assert status_of(session, pid) == ("probationary", "probation")
    assert audits(session, pid, "reinstate")


def test_correct_step_checks_again_and_audits(session):
    cell, members = make_cell_with_members(session)
    pid = make_ready_candidate(session, cell, members)
    meeting = step(session, pid, "cell_meeting", "2026-07-01", votes_for=5)
    recorded = road_store.get_milestone(session.store, meeting)["details"]
    recount = {"details": {**recorded, "votes_for": 7}}  # the form hands over every field of the step
    with pytest.raises(Refused):
        road_ops.correct_step(session, meeting, recount, "")
    road_ops.correct_step(session, meeting, recount, "Đếm lại phiếu")
    details = road_store.get_milestone(session.store, meeting)["details"]
    assert details["passed"] is True and details["official_total"] == 9 and "warnings" not in details
    assert status_of(session, pid)[1] == "cell_approved"
    row = audits(session, pid, "correct")[-1]
    assert "Đếm lại phiếu" in row["summary"] and '"votes_for": 5' in row["before"]
    with pytest.raises(Refused):
        road_ops.correct_step(session, meeting, {"date": "2027-01-01"}, "Sai ngày")


def test_transfer_out_in_and_removal_and_death(session):
    _cell, members = make_cell_with_members(session)
    m = members[0]
    road_ops.record_step(
        session,
        m,
        "transfer_out",
        {
            "date": "2026-03-01",
            "details": {
                "transfer_kind": "temporary",
                "scope": "within_province",
                "to_unit": "Chi bộ Tổ dân phố 3",
                "until": "2026-09-01",
            },
        },
    )
    assert status_of(session, m)[0] == "official"
    road_ops.record_step(
        session,
        m,
        "transfer_out",
        {
            "date": "2026-10-01",
            "details": {
                "transfer_kind": "official",
                "scope": "within_province",
                "to_unit": "Đảng bộ xã Tân Lập",
                "trigger_decision_on": "2026-09-01",
            },
        },
    )
    assert status_of(session, m)[0] == "transferred_out"
    with pytest.raises(Refused):
        road_ops.record_step(session, m, "party_card", {"date": "2026-10-05"})
    road_ops.record_step(
        session,
        m,
        "transfer_in",
        {
            "date": "2026-11-02",
            "details": {
                "transfer_kind": "official",
                "scope": "within_province",
                "from_unit": "Đảng bộ xã Tân Lập",
                "letter_on": "2026-10-20",
            },
        },
    )
    assert status_of(session, m)[0] == "official"
    road_ops.record_step(
        session,
        members[1],
        "removal",
        {"date": "2026-06-01", "details": {"removal_kind": "strike_off", "reason": "Bỏ sinh hoạt đảng"}},
    )
    assert status_of(session, members[1])[0] == "removed"
    road_ops.record_step(session, members[2], "death", {"date": "2026-06-01"})
    assert status_of(session, members[2])[0] == "deceased"
    with pytest.raises(Refused):
        road_ops.record_step(session, members[2], "party_card", {"date": "2026-07-01"})


def test_viewer_and_other_cell_cannot_record(session):
    cell, _members = make_cell_with_members(session)
    pid = make_person(session, cell_id=cell)
    session.actor = Actor(username="xem", role="viewer")
    with pytest.raises(NotAllowed):
        step(session, pid, "course_certificate", "2026-01-10")
    other = make_cell(session, "Chi bộ thôn Khuổi Ky")
    session.actor = Actor(username="bithu", role="clerk", cell_id=other)
    with pytest.raises(Refused):
        step(session, pid, "course_certificate", "2026-01-10")


def test_assign_introducer_rules(session):
    cell, members = make_cell_with_members(session, members=4)
    pid = make_person(session, cell_id=cell, education_general="12/12")
    young = make_member(session, "Bế Văn Tú", cell_id=cell, status="probationary", official_on=None)
    with pytest.raises(Refused) as caught:
        road_ops.assign_introducer(session, pid, young, together_from="2020-01-01", document_on="2026-06-10")
    assert "dự bị" in caught.value.reasons[0]
    with pytest.raises(Refused) as caught:
        road_ops.assign_introducer(session, pid, members[0], together_from="2025-09-01", document_on="2026-06-10")
    assert "9 tháng" in caught.value.reasons[0]
    first = road_ops.assign_introducer(session, pid, members[0], together_from="2020-01-01", document_on="2026-06-10")
    road_ops.assign_introducer(session, pid, members[1], together_from="2020-01-01", document_on="2026-06-10")
    with pytest.raises(Refused):
        road_ops.assign_introducer(session, pid, members[2], together_from="2020-01-01", document_on="2026-06-10")
    # A replacement waives the 12 months and ends the replaced link.
    road_ops.assign_introducer(
        session, pid, members[2], together_from="2026-05-01", document_on="2026-07-01", replaces_link_id=first
    )
    ended = session.store.one("SELECT ended_on FROM links WHERE id = ?", [first])
    assert ended["ended_on"] == "2026-07-01"
    current = session.store.query(
        "SELECT member_id FROM links WHERE person_id = ? AND role = 'introducer' AND ended_on IS NULL", [pid]
    )
    assert sorted(r["member_id"] for r in current) == sorted([members[1], members[2]])


def test_union_introducer_is_a_resolution_milestone(session):
    cell, _members = make_cell_with_members(session)
    pid = make_person(session, cell_id=cell, youth_union=True)
    mid = road_ops.assign_union_introducer(
        session, pid, "youth_union", date="2026-06-05", doc_number="05-NQ/ĐTN", issuer="BCH Đoàn xã"
    )
    assert road_store.get_milestone(session.store, mid)["kind"] == "youth_union_resolution"
    with pytest.raises(Refused):
        road_ops.assign_union_introducer(session, pid, "women_union", date="2026-06-05")


def test_mentor_assignment_and_replacement(session):
    cell, members = make_cell_with_members(session)
    pid = make_ready_candidate(session, cell, members, year=2025)
    with pytest.raises(Refused):
        road_ops.assign_mentor(session, pid, members[3], "2025-09-02")  # not yet a probationary member
    admit(session, pid, year=2025)
    first = road_ops.assign_mentor(session, pid, members[3], "2025-09-02")
    second = road_ops.assign_mentor(session, pid, members[4], "2026-01-05")
    rows = {
        r["id"]: r for r in session.store.query("SELECT * FROM links WHERE person_id = ? AND role = 'mentor'", [pid])
    }
    assert rows[first]["ended_on"] == "2026-01-05" and rows[second]["replaces_link_id"] == first
    road_ops.end_link(session, second, "2026-02-01", "Chuyển công tác")
    with pytest.raises(Refused):
        road_ops.end_link(session, second, "2026-02-02", "Lần nữa")


def test_eligible_introducers(session):
    cell, members = make_cell_with_members(session, members=3)
    _other_cell, others = make_cell_with_members(session, "Chi bộ thôn Bản Giốc", members=1)
    pid = make_person(session, cell_id=cell)
    young = make_member(session, "Bế Văn Tú", cell_id=cell, status="probationary", official_on=None)
    road_ops.assign_introducer(session, pid, members[0], together_from="2020-01-01", document_on="2026-06-10")
    session.store.conn.execute("UPDATE links SET together_from = '2026-01-01' WHERE person_id = ?", [pid])
    options = road_ops.eligible_introducers(session, pid, "2026-06-10")
    by_id = {o.member["id"]: o for o in options}
    assert set(by_id) == {*members[1:], young}  # the member already introducing is not offered twice
    assert not by_id[young].eligible and "dự bị" in by_id[young].findings[0].message
    as_mentor = {o.member["id"]: o for o in road_ops.eligible_introducers(session, pid, "2026-06-10", role="helper")}
    assert members[0] in as_mentor  # another role: the introducer may also be the one who helps
    assert by_id[members[1]].eligible and by_id[members[1]].same_cell
    searched = road_ops.eligible_introducers(session, pid, "2026-06-10", text="lo van")
    found = {o.member["id"]: o for o in searched}
    assert others[0] in found and not found[others[0]].same_cell
    assert found[others[0]].eligible and [f.severity for f in found[others[0]].findings] == ["warning"]
    assert options[0].same_cell and [o.same_cell for o in searched][-1] is False


def test_road_view_merges_milestones_and_links(session):
    cell, members = make_cell_with_members(session)
    pid = make_ready_candidate(session, cell, members)
    view = road_ops.road_view(session, pid)
    labels = [e.label for e in view.entries]
    assert labels[0].startswith("Giấy chứng nhận") and any("Lò Văn Bình" in x for x in labels)
    assert [e.date for e in view.entries] == sorted(e.date for e in view.entries)
    assert view.next_step.kind == "cell_meeting"
    assert {d.code for d in view.deadlines} >= {"COURSE", "LYLICH-VALID", "INTRO-VALID"}


def test_strike_off_proposal_keeps_the_stage(session):
    cell, members = make_cell_with_members(session)
    pid = make_ready_candidate(session, cell, members, year=2025)
    admit(session, pid, year=2025)
    road_ops.assign_mentor(session, pid, members[2], "2025-09-02")
    step(session, pid, "recognition_meeting", "2026-09-15", outcome="strike_off", votes_for=7)
    assert status_of(session, pid) == ("probationary", "probation")
    road_ops.record_step(
        session,
        pid,
        "removal",
        {"date": "2026-10-01", "details": {"removal_kind": "strike_off", "reason": "Chi bộ đề nghị xóa tên"}},
    )
    assert status_of(session, pid)[0] == "removed"


def test_introducer_and_mentor_dates_must_be_possible(session):
    """A paper dated after today or before the person was born, or a period that ends before it
    starts, is a typing mistake: refused with the date named, nothing written."""
    cell, members = make_cell_with_members(session, members=4)
    pid = make_person(session, cell_id=cell, birth_date="2003-12-18")
    links_before = session.store.scalar("SELECT count(*) FROM links")
    cases = (
        ({"together_from": "2020-01-01", "document_on": "2027-06-01"}, "01/06/2027 sau ngày hôm nay"),
        ({"together_from": "2020-01-01", "document_on": "2001-01-01"}, "trước ngày sinh 18/12/2003"),
        ({"together_from": "1999-01-01", "document_on": "2026-06-10"}, "01/01/1999 trước ngày sinh"),
        (
            {"together_from": "2022-01-01", "together_to": "2021-01-01", "document_on": "2026-06-10"},
            "01/01/2021 trước ngày bắt đầu 01/01/2022",
        ),
    )
    for values, expected in cases:
        with pytest.raises(Refused) as caught:
            road_ops.assign_introducer(session, pid, members[0], **values)
        assert any(expected in reason for reason in caught.value.reasons), caught.value.reasons
    with pytest.raises(Refused) as caught:
        road_ops.assign_helper(session, pid, members[1], "2027-01-05")
    assert any("05/01/2027 sau ngày hôm nay" in reason for reason in caught.value.reasons)
    assert session.store.scalar("SELECT count(*) FROM links") == links_before
