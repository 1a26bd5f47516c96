"""Writing the rows the clerk accepted, inside the caller's one transaction.

Everything goes through the same store functions as the forms: people through
``store.people.insert/update``, milestones through ``store.road.add_milestone`` (which keeps
status derived), cells through ``store.cells.save``. Before writing, the preview is checked
against the file as it is now, so a preview made before someone else's change is refused
rather than applied on top of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.domain import road
from commune_app.errors import Refused
from commune_app.importing.preview import KIND_LABELS, MILESTONE_FIELDS, Preview, RowResult
from commune_app.importing.values import count_text
from commune_app.progress import Progress
from commune_app.store import cells as cell_store
from commune_app.store import importing as import_store
from commune_app.store import people as people_store
from commune_app.store import road as road_store
from commune_app.store.db import Audit, Store

# Words in a cell's name that tell its kind; anything else is a village cell (the commonest).
_CELL_KIND_HINTS = (
    ("to dan pho", "residential"),
    ("khu pho", "residential"),
    ("truong", "school"),
    ("mam non", "school"),
    ("cong an", "police"),
    ("quan su", "military"),
    ("y te", "health"),
    ("benh vien", "health"),
    ("co quan", "agency"),
    ("ubnd", "agency"),
    ("cong ty", "enterprise"),
    ("hop tac xa", "enterprise"),
    ("doanh nghiep", "enterprise"),
)


def guess_cell_kind(name: str) -> str:
    folded = vn.fold(name)
    for hint, kind in _CELL_KIND_HINTS:
        if hint in folded:
            return kind
    return "village"


@dataclass
class Summary:
    path: str
    sheet: str
    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    milestones: int = 0
    cells_created: list[str] = field(default_factory=list)
    refused: int = 0  # rows the preview refused (never written)
    not_accepted: int = 0  # valid rows the clerk left out

    def lines(self) -> list[str]:
        lines = [
            f"Đã nhập {KIND_LABELS[self.kind].lower()} từ tệp {Path(self.path).name}, trang “{self.sheet}”:",
            f"  {count_text(self.created)} người thêm mới, {count_text(self.updated)} người được cập nhật, "
            f"{count_text(self.unchanged)} người đã có và không thay đổi.",
        ]
        if self.milestones:
            lines.append(f"  {count_text(self.milestones)} mốc (ngày vào Đảng, ngày chính thức...) được ghi nhận.")
        if self.cells_created:
            lines.append("  Chi bộ tạo mới: " + ", ".join(self.cells_created) + ".")
        if self.refused:
            lines.append(f"  {count_text(self.refused)} dòng bị từ chối, không được nhập.")
        if self.not_accepted:
            lines.append(f"  {count_text(self.not_accepted)} dòng hợp lệ không được chọn nhập.")
        return lines


def _selected(preview: Preview, accepted: list[int] | None) -> list[RowResult]:
    by_number = {r.row_number: r for r in preview.rows}
    numbers = preview.accepted_default() if accepted is None else list(dict.fromkeys(accepted))
    unknown = [n for n in numbers if n not in by_number]
    if unknown:
        raise Refused(*(f"Dòng {n} không phải dòng dữ liệu của bảng tính" for n in unknown))
    refused = [by_number[n] for n in numbers if by_number[n].status == "refused"]
    if refused:
        raise Refused(
            *(
                f"Dòng {r.row_number} ({r.full_name or 'không tên'}) bị từ chối nên không thể nhập: "
                + "; ".join(r.reasons)
                for r in refused
            )
        )
    return [by_number[n] for n in numbers]


def _check_still_current(store: Store, rows: list[RowResult]) -> None:
    """The file must still be as previewed: no edits to matched people, no new duplicates."""
    stale: list[str] = []
    matched = [r for r in rows if r.status == "match"]
    now = import_store.people_by_ids(store, (r.person_id for r in matched if r.person_id))
    for row in matched:
        current = now.get(row.person_id or 0)
        if current is None or any(current.get(k) != v for k, v in row.snapshot.items()):
            stale.append(f"Hồ sơ {row.full_name} (mã {row.person_id}) đã thay đổi sau khi xem trước")
    new = [r for r in rows if r.status == "new"]
    by_cccd = import_store.people_by_cccd(store, (r.values.get("cccd") for r in new))
    by_name = import_store.people_by_folded_name(store, (vn.fold(r.values["full_name"]) for r in new))
    for row in new:
        cccd = row.values.get("cccd")
        same_name = [
            p
            for p in by_name.get(vn.fold(row.values["full_name"]), [])
            if p["birth_date"] == row.values.get("birth_date")
        ]
        if (cccd and cccd in by_cccd) or same_name:
            stale.append(f"{row.full_name} (dòng {row.row_number}) đã được thêm vào dữ liệu sau khi xem trước")
    if stale:
        raise Refused(*stale[:20], "Hãy xem trước lại rồi nhập; chưa có gì được ghi.")


def _cells(store: Store, audit: Audit, rows: list[RowResult]) -> tuple[dict[str, int], list[str]]:
    ids: dict[str, int] = {}
    created: list[str] = []
    for row in rows:
        if row.cell_name and row.cell_id is None and vn.fold(row.cell_name) not in ids:
            existing = cell_store.by_name(store, row.cell_name)
            if existing is not None:
                ids[vn.fold(row.cell_name)] = existing["id"]
                continue
            ids[vn.fold(row.cell_name)] = cell_store.save(
                store,
                audit,
                {"name": row.cell_name, "kind": guess_cell_kind(row.cell_name), "registry_code": row.cell_code},
            )
            created.append(row.cell_name)
    return ids, created


def _milestone_values(row: RowResult, rule_version: str) -> list[dict[str, Any]]:
    """The milestones a row adds, from earlier papers, in road order."""
    out = []
    for key, kind in MILESTONE_FIELDS.items():
        date = row.milestones.get(key)
        if not date:
            continue
        details: dict[str, Any] = {"source": "import", "from_papers": True}
        if key in row.estimated:
            details["estimated"] = True  # the latest possible date; the clerk is asked for the real one
        if kind == "recognition_decision":
            details["official_on"] = date
        out.append({"kind": kind, "date": date, "details": details, "rule_set_version": rule_version})
    return out


def _milestones(store: Store, audit: Audit, person_id: int, milestones: list[dict[str, Any]]) -> int:
    """A matched person's new milestones, their status and dates derived again once after them all."""
    for milestone in milestones:
        road_store.add_milestone(store, audit, person_id, milestone, refresh=False)
    if milestones:
        people_store.refresh_derived(store, person_id)
    return len(milestones)


