"""Bringing existing lists in from spreadsheets: look at a sheet, preview, commit.

The window's wizard and the ``import`` command share these: ``inspect`` finds the table and
proposes a column mapping, ``preview`` says row by row what would happen without writing,
``commit`` writes the accepted rows in one transaction (all or nothing) with an audit row
naming the file and the sheet. Saved mappings live in the data file's settings under
``import_mappings`` ({name: {header key: field}}), so every computer using the file has them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.errors import Refused
from commune_app.importing import commit as commit_mod
from commune_app.importing import headers, layout, merge_links, reader
from commune_app.importing import merge as merge_mod
from commune_app.importing import preview as preview_mod
from commune_app.importing.commit import Summary
from commune_app.importing.merge import MergePreview
from commune_app.importing.preview import Preview
from commune_app.importing.values import is_blank, text
from commune_app.ops.context import Session
from commune_app.ops.heavy import without_gc_pauses
from commune_app.progress import Progress
from commune_app.store import people as people_store
from commune_app.store import profile
from commune_app.store import road as road_store
from commune_app.store.db import Audit

MAPPINGS_SETTING = "import_mappings"
SAMPLE_ROWS = 3


@dataclass
class SheetInfo:
    """A sheet as the wizard's mapping step shows it."""

    path: str
    sheets: list[str]
    sheet: str
    labels: list[tuple[str, str]]
    mapping: dict[int, str]
    samples: list[list[str]]  # per column, the first values below the header
    header_rows: list[int]  # the sheet's row numbers
    raw: reader.RawSheet
    rows: list[list[Any]]
    layout: layout.Layout

    def column_labels(self) -> list[str]:
        return [headers.column_label(u, low) or f"(cột {i + 1})" for i, (u, low) in enumerate(self.labels)]


def field_choices() -> list[tuple[str, str]]:
    """(key, Vietnamese label) of every field a column can be mapped to."""
    return [(f.key, f.label) for f in headers.import_fields().values()]


def sheet_names(path: str | Path) -> list[str]:
    return reader.sheet_names(path)


def inspect(
    session: Session,
    path: str | Path,
    sheet: str | None = None,
    *,
    saved: str | None = None,
    progress: Progress | None = None,
) -> SheetInfo:
    """Read a sheet, find its header and propose a mapping (a saved one when named)."""
    progress = progress or Progress()
    sheets = reader.sheet_names(path)
    raw = reader.read_sheet(path, sheet, progress)
    rows = layout.filled_rows(raw)
    found = layout.find_layout(raw, rows)
    if saved:
        mappings = saved_mappings(session)
        if saved not in mappings:
            raise Refused(f"Không có cách ghép cột đã lưu tên “{saved}”")
        mapping = headers.apply_saved(found.labels, mappings[saved])
    else:
        mapping = headers.auto_mapping(found.labels)
    samples = []
    # Sample people, not group headings: a heading fills every column with the same text.
    people = (r for r in rows[found.data_start :] if len({text(v) for v in r if not is_blank(v)}) > 1)
    data = list(itertools.islice(people, SAMPLE_ROWS))  # the first few: never the whole sheet
    for column in range(len(found.labels)):
        samples.append([text(r[column]) for r in data if column < len(r) and not is_blank(r[column])])
    return SheetInfo(
        str(path),
        sheets,
        raw.name,
        found.labels,
        mapping,
        samples,
        [r + 1 for r in found.header_rows],
        raw,
        rows,
        found,
    )


def preview(
    session: Session,
    path: str | Path,
    sheet: str | None = None,
    kind: str | None = None,
    mapping: dict[int, str] | None = None,
    progress: Progress | None = None,
    *,
    saved: str | None = None,
    info: SheetInfo | None = None,
    keep_as_written: Collection[int] | bool = (),
) -> Preview:
    """What importing the sheet would do; nothing is written. ``kind`` None: detected (``Preview.kind_guess``).
    ``keep_as_written``: rows (or True: all) whose text in an old font (TCVN3, VNI) stays as written."""
    session.require_write()
    progress = progress or Progress()
    with without_gc_pauses():  # every row of the sheet lives until the preview is made
        if info is None or info.path != str(path) or (sheet is not None and info.sheet != sheet):
            info = inspect(session, path, sheet, saved=saved, progress=progress)
        chosen = info.mapping if mapping is None else {int(k): v for k, v in mapping.items() if v}
        preview_mod.validate_mapping(chosen, info.labels)
        layout.require_name(chosen, info.labels)
        return preview_mod.build(
            session.store,
            info.layout,
            info.rows,
            path=str(path),
            sheet=info.sheet,
            sheets=info.sheets,
            kind=kind,
            mapping=chosen,
            today=session.today,
            actor_cell=session.actor.cell_id,
            admin=session.actor.is_admin,
            calendar=session.calendar,
            rules=session.rules,
            progress=progress,
            keep_as_written=keep_as_written,
        )


