"""Counting people against the row conditions written in the label files.

A row of a statistical form says what it counts as data, e.g. ``{"gender": "F"}`` or
``{"age": [31, 35]}``; every condition of a row must hold. Rows keep the set of people they
counted, so a failed check can name the records behind it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from operator import itemgetter
from typing import Any

from commune_app import vn
from commune_app.domain import codes
from commune_app.errors import FileRefused
from commune_app.store.stats import Facts, PersonFacts

COLLEGE_OR_ABOVE = ("Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ")
STUDENT_OCCUPATIONS = ("pupil", "university_student")
# A population of more than a quarter of the file reads its attributes from the file-wide columns.
SHARED_SHARE = 4


@lru_cache(maxsize=256)
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
    """Age in whole years on that day, the birthday itself counted (docs/reports.md; born on 29/02:
    a year older on 01/03 of a common year), or None without a birth date."""
    born = person.birth_date
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


_minority = lru_cache(maxsize=256)(codes.is_ethnic_minority)
_religious = lru_cache(maxsize=256)(codes.is_religious)


# Readers of one attribute for a whole list of people, one list per attribute: a comprehension
# per attribute instead of a call per person (a province's stock is 150,000 people, 35 attributes).
PersonColumn = Callable[[list[PersonFacts]], list[Any]]
DailyColumn = Callable[[list[PersonFacts], list[dt.date]], list[Any]]

_TESTS: dict[str, PersonColumn] = {
    "ethnic_minority": lambda people: [_minority(p.row["ethnicity"]) for p in people],
    "religious": lambda people: [_religious(p.row["religion"]) for p in people],
    "retired": lambda people: [bool(p.row["retired"]) or p.row["occupation_category"] == "retired" for p in people],
    "working": lambda people: [not p.row["retired"] and p.row["occupation_category"] != "retired" for p in people],
    "student": lambda people: [p.row["occupation_category"] in STUDENT_OCCUPATIONS for p in people],
    "college": lambda people: [p.row["professional_level"] in COLLEGE_OR_ABOVE for p in people],
}
# The tests that depend on the reference day.
_DAILY_TESTS: dict[str, DailyColumn] = {
    "probationary": lambda people, days: [not p.official_on(d) for p, d in zip(people, days, strict=True)],
}


_FIELDS = {
    "gender": "gender",
    "professional": "professional_level",
    "theory": "political_theory",
    "title": "academic_title",
}


def _person_reader(name: str) -> PersonColumn | None:
    """How to read an attribute that does not depend on the day; None for one that does."""
    if name in _FIELDS:
        field = _FIELDS[name]
        return lambda people: [p.row[field] for p in people]
    if name.startswith("flag:"):
        flag = name[5:]
        return lambda people: [bool(p.row[flag]) for p in people]
    if name.startswith("test:"):
        if name[5:] in _DAILY_TESTS:
            return None
        if name[5:] not in _TESTS:
            raise FileRefused(f"Tệp nhãn báo cáo dùng điều kiện “{name[5:]}” mà chương trình không biết.")
        return _TESTS[name[5:]]
    if name == "occupation":
        return lambda people: [p.row["occupation_category"] or "" for p in people]
    if name == "education":
        return lambda people: [education_band(p.row["education_general"]) for p in people]
    if name == "admitted":
        return lambda people: [p.admitted_on for p in people]
    if name == "age":
        return None
    raise AssertionError(name)


def _daily_reader(name: str) -> DailyColumn:
    """How to read an attribute on each person's reference day (their age, probation)."""
    if name == "age":
        return lambda people, days: [age_on(p, d) for p, d in zip(people, days, strict=True)]
    return _DAILY_TESTS[name[5:]]


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
        return key, frozenset(range(low, (high if high is not None else 150) + 1))
    if key == "admitted":
        low, high = (dt.date.fromisoformat(v) if v else None for v in wanted)
        return key, lambda day: day is not None and (low is None or day >= low) and (high is None or day <= high)
    raise FileRefused(f"Tệp nhãn báo cáo có điều kiện “{key}” mà chương trình không biết.")


