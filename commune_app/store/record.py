"""Load everything the rules and the documents need about one person, in one go."""

from __future__ import annotations

from commune_app.domain.record import PersonRecord
from commune_app.store import cells, people, road
from commune_app.store.db import Store


def load(store: Store, person_id: int, *, include_deleted: bool = False) -> PersonRecord | None:
    person = people.get(store, person_id, include_deleted=include_deleted)
    if person is None:
        return None
    cell = cells.get(store, person["cell_id"]) if person["cell_id"] else None
    return PersonRecord(
        person=person,
        milestones=people.milestones_of(store, person_id),
        links=road.links_of(store, person_id),
        relatives=road.relatives_of(store, person_id),
        cell=cell,
        assignments=cells.assignments_of(store, person_id),
    )
