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
from commune_app.store.stats import FIELD, Facts, PersonFacts, official_by

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
    return None if born is None else (day_number(day) - day_number(born)) // 10000


def day_number(day: dt.date) -> int:
    """20250301 for 01/03/2025: the difference of two, floor-divided by 10,000, is ``age_on``'s age
    (the month and day part of the difference is below 10,000 either way)."""
    return day.year * 10000 + day.month * 100 + day.day


_minority = lru_cache(maxsize=256)(codes.is_ethnic_minority)
_religious = lru_cache(maxsize=256)(codes.is_religious)


# Readers of one attribute for a whole list of people, one list per attribute: a comprehension
# per attribute instead of a call per person (a province's stock is 150,000 people, 35 attributes).
PersonColumn = Callable[[list[PersonFacts]], list[Any]]


def _field(name: str) -> PersonColumn:
    at = FIELD[name]
    return lambda people: [p.row[at] for p in people]


def _through(name: str, read: Callable[[Any], Any]) -> PersonColumn:
    at = FIELD[name]
    return lambda people: [read(p.row[at]) for p in people]


_RETIRED, _OCCUPATION = FIELD["retired"], FIELD["occupation_category"]
_TESTS: dict[str, PersonColumn] = {
    "ethnic_minority": _through("ethnicity", _minority),
    "religious": _through("religion", _religious),
    "retired": lambda people: [bool(p.row[_RETIRED]) or p.row[_OCCUPATION] == "retired" for p in people],
    "working": lambda people: [not p.row[_RETIRED] and p.row[_OCCUPATION] != "retired" for p in people],
    "student": _through("occupation_category", STUDENT_OCCUPATIONS.__contains__),
    "college": _through("professional_level", COLLEGE_OR_ABOVE.__contains__),
}
# What the attributes that depend on the reference day are worked out from, read once per
# person; and how: ``age_on`` with day numbers, ``official_on`` with its first day.
_DAILY_BASES: dict[str, tuple[str, PersonColumn]] = {
    "age": ("birth_number", lambda people: [day_number(p.birth_date) if p.birth_date else None for p in people]),
    "test:probationary": ("official_since", lambda people: [p.official_since() for p in people]),
}


def _daily_values(name: str, bases: list[Any], days: list[dt.date]) -> list[Any]:
    if name == "age":
        if len(set(days)) == 1:  # the stock on one day: the same number for everyone
            today = day_number(days[0])
            return [(today - born) // 10000 if born is not None else None for born in bases]
        return [(day_number(d) - b) // 10000 if b is not None else None for b, d in zip(bases, days, strict=True)]
    # probationary: not yet official on the day
    return [not official_by(since, d) for since, d in zip(bases, days, strict=True)]


_FIELDS = {
    "gender": "gender",
    "professional": "professional_level",
    "theory": "political_theory",
    "title": "academic_title",
}


def _person_reader(name: str) -> PersonColumn | None:
    """How to read an attribute that does not depend on the day; None for one that does."""
    if name in _FIELDS:
        return _field(_FIELDS[name])
    if name.startswith("flag:"):
        if name[5:] not in FIELD:
            raise FileRefused(f"Tệp nhãn báo cáo dùng trường “{name[5:]}” mà chương trình không biết.")
        return _through(name[5:], bool)
    if name.startswith("test:"):
        if name in _DAILY_BASES:
            return None
        if name[5:] not in _TESTS:
            raise FileRefused(f"Tệp nhãn báo cáo dùng điều kiện “{name[5:]}” mà chương trình không biết.")
        return _TESTS[name[5:]]
    if name == "occupation":
        return lambda people: [p.row[_OCCUPATION] or "" for p in people]
    if name == "education":
        return _through("education_general", education_band)
    if name == "admitted":
        return lambda people: [p.admitted_on for p in people]
    if name == "age":
        return None
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
                base, read_base = _DAILY_BASES[name]
                columns[name] = _daily_values(name, person_column(base, read_base), days)
            else:
                columns[name] = person_column(name, read)
        return columns[name]

    def person_column(name: str, read: PersonColumn) -> list[Any]:
        return list(pick(facts.column(name, read))) if shared else read(people)

    person_ids = [p.id for p in people]
    tallies: dict[tuple[str, ...], Counter] = {}

    def tally(names: tuple[str, ...]) -> Counter:
        """How many people share each combination of these attributes (counted once, in C)."""
        if names not in tallies:
            if len(names) == 1 and names[0].startswith(("flag:", "test:")):  # yes or no: summed in C
                yes = sum(column(names[0]))
                tallies[names] = Counter({(True,): yes, (False,): len(people) - yes})
            elif len(names) == 1:  # counting the values themselves, without a tuple per person
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
