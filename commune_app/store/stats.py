"""Counting queries shared by the window's figures and the reports, so both always agree.

Every figure is counted from person-level rows: the admission decision date and the cell a
person belonged to on that date come from milestones and cell_assignments. The reports load
each person once as ``PersonFacts`` (attributes, membership events, cell history) and count
from those; the window's quick counts below use the same definitions in SQL.
"""

from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from commune_app.progress import Progress
from commune_app.store import awards as award_store
from commune_app.store.db import Store

# The cell a person belonged to on a given day: the assignment covering that day; before the
# first recorded assignment (history starts when the person was entered), the first one;
# without any, the current cell. ``PersonFacts.cell_on`` is the same rule in Python.
_CELL_ON = (
    "COALESCE((SELECT a.cell_id FROM cell_assignments a WHERE a.person_id = p.id AND a.from_date <= {day}"
    " AND (a.to_date IS NULL OR a.to_date > {day}) ORDER BY a.from_date DESC, a.id DESC LIMIT 1),"
    " (SELECT a.cell_id FROM cell_assignments a WHERE a.person_id = p.id AND a.from_date > {day}"
    " ORDER BY a.from_date, a.id LIMIT 1), p.cell_id)"
)


def admissions_by_cell(store: Store, start: dt.date, end: dt.date) -> dict[int | None, int]:
    """People whose admission decision (9-KNĐ) is dated within [start, end], by their cell then."""
    sql = (
        f"SELECT {_CELL_ON.format(day='p.admitted_on')} AS cell_id, count(*) FROM people p"
        " WHERE p.deleted_at IS NULL AND p.admitted_on BETWEEN ? AND ? GROUP BY 1"
    )
    return {row[0]: row[1] for row in store.conn.execute(sql, [start.isoformat(), end.isoformat()])}


def course_learners(store: Store, start: dt.date, end: dt.date) -> dict[int, int | None]:
    """People who learnt the party-awareness course within [start, end], with their cell then:
    a course certificate recorded on the person and dated in the window, or a result (score,
    grade or certificate) in an awareness course that ended in the window. An enrolment without a
    result is not a learner who finished. Each person counts once (the certificate first)."""
    sql = (
        f"SELECT m.person_id, {_CELL_ON.format(day='m.date')} FROM milestones m JOIN people p ON p.id = m.person_id"
        " WHERE m.kind = 'course_certificate' AND m.withdrawn_at IS NULL AND p.deleted_at IS NULL"
        " AND m.date BETWEEN :start AND :end"
        " UNION ALL"
        f" SELECT e.person_id, COALESCE(e.cell_id, {_CELL_ON.format(day='c.end_date')}) FROM enrolments e"
        " JOIN courses c ON c.id = e.course_id JOIN people p ON p.id = e.person_id"
        " WHERE c.kind = 'awareness' AND c.deleted_at IS NULL AND e.status = 'enrolled' AND p.deleted_at IS NULL"
        " AND c.end_date BETWEEN :start AND :end"
        " AND (e.score IS NOT NULL OR e.grade <> '' OR e.certificate_on IS NOT NULL)"
    )
    learners: dict[int, int | None] = {}
    for person_id, cell_id in store.conn.execute(sql, {"start": start.isoformat(), "end": end.isoformat()}):
        learners.setdefault(person_id, cell_id)
    return learners


def set_no_masses(store: Store, audit: Any, cell_id: int, year: int, no_masses: bool) -> None:
    """Mark (or unmark) a cell's unit as having no one left outside the party at the end of ``year``."""
    before = store.one("SELECT * FROM cell_targets WHERE cell_id = ? AND year = ?", [cell_id, year])
    store.conn.execute(
        "INSERT INTO cell_targets (cell_id, year, no_masses) VALUES (?, ?, ?)"
        " ON CONFLICT(cell_id, year) DO UPDATE SET no_masses = excluded.no_masses",
        [cell_id, year, int(no_masses)],
    )
    audit.record(
        "update",
        "cell_target",
        cell_id,
        summary=f"Không còn quần chúng năm {year}",
        before=before,
        after={"no_masses": int(no_masses)},
    )


