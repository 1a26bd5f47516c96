"""Courses as data: the two kinds, the official programmes, grades and attendance marks.

The wording and numbers live in resources/courses/programmes.json (61-HD/BTGTW and 60-HD/BTGTW
programmes), so a new programme or a new grading scale is a data change, not a code change.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from commune_app import vn
from commune_app.paths import resource_path

MARKS = ("P", "E", "U")  # có mặt, vắng có phép, vắng không phép
PARTS = ("Sáng", "Chiều", "Tối")
ENROLMENT_STATUS_LABELS = {"enrolled": "Đang học", "withdrawn": "Đã rút", "moved": "Đã chuyển lớp"}


@dataclass(frozen=True)
class Grade:
    code: str  # stored in enrolments.grade
    short: str  # for narrow roster columns
    min_score: float
    passed: bool


@dataclass(frozen=True)
class Programme:
    kind: str
    label: str
    title_caps: str
    milestone: str  # the road milestone a certificate of this kind becomes
    source: str
    periods: int
    days: int
    parts: tuple[str, ...]
    topics: tuple[str, ...]


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("courses", "programmes.json").read_text(encoding="utf-8"))
    return data


def programme(kind: str) -> Programme:
    raw = _data()["kinds"][kind]
    return Programme(
        kind=kind,
        label=raw["label"],
        title_caps=raw["title_caps"],
        milestone=raw["milestone"],
        source=raw["source"],
        periods=int(raw["periods"]),
        days=int(raw["days"]),
        parts=tuple(raw["sessions_per_day"]),
        topics=tuple(raw["topics"]),
    )


def kinds() -> dict[str, str]:
    """Course kind code → Vietnamese label."""
    return {code: raw["label"] for code, raw in _data()["kinds"].items()}


def own_name(name: str, kind_label: str, intake: str = "") -> str:
    """The class's name when it says more than its kind and intake, else ''
    ('Lớp bồi dưỡng nhận thức về Đảng khóa III năm 2026' beside 'Khóa III năm 2026' says nothing more)."""

    def words(text: str) -> list[str]:
        return re.sub(r"[^\w]+", " ", vn.fold(text)).split()

    name = vn.nfc(name).strip()
    plain = words(name)
    return "" if plain in (words(kind_label), words(f"{kind_label} {intake}")) else name


def grades() -> tuple[Grade, ...]:
    """Best first."""
    return tuple(Grade(g["code"], g["short"], float(g["min_score"]), bool(g["passed"])) for g in _data()["grades"])


def grade_by_code(code: str) -> Grade | None:
    return next((g for g in grades() if g.code == code), None)


def default_pass_score() -> float:
    return min(g.min_score for g in grades() if g.passed)


def grade_for_score(score: float, pass_score: float | None = None) -> Grade:
    """The grade a score earns; below the pass score is always the failing grade."""
    floor = default_pass_score() if pass_score is None else pass_score
    failing = next(g for g in grades() if not g.passed)
    if score < floor:
        return failing
    for g in grades():
        if g.passed and score >= g.min_score:
            return g
    return next(g for g in reversed(grades()) if g.passed)


def mark_label(mark: str) -> str:
    return str(_data()["marks"][mark]["label"])


def mark_roster_symbol(mark: str | None, *, pdf: bool = False) -> str:
    """✓ / P / K as printed on the Excel roster (E10); √ / P / K in PDFs (the serif fonts lack ✓)."""
    return _data()["marks"][mark]["roster_pdf" if pdf else "roster"] if mark else ""


def marks_legend(*, pdf: bool = False) -> str:
    """'✓: có mặt; P: vắng có phép; K: vắng không phép'."""
    return "; ".join(f"{mark_roster_symbol(m, pdf=pdf)}: {mark_label(m).lower()}" for m in MARKS)


def organiser_suggestions() -> list[str]:
    return list(_data()["organiser_suggestions"])


def certificate_expiry(certificate_on: str | dt.date | None, valid_months: int) -> dt.date | None:
    if not certificate_on:
        return None
    day = dt.date.fromisoformat(certificate_on) if isinstance(certificate_on, str) else certificate_on
    return vn.add_months(day, valid_months)


# --- roster cells shared by the Excel roster and the PDF lists -----------------------------------


def birth_cells(birth_date: str | None, gender: str, year_only: bool = False) -> tuple[str, str]:
    """(Nam, Nữ): the birth date goes in the column of the person's sex (reports-and-format §4.4)."""
    shown = ""
    if birth_date:
        shown = birth_date[:4] if year_only else vn.format_date(birth_date)
    return (shown, "") if gender == "M" else ("", shown)


def occupation_text(person: dict[str, Any]) -> str:
    """'Nghề nghiệp, nơi công tác/học tập' in one cell."""
    parts = [vn.nfc(person.get(k)) for k in ("occupation", "position", "workplace")]
    return ", ".join(p for p in parts if p)


# --- what the grid and the indicator show (built by commune_app.ops.courses) -----------------------


@dataclass
class SessionColumn:
    session_id: int
    seq: int
    date: str
    part: str
    topic: str
    present: int = 0
    excused: int = 0
    unexcused: int = 0
    unmarked: int = 0

    @property
    def heading(self) -> str:
        return f"Buổi {self.seq}"


@dataclass
class GridRow:
    enrolment_id: int
    person_id: int
    full_name: str
    family_middle: str
    given_name: str
    gender: str
    birth_date: str | None
    birth_year_only: bool
    cell_id: int | None
    cell_name: str
    person: dict[str, Any]  # ethnicity, religion, education, occupation... for the roster
    marks: list[str | None]  # aligned with CourseGrid.sessions
    present: int = 0
    excused: int = 0
    unexcused: int = 0
    unmarked: int = 0
    rate: float | None = None  # present / sessions held (those with any mark); None before any
    under_threshold: bool = False
    score: float | None = None
    grade: str = ""
    passed: bool | None = None  # None: no result yet
    certificate_no: str = ""
    certificate_on: str | None = None
    certificate_issuer: str = ""
    expires_on: str | None = None

    @property
    def absent(self) -> int:
        return self.excused + self.unexcused

    @property
    def eligible(self) -> bool:
        """Đủ điều kiện cấp giấy chứng nhận: a passing result and enough attendance."""
        return bool(self.passed) and not self.under_threshold


@dataclass
class CourseGrid:
    course: dict[str, Any]
    sessions: list[SessionColumn]
    rows: list[GridRow]
    left: list[dict[str, Any]] = field(default_factory=list)  # withdrawn or moved, with reasons
    threshold: float = 0.8
    held: int = 0  # sessions with at least one mark

    def row_index(self, enrolment_id: int) -> int:
        return next(i for i, r in enumerate(self.rows) if r.enrolment_id == enrolment_id)


def course_target(course_target: int | None, admission_target: int | None, multiplier: float) -> int:
    """The people a cell should send to the awareness course in a year: its own course target when
    the clerk set one, otherwise multiplier × its admission target (in-file setting course_multiplier)."""
    return int(course_target or 0) or round(multiplier * int(admission_target or 0))


@dataclass
class IndicatorRow:
    cell_id: int | None
    cell_name: str
    attended: int
    target: int
    percent: float | None  # None when there is no target


@dataclass
class CourseIndicator:
    year: int
    multiplier: float
    rows: list[IndicatorRow]
    total: IndicatorRow
