"""Every committed write tells its listeners what it changed, from its own audit rows."""

from __future__ import annotations

import pytest

from commune_app import changes as ch
from commune_app.ops import cells as cell_ops
from commune_app.ops import people as people_ops
from tests.factories import make_cell, make_person


@pytest.fixture
def heard(session):
    told: list[ch.Changes] = []
    session.store.listeners.append(told.append)
    return told


def test_a_person_created_and_updated_is_named(session, heard):
    person = make_person(session, "Nguyễn Văn An")
    assert heard and all(c.person(person) for c in heard)
    heard.clear()
    people_ops.update_person(session, person, {"phone": "0912345678"})
    assert heard == [ch.Changes(people=frozenset({person}))]


def test_a_cell_change_says_cells(session, heard):
    cell = make_cell(session, "Chi bộ thôn Nà Lầu")
    heard.clear()
    cell_ops.save_cell(session, {"name": "Chi bộ thôn Nà Lầu 2"}, cell)
    assert heard and heard[-1].cells and not heard[-1].people


def test_nested_writes_are_told_once_and_a_rollback_not_at_all(session, heard):
    with session.write() as outer:
        outer.record("update", "cell", 1)
        with session.write() as inner:
            inner.record("update", "person", 7)
        assert heard == []  # not committed yet
    assert heard == [ch.Changes(people=frozenset({7}), cells=True)]
    heard.clear()
    with pytest.raises(RuntimeError), session.write() as failing:
        failing.record("update", "person", 8)
        raise RuntimeError("mất điện")
    with session.write() as after:
        after.record("update", "person", 9)
    assert heard == [ch.Changes(people=frozenset({9}))]


@pytest.mark.parametrize(
    "entries,expected",
    [
        ([("milestone", 4, 12)], ch.Changes(people=frozenset({12}))),
        ([("document", 1, 12)], ch.Changes(people=frozenset({12}), documents=True)),
        ([("enrolment", 3, 5)], ch.Changes(people=frozenset({5}), courses=True)),
        ([("user", 2, None)], ch.Changes(accounts=True)),
        ([("profile", None, None), ("day_off", 1, None)], ch.Changes(settings=True)),
        ([("import", None, None)], ch.EVERYTHING),
        ([("milestone", 4, None)], ch.EVERYTHING),
    ],
)
def test_audit_entities_map_to_what_changed(entries, expected):
    assert ch.from_audit(entries) == expected