def events_in_window(store: Store, kind: str, start: dt.date, end: dt.date) -> list[tuple[int, dict[str, Any]]]:
    """(person, details) of each milestone of a kind (``PERIOD_KINDS``) dated within [start, end],
    not withdrawn, of a person not deleted: what ``load_facts`` would keep of them."""
    after_end = (end + dt.timedelta(days=1)).isoformat()  # a stored date may carry a time after the day
    return [
        (person_id, json.loads(details) if details and details != "{}" else {})
        for person_id, details in store.conn.execute(
            "SELECT m.person_id, m.details FROM milestones m JOIN people p ON p.id = m.person_id"
            " WHERE m.kind = ? AND m.date >= ? AND m.date < ? AND m.withdrawn_at IS NULL AND p.deleted_at IS NULL",
            [kind, start.isoformat(), after_end],
        )
    ]


def people_count(store: Store) -> int:
    """Everyone in the file (not deleted): the scale a benchmark row is measured at."""
    return int(store.scalar("SELECT count(*) FROM people WHERE deleted_at IS NULL") or 0)


def targets_for_year(store: Store, year: int) -> dict[int, int]:
    return {
        row[0]: row[1]
        for row in store.conn.execute("SELECT cell_id, admission_target FROM cell_targets WHERE year = ?", [year])
    }


# --- person-level facts for the reports ------------------------------------------------------

# Events that put a person into the committee's list of members, or take them out of it.
# A temporary transfer keeps the member in the list (Biểu 1-BTCTW counts official moves only).
JOIN_KINDS = ("admission_decision", "transfer_in", "restoration")
LEAVE_KINDS = ("death", "removal", "transfer_out")
EVENT_KINDS = (
    *JOIN_KINDS,
    *LEAVE_KINDS,
    "recognition_decision",
    "application",
    "background_declared",
    "background_certified",
    "youth_union_handover",
)
# The steps of the road that the reports read only for people on the road (their dossier in
# progress): a province's members carry 95,000 of them from before their admission.
ROAD_KINDS = ("application", "background_declared", "background_certified")
# Kinds that only 7-BTCTW counts, one period at a time: read per period (``events_in_window``,
# through the (kind, date) index) rather than loaded with the facts (105,000 in a province).
PERIOD_KINDS = ("award", "party_badge", "party_card")
MEMBER_STATUSES = ("probationary", "official")

_PERSON_FIELDS = (
    *("id", "full_name", "sort_key", "gender", "birth_date", "ethnicity", "religion", "youth_union"),
    *("occupation_category", "education_general", "professional_level", "political_theory", "academic_title"),
    *("private_business_owner", "foreign_marriage", "family_planning_violation", "readmission", "retired"),
    *("exempt_from_activities", "status", "admitted_on", "ceremony_on", "official_on", "certificate_on"),
    *("cell_id", "occupation", "birth_year_only", "stage"),
)
_PERSON_COLUMNS = ", ".join(_PERSON_FIELDS)
# Where each field is in a person's row: a plain tuple read by position (a province's reports read
# a field about two million times; sqlite3.Row finds a name by comparing it with every column's).
FIELD = {name: i for i, name in enumerate(_PERSON_FIELDS)}
_ID, _BIRTH, _ADMITTED, _CERTIFICATE = FIELD["id"], FIELD["birth_date"], FIELD["admitted_on"], FIELD["certificate_on"]
_OFFICIAL, _STATUS, _CELL = FIELD["official_on"], FIELD["status"], FIELD["cell_id"]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


# The loaded kinds whose details a report reads (1-BTCTW, 7-BTCTW): the others' are not fetched.
_DETAILED_KINDS = ("transfer_in", "transfer_out", "removal")
_NO_DETAILS: dict[str, Any] = {}


