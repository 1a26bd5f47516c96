"""Courses as data: the two kinds, the official programmes, grades and attendance marks.

The wording and numbers live in resources/courses/programmes.json (61-HD/BTGTW and 60-HD/BTGTW
programmes), so a new programme or a new grading scale is a data change, not a code change.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
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
    return json.loads(resource_path("courses", "programmes.json").read_text(encoding="utf-8"))


def programme(kind: str) -> Programme:
    raw = _data()["kinds"][kind]
    return Programme(kind=kind, label=raw["label"], title_caps=raw["title_caps"], milestone=raw["milestone"],
                     source=raw["source"], periods=int(raw["periods"]), days=int(raw["days"]),
                     parts=tuple(raw["sessions_per_day"]), topics=tuple(raw["topics"]))


def kinds() -> dict[str, str]:
    """Course kind code → Vietnamese label."""
    return {code: raw["label"] for code, raw in _data()["kinds"].items()}


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
    return _data()["marks"][mark]["label"]


def mark_roster_symbol(mark: str | None) -> str:
    """✓ / P / K as printed on the roster (E10)."""
    return _data()["marks"][mark]["roster"] if mark else ""


def organiser_suggestions() -> list[str]:
    return list(_data()["organiser_suggestions"])


def certificate_expiry(certificate_on: str | dt.date | None, valid_months: int) -> dt.date | None:
    if not certificate_on:
        return None
    day = dt.date.fromisoformat(certificate_on) if isinstance(certificate_on, str) else certificate_on
    return vn.add_months(day, valid_months)
