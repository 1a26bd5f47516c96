"""What a committed write changed, as a value (Anki's OpChanges), for whoever shows the data.

Nobody announces a change by hand: every write is one transaction with its audit rows, and
the audit rows already say which entity changed and whose record it belongs to. The store
turns them into a ``Changes`` when the transaction commits and hands it to its listeners;
the window refreshes what the value names, whichever screen or thread made the change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

# audit entity → the part of the data it belongs to
_OF_A_PERSON = {"person", "milestone", "link", "relative", "document", "document_paper", "enrolment"}
_CELLS = {"cell", "cell_target", "org_award"}
_COURSES = {"course", "course_sessions", "enrolment", "attendance", "result"}
_SETTINGS = {"setting", "profile", "day_off", "counter"}
_ACCOUNTS = {"user", "login"}


@dataclass(frozen=True)
class Changes:
    people: frozenset[int] = field(default_factory=frozenset)  # whose record or road changed
    cells: bool = False
    courses: bool = False
    documents: bool = False
    accounts: bool = False
    settings: bool = False  # the file's profile, days off, this computer's settings
    everything: bool = False  # a restore, another file, an entity this map does not know

    def person(self, person_id: int | None) -> bool:
        """Whether ``person_id``'s record may have changed."""
        return self.everything or (person_id is not None and person_id in self.people)

    @property
    def any_people(self) -> bool:
        return self.everything or bool(self.people)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.people | other.people,
            self.cells or other.cells,
            self.courses or other.courses,
            self.documents or other.documents,
            self.accounts or other.accounts,
            self.settings or other.settings,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return bool(self.people) or any(
            (self.cells, self.courses, self.documents, self.accounts, self.settings, self.everything)
        )


EVERYTHING = Changes(everything=True)
SETTINGS = Changes(settings=True)


def from_audit(entries: Iterable[tuple[str, int | None, int | None]]) -> Changes:
    """The changes of one transaction from its audit rows: (entity, entity id, person id)."""
    people: set[int] = set()
    flags = {
        "cells": False,
        "courses": False,
        "documents": False,
        "accounts": False,
        "settings": False,
        "everything": False,
    }
    for entity, entity_id, person_id in entries:
        known = False
        if entity in _OF_A_PERSON:
            known = True
            owner = entity_id if entity == "person" and person_id is None else person_id
            if owner is not None:
                people.add(owner)
            else:
                flags["everything"] = True  # a change of someone the row does not name
        for name, kinds in (("cells", _CELLS), ("courses", _COURSES), ("settings", _SETTINGS), ("accounts", _ACCOUNTS)):
            if entity in kinds:
                known = True
                flags[name] = True
        if entity in ("document", "document_paper"):
            flags["documents"] = True
        if not known:
            flags["everything"] = True
    return Changes(frozenset(people), **flags)