class Event:
    """A dated milestone as the reports read it (a plain class: there are a million of them).

    ``details`` may be given as the stored JSON text: it is parsed the first time a report reads
    it, so the 150,000 recognitions and badges of a province whose details no form of the period
    looks at are never parsed.
    """

    __slots__ = ("_details", "date", "doc_number", "joins", "kind", "leaves", "milestone_id")

    def __init__(
        self, milestone_id: int, kind: str, date: dt.date, doc_number: str, details: dict[str, Any] | str
    ) -> None:
        self.milestone_id, self.kind, self.date, self.doc_number = milestone_id, kind, date, doc_number
        self._details = details
        # A transfer that changes the list is official; temporary ones do not change it.
        self.joins = kind in JOIN_KINDS and (kind != "transfer_in" or self.official_move)
        self.leaves = kind in LEAVE_KINDS and (kind != "transfer_out" or self.official_move)

    @property
    def details(self) -> dict[str, Any]:
        if isinstance(self._details, str):
            parsed: dict[str, Any] = json.loads(self._details)
            self._details = parsed
            return parsed
        return self._details

    @property
    def official_move(self) -> bool:
        return bool(self.details.get("transfer_kind", "official") == "official")

    def __repr__(self) -> str:
        return f"Event({self.kind}, {self.date})"


def official_by(since: dt.date | None, day: dt.date) -> bool:
    """An official member on that day, for a first official day ``since`` (None: not yet)."""
    return since is not None and since <= day


class PersonFacts:
    """One person as the reports see them: attributes, dated events and cell history."""

    __slots__ = (
        "_listed",
        "_moves",
        "_official",
        "admitted_on",
        "assignments",
        "birth_date",
        "certificate_on",
        "events",
        "id",
        "row",
    )

    def __init__(self, row: tuple[Any, ...]) -> None:
        self.row = row  # the fields of ``_PERSON_FIELDS``, in that order (``FIELD``)
        self.events: list[Event] = []
        self._listed: list[Event] = []  # the events that join or leave the list, as added
        self.assignments: list[tuple[dt.date, dt.date | None, int, int]] = []
        self._moves: list[Event] | None = None
        self._official: tuple[dt.date | None] | None = None  # the day they became official, worked out once
        self.id: int = row[_ID]
        self.birth_date = _date(row[_BIRTH])
        self.admitted_on = _date(row[_ADMITTED])
        self.certificate_on = _date(row[_CERTIFICATE])

    def __getitem__(self, key: str) -> Any:
        return self.row[FIELD[key]]

    def add(self, event: Event) -> None:
        """One more event, in date order."""
        self.events.append(event)
        if event.joins or event.leaves:
            self._listed.append(event)

    def official_since(self) -> dt.date | None:
        """The day they became an official member: the first recognition decision, or without one
        the stored official date (members imported from earlier papers)."""
        if self._official is None:
            decided = [e.date for e in self.events if e.kind == "recognition_decision"]
            self._official = (min(decided) if decided else _date(self.row[_OFFICIAL]),)
        return self._official[0]

    def official_on(self, by: dt.date) -> bool:
        """Recognised as an official member by that day (``official_since``)."""
        return official_by(self.official_since(), by)

    def cell_on(self, day: dt.date) -> int | None:
        """The cell on that day, by the rule of ``_CELL_ON``."""
        if len(self.assignments) == 1:  # most people: one cell since they were entered
            start, end, cell, _aid = self.assignments[0]
            if (start <= day and (end is None or end > day)) or start > day:
                return cell
            current: int | None = self.row[_CELL]
            return current
        covering = [
            (start, aid, cell)
            for start, end, cell, aid in self.assignments
            if start <= day and (end is None or end > day)
        ]
        if covering:
            return max(covering)[2]
        later = [(start, aid, cell) for start, _, cell, aid in self.assignments if start > day]
        return min(later)[2] if later else self.row[_CELL]

    def membership_events(self) -> list[Event]:
        """Joins and leaves in date order; members imported without any get a join 'long ago'.

        Worked out once: the facts do not change while a report is being made.
        """
        if self._moves is None:
            self._moves = self._membership_events()
        return self._moves

    def _membership_events(self) -> list[Event]:
        moves = self._listed
        if len(moves) == 1 and moves[0].joins:  # most people: admitted (or moved in) once, still here
            return moves
        moves = list(moves)
        if not any(e.joins for e in moves):
            since = _date(self.row[_ADMITTED]) or _date(self.row[_OFFICIAL])
            # A removal or a transfer only happens to members; a death may be a candidate's.
            party_leaves = any(e.kind in ("removal", "transfer_out") for e in moves)
            if since is None and (self.row[_STATUS] in MEMBER_STATUSES or party_leaves):
                since = dt.date.min
            if since is not None:
                moves.insert(0, Event(0, "admission_decision", since, "", {"synthetic": True}))
        return sorted(moves, key=lambda e: (e.date, 0 if e.joins else 1, e.milestone_id))

    def in_list_on(self, day: dt.date) -> bool:
        """In the committee's list of members at the end of that day."""
        inside = False
        for event in self.membership_events():
            if event.date > day:
                break
            inside = event.joins
        return inside


