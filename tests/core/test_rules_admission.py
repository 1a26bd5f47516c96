"""Rules 1–14 of docs/domain.md §3 at the cell meeting, each in both directions."""

from __future__ import annotations

import pytest

from commune_app.rules import check_person, check_step, introducer_findings, vote_passes, vote_threshold
from tests.core.rule_records import CALENDAR, RULES, TODAY, codes, introducer, meeting, ms, record


def at_meeting(rec, **details):
    return check_step(rec, "cell_meeting", meeting(**details), RULES, CALENDAR, TODAY)


def test_ready_candidate_has_no_findings():
    assert at_meeting(record()) == []


def test_age_min_blocks_with_months_in_message():
    findings = at_meeting(record(person={"birth_date": "2008-12-15"}))
    age = [f for f in findings if f.code == "AGE-MIN"]
    assert len(age) == 1 and age[0].blocking
    assert age[0].message == "Chưa đủ 18 tuổi tính theo tháng tại ngày họp chi bộ 01/10/2026: 17 tuổi 10 tháng"
    assert age[0].source.startswith("Điều lệ Đảng")


def test_age_counts_months_ignoring_days():
    # Born 31/10/2008: 18 years by month at a meeting on 01/10/2026, although not by day.
    assert "AGE-MIN" not in codes(at_meeting(record(person={"birth_date": "2008-10-31"})))
    assert "AGE-MIN" in codes(at_meeting(record(person={"birth_date": "2008-11-01"})))


def test_age_max_needs_provincial_consent():
    over = record(person={"birth_date": "1966-09-01"})
    assert "AGE-MAX" in codes(at_meeting(over), "blocking")
    assert "AGE-MAX" not in codes(at_meeting(over, provincial_consent_ref="15-CV/TU"))
    assert "AGE-MAX" not in codes(at_meeting(record(person={"birth_date": "1966-10-20"})))


@pytest.mark.parametrize(
    "education,exception,blocked",
    [
        ("8/12", "", True),
        ("9/12", "", False),
        ("7/10", "", False),
        ("6/10", "", True),
        ("5/12", "remote_area", False),
        ("4/12", "remote_area", True),
    ],
)
def test_education(education, exception, blocked):
    found = codes(
        at_meeting(record(person={"education_general": education, "education_exception": exception})), "blocking"
    )
    assert ("EDU" in found) is blocked


def test_education_elder_needs_consent():
    elder = record(person={"education_general": "Biết đọc, biết viết", "education_exception": "elder"})
    assert "EDU" in codes(at_meeting(elder), "blocking")
    assert "EDU" not in codes(at_meeting(elder, provincial_consent_ref="20-CV/TU"))


def test_course_certificate_valid_60_months():
    old = record(replace={"course_certificate": ms("course_certificate", "2021-09-30")})
    assert "COURSE" in codes(at_meeting(old), "blocking")
    ok = record(replace={"course_certificate": ms("course_certificate", "2021-10-01")})
    assert "COURSE" not in codes(at_meeting(ok))
    assert "COURSE" in codes(at_meeting(record(replace={"course_certificate": None})), "blocking")


def test_order_application_before_background():
    late = record(replace={"application": ms("application", "2026-02-10")})
    found = [f for f in at_meeting(late) if f.code == "ORDER"]
    assert found and all(not f.blocking for f in found)
    assert "ORDER" in codes(at_meeting(record(replace={"application": None})), "blocking")


def test_lylich_valid_12_months():
    old = record(replace={"background_certified": ms("background_certified", "2025-09-30")})
    assert "LYLICH-VALID" in codes(at_meeting(old), "blocking")
    ok = record(replace={"background_certified": ms("background_certified", "2025-10-01")})
    assert "LYLICH-VALID" not in codes(at_meeting(ok))