class Counted:
    """A row's figure and, when it counts people, who they are.

    The set of people is made only when a failed check needs to name them: building it for
    every row of every form would double the time of a province-sized report.
    """

    __slots__ = ("_ids", "_make_ids", "value")

    def __init__(
        self,
        value: float | int | None,
        ids: frozenset[int] | None = None,
        make_ids: Callable[[], Iterable[int]] | None = None,
    ) -> None:
        self.value = value
        self._ids = ids
        self._make_ids = make_ids

    @property
    def ids(self) -> frozenset[int] | None:
        if self._ids is None and self._make_ids is not None:
            self._ids = frozenset(self._make_ids())
        return self._ids

    def __repr__(self) -> str:
        return f"Counted({self.value})"


def evaluate(
    facts: Facts,
    rows: list[dict[str, Any]],
    population: Iterable[PersonFacts],
    at: Callable[[PersonFacts], dt.date],
    figures: dict[str, Counted] | None = None,
) -> dict[str, Counted]:
    """The figure of every row of a label file over a population of people (from ``facts``)."""
    people = list(population)
    days = [at(p) for p in people]
    figures = figures or {}
    columns: dict[str, list[Any]] = {}
    # A large population (the stock of members) takes its attributes out of columns of everyone,
    # read once per export and picked in C; a small one (a period's admissions) reads its own.
    shared = len(people) * SHARED_SHARE > len(facts.people)
    positions = facts.positions() if shared else {}
    where = [positions[p.id] for p in people] if shared else []
    pick = itemgetter(*where) if len(where) > 1 else lambda everyone: [everyone[i] for i in where]

    def column(name: str) -> list[Any]:
        """One attribute for everyone, worked out once per report (100,000 people, 60 rows)."""
        if name not in columns:
            read = _person_reader(name)
            if read is None:
                columns[name] = _daily_reader(name)(people, days)
            elif shared:
                columns[name] = list(pick(facts.column(name, read)))
            else:
                columns[name] = read(people)
        return columns[name]

    person_ids = [p.id for p in people]
    tallies: dict[tuple[str, ...], Counter] = {}

    def tally(names: tuple[str, ...]) -> Counter:
        """How many people share each combination of these attributes (counted once, in C)."""
        if names not in tallies:
            if len(names) == 1:  # counting the values themselves, without a tuple per person
                tallies[names] = Counter({(value,): n for value, n in Counter(column(names[0])).items()})
            else:
                tallies[names] = Counter(zip(*(column(n) for n in names), strict=True))
        return tallies[names]

    def accepted(conditions: list[tuple[str, Any]], combo: tuple[Any, ...]) -> bool:
        return all(
            value in accepts if isinstance(accepts, frozenset) else accepts(value)
            for (_name, accepts), value in zip(conditions, combo, strict=True)
        )

    def who(conditions: list[tuple[str, Any]]) -> Callable[[], Iterable[int]]:
        """The people behind a figure, found only when a failed check has to name them."""

        def find() -> Iterable[int]:
            values = [column(name) for name, _ in conditions]
            return (person_ids[i] for i in range(len(people)) if accepted(conditions, tuple(v[i] for v in values)))

        return find

    out: dict[str, Counted] = {}
    for spec in rows:
        key = spec["key"]
        if "count" in spec:
            # A row counts the combinations of attribute values it accepts: a few hundred
            # combinations instead of a pass over every person for every row.
            conditions = [_condition(k, wanted) for k, wanted in spec["count"].items()]
            counts = tally(tuple(name for name, _ in conditions))
            if not conditions:
                value = len(people)
            elif len(conditions) == 1:  # most rows: one attribute, tested without the general loop
                accepts = conditions[0][1]
                if isinstance(accepts, frozenset):
                    value = sum(n for (one,), n in counts.items() if one in accepts)
                else:
                    value = sum(n for (one,), n in counts.items() if accepts(one))
            else:
                value = sum(n for combo, n in counts.items() if accepted(conditions, combo))
            out[key] = Counted(value, make_ids=who(conditions))
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
            out[spec["key"]] = Counted(
                sum(p.value or 0 for p in parts),
                make_ids=lambda parts=parts: frozenset().union(*(p.ids or () for p in parts)),
            )
    return out


def percent(part: float | int | None, base: float | int | None) -> float | None:
    """part*100/base, blank when the base is 0 or unknown (the forms' rule)."""
    if part is None or not base:
        return None
    return round(part * 100 / base, 2)
