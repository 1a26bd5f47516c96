"""Admission: what must hold at the cell meeting (docs/domain.md §2, rules 1–15 of §3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from commune_app import vn
from commune_app.domain import codes
from commune_app.domain.record import PersonRecord
from commune_app.rules.checks_introducers import introducers_at, member_introducers
from commune_app.rules.common import Collector, age_months, as_int, d, milestone_date, percent, to_date, vote_threshold
from commune_app.rules.findings import Finding
from commune_app.rules.ruleset import RuleSet

# Relatives a party member among them exempts from a verification trip (HD 06 §3.4.c).
_EXEMPT_IF_MEMBER = ("Bố đẻ", "Mẹ đẻ", "Con", "Anh ruột", "Chị ruột", "Em ruột")


def eligibility(
    record: PersonRecord, on: dt.date, rules: RuleSet, *, require_documents: bool, consent_ref: str = ""
) -> list[Finding]:
    """Everything about the person and their dossier that must hold at a cell meeting on ``on``.

    ``require_documents=False`` reports only problems with what is recorded (for people who
    have not started their dossier yet); missing papers are then not findings.
    """
    out = Collector(record, rules)
    _age(out, on, consent_ref)
    _education(out, consent_ref, require_documents)
    _course(out, on, require_documents)
    _order(out, require_documents)
    _lylich(out, on, require_documents)
    _documents(out, on, require_documents)
    verification_findings(out, on, certified_on=milestone_date(out.record.latest("background_certified")))
    _seal(out)
    findings = out.findings
    if require_documents or member_introducers(record):
        findings += (
            introducers_at(record, on, rules)
            if require_documents
            else [f for f in introducers_at(record, on, rules) if f.code != "INTRODUCER-COUNT"]
        )
    return findings


def _age(out: Collector, on: dt.date, consent_ref: str) -> None:
    months = age_months(out.record, on)
    if months is None:
        out.block("AGE-MIN", "Chưa ghi ngày sinh nên không tính được tuổi đời.")
        return
    low, high = int(out.rules["age_min_months"]), int(out.rules["age_max_months"])
    if months < low:
        out.block(
            "AGE-MIN", f"Chưa đủ {low // 12} tuổi tính theo tháng tại ngày họp chi bộ {d(on)}: {vn.age_words(months)}"
        )
    elif months > high and not consent_ref:
        out.block(
            "AGE-MAX",
            f"Quá {high // 12} tuổi tính theo tháng tại ngày họp chi bộ {d(on)}:"
            f" {vn.age_words(months)}; cần văn bản đồng ý của Ban Thường vụ Tỉnh ủy.",
        )


def _education(out: Collector, consent_ref: str, require: bool) -> None:
    person = out.record.person
    value = (person.get("education_general") or "").strip()
    exception = person.get("education_exception") or ""
    grade = codes.general_education_grade(value)
    minimum = int(out.rules["education_min_grade"])
    if not value:
        if require:
            out.warn("EDU", "Chưa ghi trình độ giáo dục phổ thông.")
        return
    if exception == "elder":
        if not consent_ref:
            out.block(
                "EDU",
                "Già làng, trưởng bản có uy tín chưa đủ trình độ học vấn cần văn bản đồng ý của Ban Thường vụ Tỉnh ủy.",
            )
        return
    if exception == "remote_area":
        minimum = int(out.rules["education_min_grade_remote"])
    if grade is None or grade < minimum:
        out.block(
            "EDU",
            f"Trình độ giáo dục phổ thông {value} chưa đạt mức tối thiểu {minimum}/12"
            + (
                " (vùng khó khăn: hoàn thành tiểu học)."
                if exception == "remote_area"
                else " (tốt nghiệp trung học cơ sở)."
            ),
        )


def _course(out: Collector, on: dt.date, require: bool) -> None:
    cert = out.record.latest("course_certificate")
    months = int(out.rules["course_certificate_valid_months"])
    if cert is None:
        if require:
            out.block("COURSE", "Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng.")
        return
    issued = milestone_date(cert)
    if vn.add_months(issued, months) < on:
        out.block(
            "COURSE",
            f"Giấy chứng nhận lớp nhận thức về Đảng ngày {d(issued)} đã quá {months} tháng"
            f" tại ngày họp chi bộ {d(on)}; cần học lại lớp bồi dưỡng.",
        )


def _order(out: Collector, require: bool) -> None:
    application = milestone_date(out.record.latest("application"))
    declared = milestone_date(out.record.latest("background_declared"))
    if application is None:
        if require:
            out.block("ORDER", "Chưa có đơn xin vào Đảng (Mẫu 1-KNĐ).")
        return
    if declared and application > declared:
        out.warn("ORDER", f"Đơn xin vào Đảng ngày {d(application)} phải có trước lý lịch ngày {d(declared)}.")


def _lylich(out: Collector, on: dt.date, require: bool) -> None:
    certified = milestone_date(out.record.latest("background_certified"))
    months = int(out.rules["lylich_valid_months"])
    if certified is None:
        if require:
            out.block("LYLICH-VALID", "Lý lịch người xin vào Đảng chưa được cấp ủy chứng nhận sau thẩm tra.")
        return
    if vn.add_months(certified, months) < on:
        out.block(
            "LYLICH-VALID",
            f"Lý lịch chứng nhận ngày {d(certified)} đã quá {months} tháng tại ngày họp"
            f" chi bộ {d(on)}; cần thẩm tra, bổ sung lại.",
        )


def document_validity(record: PersonRecord, rules: RuleSet) -> list[tuple[str, str, dt.date, int]]:
    """(label, form, date, months valid) of the short-lived papers: 3-KNĐ, 4-KNĐ, 4A-KNĐ, 5-KNĐ."""
    intro = int(rules["introduction_valid_months"])
    union = int(rules["union_resolution_valid_months"])
    docs: list[tuple[str, str, dt.date, int]] = []
    for link in member_introducers(record):
        signed = to_date(link.get("document_on"))
        if signed is not None:
            docs.append((f"Giấy giới thiệu của {link.get('member_name')}", "3-KNĐ", signed, intro))
    for kind, label, form, months in (
        ("youth_union_resolution", "Nghị quyết giới thiệu của Đoàn", "4-KNĐ", union),
        ("trade_union_resolution", "Nghị quyết giới thiệu của Công đoàn", "4A-KNĐ", union),
        ("opinions_summary", "Tổng hợp ý kiến nhận xét", "5-KNĐ", int(rules["opinions_valid_months"])),
    ):
        date = milestone_date(record.latest(kind))
        if date:
            docs.append((label, form, date, months))
    return docs


def _documents(out: Collector, on: dt.date, require: bool) -> None:
    for label, form, date, months in document_validity(out.record, out.rules):
        if vn.add_months(date, months) < on:
            out.block(
                "INTRO-VALID",
                f"{label} ({form}) ngày {d(date)} đã quá {months} tháng tại ngày họp chi bộ {d(on)}; cần làm lại.",
            )
    if require and out.record.latest("opinions_summary") is None:
        out.block("INTRO-VALID", "Chưa có bản tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú (5-KNĐ).")
    for link in member_introducers(out.record):
        if require and not link.get("document_on"):
            out.warn("INTRO-VALID", f"Chưa ghi ngày giấy giới thiệu (3-KNĐ) của {link.get('member_name')}.")


def verification_gaps(record: PersonRecord, on: dt.date) -> list[str]:
    """Relatives who must be verified and have neither a result nor an exemption."""
    gaps = []
    for rel in record.relatives:
        relation = rel.get("relation") or ""
        if relation not in codes.RELATIONS_TO_VERIFY:
            continue
        if relation == "Con" and rel.get("birth_year") and on.year - int(rel["birth_year"]) < 18:
            continue  # only children of full civil capacity are verified
        if (rel.get("verify_result") or "").strip() or (rel.get("exempt_reason") or "").strip():
            continue
        if rel.get("is_party_member") and relation in _EXEMPT_IF_MEMBER:
            continue
        gaps.append(f"{relation} {rel.get('full_name', '')}".strip())
    return gaps


def verification_problems(record: PersonRecord, on: dt.date, *, certified: bool) -> list[str]:
    """What stands between the lý lịch and its certification (HD 06-HD/TW §3.4), as messages.

    ``certified`` says a certification is (being) recorded on ``on``: it then needs at least one
    relative entered and every reply received by that day. The step check and the person check
    both read this, so the panel and the step dialog agree.
    """
    problems = []
    if certified and not any((rel.get("relation") or "") in codes.RELATIONS_TO_VERIFY for rel in record.relatives):
        problems.append(
            "Lý lịch được chứng nhận nhưng chưa ghi thân nhân nào cần thẩm tra (bố, mẹ, vợ hoặc chồng,"
            " con đã thành niên...); chưa thể chứng nhận khi chưa thẩm tra lý lịch."
        )
    gaps = verification_gaps(record, on)
    if gaps:
        problems.append("Chưa có kết quả thẩm tra lý lịch của: " + ", ".join(gaps) + ".")
    if certified:
        replied = [
            (rel, to_date(rel.get("verify_replied_on")))
            for rel in record.relatives
            if (rel.get("verify_result") or "").strip()
        ]
        late = [
            f"{rel.get('relation', '')} {rel.get('full_name', '')} ({d(day)})".strip()
            for rel, day in replied
            if day is not None and day > on
        ]
        if late:
            problems.append(
                f"Lý lịch chứng nhận ngày {d(on)} trước khi có kết quả thẩm tra của: " + ", ".join(late) + "."
            )
    return problems


def verification_findings(out: Collector, on: dt.date, *, certified_on: dt.date | None) -> None:
    """VERIFY-COMPLETE: at the certification when one is recorded (``certified_on``), else on ``on``."""
    for problem in verification_problems(out.record, certified_on or on, certified=certified_on is not None):
        out.block("VERIFY-COMPLETE", problem)


def _seal(out: Collector) -> None:
    sealed = milestone_date(out.record.latest("pages_sealed"))
    certified = out.record.latest("background_certified")
    if certified is None:
        return
    seal_checks(out, sealed, milestone_date(certified), certified.get("details") or {})


def seal_checks(out: Collector, sealed: dt.date | None, certified: dt.date | None, details: dict[str, Any]) -> None:
    comment = to_date(details.get("comment_on"))
    if sealed is None:
        out.warn("GIAP-LAI", "Chưa ghi ngày đóng dấu giáp lai lý lịch.")
        return
    for label, day in (("nhận xét của chi ủy", comment), ("chứng nhận của cấp ủy", certified)):
        if day and day < sealed:
            out.block(
                "GIAP-LAI",
                f"Ngày {label} {d(day)} trước ngày đóng dấu giáp lai {d(sealed)}; phải đóng"
                " dấu giáp lai trước khi nhận xét, chứng nhận.",
            )


def meeting_votes(out: Collector, details: dict[str, Any], on: dt.date, *, what: str) -> bool | None:
    """CELL-QUORUM and CELL-VOTE on a meeting's numbers; returns whether the vote passed."""
    total = as_int(details.get("official_total"))
    votes = as_int(details.get("votes_for"))
    minimum = int(out.rules["cell_min_official_members"])
    if total is None:
        out.block("CELL-QUORUM", "Chưa ghi tổng số đảng viên chính thức của chi bộ.")
        return None
    if total < minimum:
        out.block(
            "CELL-QUORUM",
            f"Chi bộ chỉ có {total} đảng viên chính thức tại ngày {d(on)}, cần ít nhất"
            f" {minimum}; đề nghị cấp ủy cấp trên bổ sung đảng viên hoặc ghép chi bộ.",
        )
    if votes is None:
        out.block("CELL-VOTE", "Chưa ghi số đảng viên chính thức biểu quyết tán thành.")
        return None
    against = as_int(details.get("votes_against")) or 0
    if votes < 0 or votes + against > total:
        out.block(
            "CELL-VOTE",
            f"Số phiếu ({votes} tán thành, {against} không tán thành) vượt quá {total} đảng viên chính thức.",
        )
        return None
    needed = vote_threshold(total, out.rules)
    if votes < needed:
        out.warn(
            "CELL-VOTE",
            f"{what} không đạt: {votes}/{total} đảng viên chính thức tán thành"
            f" ({percent(votes, total)}%), cần ít nhất {needed}.",
        )
        return False
    return True
