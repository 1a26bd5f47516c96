"""The road as the clerk walks it: checking a step before it is recorded, checking a person's
current state against their next step, and saying what that next step is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from commune_app import vn
from commune_app.domain import road
from commune_app.domain.awards import badge_label
from commune_app.domain.record import PersonRecord
from commune_app.rules import checks_admission as admission
from commune_app.rules import checks_probation as probation
from commune_app.rules import checks_transfer as transfer
from commune_app.rules.calendar import WorkCalendar
from commune_app.rules.common import (
    Collector,
    as_int,
    d,
    fraction,
    latest_passed,
    milestone_date,
    needs_upper_resolutions,
    probation_end,
    strike_off_proposed,
    to_date,
)
from commune_app.rules.deadlines import deadlines
from commune_app.rules.findings import Finding
from commune_app.rules.ruleset import RuleSet

_ROAD = ("source", "candidate")
_PROBATION_KINDS = (
    "ceremony",
    "new_member_course",
    "self_review",
    "mentor_assessment",
    "recognition_opinions",
    "recognition_meeting",
    "recognition_appraisal",
    "recognition_grassroots",
    "recognition_decision",
)
_ADMISSION_KINDS = (
    "source_listed",
    "course_certificate",
    "application",
    "background_declared",
    "pages_sealed",
    "background_certified",
    "youth_union_resolution",
    "trade_union_resolution",
    "opinions_summary",
    "cell_meeting",
    "upper_appraisal",
    "grassroots_resolution",
    "admission_decision",
)
_GONE = {"removed": "đã ra khỏi Đảng", "deceased": "đã từ trần", "transferred_out": "đã chuyển sinh hoạt đi"}


@dataclass(frozen=True)
class NextStep:
    kind: str  # a milestone kind of domain.road.KINDS
    label: str
    due: dt.date | None
    findings: list[Finding] = field(default_factory=list)


def check_step(
    record: PersonRecord, kind: str, values: dict[str, Any], rules: RuleSet, calendar: WorkCalendar, today: dt.date
) -> list[Finding]:
    """Findings for recording milestone ``kind`` with ``values`` (date, doc_number, issuer, details)."""
    out = Collector(record, rules)
    if kind not in road.KIND_BY_CODE:
        out.block("STEP", f"Không có bước “{kind}” trên quá trình phát triển đảng viên.")
        return out.findings
    try:
        on = to_date(values.get("date"))
    except (vn.DateError, ValueError) as exc:
        out.block("DATE", str(exc))
        return out.findings
    if on is None:
        out.block("DATE", f"Chưa ghi ngày của bước “{road.KIND_BY_CODE[kind].label}”.")
        return out.findings
    if on > today:
        out.block("DATE", f"Ngày {d(on)} sau ngày hôm nay ({d(today)}); chỉ ghi nhận việc đã diễn ra.")
    birth = record.birth_date
    if birth and on < birth:
        out.block("DATE", f"Ngày {d(on)} trước ngày sinh {d(birth)}.")
    if out.findings:
        return out.findings
    status = record.person.get("status")
    if status in _GONE and kind not in ("transfer_in", "restoration"):
        out.block("STATUS", f"{record.name} {_GONE[status]}; không ghi thêm bước mới.")
        return out.findings
    details = values.get("details") or {}
    _STEP_CHECKS.get(kind, _no_check)(out, on, {**values, "kind": kind}, details, calendar)
    return out.findings


def _no_check(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    return None


def _require_status(out: Collector, kind: str, allowed: tuple[str, ...]) -> bool:
    status = out.record.person.get("status")
    if status in allowed:
        return True
    if status in ("probationary", "official") and kind in _ADMISSION_KINDS:
        out.block(
            "STATUS",
            f"{out.record.name} đã được kết nạp vào Đảng; không ghi lại bước “{road.KIND_BY_CODE[kind].label}”.",
        )
    else:
        out.block("STATUS", f"Bước “{road.KIND_BY_CODE[kind].label}” chỉ dành cho đảng viên dự bị.")
    return False


def _road_document(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    kind = values["kind"]
    if not _require_status(out, kind, _ROAD):
        return
    record = out.record
    if kind == "background_declared":
        application = milestone_date(record.latest("application"))
        if application and application > on:
            out.warn("ORDER", f"Đơn xin vào Đảng ngày {d(application)} phải có trước lý lịch ngày {d(on)}.")
    elif kind == "application":
        declared = milestone_date(record.latest("background_declared"))
        if declared and on > declared:
            out.warn("ORDER", f"Đơn xin vào Đảng ngày {d(on)} phải có trước lý lịch ngày {d(declared)}.")
    elif kind == "background_certified":
        if record.latest("background_declared") is None:
            out.block("LYLICH-VALID", "Chưa có lý lịch của người xin vào Đảng (2-KNĐ) để chứng nhận.")
        admission.seal_checks(out, milestone_date(record.latest("pages_sealed")), on, details)
        admission.verification_findings(out, on, certified_on=on)
    elif kind == "youth_union_resolution" and not record.person.get("youth_union"):
        out.warn("INTRODUCER-COUNT", f"{record.name} chưa được ghi là đoàn viên Đoàn TNCS Hồ Chí Minh.")
    elif kind == "trade_union_resolution" and not record.person.get("trade_union"):
        out.warn("INTRODUCER-COUNT", f"{record.name} chưa được ghi là đoàn viên công đoàn.")


def _cell_meeting(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    if not _require_status(out, "cell_meeting", _ROAD):
        return
    out.findings += admission.eligibility(
        out.record, on, out.rules, require_documents=True, consent_ref=details.get("provincial_consent_ref") or ""
    )
    admission.meeting_votes(out, details, on, what="Nghị quyết chi bộ đề nghị kết nạp")


def _after_passed_meeting(
    out: Collector,
    on: dt.date,
    values: dict[str, Any],
    details: dict[str, Any],
    *,
    statuses: tuple[str, ...],
    meeting_kind: str,
    missing: str,
    grassroots_kind: str,
) -> None:
    """Appraisals and grassroots resolutions (7/8-KNĐ, 14/15-KNĐ) follow a cell meeting that passed."""
    kind = values["kind"]
    if not _require_status(out, kind, statuses):
        return
    meeting = latest_passed(out.record, meeting_kind)
    if meeting is None:
        out.block("CELL-VOTE", f"{missing} đạt {fraction(out.rules)} số đảng viên chính thức.")
        return
    if on < milestone_date(meeting):
        out.block("DATE", f"Ngày {d(on)} trước ngày chi bộ họp {d(milestone_date(meeting))}.")
    if kind == grassroots_kind:
        probation.upper_vote(out, details, "Nghị quyết của đảng ủy cơ sở")


def _after_cell_meeting(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    _after_passed_meeting(
        out,
        on,
        values,
        details,
        statuses=_ROAD,
        meeting_kind="cell_meeting",
        missing="Chưa có nghị quyết chi bộ đề nghị kết nạp",
        grassroots_kind="grassroots_resolution",
    )


def _admission_decision(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    if _require_status(out, "admission_decision", _ROAD):
        probation.admission_decision(out, on, values, calendar)


def _ceremony(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    if out.record.person.get("status") in _ROAD and out.record.latest("admission_decision") is None:
        out.block("CEREMONY-DEADLINE", "Chưa có quyết định kết nạp đảng viên (9-KNĐ).")
        return
    if not _require_status(out, "ceremony", ("probationary",)):
        return
    if out.record.latest("ceremony") is not None:
        out.block("STATUS", f"Đã có lễ kết nạp ngày {d(out.record.date_of('ceremony'))}; hãy sửa bước đó nếu cần.")
        return
    probation.ceremony(out, on, values, calendar)


def _probation_paper(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    kind = values["kind"]
    if not _require_status(out, kind, ("probationary",)):
        return
    ceremony = out.record.date_of("ceremony")
    if ceremony is None:
        out.block("STATUS", "Chưa có lễ kết nạp; thời gian dự bị chưa bắt đầu.")
    elif on < ceremony:
        out.block("DATE", f"Ngày {d(on)} trước ngày lễ kết nạp {d(ceremony)}.")


def _recognition_meeting(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    if not _require_status(out, "recognition_meeting", ("probationary",)):
        return
    probation.recognition_meeting(out, on, calendar)
    admission.meeting_votes(out, details, on, what="Nghị quyết chi bộ đề nghị công nhận chính thức")


def _after_recognition_meeting(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    _after_passed_meeting(
        out,
        on,
        values,
        details,
        statuses=("probationary",),
        meeting_kind="recognition_meeting",
        missing="Chưa có nghị quyết chi bộ đề nghị công nhận chính thức",
        grassroots_kind="recognition_grassroots",
    )


def _recognition_decision(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    if _require_status(out, "recognition_decision", ("probationary",)):
        probation.recognition_decision(out, on, values, calendar)


def _party_card(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    if out.record.person.get("status") != "official":
        out.block("CARD", "Chỉ đảng viên chính thức mới được phát thẻ đảng viên.")


def _award(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    """Khen thưởng đảng viên: only a member (probationary or official); the level is one of the
    step schema's choices (the forms 7-BTCTW counts)."""
    if out.record.person.get("status") not in ("probationary", "official"):
        out.block("AWARD", f"{out.record.name} chưa phải là đảng viên; chỉ ghi khen thưởng cho đảng viên.")


