"""Data for the hostile cases: a small file with named people, made by the tests themselves."""

from __future__ import annotations

from commune_app.ops.context import Session
from tests.factories import make_cell, make_person

NAME = "Lương Hồng Lan"


def fill(session: Session, people: int = 3) -> int:
    cell = make_cell(session)
    make_person(session, NAME, cell_id=cell, gender="F", cccd="020300001234", residence="Thôn Nà Lầu")
    for index in range(1, people):
        make_person(session, f"Nông Văn {'ABCDEGHIKLMNOPQRSTUVXY'[index % 22]}ức", cell_id=cell)
    return cell
