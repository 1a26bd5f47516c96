"""What a cell changed since its package was made, and how that meets what the commune changed.

The return package holds only the people the cell added or changed (their identity, the fields
it changed, the steps it added) and each changed field's value when the package was made (the
base). At the commune, the merge preview compares with today's records; a field the commune
also changed since (today's value is not the base) is a conflict, shown and never overwritten;
a difference the cell did not make (the commune's own later edit) is no change at all.
"""

from __future__ import annotations

from typing import Any

from commune_app import vn
from commune_app.importing.merge import FIELDS, MergePreview

IDENTITY = ("full_name", "birth_date", "cccd", "gender")


def _same(a: Any, b: Any) -> bool:
    return (a in (None, "") and b in (None, "")) or a == b


def base_rows(tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """What the cell file keeps of its package, to tell later what the cell changed."""
    return {
        "people": {str(p["id"]): {k: p.get(k) for k in FIELDS} for p in tables.get("people", [])},
        "milestones": [m["id"] for m in tables.get("milestones", [])],
        "links": [link["id"] for link in tables.get("links", [])],
    }


def since(base: dict[str, Any], now: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(tables, base values) of a return package: the people added or changed, the steps and the
    introducers or mentors assigned since (links; a change to an earlier link stays in the cell)."""
    people_then: dict[str, dict[str, Any]] = base["people"]
    steps_then = set(base["milestones"])
    new_steps: dict[int, list[dict[str, Any]]] = {}
    for step in now.get("milestones", []):
        if step["id"] not in steps_then and not step.get("withdrawn_at"):
            new_steps.setdefault(step["person_id"], []).append(step)
    people, milestones, then_values = [], [], {}
    for person in now.get("people", []):
        before = people_then.get(str(person["id"]))
        if before is None:
            row = person
        else:
            changed = [k for k in FIELDS if not _same(person.get(k), before.get(k))]
            if not changed and person["id"] not in new_steps:
                continue
            row = {
                "id": person["id"],
                "cell_id": person["cell_id"],
                **{k: person.get(k) for k in (*IDENTITY, *changed)},
            }
            then_values[str(person["id"])] = {k: before.get(k) for k in changed}
        people.append(row)
        milestones += new_steps.get(person["id"], [])
    living = {str(p["id"]) for p in now.get("people", [])}
    removed = [{"id": int(k), "full_name": v.get("full_name")} for k, v in people_then.items() if k not in living]
    links_then = set(base.get("links", []))
    links = [link for link in now.get("links", []) if link["id"] not in links_then and not link.get("withdrawn_at")]
    return (
        {"cells": now.get("cells", []), "people": people, "milestones": milestones, "links": links},
        {"people": then_values, "removed": removed, "known": sorted(int(k) for k in people_then)},
    )


def reconcile(preview: MergePreview, base: dict[str, Any]) -> None:
    """Keep of each matched record only the cell's own changes; those the commune changed too are conflicts."""
    then_values: dict[str, dict[str, Any]] = base.get("people", {})
    for record in preview.records:
        then = then_values.get(record.key.partition(":")[2])
        if record.status != "changed" or then is None:
            continue
        kept = []
        for change in record.changes:
            if change.field == "milestone":
                kept.append(change)
            elif change.field in then:
                here = record.snapshot.get(change.field)
                if _same(here, then[change.field]):
                    kept.append(change)
                else:
                    record.reasons.append(
                        f"{change.label}: chi bộ sửa thành “{change.new}”, nhưng đảng ủy đã sửa "
                        f"thành “{change.old}” sau khi gửi gói"
                    )
            else:  # the commune's own later edit, or a move to another cell: not the cell's change
                record.values.pop(change.field, None)
                if change.field == "cell":
                    record.cell_name, record.cell_id = "", record.snapshot.get("cell_id")
        record.changes = kept
        if record.reasons:
            record.status = "conflict"
        elif not kept:
            record.status = "identical"


def removed_lines(base: dict[str, Any]) -> list[str]:
    return [
        f"{vn.nfc(r['full_name'])} (mã {r['id']}): chi bộ đã xóa khỏi gói; không xóa ở đảng ủy, hãy xem lại hồ sơ"
        for r in base.get("removed", [])
    ]