def test_introductions_and_opinions_valid_6_months():
    old_intro = record(links=[introducer(2, "Lò Văn Bình", document_on="2026-03-31"), introducer(3, "Hà Thị Cúc")])
    found = [f for f in at_meeting(old_intro) if f.code == "INTRO-VALID"]
    assert found and found[0].blocking and "Lò Văn Bình" in found[0].message and "31/03/2026" in found[0].message
    ok_intro = record(links=[introducer(2, "Lò Văn Bình", document_on="2026-04-01"), introducer(3, "Hà Thị Cúc")])
    assert "INTRO-VALID" not in codes(at_meeting(ok_intro))
    old_summary = record(replace={"opinions_summary": ms("opinions_summary", "2026-03-31")})
    assert "INTRO-VALID" in codes(at_meeting(old_summary), "blocking")


def test_verification_of_relatives():
    father = {
        "relation": "Bố đẻ",
        "full_name": "Nguyễn Văn Ba",
        "verify_result": "",
        "exempt_reason": "",
        "is_party_member": 0,
        "birth_year": 1970,
    }
    assert "VERIFY-COMPLETE" in codes(at_meeting(record(relatives=[father])), "blocking")
    assert "VERIFY-COMPLETE" not in codes(at_meeting(record(relatives=[{**father, "verify_result": "Tốt"}])))
    assert "VERIFY-COMPLETE" not in codes(at_meeting(record(relatives=[{**father, "is_party_member": 1}])))
    minor = {**father, "relation": "Con", "birth_year": 2015}
    assert "VERIFY-COMPLETE" not in codes(at_meeting(record(relatives=[minor])))
    brother = {**father, "relation": "Anh ruột"}
    assert "VERIFY-COMPLETE" not in codes(at_meeting(record(relatives=[*record().relatives, brother])))


def test_certification_without_any_relative_is_blocking_for_the_step_and_the_person():
    """HD 06-HD/TW §3.4: a lý lịch certified with nobody verified; the person check says so too."""
    alone = record(relatives=[])
    assert "VERIFY-COMPLETE" in codes(check_person(alone, RULES, CALENDAR, TODAY), "blocking")
    assert "VERIFY-COMPLETE" in codes(at_meeting(alone), "blocking")
    step = {"date": "2026-05-04", "details": {}}
    uncertified = record(relatives=[], replace={"background_certified": None})
    assert "VERIFY-COMPLETE" in codes(
        check_step(uncertified, "background_certified", step, RULES, CALENDAR, TODAY), "blocking"
    )
    only_brother = record(relatives=[{"relation": "Anh ruột", "full_name": "Nguyễn Văn Hai", "verify_result": "Tốt"}])
    assert "VERIFY-COMPLETE" in codes(check_person(only_brother, RULES, CALENDAR, TODAY), "blocking")
    assert "VERIFY-COMPLETE" not in codes(check_person(record(), RULES, CALENDAR, TODAY))


def test_certification_before_the_replies_is_blocking():
    parents = [dict(r) for r in record().relatives]
    parents[1]["verify_replied_on"] = "2026-05-20"  # after the certification of 04/05/2026
    late = record(relatives=parents)
    found = [f for f in check_person(late, RULES, CALENDAR, TODAY) if f.code == "VERIFY-COMPLETE"]
    assert found and found[0].blocking and "Lê Thị Tư (20/05/2026)" in found[0].message
    step = {"date": "2026-05-04", "details": {}}
    uncertified = record(relatives=parents, replace={"background_certified": None})
    assert "VERIFY-COMPLETE" in codes(check_step(uncertified, "background_certified", step, RULES, CALENDAR, TODAY))
    later = {"date": "2026-05-21", "details": {}}
    assert "VERIFY-COMPLETE" not in codes(
        check_step(uncertified, "background_certified", later, RULES, CALENDAR, TODAY)
    )


def test_certification_without_verification_blocks_after_the_cell_meeting_too():
    """The dossier of a candidate the cell proposed cannot be completed: the panel must say why."""
    passed = ms("cell_meeting", "2026-10-01", official_total=9, votes_for=9, passed=True)
    proposed = record(relatives=[], person={"stage": "cell_approved"}, milestones=[passed])
    assert "VERIFY-COMPLETE" in codes(check_person(proposed, RULES, CALENDAR, TODAY), "blocking")
    assert "VERIFY-COMPLETE" not in codes(
        check_person(
            record(
                person={"stage": "cell_approved"},
                milestones=[ms("cell_meeting", "2026-10-01", official_total=9, votes_for=9, passed=True)],
            ),
            RULES,
            CALENDAR,
            TODAY,
        )
    )


