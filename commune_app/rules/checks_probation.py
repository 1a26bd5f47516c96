"""Decision, ceremony, probation and official recognition (docs/domain.md §2, rules 15–25 of §3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from commune_app.domain.record import PersonRecord
from commune_app.rules.calendar import WorkCalendar
from commune_app.rules.common import (
    Collector,
    as_int,
    d,
    details_of,
    fraction,
    latest_passed,
    milestone_date,
    needs_upper_resolutions,
    percent,
    probation_end,
    to_date,
    vote_threshold,
)

# The papers of the recognition dossier (HD 12-HD/BTCTW §II.1.1.c), before the 16-KNĐ decision.
RECOGNITION_PAPERS = (
    ("new_member_course", "giấy chứng nhận lớp lý luận chính trị cho đảng viên mới"),
    ("self_review", "bản tự kiểm điểm (10-KNĐ)"),
    ("mentor_assessment", "bản nhận xét của đảng viên giúp đỡ (11-KNĐ)"),
    ("recognition_opinions", "tổng hợp ý kiến nhận xét (12-KNĐ)"),
    ("recognition_meeting", "nghị quyết chi bộ đề nghị công nhận (13-KNĐ)"),
)


def upper_vote(out: Collector, details: dict[str, Any], what: str) -> bool | None:
    """UPPER-VOTE: a committee's resolution needs 2/3 of its members."""
    total = as_int(details.get("committee_total"))
    votes = as_int(details.get("committee_votes_for"))
    if total is None or votes is None:
        out.block("UPPER-VOTE", f"Chưa ghi số ủy viên và số ủy viên tán thành của {what}.")
        return None
    if total <= 0 or votes > total or votes < 0:
        out.block("UPPER-VOTE", f"Số ủy viên tán thành ({votes}) không hợp lệ với tổng số {total} ủy viên.")
        return None
    needed = vote_threshold(total, out.rules)
    if votes < needed:
        out.warn(
            "UPPER-VOTE",
            f"{what} không đạt: {votes}/{total} ủy viên tán thành ({percent(votes, total)}%), cần ít nhất {needed}.",
        )
        return False
    return True


def upper_resolutions(out: Collector, appraisal_kind: str, resolution_kind: str, stage: str) -> None:
    """The routing of a chi bộ trực thuộc: 7-KNĐ/14-KNĐ (with a đảng ủy bộ phận) and 8-KNĐ/15-KNĐ."""
    needs_appraisal, needs_resolution = needs_upper_resolutions(out.record)
    forms = {
        "upper_appraisal": "7-KNĐ",
        "grassroots_resolution": "8-KNĐ",
        "recognition_appraisal": "14-KNĐ",
        "recognition_grassroots": "15-KNĐ",
    }
    if needs_appraisal and out.record.latest(appraisal_kind) is None:
        out.block(
            "UPPER-VOTE",
            f"Chi bộ trực thuộc có đảng ủy bộ phận: cần báo cáo thẩm định ({forms[appraisal_kind]}) trước khi {stage}.",
        )
    if needs_resolution and latest_passed(out.record, resolution_kind) is None:
        out.block(
            "UPPER-VOTE",
            f"Chi bộ trực thuộc đảng bộ cơ sở: cần nghị quyết của đảng ủy cơ sở"
            f" ({forms[resolution_kind]}) đạt {fraction(out.rules)} trước khi {stage}.",
        )


def deadline_check(
    out: Collector,
    code: str,
    what: str,
    start: dt.date,
    on: dt.date,
    days: int,
    extension_days: int,
    calendar: WorkCalendar,
    *,
    extended: bool,
    blocking_late: bool = False,
) -> None:
    """A step due ``days`` working days after ``start`` (``+extension_days`` when extended)."""
    limit = days + (extension_days if extended else 0)
    due = calendar.add_working_days(start, limit)
    if on > due:
        late = calendar.working_days_between(start, on)
        message = (
            f"{what} ngày {d(on)} là {late} ngày làm việc sau ngày {d(start)}, quá thời hạn {limit}"
            f" ngày làm việc (hạn {d(due)})."
        )
        (out.block if blocking_late else out.warn)(code, message)


def admission_decision(out: Collector, on: dt.date, values: dict[str, Any], calendar: WorkCalendar) -> None:
    record, rules = out.record, out.rules
    meeting = latest_passed(record, "cell_meeting")
    details = values.get("details") or {}
    if meeting is None:
        failed = record.latest("cell_meeting")
        out.block(
            "CELL-VOTE",
            f"Chưa có nghị quyết chi bộ đề nghị kết nạp đạt {fraction(out.rules)}"
            " số đảng viên chính thức" + (f" (lần họp ngày {d(milestone_date(failed))} không đạt)." if failed else "."),
        )
        return
    meeting_on = milestone_date(meeting)
    if on < meeting_on:
        out.block("DECISION-DEADLINE", f"Ngày quyết định {d(on)} trước ngày chi bộ họp {d(meeting_on)}.")
        return
    upper_resolutions(out, "upper_appraisal", "grassroots_resolution", "ra quyết định kết nạp")
    if (record.cell or {}).get("routing") == "dang_bo_co_so_duoc_uy_quyen":
        upper_vote(out, details, "Đảng ủy cơ sở được ủy quyền kết nạp")
    deadline_check(
        out,
        "DECISION-DEADLINE",
        "Quyết định kết nạp",
        meeting_on,
        on,
        int(rules["decision_deadline_working_days"]),
        int(rules["decision_extension_working_days"]),
        calendar,
        extended=bool(details.get("extension_ref")),
    )
    received = to_date(details.get("received_on"))
    if received and received < on:
        out.block("CEREMONY-DEADLINE", f"Ngày chi bộ nhận quyết định {d(received)} trước ngày quyết định {d(on)}.")


