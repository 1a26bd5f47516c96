"""What a cell changed since its package was made, and how that meets what the commune changed.

The return package holds only the people the cell added or changed (their identity, the fields
it changed, the steps it added) and each changed field's value when the package was made (the
base). At the commune, the merge preview compares with today's records; a field the commune
also changed since (today's value is not the base) is a conflict, shown and never overwritten;
a difference the cell did not make (the commune's own later edit) is no change at all.
"""

from __future__ import annotations

import json
from typing import Any

from commune_app import vn
from commune_app.importing.merge import FIELDS, STEP_TEXTS, MergePreview, relative_field, step_field
from commune_app.store.road import RELATIVE_FIELDS

IDENTITY = ("full_name", "birth_date", "cccd", "gender")


def _same(a: Any, b: Any) -> bool:
    return (a in (None, "") and b in (None, "")) or a == b


def base_rows(tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """What the cell file keeps of its package, to tell later what the cell changed."""
    relatives: dict[str, list[dict[str, Any]]] = {str(p["id"]): [] for p in tables.get("people", [])}
    for row in tables.get("relatives", []):
        relatives.setdefault(str(row["person_id"]), []).append(_relative(row))
    return {
        "people": {str(p["id"]): {k: p.get(k) for k in FIELDS} for p in tables.get("people", [])},
        "milestones": [m["id"] for m in tables.get("milestones", [])],
        "steps": {str(m["id"]): _step(m) for m in tables.get("milestones", [])},
        "relatives": relatives,
        "links": [link["id"] for link in tables.get("links", [])],
        "targets": [_target(t) for t in tables.get("cell_targets", [])],
    }


def _step(row: dict[str, Any]) -> dict[str, Any]:
    details = row.get("details")
    return {
        "kind": row["kind"],
        "date": row["date"],
        **{k: row.get(k) or "" for k in STEP_TEXTS},
        "details": json.loads(details) if isinstance(details, str) else dict(details or {}),
    }


def _relative(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in RELATIVE_FIELDS}


def _target(row: dict[str, Any]) -> list[Any]:
    return [row["cell_id"], row["year"], row.get("admission_target"), row.get("course_target")]


def _edited_steps(base: dict[str, Any], now: dict[str, list[dict[str, Any]]]) -> dict[int, list[dict[str, Any]]]:
    """Steps that were in the package and that the cell has since filled in or corrected."""
    then: dict[str, dict[str, Any]] = base.get("steps", {})
    out: dict[int, list[dict[str, Any]]] = {}
    for step in now.get("milestones", []):
        before = then.get(str(step["id"]))
        if before is not None and not step.get("withdrawn_at") and _step(step) != before:
            out.setdefault(step["person_id"], []).append(step)
    return out


def _step_base(before: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    """The base value of each column the cell changed, under the merge's change field."""
    current = _step(now)
    return {
        step_field(before["kind"], before["date"], column): before[column]
        for column in (*STEP_TEXTS, "details")
        if current[column] != before[column]
    }


def _relatives_base(then: list[dict[str, Any]]) -> dict[str, Any]:
    """A relative's base values under the merge's change fields ("…:new" for one not there then)."""
    out: dict[str, Any] = {}
    for row in then:
        out.update({relative_field(row, column): row.get(column) for column in RELATIVE_FIELDS})
    return out


def since(base: dict[str, Any], now: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(tables, base values) of a return package: the people added or changed, the steps added or
    filled in, the relatives changed, the introducers or mentors assigned since (links; a change to
    an earlier link stays in the cell) and the yearly targets changed."""
    people_then: dict[str, dict[str, Any]] = base["people"]
    steps_then = set(base["milestones"])
    new_steps: dict[int, list[dict[str, Any]]] = {}
    for step in now.get("milestones", []):
        if step["id"] not in steps_then and not step.get("withdrawn_at"):
            new_steps.setdefault(step["person_id"], []).append(step)
    edited = _edited_steps(base, now)
    relatives_now: dict[int, list[dict[str, Any]]] = {}
    for row in now.get("relatives", []):
        relatives_now.setdefault(row["person_id"], []).append(row)
    relatives_then: dict[str, list[dict[str, Any]]] | None = base.get("relatives")  # None: an older package
    people, milestones, relatives, then_values = [], [], [], {}
    for person in now.get("people", []):
        before = people_then.get(str(person["id"]))
        own_relatives = relatives_now.get(person["id"], [])
        relatives_changed = relatives_then is not None and sorted(
            (_relative(r) for r in own_relatives), key=str
        ) != sorted(relatives_then.get(str(person["id"]), []), key=str)
        if before is None:
            row = person
            relatives += own_relatives
        else:
            changed = [k for k in FIELDS if not _same(person.get(k), before.get(k))]
            if not (changed or person["id"] in new_steps or person["id"] in edited or relatives_changed):
                continue
            row = {
                "id": person["id"],
                "cell_id": person["cell_id"],
                **{k: person.get(k) for k in (*IDENTITY, *changed)},
            }
            then = {k: before.get(k) for k in changed}
            for step in edited.get(person["id"], []):
                then.update(_step_base(base["steps"][str(step["id"])], step))
            if relatives_changed and relatives_then is not None:
                then.update(_relatives_base(relatives_then.get(str(person["id"]), [])))
                relatives += own_relatives
            then_values[str(person["id"])] = then
        people.append(row)
        milestones += new_steps.get(person["id"], []) + edited.get(person["id"], [])
    living = {str(p["id"]) for p in now.get("people", [])}
    removed = [{"id": int(k), "full_name": v.get("full_name")} for k, v in people_then.items() if k not in living]
    links_then = set(base.get("links", []))
    links = [link for link in now.get("links", []) if link["id"] not in links_then and not link.get("withdrawn_at")]
    targets_then = base.get("targets", [])
    targets = [t for t in now.get("cell_targets", []) if _target(t) not in targets_then]
    return (
        {
            "cells": now.get("cells", []),
            "people": people,
            "milestones": milestones,
            "relatives": relatives,
            "links": links,
            "cell_targets": targets,
        },
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
            if change.field == "milestone" or (change.field.startswith("relative:") and change.field.endswith(":new")):
                kept.append(change)  # added by the cell: nothing at the commune to disagree with
            elif change.field in then:
                here = (
                    record.snapshot[change.field] if change.field in record.snapshot else record.here.get(change.field)
                )
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
        fields = {change.field for change in kept}
        record.corrections = {k: v for k, v in record.corrections.items() if k in fields}
        record.relatives = {k: v for k, v in record.relatives.items() if k in fields}
        if record.reasons:
            record.status = "conflict"
        elif not kept:
            record.status = "identical"


def removed_lines(base: dict[str, Any]) -> list[str]:
    return [
        f"{vn.nfc(r['full_name'])} (mã {r['id']}): chi bộ đã xóa khỏi gói; không xóa ở đảng ủy, hãy xem lại hồ sơ"
        for r in base.get("removed", [])
    ]
