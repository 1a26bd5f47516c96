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


def _feature(name: str, person: PersonFacts, at: dt.date) -> Any:
    """The value of one attribute a row condition looks at, for one person on the reference day."""
    if name == "gender":
        return person["gender"]
    if name.startswith("flag:"):
        return bool(person[name[5:]])
    if name.startswith("test:"):
        return _test(name[5:], person, at)
    if name == "occupation":
        return person["occupation_category"] or ""
    if name == "age":
        return age_on(person, at)
    if name == "education":
        return education_band(person["education_general"])
    if name == "professional":
        return person["professional_level"]
    if name == "theory":
        return person["political_theory"]
    if name == "title":
        return person["academic_title"]
    if name == "admitted":
        return person.admitted_on
    raise AssertionError(name)


def _condition(key: str, wanted: Any) -> tuple[str, frozenset[Any] | Callable[[Any], bool]]:
    """A row condition as (attribute, the values it accepts or a test of the value)."""
    if key == "gender":
        return "gender", frozenset([wanted])
    if key in ("flag", "test"):
        return f"{key}:{wanted}", frozenset([True])
    if key in ("occupation", "professional", "theory", "title"):
        return key, frozenset(wanted)
    if key == "education":
        return key, frozenset([wanted])
    if key == "age":
        low, high = wanted
        return key, lambda age: age is not None and age >= low and (high is None or age <= high)
    if key == "admitted":
        low, high = (dt.date.fromisoformat(v) if v else None for v in wanted)
        return key, lambda day: day is not None and (low is None or day >= low) and (high is None or day <= high)
    raise FileRefused(f"Tệp nhãn báo cáo có điều kiện “{key}” mà chương trình không biết.")


@dataclass
class Counted:
    """A row's figure and, when it counts people, who they are."""

    value: float | int | None
    ids: frozenset[int] | None = None


def evaluate(rows: list[dict[str, Any]], population: Iterable[PersonFacts],
             at: Callable[[PersonFacts], dt.date], figures: dict[str, Counted] | None = None) -> dict[str, Counted]:
    """The figure of every row of a label file over a population of people."""
    people = list(population)
    days = [at(p) for p in people]
    figures = figures or {}
    columns: dict[str, list[Any]] = {}

    def column(name: str) -> list[Any]:
        """One attribute for everyone, worked out once per report (100,000 people, 60 rows)."""
        if name not in columns:
            columns[name] = [_feature(name, p, d) for p, d in zip(people, days)]
        return columns[name]

    out: dict[str, Counted] = {}
    for spec in rows:
        key = spec["key"]
        if "count" in spec:
            chosen: Iterable[int] = range(len(people))
            for condition_key, wanted in spec["count"].items():
                name, accepts = _condition(condition_key, wanted)
                values = column(name)
                if isinstance(accepts, frozenset):
                    chosen = [i for i in chosen if values[i] in accepts]
                else:
                    chosen = [i for i in chosen if accepts(values[i])]
            ids = frozenset(people[i].id for i in chosen)
            out[key] = Counted(len(ids), ids)
        elif "figure" in spec:
            out[key] = figures.get(spec["figure"], Counted(None))
        elif spec.get("measure") == "average_age":
            ages = [a for a in column("age") if a is not None]
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