@dataclass
class Facts:
    """Everyone the reports count, loaded once per export."""

    people: dict[int, PersonFacts]
    cells: list[dict[str, Any]]
    cell_names: dict[int, str]
    targets: dict[int, dict[int, int]]  # year → cell → admission target
    no_masses: dict[int, set[int]]  # year → cells whose unit had no one left outside the party
    probation_ends: dict[int, dt.date] = field(default_factory=dict)  # PROBATION-END stored with the ceremony
    org_awards: list[dict[str, Any]] = field(default_factory=list)  # organisations' awards not withdrawn
    # ROAD_KINDS are loaded only for people not admitted by this day: no one else can be on the road
    # on it or after it (None: for everyone).
    road_from: dt.date | None = None

    by_kind: dict[str, list[tuple[PersonFacts, Event]]] = field(default_factory=dict)  # in date order

    def __post_init__(self) -> None:
        self._members: dict[dt.date, list[PersonFacts]] = {}
        self._member_cells: dict[dt.date, list[int | None]] = {}
        self._joined_once: list[dt.date | None] | None = None
        self._member_ids: dict[dt.date, set[int]] = {}
        self._columns: dict[str, list[Any]] = {}
        self._days: dict[str, list[dt.date]] = {}  # the dates of ``by_kind``, for bisection
        self._moves: tuple[list[dt.date], list[PersonFacts]] | None = None  # joins and leaves by date
        self._positions: dict[int, int] | None = None
        self._admissions: tuple[list[dt.date], list[int], list[int]] | None = None
        self._everyone: list[PersonFacts] | None = None

    def positions(self) -> dict[int, int]:
        """Each person's place in ``people`` (and in every ``column``)."""
        if self._positions is None:
            self._positions = {pid: i for i, pid in enumerate(self.people)}
        return self._positions

    def admitted_between(self, start: dt.date | None, end: dt.date | None) -> list[PersonFacts]:
        """People whose admission decision is dated within [start, end] (``None``: open), in
        ``people`` order: found by bisection in the admission days indexed once, not by a pass over
        a province's 150,000 for each of the dozen periods the forms ask about."""
        days, where, _never = self._admission_index()
        low = 0 if start is None else bisect_left(days, start)
        high = len(days) if end is None else bisect_right(days, end)
        return self._at_positions(where[low:high])

    def not_admitted_by(self, day: dt.date) -> list[PersonFacts]:
        """People without an admission decision dated on or before that day, in ``people`` order."""
        days, where, never = self._admission_index()
        return self._at_positions(never + where[bisect_right(days, day) :])

    def _admission_index(self) -> tuple[list[dt.date], list[int], list[int]]:
        """(admission days in order, the position of each, the positions of people never admitted)."""
        if self._admissions is None:
            admitted = [p.admitted_on for p in self.everyone()]
            never = [i for i, day in enumerate(admitted) if day is None]
            dated = {i: day for i, day in enumerate(admitted) if day is not None}
            # Sorted by day, ties in people order (a stable sort): faster than sorting (day, i) pairs.
            where = sorted(dated, key=dated.__getitem__)
            self._admissions = ([dated[i] for i in where], where, never)
        return self._admissions

    def _at_positions(self, positions: list[int]) -> list[PersonFacts]:
        everyone = self.everyone()
        return [everyone[i] for i in sorted(positions)]

    def everyone(self) -> list[PersonFacts]:
        """``people``'s values as a list, made once."""
        if self._everyone is None:
            self._everyone = list(self.people.values())
        return self._everyone

    def column(self, name: str, read: Callable[[list[PersonFacts]], list[Any]]) -> list[Any]:
        """One attribute of everyone, in ``people`` order, read once per export: the forms of
        this period and of last year count the same attributes of mostly the same people."""
        if name not in self._columns:
            self._columns[name] = read(self.everyone())
        return self._columns[name]

    def events_between(self, kind: str, start: dt.date, end: dt.date) -> list[tuple[PersonFacts, Event]]:
        """The (person, event) pairs of one kind dated within [start, end], in date order: found by
        bisection in the list indexed while loading, not by a pass over a province's 150,000."""
        found = self.by_kind.get(kind, [])
        if kind not in self._days:
            self._days[kind] = [event.date for _, event in found]
        days = self._days[kind]
        return found[bisect_left(days, start) : bisect_right(days, end)]

    def moving_between(self, start: dt.date, end: dt.date) -> list[PersonFacts]:
        """Everyone with a join or a leave of the list (``membership_events``) dated within
        [start, end]: the only people whose place in the list can change in that window.
        Indexed once by date, so a period's 1-BTCTW looks at a few thousand people, not all."""
        if self._moves is None:
            pairs = [(e.date, p) for p in self.everyone() for e in p.membership_events()]
            pairs.sort(key=itemgetter(0))  # stable: people order within a day, as (day, position)
            self._moves = ([day for day, _ in pairs], [p for _, p in pairs])
        days, movers = self._moves
        found = movers[bisect_left(days, start) : bisect_right(days, end)]
        return list({p.id: p for p in found}.values())

    def members_on(self, day: dt.date) -> list[PersonFacts]:
        """Everyone in the list of members at the end of that day (worked out once per day)."""
        if day not in self._members:
            if self._joined_once is None:
                # Most people joined the list once and never left: in it from that day on.
                self._joined_once = [
                    moves[0].date if len(moves := p.membership_events()) == 1 and moves[0].joins else None
                    for p in self.people.values()
                ]
            self._members[day] = [
                p
                for p, since in zip(self.people.values(), self._joined_once, strict=True)
                if (since <= day if since is not None else p.in_list_on(day))
            ]
        return self._members[day]

    def member_cells_on(self, day: dt.date) -> list[int | None]:
        """The cell of each of ``members_on(day)`` on that day, in that order: worked out once per
        day, as E7, 2-BTCTW and 5-BTCTW all place a province's 150,000 members in their cells."""
        if day not in self._member_cells:
            self._member_cells[day] = [p.cell_on(day) for p in self.members_on(day)]
        return self._member_cells[day]

    def member_ids_on(self, day: dt.date) -> set[int]:
        if day not in self._member_ids:
            self._member_ids[day] = {p.id for p in self.members_on(day)}
        return self._member_ids[day]


