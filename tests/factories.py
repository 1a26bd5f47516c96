"""Small builders for test data, through the same operations the program uses."""

from __future__ import annotations

from typing import Any

from commune_app.ops import people as people_ops
from commune_app.ops.context import Session
from commune_app.store import cells as cell_store


def make_cell(session: Session, name: str = "Chi bộ thôn Nà Lầu", **values: Any) -> int:
    with session.write() as audit:
        return cell_store.save(session.store, audit, {"name": name, **values})


def make_person(
    session: Session, full_name: str = "Nguyễn Văn An", *, cell_id: int | None = None, **values: Any
) -> int:
    data = {
        "full_name": full_name,
        "gender": "M",
        "birth_date": "2000-05-10",
        "ethnicity": "Kinh",
        "religion": "Không",
        **values,
    }
    return people_ops.create_person(session, data, cell_id=cell_id, allow_duplicate=True)