def test_seal_before_certification():
    late_seal = record(replace={"pages_sealed": ms("pages_sealed", "2026-05-10")})
    assert "GIAP-LAI" in codes(at_meeting(late_seal), "blocking")
    commented_early = record(
        replace={"background_certified": ms("background_certified", "2026-05-04", comment_on="2026-03-01")}
    )
    assert "GIAP-LAI" in codes(at_meeting(commented_early), "blocking")
    assert "GIAP-LAI" not in codes(at_meeting(record()))
    assert "GIAP-LAI" in codes(at_meeting(record(replace={"pages_sealed": None})), "warning")


def test_introducer_count_two_members():
    one = record(links=[introducer(2, "Lò Văn Bình")])
    found = [f for f in at_meeting(one) if f.code == "INTRODUCER-COUNT"]
    assert found and found[0].blocking and "Mới có 1" in found[0].message


def test_youth_union_replaces_one_member_for_youth_age():
    youth = ms("youth_union_resolution", "2026-06-05")
    young = record(person={"youth_union": 1}, links=[introducer(2, "Lò Văn Bình")], milestones=[youth])
    assert "INTRODUCER-COUNT" not in codes(at_meeting(young))
    # 31 years old by month at the meeting: the Youth Union resolution no longer counts.
    older = record(
        person={"youth_union": 1, "birth_date": "1995-09-01"}, links=[introducer(2, "Lò Văn Bình")], milestones=[youth]
    )
    assert "INTRODUCER-COUNT" in codes(at_meeting(older), "blocking")
    not_member = record(links=[introducer(2, "Lò Văn Bình")], milestones=[youth])
    assert "INTRODUCER-COUNT" in codes(at_meeting(not_member), "blocking")


def test_trade_union_replaces_one_member():
    trade = ms("trade_union_resolution", "2026-06-05")
    rec = record(
        person={"trade_union": 1, "birth_date": "1985-01-01"}, links=[introducer(2, "Lò Văn Bình")], milestones=[trade]
    )
    assert "INTRODUCER-COUNT" not in codes(at_meeting(rec))


def test_introducer_must_be_official_on_the_date():
    probationary = record(
        links=[introducer(2, "Lò Văn Bình", status="probationary", official_on=None), introducer(3, "Hà Thị Cúc")]
    )
    found = [f for f in at_meeting(probationary) if f.code == "INTRODUCER-STATUS"]
    assert found and found[0].blocking and "dự bị" in found[0].message
    late = record(links=[introducer(2, "Lò Văn Bình", official_on="2026-07-01"), introducer(3, "Hà Thị Cúc")])
    assert "INTRODUCER-STATUS" in codes(at_meeting(late), "blocking")
    gone = record(links=[introducer(2, "Lò Văn Bình", status="transferred_out"), introducer(3, "Hà Thị Cúc")])
    assert "INTRODUCER-STATUS" in codes(at_meeting(gone), "blocking")


def test_introducer_12_months_together():
    short = record(links=[introducer(2, "Lò Văn Bình", together_from="2025-07-11"), introducer(3, "Hà Thị Cúc")])
    found = [f for f in at_meeting(short) if f.code == "INTRODUCER-12M"]
    assert found and found[0].blocking
    assert "Lò Văn Bình" in found[0].message and "10 tháng" in found[0].message
    exact = record(links=[introducer(2, "Lò Văn Bình", together_from="2025-06-10"), introducer(3, "Hà Thị Cúc")])
    assert "INTRODUCER-12M" not in codes(at_meeting(exact))
    replacement = record(
        links=[introducer(2, "Lò Văn Bình", together_from="2026-05-01", replaces=99), introducer(3, "Hà Thị Cúc")]
    )
    assert "INTRODUCER-12M" not in codes(at_meeting(replacement))