def completed_years(start: dt.date, on: dt.date) -> int:
    """Whole years from start to on, the day counting (30 years of party age on the anniversary)."""
    return vn.full_months_between(start, on) // 12


def party_age_years(record: PersonRecord, on: dt.date) -> int | None:
    """Completed years of party age on that day (PARTY-AGE), None when the admission is unknown."""
    start = party_age_start(record)
    if start is None or on < start:
        return None
    return completed_years(start, on)


def _party_badge(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    """Tặng Huy hiệu Đảng: an official member, a badge the rules list, party age reached, not twice."""
    record = out.record
    if record.person.get("status") != "official":
        out.block(
            "BADGE", f"{record.name} chưa phải là đảng viên chính thức; Huy hiệu Đảng chỉ tặng đảng viên chính thức."
        )
        return
    years = as_int(details.get("years"))
    allowed = [int(y) for y in out.rules["party_badge_years"]]
    if years not in allowed:
        out.block(
            "BADGE", "Loại Huy hiệu Đảng phải là một trong: " + ", ".join(str(y) for y in allowed) + " năm tuổi Đảng."
        )
        return
    age = party_age_years(record, on)
    if age is None:
        out.block("BADGE", f"Chưa có ngày quyết định kết nạp của {record.name} nên chưa tính được tuổi đảng.")
    elif age < years:
        out.block(
            "BADGE",
            f"Đến ngày {d(on)} {record.name} mới có {age} năm tuổi Đảng (tính từ ngày quyết định"
            f" kết nạp {d(party_age_start(record))}); chưa đủ để tặng {badge_label(years)}.",
        )
    for badge in record.all_of("party_badge"):
        if as_int((badge.get("details") or {}).get("years")) == years:
            out.block("BADGE", f"{record.name} đã được tặng {badge_label(years)} ngày {d(milestone_date(badge))}.")


def _restoration(
    out: Collector, on: dt.date, values: dict[str, Any], details: dict[str, Any], calendar: WorkCalendar
) -> None:
    """Phục hồi đảng tịch: only for a member who left the party, dated after they left."""
    record = out.record
    removal = record.latest("removal")
    if record.person.get("status") != "removed" or removal is None:
        out.block(
            "RESTORATION",
            f"{record.name} không ở tình trạng đã ra khỏi Đảng; chỉ phục hồi đảng tịch"
            " cho người đã bị xóa tên, khai trừ hoặc đã xin ra khỏi Đảng.",
        )
        return
    if not record.person.get("admitted_on"):
        out.block("RESTORATION", f"{record.name} chưa có quyết định kết nạp; không có đảng tịch để phục hồi.")
    left = milestone_date(removal)
    if left and on < left:
        out.block("DATE", f"Ngày phục hồi {d(on)} trước ngày ra khỏi Đảng {d(left)}.")


StepCheck = Callable[[Collector, dt.date, dict[str, Any], dict[str, Any], WorkCalendar], None]
_STEP_CHECKS: dict[str, StepCheck] = {
    **{
        k: _road_document
        for k in (
            "source_listed",
            "course_certificate",
            "application",
            "background_declared",
            "pages_sealed",
            "background_certified",
            "youth_union_resolution",
            "trade_union_resolution",
            "opinions_summary",
        )
    },
    "cell_meeting": _cell_meeting,
    "upper_appraisal": _after_cell_meeting,
    "grassroots_resolution": _after_cell_meeting,
    "admission_decision": _admission_decision,
    "ceremony": _ceremony,
    **{k: _probation_paper for k in ("new_member_course", "self_review", "mentor_assessment", "recognition_opinions")},
    "recognition_meeting": _recognition_meeting,
    "recognition_appraisal": _after_recognition_meeting,
    "recognition_grassroots": _after_recognition_meeting,
    "recognition_decision": _recognition_decision,
    "party_card": _party_card,
    "award": _award,
    "party_badge": _party_badge,
    "transfer_out": lambda out, on, values, details, cal: transfer.transfer_out(out, on, details, cal),
    "transfer_in": lambda out, on, values, details, cal: transfer.transfer_in(out, on, details, cal),
    "removal": lambda out, on, values, details, cal: transfer.removal(out, details),
    "restoration": _restoration,
}


def check_person(record: PersonRecord, rules: RuleSet, calendar: WorkCalendar, today: dt.date) -> list[Finding]:
    """The person's current state against their next step.

    Before the cell meeting everything is evaluated at the planned meeting date (or today);
    afterwards, the deadlines that have passed and the papers the next decision needs.
    """
    status = record.person.get("status")
    out = Collector(record, rules)
    if status in _ROAD:
        meeting = latest_passed(record, "cell_meeting")
        if meeting is None:
            planned = to_date(record.person.get("planned_meeting_on"))
            on = planned if planned and planned >= today else today
            # A source person's missing papers matter once their meeting is near, not years ahead.
            soon = planned is not None and planned <= vn.add_months(today, int(rules["due_soon_months"]))
            return admission.eligibility(record, on, rules, require_documents=status == "candidate" or soon)
        if record.latest("admission_decision") is None:
            # The certification the decision rests on, with the facts the step check read.
            certified = milestone_date(record.latest("background_certified"))
            if certified is not None:
                admission.verification_findings(out, certified, certified_on=certified)
            probation.upper_resolutions(out, "upper_appraisal", "grassroots_resolution", "ra quyết định kết nạp")
            _overdue(
                out,
                "DECISION-DEADLINE",
                "Quyết định kết nạp",
                milestone_date(meeting),
                int(rules["decision_deadline_working_days"]),
                calendar,
                today,
            )
        return out.findings
    if status != "probationary":
        return out.findings
    if record.latest("ceremony") is None:
        _overdue(
            out,
            "CEREMONY-DEADLINE",
            "Lễ kết nạp",
            probation.decision_received(record),
            int(rules["ceremony_deadline_working_days"]),
            calendar,
            today,
        )
        return out.findings
    probation.mentor_findings(out)
    probation.three_votes(out)
    if strike_off_proposed(record):
        return out.findings
    end = probation_end(record, rules)
    meeting = latest_passed(record, "recognition_meeting")
    if end and today > end:
        missing = [label for kind, label in probation.RECOGNITION_PAPERS[:-1] if record.latest(kind) is None]
        if missing:
            out.block(
                "RECOGNITION-DOSSIER",
                f"Đã hết {rules['probation_months']} tháng dự bị ({d(end)})"
                " nhưng hồ sơ còn thiếu: " + ", ".join(missing) + ".",
            )
        if meeting is None:
            _overdue(
                out,
                "RECOGNITION-WINDOW",
                "Chi bộ họp xét công nhận chính thức",
                end,
                int(rules["recognition_window_working_days"]),
                calendar,
                today,
            )
    if meeting is not None and record.latest("recognition_decision") is None:
        probation.upper_resolutions(out, "recognition_appraisal", "recognition_grassroots", "ra quyết định công nhận")
        _overdue(
            out,
            "RECOGNITION-DEADLINE",
            "Quyết định công nhận chính thức",
            milestone_date(meeting),
            int(rules["recognition_decision_working_days"]),
            calendar,
            today,
        )
    return out.findings


def _overdue(
    out: Collector, code: str, what: str, start: dt.date | None, days: int, calendar: WorkCalendar, today: dt.date
) -> None:
    if start is None:
        return
    due = calendar.add_working_days(start, days)
    if today > due:
        out.warn(code, f"{what} đã quá hạn: hạn là {d(due)} ({days} ngày làm việc từ ngày {d(start)}).")


def _next_kind(record: PersonRecord) -> str | None:
    status = record.person.get("status")
    if status in _ROAD:
        if latest_passed(record, "cell_meeting") is None:
            for kind in (
                "course_certificate",
                "application",
                "background_declared",
                "pages_sealed",
                "background_certified",
                "opinions_summary",
            ):
                if record.latest(kind) is None:
                    return kind
            return "cell_meeting"
        needs_appraisal, needs_resolution = needs_upper_resolutions(record)
        if needs_appraisal and record.latest("upper_appraisal") is None:
            return "upper_appraisal"
        if needs_resolution and latest_passed(record, "grassroots_resolution") is None:
            return "grassroots_resolution"
        return "admission_decision"
    if status != "probationary":
        return None
    if record.latest("ceremony") is None:
        return "ceremony"
    if strike_off_proposed(record):
        return "removal"
    if latest_passed(record, "recognition_meeting") is None:
        for kind in ("new_member_course", "self_review", "mentor_assessment", "recognition_opinions"):
            if record.latest(kind) is None:
                return kind
        return "recognition_meeting"
    needs_appraisal, needs_resolution = needs_upper_resolutions(record)
    if needs_appraisal and record.latest("recognition_appraisal") is None:
        return "recognition_appraisal"
    if needs_resolution and latest_passed(record, "recognition_grassroots") is None:
        return "recognition_grassroots"
    return "recognition_decision"


# The deadline that dates each next step.
_DUE_BY = {
    "admission_decision": "DECISION-DEADLINE",
    "ceremony": "CEREMONY-DEADLINE",
    "recognition_meeting": "RECOGNITION-WINDOW",
    "recognition_opinions": "PROBATION-END",
    "self_review": "PROBATION-END",
    "mentor_assessment": "PROBATION-END",
    "new_member_course": "PROBATION-END",
    "recognition_decision": "RECOGNITION-DEADLINE",
}


def next_step(record: PersonRecord, rules: RuleSet, calendar: WorkCalendar, today: dt.date) -> NextStep | None:
    """What the clerk should record next on the road, when it is due, and what stands in the way."""
    kind = _next_kind(record)
    if kind is None:
        return None
    due = None
    if kind == "cell_meeting":
        due = to_date(record.person.get("planned_meeting_on"))
    elif kind in _DUE_BY:
        due = next((x.due for x in deadlines(record, rules, calendar, today) if x.code == _DUE_BY[kind]), None)
    return NextStep(kind, road.KIND_BY_CODE[kind].label, due, check_person(record, rules, calendar, today))


def party_age_start(record: PersonRecord) -> dt.date | None:
    """PARTY-AGE: counted from the date of the admission decision, not the ceremony (for a member
    entered without that milestone, the admission date kept on their record)."""
    return record.date_of("admission_decision") or to_date(record.person.get("admitted_on"))


def official_date(record: PersonRecord, rules: RuleSet) -> dt.date | None:
    """OFFICIAL-DATE: the end of the 12-month probation, however late the recognition came."""
    return probation_end(record, rules)


__all__ = [
    "NextStep",
    "check_person",
    "check_step",
    "next_step",
    "official_date",
    "party_age_start",
    "party_age_years",
]