_BATCH = 500  # new people written at once; progress is told, and Cancel heard, between batches


def _add(store: Store, audit: Audit, batch: list[import_store.NewPerson], summary: Summary) -> None:
    """Write the new people gathered so far and empty the batch."""
    if batch:
        import_store.add_people(store, audit, batch)
        summary.milestones += sum(len(p.milestones) for p in batch)
        batch.clear()


def apply(
    store: Store,
    audit: Audit,
    preview: Preview,
    accepted: list[int] | None,
    *,
    today: dt.date,
    rule_version: str,
    progress: Progress,
) -> Summary:
    """Write the accepted rows in the caller's transaction; raise to roll everything back."""
    rows = _selected(preview, accepted)
    _check_still_current(store, rows)
    cell_ids, created_cells = _cells(store, audit, rows)
    summary = Summary(
        preview.path,
        preview.sheet,
        preview.kind,
        cells_created=created_cells,
        refused=sum(1 for r in preview.rows if r.status == "refused"),
        not_accepted=len(preview.accepted_default()) - len(rows),
    )
    source = f"Nhập từ danh sách {Path(preview.path).name}"
    # New people are written a batch at a time (store.importing.add_people: the same rows, ids and
    # audit rows as one by one); a batch is written before a matched row, so the order stays the sheet's.
    batch: list[import_store.NewPerson] = []
    for index, row in enumerate(rows):
        if index % _BATCH == 0:
            _add(store, audit, batch, summary)
            progress(index, len(rows), f"Đang ghi dòng {index + 1}/{len(rows)}")
        cell_id = row.cell_id
        if cell_id is None and row.cell_name:
            cell_id = cell_ids.get(vn.fold(row.cell_name))
        milestones = _milestone_values(row, rule_version)
        if row.status == "new":
            # A new person's road is exactly these milestones: status and key dates are derived from
            # them here and written with the person (what refresh_derived would compute afterwards).
            derived = road.derive(milestones).as_columns() if milestones else {}
            values = {**row.values, **derived, "rule_set_version": rule_version}
            batch.append(
                import_store.NewPerson(values, cell_id, today.isoformat(), source, bool(row.year_only), milestones)
            )
            summary.created += 1
            continue
        _add(store, audit, batch, summary)
        person_id = row.person_id or 0
        if not row.changes:
            summary.unchanged += 1
            continue
        if row.values:
            people_store.update(store, audit, person_id, row.values, summary=source)
        if row.year_only is not None:
            import_store.set_birth_year_only(store, audit, person_id, row.year_only)
        if cell_id is not None and cell_id != row.snapshot.get("cell_id"):
            cell_store.move_person(store, audit, person_id, cell_id, today, source)
        summary.updated += 1
        summary.milestones += _milestones(store, audit, person_id, milestones)
    _add(store, audit, batch, summary)
    progress(len(rows), len(rows), "Đang lưu vào tệp dữ liệu")
    audit.record(
        "import",
        "import",
        None,
        summary=f"Nhập danh sách từ tệp {Path(preview.path).name}, trang “{preview.sheet}”: "
        f"{summary.created} thêm mới, {summary.updated} cập nhật",
        after={
            "file": str(preview.path),
            "sheet": preview.sheet,
            "kind": preview.kind,
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "cells_created": created_cells,
            "rows": [r.row_number for r in rows],
        },
    )
    return summary