def received_on(decision: dict[str, Any]) -> dt.date:
    """The day the cell received a decision: as recorded, or else the decision's own date."""
    return to_date(details_of(decision).get("received_on")) or milestone_date(decision)


def decision_received(record: PersonRecord) -> dt.date | None:
    decision = record.latest("admission_decision")
    return None if decision is None else received_on(decision)


def ceremony(out: Collector, on: dt.date, values: dict[str, Any], calendar: WorkCalendar) -> None:
    record = out.record
    decision = record.latest("admission_decision")
    if decision is None:
        out.block("CEREMONY-DEADLINE", "Chưa có quyết định kết nạp đảng viên (9-KNĐ).")
        return
    if on < milestone_date(decision):
        out.block(
            "CEREMONY-DEADLINE", f"Ngày lễ kết nạp {d(on)} trước ngày quyết định kết nạp {d(milestone_date(decision))}."
        )
        return
    details = values.get("details") or {}
    if not details.get("upper_consent_ref"):
        deadline_check(
            out,
            "CEREMONY-DEADLINE",
            "Lễ kết nạp",
            received_on(decision),
            on,
            int(out.rules["ceremony_deadline_working_days"]),
            0,
            calendar,
            extended=False,
        )
    if not record.links_with_role("mentor") and not details.get("mentor_id"):
        out.warn("MENTOR", "Cần phân công đảng viên chính thức giúp đỡ đảng viên dự bị ngay tại lễ kết nạp.")


def mentor_findings(out: Collector) -> None:
    mentors = out.record.links_with_role("mentor")
    if not mentors:
        out.block("MENTOR", "Đảng viên dự bị chưa được phân công đảng viên chính thức giúp đỡ.")
        return
    mentor = mentors[-1]
    if mentor.get("member_status") != "official":
        out.block(
            "MENTOR",
            f"Đảng viên giúp đỡ {mentor.get('member_name')} không còn là đảng viên chính thức"
            " đang sinh hoạt; cần phân công người khác.",
        )


def failed_recognition_votes(record: PersonRecord) -> int:
    return sum(1 for m in record.all_of("recognition_meeting") if details_of(m).get("passed") is False)


def three_votes(out: Collector) -> None:
    failed = failed_recognition_votes(out.record)
    limit = int(out.rules["failed_votes_before_escalation"])
    if failed >= limit:
        out.warn(
            "THREE-VOTES",
            f"Chi bộ đã biểu quyết {failed} lần không đạt {fraction(out.rules)}"
            " về công nhận chính thức;"
            " phải báo cáo cấp ủy cấp trên trực tiếp xem xét, quyết định.",
        )


def recognition_meeting(out: Collector, on: dt.date, calendar: WorkCalendar) -> None:
    end = probation_end(out.record, out.rules)
    if end is None or out.record.person.get("status") != "probationary":
        out.block("RECOGNITION-WINDOW", "Người này không phải đảng viên dự bị (chưa có lễ kết nạp).")
        return
    if on <= end:
        out.block(
            "RECOGNITION-WINDOW",
            "Chi bộ chỉ xét công nhận chính thức sau khi hết"
            f" {out.rules['probation_months']} tháng dự bị"
            f" ({d(end)}); ngày họp {d(on)} là quá sớm.",
        )
    else:
        deadline_check(
            out,
            "RECOGNITION-WINDOW",
            "Chi bộ họp xét công nhận chính thức",
            end,
            on,
            int(out.rules["recognition_window_working_days"]),
            0,
            calendar,
            extended=False,
        )
    three_votes(out)


def recognition_decision(out: Collector, on: dt.date, values: dict[str, Any], calendar: WorkCalendar) -> None:
    record = out.record
    missing = [label for kind, label in RECOGNITION_PAPERS if record.latest(kind) is None]
    if missing:
        out.block("RECOGNITION-DOSSIER", "Hồ sơ công nhận đảng viên chính thức còn thiếu: " + ", ".join(missing) + ".")
    meeting = latest_passed(record, "recognition_meeting")
    if meeting is None:
        if record.latest("recognition_meeting") is not None:
            out.block(
                "CELL-VOTE", f"Nghị quyết chi bộ đề nghị công nhận đảng viên chính thức chưa đạt {fraction(out.rules)}."
            )
        return
    meeting_on = milestone_date(meeting)
    if on < meeting_on:
        out.block("RECOGNITION-DEADLINE", f"Ngày quyết định {d(on)} trước ngày chi bộ họp {d(meeting_on)}.")
        return
    upper_resolutions(out, "recognition_appraisal", "recognition_grassroots", "ra quyết định công nhận")
    details = values.get("details") or {}
    deadline_check(
        out,
        "RECOGNITION-DEADLINE",
        "Quyết định công nhận chính thức",
        meeting_on,
        on,
        int(out.rules["recognition_decision_working_days"]),
        int(out.rules["recognition_extension_working_days"]),
        calendar,
        extended=bool(details.get("extension_ref")),
    )
