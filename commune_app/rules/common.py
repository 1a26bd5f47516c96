"""Small pieces every check shares: building findings, reading dates, the votes rule.

Checks receive a ``PersonRecord`` and plain values; they never touch the file, so the
window, the command line and the tests all get the same answers from the same data.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, overload

from commune_app import vn
from commune_app.domain.record import PersonRecord
from commune_app.rules.findings import BLOCKING, WARNING, Finding
from commune_app.rules.ruleset import RuleSet


class Collector:
    """Accumulates the findings of one check run for one person."""

    def __init__(self, record: PersonRecord, rules: RuleSet) -> None:
        self.record = record
        self.rules = rules
        self.findings: list[Finding] = []

    def block(self, code: str, message: str) -> None:
        self.add(code, BLOCKING, message)

    def warn(self, code: str, message: str) -> None:
        self.add(code, WARNING, message)

    def add(self, code: str, severity: str, message: str) -> None:
        self.findings.append(
            Finding(
                code=code, severity=severity, person_id=self.record.id, message=message, source=self.rules.source(code)
            )
        )


def to_date(value: Any) -> dt.date | None:
    """A date from a date, an ISO string or a dd/mm/yyyy string; None for nothing."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return vn.parse_date(text)


def d(value: dt.date | str | None) -> str:
    """dd/mm/yyyy for messages."""
    return vn.format_date(value) if value else "(chưa ghi)"


@overload
def milestone_date(milestone: dict[str, Any]) -> dt.date: ...
@overload
def milestone_date(milestone: dict[str, Any] | None) -> dt.date | None: ...
def milestone_date(milestone: dict[str, Any] | None) -> dt.date | None:
    """A step's date (milestones.date is NOT NULL), or None for no step."""
    if not milestone:
        return None
    day = to_date(milestone["date"])
    if day is None:
        raise ValueError(f"milestone {milestone.get('id')} has no date")
    return day


def details_of(milestone: dict[str, Any] | None) -> dict[str, Any]:
    return (milestone or {}).get("details") or {}


def passed(milestone: dict[str, Any] | None) -> bool:
    """A meeting or resolution that exists, did not fail its vote and moves the road forward
    (a recognition meeting proposing to strike the member off does not)."""
    details = details_of(milestone)
    return milestone is not None and details.get("passed", True) is not False and details.get("outcome") != "strike_off"


def strike_off_proposed(record: PersonRecord) -> bool:
    """The cell voted (2/3) to propose striking the probationary member off instead of recognising them."""
    meeting = record.latest("recognition_meeting")
    details = details_of(meeting)
    return meeting is not None and details.get("outcome") == "strike_off" and details.get("passed") is not False


def latest_passed(record: PersonRecord, kind: str) -> dict[str, Any] | None:
    found = [m for m in record.all_of(kind) if passed(m)]
    return found[-1] if found else None


def vote_threshold(official_total: int, rules: RuleSet) -> int:
    """Votes needed: ceil(2/3 × official members), fractions from the rule set."""
    numerator = int(rules["vote_fraction_numerator"])
    denominator = int(rules["vote_fraction_denominator"])
    return math.ceil(numerator * int(official_total) / denominator)


def fraction(rules: RuleSet) -> str:
    """'2/3' as the rule set has it, for messages."""
    return f"{rules['vote_fraction_numerator']}/{rules['vote_fraction_denominator']}"


def vote_passes(votes_for: int, official_total: int, rules: RuleSet) -> bool:
    return int(official_total) > 0 and int(votes_for) >= vote_threshold(official_total, rules)


def percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 2) if whole else None


def as_int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def age_months(record: PersonRecord, on: dt.date) -> int | None:
    birth = record.birth_date
    return vn.months_between(birth, on) if birth else None


def probation_end(record: PersonRecord, rules: RuleSet) -> dt.date | None:
    """Ceremony + 12 months (PROBATION-END), from the stored value when the ceremony has one."""
    ceremony = record.latest("ceremony")
    held = to_date(ceremony["date"]) if ceremony is not None else None
    if ceremony is None or held is None:
        return None
    return probation_end_on(held, to_date(details_of(ceremony).get("probation_end")), int(rules["probation_months"]))


def probation_end_on(ceremony_on: dt.date, stored: dt.date | None, months: int) -> dt.date:
    """PROBATION-END from a ceremony date: the value stored with the ceremony, else ceremony + months
    (Điều lệ Đảng Điều 5: probation runs from the day of the ceremony). Shared by the reports."""
    return stored or vn.add_months(ceremony_on, months)


def needs_upper_resolutions(record: PersonRecord) -> tuple[bool, bool]:
    """(needs the đảng ủy bộ phận appraisal, needs the đảng ủy cơ sở resolution) by routing."""
    cell = record.cell or {}
    if cell.get("routing") == "chi_bo_truc_thuoc":
        return bool(cell.get("has_sub_committee")), True
    return False, False
