"""Every dated obligation on a person's road, computed in one place (docs/domain.md §3: date
maths is a bug magnet, so the agenda, the person window and the checks all read this)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from commune_app import vn
from commune_app.domain.record import PersonRecord
from commune_app.rules.calendar import WorkCalendar
from commune_app.rules.checks_admission import document_validity
from commune_app.rules.checks_probation import decision_received
from commune_app.rules.common import (
    details_of,
    latest_passed,
    milestone_date,
    probation_end,
    strike_off_proposed,
    to_date,
)
from commune_app.rules.ruleset import RuleSet

ON_ROAD = ("source", "candidate")
_PASSING_DATES = {"PROBATION-END", "CEREMONY-DATE"}  # CEREMONY-DATE: a to-do, never late
# The milestones ``deadlines`` reads: a caller loading many people may load only these.
DEADLINE_KINDS = (
    "course_certificate",
    "background_certified",
    "youth_union_resolution",
    "trade_union_resolution",
    "opinions_summary",
    "cell_meeting",
    "admission_decision",
    "ceremony",
    "recognition_meeting",
    "recognition_decision",
)


@dataclass(frozen=True)
class Deadline:
    code: str  # the §7 rule it comes from: DECISION-DEADLINE, COURSE, AGE-MIN...
    label: str  # Vietnamese
    due: dt.date
    person_id: int
    overdue: bool


def adulthood_on(birth: dt.date, rules: RuleSet) -> dt.date:
    """The first meeting day at which the age rule (months, day ignored) is met."""
    return vn.add_months(birth.replace(day=1), int(rules["age_min_months"]))


def deadlines(record: PersonRecord, rules: RuleSet, calendar: WorkCalendar, today: dt.date) -> list[Deadline]:
    out: list[Deadline] = []

    def add(code: str, label: str, due: dt.date) -> None:
        # The end of probation is a date that passes, not an obligation that can be late: what
        # must be done after it is RECOGNITION-WINDOW.
        out.append(Deadline(code, label, due, record.id, due < today and code not in _PASSING_DATES))

    status = record.person.get("status")
    if status in ON_ROAD:
        meeting = latest_passed(record, "cell_meeting")
        if meeting is None:
            _before_meeting(record, rules, add, today)
        elif record.latest("admission_decision") is None:
            add(
                "DECISION-DEADLINE",
                f"Hạn ra quyết định kết nạp ({rules['decision_deadline_working_days']} ngày làm việc"
                " từ nghị quyết chi bộ)",
                calendar.add_working_days(milestone_date(meeting), int(rules["decision_deadline_working_days"])),
            )
    elif status == "probationary":
        if record.latest("ceremony") is None:
            received = decision_received(record)
            if received is not None:  # a member recorded without the decision has no date to count from
                add(
                    "CEREMONY-DEADLINE",
                    f"Hạn tổ chức lễ kết nạp ({rules['ceremony_deadline_working_days']} ngày làm việc"
                    " từ khi nhận quyết định)",
                    calendar.add_working_days(received, int(rules["ceremony_deadline_working_days"])),
                )
        elif (end := probation_end(record, rules)) is not None:
            ceremony = record.latest("ceremony") or {}
            estimated = bool(details_of(ceremony).get("estimated"))
            if estimated:
                # Imported from papers without the ceremony's date: the latest possible one stands in.
                add(
                    "CEREMONY-DATE",
                    "Cần ghi ngày lễ kết nạp thật (hồ sơ nhập từ giấy tờ chưa có;"
                    f" đang tạm tính ngày muộn nhất {vn.format_date(ceremony['date'])})",
                    min(today, to_date(ceremony["date"]) or today),
                )
            note = " (ước tính, theo ngày lễ kết nạp muộn nhất có thể)" if estimated else ""
            add("PROBATION-END", f"Hết {rules['probation_months']} tháng dự bị{note}", end)
            meeting = latest_passed(record, "recognition_meeting")
            if meeting is None and not strike_off_proposed(record):
                add(
                    "RECOGNITION-WINDOW",
                    f"Hạn chi bộ xét công nhận đảng viên chính thức ({rules['recognition_window_working_days']}"
                    f" ngày làm việc sau khi hết dự bị){note}",
                    calendar.add_working_days(end, int(rules["recognition_window_working_days"])),
                )
            elif meeting is not None and record.latest("recognition_decision") is None:
                add(
                    "RECOGNITION-DEADLINE",
                    f"Hạn ra quyết định công nhận chính thức ({rules['recognition_decision_working_days']}"
                    " ngày làm việc từ nghị quyết chi bộ)",
                    calendar.add_working_days(milestone_date(meeting), int(rules["recognition_decision_working_days"])),
                )
    return sorted(out, key=lambda x: (x.due, x.code))


def _before_meeting(
    record: PersonRecord, rules: RuleSet, add: Callable[[str, str, dt.date], None], today: dt.date
) -> None:
    birth = record.birth_date
    if birth is not None:
        adult = adulthood_on(birth, rules)
        if adult > today:
            add("AGE-MIN", f"Đủ {int(rules['age_min_months']) // 12} tuổi (tính theo tháng)", adult)
    cert = milestone_date(record.latest("course_certificate"))
    if cert is not None:
        months = int(rules["course_certificate_valid_months"])
        add(
            "COURSE",
            f"Giấy chứng nhận lớp nhận thức về Đảng hết hiệu lực ({months} tháng)",
            vn.add_months(cert, months),
        )
    certified = milestone_date(record.latest("background_certified"))
    if certified is not None:
        months = int(rules["lylich_valid_months"])
        add(
            "LYLICH-VALID",
            f"Lý lịch hết hiệu lực ({months} tháng từ ngày chứng nhận)",
            vn.add_months(certified, months),
        )
    for label, form, date, months in document_validity(record, rules):
        add("INTRO-VALID", f"{label} ({form}) hết hiệu lực ({months} tháng)", vn.add_months(date, months))