def test_introducer_findings_direct():
    rec = record()
    self_intro = introducer_findings(
        rec, {"id": 1, "full_name": "Nguyễn Văn An", "status": "official"}, "2020-01-01", None, "2026-06-10", RULES
    )
    assert codes(self_intro, "blocking") == {"INTRODUCER-STATUS"}
    other_cell = introducer_findings(
        rec,
        {"id": 5, "full_name": "Vi Văn Dũng", "status": "official", "official_on": "2010-01-01", "cell_id": 2},
        "2020-01-01",
        None,
        "2026-06-10",
        RULES,
    )
    assert [f.severity for f in other_cell] == ["warning"]
    unknown = introducer_findings(
        rec, {"id": 5, "full_name": "Vi Văn Dũng", "status": "official"}, None, None, "2026-06-10", RULES
    )
    assert "INTRODUCER-12M" in codes(unknown, "blocking")
    assert (
        introducer_findings(
            rec,
            {"id": 5, "full_name": "Vi Văn Dũng", "status": "official"},
            None,
            None,
            "2026-06-10",
            RULES,
            require_period=False,
        )
        == []
    )


def test_cell_quorum():
    assert "CELL-QUORUM" in codes(at_meeting(record(), official_total=2, votes_for=2), "blocking")
    assert "CELL-QUORUM" not in codes(at_meeting(record(), official_total=3, votes_for=2))


@pytest.mark.parametrize("total,needed", [(3, 2), (4, 3), (6, 4), (9, 6), (10, 7), (12, 8)])
def test_vote_threshold(total, needed):
    assert vote_threshold(total, RULES) == needed
    assert vote_passes(needed, total, RULES)
    assert not vote_passes(needed - 1, total, RULES)


def test_cell_vote_nine_members_six_passes_five_fails():
    assert "CELL-VOTE" not in codes(at_meeting(record(), official_total=9, votes_for=6))
    failed = [f for f in at_meeting(record(), official_total=9, votes_for=5) if f.code == "CELL-VOTE"]
    assert failed and not failed[0].blocking and "5/9" in failed[0].message and "6" in failed[0].message
    assert "CELL-VOTE" in codes(at_meeting(record(), official_total=9, votes_for=None), "blocking")
    assert "CELL-VOTE" in codes(at_meeting(record(), official_total=9, votes_for=8, votes_against=3), "blocking")


def test_meeting_date_checks():
    assert codes(check_step(record(), "cell_meeting", meeting("2026-12-01"), RULES, CALENDAR, TODAY)) == {"DATE"}
    assert codes(check_step(record(), "cell_meeting", meeting(""), RULES, CALENDAR, TODAY)) == {"DATE"}
    assert codes(check_step(record(), "no_such_step", meeting(), RULES, CALENDAR, TODAY)) == {"STEP"}


def test_cell_meeting_refused_for_a_member():
    member = record(person={"status": "official"})
    assert "STATUS" in codes(at_meeting(member), "blocking")


def test_background_certification_checks_seal_and_verification():
    father = {
        "relation": "Bố đẻ",
        "full_name": "Nguyễn Văn Ba",
        "verify_result": "",
        "exempt_reason": "",
        "is_party_member": 0,
        "birth_year": 1970,
    }
    rec = record(relatives=[father], replace={"background_certified": None})
    values = {"date": "2026-05-04", "details": {}}
    assert "VERIFY-COMPLETE" in codes(check_step(rec, "background_certified", values, RULES, CALENDAR, TODAY))
    early = {"date": "2026-03-01", "details": {}}
    rec_ok = record(replace={"background_certified": None})
    assert "GIAP-LAI" in codes(check_step(rec_ok, "background_certified", early, RULES, CALENDAR, TODAY))
    assert check_step(rec_ok, "background_certified", values, RULES, CALENDAR, TODAY) == []


@pytest.mark.parametrize("status", ["probationary", "official"])
def test_a_member_is_not_listed_again_as_an_outstanding_person(status):
    findings = check_step(
        record(person={"status": status}), "source_listed", {"date": "2026-10-01"}, RULES, CALENDAR, TODAY
    )
    assert [f.code for f in findings if f.blocking] == ["STATUS"]
    assert "đã được kết nạp vào Đảng" in findings[0].message
    assert (
        check_step(record(person={"status": "source"}), "source_listed", {"date": "2026-10-01"}, RULES, CALENDAR, TODAY)
        == []
    )
