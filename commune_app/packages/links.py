"""The introducers and mentors a cell assigned since its package was made, placed at the commune.

A link names two people by their ids in the cell's file. People who were in the package keep
their commune ids; a person the cell added is found through the merge preview's record of them
(a new person gets an id only when written, so the link waits for it). A link is left out, with
the reason shown, when one of its people is not merged or the same assignment is already there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from commune_app.importing.merge import MergePreview, MergeRecord
from commune_app.store.road import ROLE_LABELS


@dataclass
class LinkPlan:
    values: dict[str, Any]  # the link's columns, ids still the cell's
    person: int | str  # the commune's id, or the merge record's key of a person it creates
    member: int | str
    text: str
    reason: str = ""


def plan(
    links: list[dict[str, Any]],
    preview: MergePreview,
    known: set[int],
    names: dict[int, str],
    exists: Callable[[int], bool],
    already: Callable[[int, int, str, str | None], bool],
) -> list[LinkPlan]:
    """Where each new link goes; ``names``: the cell file's names by id; ``exists``: a commune person
    by id; ``already``: the same (person, member, role, assigned on) is recorded at the commune."""
    records: dict[str, MergeRecord] = {r.key: r for r in preview.records}
    out = []
    for link in links:
        ends: list[int | str] = []
        reasons = []
        for cell_id in (link["person_id"], link["member_id"]):
            record = records.get(f"person:{cell_id}")
            if record is not None and record.status == "new":
                ends.append(record.key)
            elif record is not None and record.person_id is not None and record.status != "conflict":
                ends.append(record.person_id)
            elif cell_id in known and exists(cell_id) and (record is None or record.status != "conflict"):
                ends.append(cell_id)
            else:
                ends.append(cell_id)
                reasons.append(f"{names.get(cell_id, cell_id)} không được gộp")
        person, member = ends
        if (
            not reasons
            and isinstance(person, int)
            and isinstance(member, int)
            and already(person, member, link["role"], link.get("assigned_on"))
        ):
            reasons.append("đã có ở đảng ủy")
        text = (
            f"Phân công {ROLE_LABELS.get(link['role'], link['role'])} {names.get(link['member_id'], '')} cho "
            f"{names.get(link['person_id'], '')}"
        )
        out.append(LinkPlan(dict(link), person, member, text, "; ".join(reasons)))
    return out
