"""Counting people against the row conditions written in the label files.

A row of a statistical form says what it counts as data, e.g. ``{"gender": "F"}`` or
``{"age": [31, 35]}``; every condition of a row must hold. Rows keep the set of people they
counted, so a failed check can name the records behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from commune_app import vn
from commune_app.domain import codes
from commune_app.errors import FileRefused
from commune_app.store.stats import PersonFacts

COLLEGE_OR_ABOVE = ("Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ")
STUDENT_OCCUPATIONS = ("pupil", "university_student")


def education_band(value: str) -> str | None:
    """The form's general-education row for a stored level (the highest completed)."""
    if vn.fold(value or "").startswith("biet doc"):
        return "literate"
    grade = codes.general_education_grade(value)
    if grade is None:
        return None
    if grade >= 12:
        return "upper_secondary"
    if grade >= 9:
        return "lower_secondary"
    if grade >= 5:
        return "primary"
    return "literate"


def age_on(person: PersonFacts, day: dt.date) -> int | None:
    """Age in whole years counted by month (the party's rule), or None without a birth date."""
    born = person.birth_date
    return None if born is None else vn.months_between(born, day) // 12


def is_retired(person: PersonFacts) -> bool:
    return bool(person["retired"]) or person["occupation_category"] == "retired"


def _test(name: str, person: PersonFacts, at: dt.date) -> bool:
    if name == "ethnic_minority":
        return codes.is_ethnic_minority(person["ethnicity"])
    if name == "religious":
        return codes.is_religious(person["religion"])
    if name == "probationary":
        return not person.official_on(at)
    if name == "retired":
        return is_retired(person)
    if name == "working":
        return not is_retired(person)
    if name == "student":
        return person["occupation_category"] in STUDENT_OCCUPATIONS
    if name == "college":
        return person["professional_level"] in COLLEGE_OR_ABOVE
    raise FileRefused(f"Tệp nhãn báo cáo dùng điều kiện “{name}” mà chương trình không biết.")


def matches(person: PersonFacts, condition: dict[str, Any], at: dt.date) -> bool:
    """Whether a person satisfies every part of a row's condition, on the reference day."""
    for key, wanted in condition.items():
        if key == "gender":
            ok = person["gender"] == wanted
        elif key == "flag":
            ok = bool(person[wanted])
        elif key == "test":
            ok = _test(wanted, person, at)
        elif key == "occupation":
            ok = (person["occupation_category"] or "") in wanted
        elif key == "age":
            age = age_on(person, at)
            low, high = wanted
            ok = age is not None and age >= low and (high is None or age <= high)
        elif key == "education":
            ok = education_band(person["education_general"]) == wanted
        elif key == "professional":
            ok = person["professional_level"] in wanted
        elif key == "theory":
            ok = person["political_theory"] in wanted
        elif key == "title":
            ok = person["academic_title"] in wanted
        elif key == "admitted":
            day = person.admitted_on
            low, high = (dt.date.fromisoformat(v) if v else None for v in wanted)
            ok = day is not None and (low is None or day >= low) and (high is None or day <= high)
        else:
            raise FileRefused(f"Tệp nhãn báo cáo có điều kiện “{key}” mà chương trình không biết.")
        if not ok:
            return False
    return True


@dataclass
class Counted:
    """A row's figure and, when it counts people, who they are."""

    value: float | int | None
    ids: frozenset[int] | None = None


def evaluate(rows: list[dict[str, Any]], population: Iterable[PersonFacts],
             at: Callable[[PersonFacts], dt.date], figures: dict[str, Counted] | None = None) -> dict[str, Counted]:
    """The figure of every row of a label file over a population of people."""
    people = list(population)
    figures = figures or {}
    out: dict[str, Counted] = {}
    for spec in rows:
        key = spec["key"]
        if "count" in spec:
            ids = frozenset(p.id for p in people if matches(p, spec["count"], at(p)))
            out[key] = Counted(len(ids), ids)
        elif "figure" in spec:
            out[key] = figures.get(spec["figure"], Counted(None))
        elif spec.get("measure") == "average_age":
            ages = [a for a in (age_on(p, at(p)) for p in people) if a is not None]
            out[key] = Counted(round(sum(ages) / len(ages), 1) if ages else None)
        else:
            out[key] = Counted(None)
    for spec in reversed(rows):  # rows that only add up their children ('B = 1+2+3'), deepest first
        if "sum" in spec and out[spec["key"]].value is None:
            parts = [out[k] for k in spec["sum"]]
            ids = frozenset().union(*(p.ids for p in parts)) if all(p.ids is not None for p in parts) else None
            out[spec["key"]] = Counted(sum(p.value or 0 for p in parts), ids)
    return out


def percent(part: float | int | None, base: float | int | None) -> float | None:
    """part*100/base, blank when the base is 0 or unknown (the forms' rule)."""
    if part is None or not base:
        return None
    return round(part * 100 / base, 2)
