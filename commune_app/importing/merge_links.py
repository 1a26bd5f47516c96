"""The introducers, helpers and mentors of an incoming file (a JSON exchange file, or what a cell
assigned since its package was made), placed in this file.

A link names two people by their ids in the incoming file. People matched by the merge have their
id here; a person the merge creates is found through its merge record (a new person gets an id
only when written, so the link waits for it); in a cell's package, the people it was sent keep the
commune's ids (``known``). A link is left out, with the reason shown, when one of its people is
not merged or the same assignment is already here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from commune_app.importing.merge import LinkPlan, MergePreview, MergeRecord
from commune_app.store.road import ROLE_LABELS


def plan(
    links: list[dict[str, Any]],
    preview: MergePreview,
    known: set[int],
    names: dict[int, str],
    exists: Callable[[int], bool],
    already: Callable[[int, int, str, str | None], bool],
) -> list[LinkPlan]:
    """Where each incoming link goes; ``names``: the incoming file's names by id; ``exists``: a person
    here by id; ``already``: the same (person, member, role, assigned on) is recorded here. A link
    already here is no change and is left out of the plan, as an identical person is."""
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
            continue
        text = (
            f"Phân công {ROLE_LABELS.get(link['role'], link['role'])} {names.get(link['member_id'], '')} cho "
            f"{names.get(link['person_id'], '')}"
        )
        out.append(LinkPlan(dict(link), person, member, text, "; ".join(reasons)))
    return out