def commit(
    session: Session, preview: Preview, accepted_rows: list[int] | None = None, progress: Progress | None = None
) -> Summary:
    """Write the accepted rows (default: every row not refused) in one transaction."""
    session.require_write()
    _require_rights(session, preview, accepted_rows)
    progress = progress or Progress()
    with without_gc_pauses(), session.write() as audit:
        return commit_mod.apply(
            session.store,
            audit,
            preview,
            accepted_rows,
            today=session.today,
            rule_version=session.rules.version,
            progress=progress,
        )


def _require_rights(session: Session, preview: Preview, accepted_rows: list[int] | None) -> None:
    """The preview checked the rights of the account that made it; the account committing may
    be another one (or the data file may have changed hands), so check them again."""
    chosen = set(preview.accepted_default() if accepted_rows is None else accepted_rows)
    for row in preview.rows:
        if row.row_number not in chosen or row.status == "refused":
            continue
        if row.cell_id is None and row.cell_name:
            session.require_admin()  # the import would create this cell
        session.require_cell(row.cell_id)
        if row.status == "match":
            session.require_cell(row.snapshot.get("cell_id"))


def merge_preview(session: Session, path: str | Path, progress: Progress | None = None) -> MergePreview:
    """What merging an exchange file (JSON) into this data file would do, record by record; nothing
    is written. Cell packages of the exchange reuse this with their own file."""
    from commune_app.importing.exchange_file import check_tables, read_document

    session.require_write()
    document = read_document(path)
    tables = document["tables"]
    reasons = check_tables(session.store, tables)
    if reasons:
        raise Refused("Không gộp được tệp; dữ liệu không thay đổi.", *reasons[:20])
    preview = merge_mod.plan(
        session.store,
        str(path),
        tables,
        today=session.today,
        admin=session.actor.is_admin,
        progress=progress or Progress(),
    )
    preview.links = plan_links(session, preview, tables)
    return preview


def plan_links(
    session: Session, preview: MergePreview, tables: dict[str, list[dict[str, Any]]], known: set[int] | None = None
) -> list[merge_mod.LinkPlan]:
    """The incoming file's introducers, helpers and mentors placed here (``known``: ids that are the
    same in both files, as in a cell's package of this file)."""
    known = known or set()
    live = [link for link in tables.get("links", []) if not link.get("withdrawn_at")]
    names = {p["id"]: p.get("full_name") or "" for p in tables.get("people", [])}
    for person_id in {end for link in live for end in (link["person_id"], link["member_id"])} & known:
        if person_id not in names and (found := people_store.get(session.store, person_id)) is not None:
            names[person_id] = found["full_name"]

    def already(person: int, member: int, role: str, on: str | None) -> bool:
        return any(
            r["member_id"] == member and r["assigned_on"] == on
            for r in road_store.links_of(session.store, person, role)
        )

    return merge_links.plan(
        live, preview, known, names, lambda pid: people_store.get(session.store, pid) is not None, already
    )


def merge_commit(
    session: Session,
    preview: MergePreview,
    accepted: list[str] | None = None,
    progress: Progress | None = None,
    then: Callable[[Audit, dict[str, int]], None] | None = None,
) -> dict[str, int]:
    """Write the accepted records (default: every new and changed one) in one transaction, all or
    nothing, with one audit row naming the source file; ``then`` writes more in that transaction
    (a cell package records its origin)."""
    session.require_write()
    keys = set(preview.accepted_default() if accepted is None else accepted)
    for record in preview.records:
        if record.key in keys and record.status in ("new", "changed"):
            if record.cell_name and record.cell_id is None:
                session.require_admin()  # the merge would create this cell
            session.require_cell(record.cell_id)
            if record.status == "changed":
                session.require_cell(record.snapshot.get("cell_id"))
    with session.write() as audit:
        counts = merge_mod.apply(
            session.store, audit, preview, accepted, today=session.today, progress=progress or Progress()
        )
        if then is not None:
            then(audit, counts)
        return counts


def saved_mappings(session: Session) -> dict[str, dict[str, str]]:
    value = profile.get_setting(session.store, MAPPINGS_SETTING)
    return value if isinstance(value, dict) else {}


def save_mapping(session: Session, name: str, labels: list[tuple[str, str]], mapping: dict[int, str]) -> None:
    """Keep a mapping under a name, by header text, to reuse on the next file of the same shape."""
    session.require_write()
    name = vn.nfc(name)
    if not name:
        raise Refused("Cần đặt tên cho cách ghép cột")
    by_header = headers.mapping_by_header(labels, mapping)
    # Unmapped columns are saved too, so a column the clerk chose to ignore stays ignored.
    for index, (upper, lower) in enumerate(labels):
        if index not in mapping and (upper or lower):
            by_header.setdefault(headers.header_key(f"{upper} {lower}" if lower else upper), "")
    mappings = saved_mappings(session)
    mappings[name] = by_header
    with session.write() as audit:
        profile.set_setting(session.store, audit, MAPPINGS_SETTING, mappings)
