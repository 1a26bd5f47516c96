"""The rows of one cell that travel in a cell package (docs/exchange.md), and the file's own state."""

from __future__ import annotations

import json
from typing import Any

from commune_app.store.db import Store


def cell_tables(store: Store, cell_id: int) -> dict[str, list[dict[str, Any]]]:
    """The cell, its targets, its living people with their steps, relatives, assignments and the
    links between two of them (an introducer or mentor from another cell stays at the commune)."""
    # The exchange's reader (base64 and its kin) only when a package is made: every file's opening
    # asks this module for ``cell_mode``.
    from commune_app.store.exchange import iter_table

    people = list(iter_table(store, "people", "cell_id = ? AND deleted_at IS NULL", [cell_id]))
    ids = {p["id"] for p in people}
    marks = ", ".join("?" for _ in ids) or "NULL"
    of_people = f"person_id IN ({marks})"
    links = [r for r in iter_table(store, "links", of_people, list(ids)) if r["member_id"] in ids]
    kept = {r["id"] for r in links}
    for link in links:
        if link["replaces_link_id"] not in kept:
            link["replaces_link_id"] = None
    cell = [dict(r) for r in iter_table(store, "cells", "id = ?", [cell_id])]
    for row in cell:
        for key in ("secretary_id", "deputy_secretary_id"):
            if row[key] not in ids:
                row[key] = None
    return {
        "committee_profile": list(iter_table(store, "committee_profile")),
        "cells": cell,
        "cell_targets": list(iter_table(store, "cell_targets", "cell_id = ?", [cell_id])),
        "people": people,
        "cell_assignments": list(
            iter_table(store, "cell_assignments", f"{of_people} AND cell_id = ?", [*ids, cell_id])
        ),
        "milestones": list(iter_table(store, "milestones", of_people, list(ids))),
        "links": links,
        "relatives": list(iter_table(store, "relatives", of_people, list(ids))),
    }


def state(store: Store) -> dict[str, Any]:
    """Where the file stands: its last audit row (every write leaves one) and when it was written."""
    row = store.one("SELECT id, at FROM audit ORDER BY id DESC LIMIT 1") or {}
    return {"audit_id": row.get("id", 0), "at": row.get("at", "")}


CELL_MODE_SETTING = "cell_package"  # in a cell's file: the package it was opened from, and its rows then
MERGED_SETTING = "cell_packages_merged"  # in the commune's file: per cell, the last package merged


def cell_mode(store: Store) -> dict[str, Any] | None:
    """The package a cell-mode file was opened from; None for a commune's own file."""
    row = store.one("SELECT value FROM settings WHERE key = ?", [CELL_MODE_SETTING])
    return json.loads(row["value"]) if row else None