def load_facts(store: Store, progress: Progress | None = None, road_from: dt.date | None = None) -> Facts:
    """Load every (not deleted) person with their report events and cell history; the steps of the
    road (``ROAD_KINDS``) only of people who may be on the road on ``road_from`` or later."""
    progress = progress or Progress()
    progress(0, 4, "Đọc danh sách người")
    people: dict[int, PersonFacts] = {}
    cursor = store.conn.cursor()
    cursor.row_factory = None  # plain tuples (``FIELD``), whatever the connection's factory
    # NOT INDEXED: the table in its own order rather than each row looked up from the name index
    # (province: 15% faster); the lists sort by name themselves, ties in the same (id) order.
    for row in cursor.execute(f"SELECT {_PERSON_COLUMNS} FROM people NOT INDEXED WHERE deleted_at IS NULL"):
        people[row[_ID]] = PersonFacts(row)
    progress(1, 4, "Đọc các mốc kết nạp, chuyển sinh hoạt")
    by_kind: dict[str, list[tuple[PersonFacts, Event]]] = {kind: [] for kind in EVENT_KINDS}
    days: dict[str, dt.date] = {}  # a province's half a million events fall on a few thousand days
    marks = ", ".join("?" for _ in EVENT_KINDS)
    detailed = ", ".join("?" for _ in _DETAILED_KINDS)
    road: tuple[str, ...] = ()
    later_only = ""
    if road_from is not None:  # one look-up in the few thousand people not admitted by then
        road = (*ROAD_KINDS, road_from.isoformat())
        later_only = (
            f" AND (kind NOT IN ({', '.join('?' for _ in ROAD_KINDS)}) OR person_id IN"
            " (SELECT id FROM people WHERE coalesce(admitted_on, '') = '' OR substr(admitted_on, 1, 10) > ?))"
        )
    # Only the kinds whose details the reports read bring them (as text, parsed when read); only
    # admissions their number (E9's decision column), the others' Event.doc_number is "".
    # NOT INDEXED: half the table is wanted, and reading it in order is faster than half a million
    # look-ups through the (kind, date) index (province: 2.2 s instead of 3.6 s).
    for pid, mid, kind, day, doc, details in store.conn.execute(
        f"SELECT person_id, id, kind, date, CASE WHEN kind = 'admission_decision' THEN doc_number END,"
        f" CASE WHEN kind IN ({detailed}) AND details <> '{{}}' THEN details END FROM milestones NOT INDEXED"
        f" WHERE withdrawn_at IS NULL AND kind IN ({marks}){later_only} ORDER BY date, id",
        (*_DETAILED_KINDS, *EVENT_KINDS, *road),
    ):
        person = people.get(pid)
        if person is not None and day:
            date = days.get(day)
            if date is None:
                date = days[day] = dt.date.fromisoformat(day[:10])
            event = Event(mid, kind, date, doc or "", details or _NO_DETAILS)
            if kind == "recognition_decision" and person._official is None:
                person._official = (date,)  # the first decision, in date order: what official_on looks for
            person.add(event)
            by_kind[kind].append((person, event))  # the query's order: date, then id
    by_kind = {kind: found for kind, found in by_kind.items() if found}
    progress(2, 4, "Đọc lịch sử sinh hoạt chi bộ")
    for aid, pid, cell_id, start, end in store.conn.execute(
        "SELECT id, person_id, cell_id, from_date, to_date FROM cell_assignments"
    ):
        person = people.get(pid)
        if person is not None:
            since = days.get(start)  # from_date NOT NULL
            if since is None:
                since = days[start] = dt.date.fromisoformat(start[:10])
            person.assignments.append((since, _date(end), cell_id, aid))
    progress(3, 4, "Đọc chi bộ, chỉ tiêu")
    cells = store.query(
        "SELECT id, name, kind, routing, parent_org, display_order, active FROM cells ORDER BY display_order, sort_key"
    )
    targets: dict[int, dict[int, int]] = {}
    no_masses: dict[int, set[int]] = {}
    for cell_id, year, target, none_left in store.conn.execute(
        "SELECT cell_id, year, admission_target, no_masses FROM cell_targets"
    ):
        targets.setdefault(year, {})[cell_id] = target
        if none_left:
            no_masses.setdefault(year, set()).add(cell_id)
    progress(4, 4, "Đã đọc xong dữ liệu")
    # The ceremony date is the person's ceremony_on; only the few ceremonies that store their own
    # probation end are read (a JSON look-up in SQLite instead of 150,000 details in Python; read
    # in table order, as the events above: 0.3 s instead of 0.8 s for a province).
    probation_ends = {
        pid: dt.date.fromisoformat(day[:10])
        for pid, day in store.conn.execute(
            "SELECT person_id, json_extract(details, '$.probation_end') FROM milestones NOT INDEXED"
            " WHERE kind = 'ceremony'"
            " AND withdrawn_at IS NULL AND json_extract(details, '$.probation_end') IS NOT NULL ORDER BY date, id"
        )
    }
    return Facts(
        people=people,
        cells=cells,
        cell_names={c["id"]: c["name"] for c in cells},
        targets=targets,
        no_masses=no_masses,
        probation_ends=probation_ends,
        by_kind=by_kind,
        org_awards=award_store.all_live(store),
        road_from=road_from,
    )
