"""Merging an exchange file (JSON, docs/data-format.md) into a data file that already has data.

The preview puts every person of the incoming file in one of four piles: new (nobody here is
that person), identical, changed (the fields that differ, before → after, and the milestones
the file adds) and conflicting (the match is doubtful or a dated step disagrees: never merged
by itself). The clerk accepts or leaves each record; the accepted ones are written in one
transaction with one audit row naming the source file. What is merged: people, their live
milestones (new ones, and the number, issuer or details of a step both copies have on the same
day), their relatives (matched by relation and name), the cells they belong to (found by name,
created when missing) and the cells' yearly targets. Stored values are overwritten only by a
change the preview showed; nothing here is ever deleted.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.domain.person import FIELD_BY_NAME, PERSON_FIELDS, clean_person
from commune_app.errors import Refused
from commune_app.importing.commit import guess_cell_kind
from commune_app.importing.preview import Change, cell_by_place, shown_value
from commune_app.importing.values import count_text
from commune_app.progress import Progress
from commune_app.store import cells as cell_store
from commune_app.store import importing as import_store
from commune_app.store import people as people_store
from commune_app.store import road as road_store
from commune_app.store.db import Audit, Store

FIELDS = tuple(f.name for f in PERSON_FIELDS)
# Steps that happen once on a road: another date for one of them is a conflict, not an addition.
ONCE = frozenset({"admission_decision", "ceremony", "recognition_decision", "death"})
STATUS_LABELS = {"new": "Thêm mới", "identical": "Giống hệt", "changed": "Có thay đổi", "conflict": "Mâu thuẫn"}


@dataclass
class MergeRecord:
    key: str  # "person:<id in the incoming file>"
    status: str  # new | identical | changed | conflict
    name: str
    person_id: int | None = None  # the person here
    values: dict[str, Any] = field(default_factory=dict)  # fields to write
    changes: list[Change] = field(default_factory=list)
    milestones: list[dict[str, Any]] = field(default_factory=list)  # incoming milestones to add
    cell_name: str = ""
    cell_id: int | None = None  # None with cell_name: a cell the merge creates
    reasons: list[str] = field(default_factory=list)
    snapshot: dict[str, Any] = field(default_factory=dict)
    # Today's value here of each step or relative column a change shows (a package compares it with its base).
    here: dict[str, Any] = field(default_factory=dict)
    # By the field of the change that shows them, so that leaving a change leaves its write:
    corrections: dict[str, tuple[int, str, Any]] = field(default_factory=dict)  # (step here, column, value)
    relatives: dict[str, tuple[int | None, dict[str, Any]]] = field(default_factory=dict)  # (relative or None, values)


@dataclass
class TargetRecord:
    """A cell's yearly targets in the incoming file that differ from (or are missing in) this one."""

    key: str  # "target:<folded cell name>:<year>"
    status: str  # new | changed
    cell_name: str
    year: int
    admission_target: int
    course_target: int
    old: tuple[int, int] | None = None


@dataclass
class LinkPlan:
    """An introducer, helper or mentor assignment of the incoming file, placed here."""

    values: dict[str, Any]  # the link's columns, ids still the incoming file's
    person: int | str  # the id here, or the merge record's key of a person the merge creates
    member: int | str
    text: str
    reason: str = ""  # why it is left out ('' = merged with the people)

    @property
    def key(self) -> str:
        return f"link:{self.values['id']}"


@dataclass
class MergePreview:
    path: str
    records: list[MergeRecord]
    new_cells: list[str]
    targets: list[TargetRecord] = field(default_factory=list)
    links: list[LinkPlan] = field(default_factory=list)  # planned by ops (merge_links.plan)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUS_LABELS, 0)
        for record in self.records:
            out[record.status] += 1
        return out

    def accepted_default(self) -> list[str]:
        return (
            [r.key for r in self.records if r.status in ("new", "changed")]
            + [t.key for t in self.targets]
            + [link.key for link in self.links if not link.reason]
        )

    def summary_lines(self) -> list[str]:
        c = self.counts()
        lines = [
            f"Gộp tệp {Path(self.path).name} vào dữ liệu đang có: {count_text(len(self.records))} hồ sơ người:",
            f"  {count_text(c['new'])} thêm mới, {count_text(c['identical'])} giống hệt, "
            f"{count_text(c['changed'])} có thay đổi, {count_text(c['conflict'])} mâu thuẫn (không gộp).",
        ]
        if self.new_cells:
            lines.append("  Chi bộ sẽ được tạo mới: " + ", ".join(self.new_cells) + ".")
        if self.targets:
            lines.append(f"  {count_text(len(self.targets))} chỉ tiêu năm của chi bộ mới hoặc khác.")
        if self.links:
            lines.append(f"  {count_text(len(self.links))} phân công mới (giới thiệu, giúp đỡ):")
            lines += [f"  {p.text}" + (f": không gộp ({p.reason})" if p.reason else "") for p in self.links]
        return lines

    def detail_lines(self) -> list[str]:
        lines = []
        for record in self.records:
            if record.status == "changed":
                lines.append(
                    f"{record.name} (mã {record.person_id}) thay đổi: "
                    + "; ".join(f"{c.label}: “{c.old}” → “{c.new}”" for c in record.changes)
                )
            elif record.status == "conflict":
                lines.append(f"{record.name} mâu thuẫn, không gộp: " + "; ".join(record.reasons))
            elif record.status == "new":
                lines.append(f"{record.name}: thêm mới")
        for target in self.targets:
            old = f"{target.old[0]} kết nạp, {target.old[1]} học lớp" if target.old else "chưa có"
            lines.append(
                f"Chỉ tiêu năm {target.year} của {target.cell_name}: {old} → {target.admission_target} kết nạp, "
                f"{target.course_target} học lớp"
            )
        return lines


def _same(a: Any, b: Any) -> bool:
    return ((a in (None, "")) and (b in (None, ""))) or a == b


def _live(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if not r.get("withdrawn_at")]


class _Planner:
    def __init__(self, store: Store, tables: dict[str, list[dict[str, Any]]], *, today: dt.date, admin: bool) -> None:
        self.store, self.today, self.admin = store, today, admin
        self.cells_in = {c["id"]: c for c in tables.get("cells", [])}
        self.milestones_in: dict[int, list[dict[str, Any]]] = {}
        for m in _live(tables.get("milestones", [])):
            self.milestones_in.setdefault(m["person_id"], []).append(m)
        self.relatives_in: dict[int, list[dict[str, Any]]] = {}
        for r in tables.get("relatives", []):
            self.relatives_in.setdefault(r["person_id"], []).append(r)
        self.cells: dict[str, dict[str, Any] | None] = {}
        self.new_cells: dict[str, str] = {}

    def cell_of(self, record: MergeRecord, incoming: dict[str, Any]) -> None:
        cell = self.cells_in.get(incoming.get("cell_id"))
        if not cell:
            return
        name = vn.nfc(cell.get("name"))
        key = vn.fold(name)
        if key not in self.cells:
            self.cells[key] = cell_store.by_name(self.store, name) or cell_by_place(self.store, name)
        found = self.cells[key]
        record.cell_name = found["name"] if found else name
        record.cell_id = found["id"] if found else None
        if found is None:
            if not self.admin:
                record.reasons.append(f"Chi bộ “{name}” chưa có; chỉ tài khoản quản trị được tạo chi bộ mới")
            self.new_cells.setdefault(key, name)

    def plan(
        self,
        incoming: dict[str, Any],
        by_cccd: dict[str, dict[str, Any]],
        by_name: dict[str, list[dict[str, Any]]],
        local_milestones: dict[int, list[dict[str, Any]]],
        local_relatives: dict[int, list[dict[str, Any]]],
    ) -> MergeRecord:
        values = {k: incoming[k] for k in FIELDS if k in incoming}
        record = MergeRecord(f"person:{incoming.get('id')}", "new", vn.nfc(incoming.get("full_name")))
        _cleaned, errors = clean_person({k: v for k, v in values.items() if v is not None}, today=self.today)
        record.reasons.extend(errors.values())
        self.cell_of(record, incoming)
        own = self.milestones_in.get(int(incoming.get("id") or 0), [])
        milestones = [{k: m.get(k) for k in road_store.MILESTONE_FIELDS} for m in own]
        relatives = [_relative_values(r) for r in self.relatives_in.get(int(incoming.get("id") or 0), [])]
        found = self._match(incoming, by_cccd, by_name, record)
        if found is None:
            record.values = {k: v for k, v in values.items() if v not in (None, "")}
            record.milestones = milestones
            record.relatives = {f"relative:{i}": (None, r) for i, r in enumerate(relatives)}
        else:
            self._compare(record, found, values, milestones, local_milestones.get(found["id"], []))
            _compare_relatives(record, relatives, local_relatives.get(found["id"], []))
            record.status = "changed" if record.changes else "identical"
        if record.reasons:
            record.status = "conflict"
        return record

    def _match(
        self,
        incoming: dict[str, Any],
        by_cccd: dict[str, dict[str, Any]],
        by_name: dict[str, list[dict[str, Any]]],
        record: MergeRecord,
    ) -> dict[str, Any] | None:
        cccd = incoming.get("cccd")
        folded = vn.fold(incoming.get("full_name"))
        candidates: dict[int, dict[str, Any]] = {}
        if cccd and cccd in by_cccd:
            candidates[by_cccd[cccd]["id"]] = by_cccd[cccd]
        for person in by_name.get(folded, []):
            if person["birth_date"] == incoming.get("birth_date"):
                candidates[person["id"]] = person
        if not candidates:
            return None
        if len(candidates) > 1:
            record.reasons.append(
                "Có thể là một trong nhiều người đã có: "
                + ", ".join(f"{p['full_name']} (mã {p['id']})" for p in candidates.values())
            )
            return None
        person = next(iter(candidates.values()))
        record.person_id = person["id"]
        record.snapshot = {k: person.get(k) for k in (*FIELDS, "cell_id", "updated_at")}
        who = f"{person['full_name']} (mã {person['id']})"
        if person["deleted_at"]:
            record.reasons.append(f"Trùng với {who} đang nằm trong mục đã xóa")
        elif cccd and person["cccd"] == cccd and person["name_folded"] != folded:
            record.reasons.append(f"Số CCCD {cccd} đã ghi cho {who}, nhưng họ tên khác")
        elif cccd and person["cccd"] == cccd and person["birth_date"] != incoming.get("birth_date"):
            record.reasons.append(
                f"Số CCCD {cccd} đã ghi cho {who}, nhưng ngày sinh khác ({vn.format_date(person['birth_date'])})"
            )
        elif cccd and person["cccd"] and person["cccd"] != cccd:
            record.reasons.append(f"Trùng họ tên và ngày sinh với {who}, nhưng số CCCD khác ({person['cccd']})")
        return person

    def _compare(
        self,
        record: MergeRecord,
        person: dict[str, Any],
        values: dict[str, Any],
        milestones: list[dict[str, Any]],
        local: list[dict[str, Any]],
    ) -> None:
        for key, value in values.items():
            if not _same(value, person.get(key)):
                record.values[key] = value
                label = FIELD_BY_NAME[key].label
                record.changes.append(Change(key, label, shown_value(key, person.get(key)), shown_value(key, value)))
        if record.cell_name and record.cell_id != person["cell_id"]:
            old = cell_store.get(self.store, person["cell_id"]) if person["cell_id"] else None
            record.changes.append(Change("cell", "Chi bộ", old["name"] if old else "", record.cell_name))
        local_kinds = {m["kind"]: m["date"] for m in local}
        same_day = {(m["kind"], m["date"]): m for m in local}
        for milestone in milestones:
            kind, date = milestone["kind"], milestone["date"]
            if (kind, date) in same_day:
                _compare_step(record, same_day[kind, date], milestone)
                continue
            if kind in ONCE and kind in local_kinds:
                record.reasons.append(
                    f"{road_label(kind)}: tệp ghi ngày {vn.format_date(date)}, dữ liệu đang có ghi "
                    f"ngày {vn.format_date(local_kinds[kind])}"
                )
                continue
            record.milestones.append(milestone)
            record.changes.append(Change("milestone", road_label(kind), "", vn.format_date(date)))


STEP_TEXTS = {"doc_number": "số văn bản", "issuer": "cơ quan ban hành"}


def _details(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else dict(value or {})


def _compare_step(record: MergeRecord, here: dict[str, Any], incoming: dict[str, Any]) -> None:
    """A step both copies have on the same day: its number, issuer or details may have been filled in."""
    where = f"{road_label(here['kind'])} ngày {vn.format_date(here['date'])}"
    for column, text in STEP_TEXTS.items():
        if not _same(incoming.get(column), here.get(column)):
            key = step_field(here["kind"], here["date"], column)
            record.changes.append(Change(key, f"{where}: {text}", here.get(column) or "", incoming.get(column) or ""))
            record.corrections[key] = (int(here["id"]), column, incoming.get(column) or "")
            record.here[key] = here.get(column)
    theirs, ours = _details(incoming.get("details")), _details(here.get("details"))
    if theirs != ours:
        key = step_field(here["kind"], here["date"], "details")
        changed = sorted(k for k in set(theirs) | set(ours) if theirs.get(k) != ours.get(k))
        record.changes.append(Change(key, f"{where}: nội dung", "", "sửa " + ", ".join(changed)))
        record.corrections[key] = (int(here["id"]), "details", theirs)
        record.here[key] = ours


def step_field(kind: str, date: str, column: str) -> str:
    """The change field of one column of a step (a cell package's base keeps the same keys)."""
    return f"step:{kind}|{date}:{column}"


def relative_field(row: dict[str, Any], column: str) -> str:
    relation, name = _relative_key(row)
    return f"relative:{relation}|{name}:{column}"


def _relative_values(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in road_store.RELATIVE_FIELDS if k in row}


def _relative_key(row: dict[str, Any]) -> tuple[str, str]:
    return vn.fold(row.get("relation")), vn.fold(row.get("full_name"))


def _compare_relatives(record: MergeRecord, incoming: list[dict[str, Any]], here: list[dict[str, Any]]) -> None:
    """Relatives matched by relation and name: new ones added, differing fields changed."""
    by_key = {_relative_key(r): r for r in here}
    for values in incoming:
        who = f"{vn.nfc(values.get('relation'))} {vn.nfc(values.get('full_name'))}"
        found = by_key.get(_relative_key(values))
        if found is None:
            key = relative_field(values, "new")
            record.relatives[key] = (None, values)
            record.changes.append(Change(key, "Người thân", "", who))
            record.here[key] = None
            continue
        for column, value in values.items():
            if not _same(value, found.get(column)):
                key = relative_field(values, column)
                label = f"Người thân {who}: {RELATIVE_LABELS.get(column, column)}"
                record.changes.append(Change(key, label, str(found.get(column) or ""), str(value or "")))
                record.relatives[key] = (int(found["id"]), {column: value})
                record.here[key] = found.get(column)


RELATIVE_LABELS = {
    "birth_year": "năm sinh",
    "residence": "nơi ở",
    "occupation": "nghề nghiệp",
    "is_party_member": "đảng viên",
    "political_notes": "lịch sử chính trị",
    "verify_place": "nơi thẩm tra",
    "verify_sent_on": "ngày gửi thẩm tra",
    "verify_replied_on": "ngày trả lời thẩm tra",
    "verify_result": "kết quả thẩm tra",
    "political_issue": "có vấn đề chính trị",
    "exempt_reason": "lý do miễn thẩm tra",
}


def road_label(kind: str) -> str:
    from commune_app.domain.road import KIND_BY_CODE

    found = KIND_BY_CODE.get(kind)
    return found.label if found else kind


def plan(
    store: Store, path: str, tables: dict[str, list[dict[str, Any]]], *, today: dt.date, admin: bool, progress: Progress
) -> MergePreview:
    """What merging the file's people would do; nothing is written."""
    people = [p for p in tables.get("people", []) if not p.get("deleted_at")]
    planner = _Planner(store, tables, today=today, admin=admin)
    by_cccd = import_store.people_by_cccd(store, (str(p["cccd"]) for p in people if p.get("cccd")))
    by_name = import_store.people_by_folded_name(store, (vn.fold(p.get("full_name")) for p in people))
    matched_ids = {p["id"] for p in by_cccd.values()} | {p["id"] for group in by_name.values() for p in group}
    local = import_store.live_milestones(store, matched_ids)
    local_relatives = import_store.relatives_of_people(store, matched_ids)
    records = []
    for index, incoming in enumerate(people):
        if index % 200 == 0:
            progress(index, len(people), f"Đang đối chiếu hồ sơ {index + 1}/{len(people)}")
        records.append(planner.plan(incoming, by_cccd, by_name, local, local_relatives))
    seen: dict[int, str] = {}
    for record in records:
        if record.person_id is not None and record.person_id in seen:
            record.reasons.append(f"Cùng một người với hồ sơ khác trong tệp ({seen[record.person_id]})")
            record.status = "conflict"
        elif record.person_id is not None:
            seen[record.person_id] = record.name
    used = {vn.fold(r.cell_name) for r in records if r.status in ("new", "changed") and r.cell_id is None}
    new_cells = [name for key, name in planner.new_cells.items() if key in used]
    return MergePreview(str(path), records, new_cells, _targets(store, tables, planner, used))


def _targets(
    store: Store, tables: dict[str, list[dict[str, Any]]], planner: _Planner, new_cell_keys: set[str]
) -> list[TargetRecord]:
    """The incoming yearly targets of cells that are here (or that the merge creates) and differ."""
    out = []
    for row in tables.get("cell_targets", []):
        cell = planner.cells_in.get(row.get("cell_id"))
        if not cell:
            continue
        name = vn.nfc(cell.get("name"))
        here = cell_store.by_name(store, name) or cell_by_place(store, name)
        if here is None and vn.fold(name) not in new_cell_keys:
            continue
        year, admission, course = (
            int(row["year"]),
            int(row.get("admission_target") or 0),
            int(row.get("course_target") or 0),
        )
        old_row = cell_store.targets(store, year).get(here["id"]) if here else None
        old = (int(old_row["admission_target"]), int(old_row["course_target"])) if old_row else None
        if old == (admission, course):
            continue
        shown = here["name"] if here else name
        key = f"target:{vn.fold(shown)}:{year}"
        out.append(TargetRecord(key, "changed" if old else "new", shown, year, admission, course, old))
    return out


def apply(
    store: Store, audit: Audit, preview: MergePreview, accepted: list[str] | None, *, today: dt.date, progress: Progress
) -> dict[str, int]:
    """Write the accepted records in the caller's transaction (raise to roll everything back)."""
    by_key = {r.key: r for r in preview.records}
    targets = {t.key: t for t in preview.targets}
    keys = preview.accepted_default() if accepted is None else list(dict.fromkeys(accepted))
    chosen_targets = [targets[k] for k in keys if k in targets]
    link_keys = {link.key for link in preview.links}
    chosen_links = [link for link in preview.links if link.key in keys and not link.reason]
    keys = [k for k in keys if k not in targets and k not in link_keys]
    unknown = [k for k in keys if k not in by_key]
    if unknown:
        raise Refused(*(f"Không có hồ sơ “{k}” trong bản xem trước" for k in unknown))
    refused = [by_key[k] for k in keys if by_key[k].status == "conflict"]
    if refused:
        raise Refused(*(f"{r.name}: mâu thuẫn nên không gộp được: " + "; ".join(r.reasons) for r in refused))
    chosen = [by_key[k] for k in keys if by_key[k].status != "identical"]
    _check_still_current(store, chosen)
    source = f"Gộp từ tệp {Path(preview.path).name}"
    cell_ids: dict[str, int] = {}
    counts = {
        "created": 0,
        "updated": 0,
        "milestones": 0,
        "corrections": 0,
        "relatives": 0,
        "targets": 0,
        "cells_created": 0,
        "links": 0,
    }
    written: dict[str, int] = {}  # merge record key → the person here, for the links
    for index, record in enumerate(chosen):
        if index % 200 == 0:
            progress(index, len(chosen), f"Đang ghi hồ sơ {index + 1}/{len(chosen)}")
        cell_id = record.cell_id
        if cell_id is None and record.cell_name:
            key = vn.fold(record.cell_name)
            if key not in cell_ids:
                cell_ids[key] = cell_store.save(
                    store, audit, {"name": record.cell_name, "kind": guess_cell_kind(record.cell_name)}
                )
                counts["cells_created"] += 1
            cell_id = cell_ids[key]
        if record.status == "new":
            person_id = people_store.insert(
                store, audit, record.values, cell_id=cell_id, assigned_on=today.isoformat(), reason=source
            )
            counts["created"] += 1
        else:
            person_id = record.person_id or 0
            if record.values:
                people_store.update(store, audit, person_id, record.values, summary=source)
            if cell_id is not None and cell_id != record.snapshot.get("cell_id"):
                cell_store.move_person(store, audit, person_id, cell_id, today, source)
            counts["updated"] += 1
        for milestone in record.milestones:
            details = milestone.get("details")
            details = json.loads(details) if isinstance(details, str) else dict(details or {})
            road_store.add_milestone(store, audit, person_id, {**milestone, "details": details}, refresh=False)
            counts["milestones"] += 1
        steps: dict[int, dict[str, Any]] = {}
        for milestone_id, column, value in record.corrections.values():
            steps.setdefault(milestone_id, {})[column] = value
        for milestone_id, values in steps.items():
            road_store.correct_milestone(store, audit, milestone_id, values, source)
            counts["corrections"] += 1
        for relative_id, values in record.relatives.values():
            road_store.save_relative(store, audit, person_id, values, relative_id)
            counts["relatives"] += 1
        if record.milestones:
            people_store.refresh_derived(store, person_id)
        written[record.key] = person_id
    counts["links"] = _add_links(store, audit, chosen_links, written)
    for target in chosen_targets:
        cell = cell_store.by_name(store, target.cell_name) or cell_by_place(store, target.cell_name)
        if cell is None:
            raise Refused(f"Chưa có {target.cell_name} để ghi chỉ tiêu năm {target.year}; chưa ghi gì.")
        cell_store.set_target(store, audit, cell["id"], target.year, target.admission_target, target.course_target)
        counts["targets"] += 1
    audit.record(
        "merge",
        "file",
        None,
        summary=f"{source}: {counts['created']} thêm mới, {counts['updated']} cập nhật",
        after={
            "file": str(preview.path),
            **counts,
            "records": [r.key for r in chosen] + [t.key for t in chosen_targets] + [p.key for p in chosen_links],
        },
    )
    return counts


def _add_links(store: Store, audit: Audit, links: list[LinkPlan], written: dict[str, int]) -> int:
    """The assignments whose two people are here now; one whose person the clerk left out waits."""
    added: dict[int, int] = {}  # the incoming link id → the id here, for a link that replaces another
    incoming_ids = {p.values["id"] for p in links}
    for placed in links:
        ends = [end if isinstance(end, int) else written.get(end) for end in (placed.person, placed.member)]
        if ends[0] is None or ends[1] is None:
            continue
        values = {k: placed.values.get(k) for k in road_store.LINK_FIELDS}
        values["member_id"] = ends[1]
        replaced: int | None = placed.values.get("replaces_link_id")
        values["replaces_link_id"] = (
            added.get(replaced) if replaced is not None and replaced in incoming_ids else replaced
        )
        added[placed.values["id"]] = road_store.add_link(store, audit, ends[0], values)
    return len(added)


def merged_text(counts: dict[str, int]) -> str:
    """What a merge wrote, in one Vietnamese sentence (command line and window)."""
    parts = [
        f"{counts.get('created', 0)} người thêm mới",
        f"{counts.get('updated', 0)} người được cập nhật",
        f"{counts.get('milestones', 0)} mốc mới",
        f"{counts.get('corrections', 0)} mốc được bổ sung",
        f"{counts.get('relatives', 0)} người thân",
    ]
    extra = {"targets": "chỉ tiêu năm", "cells_created": "chi bộ tạo mới", "links": "phân công"}
    parts += [f"{counts[k]} {text}" for k, text in extra.items() if counts.get(k)]
    return "Đã gộp: " + ", ".join(parts) + "."


def _check_still_current(store: Store, records: list[MergeRecord]) -> None:
    matched = [r for r in records if r.person_id is not None]
    now = import_store.people_by_ids(store, (r.person_id or 0 for r in matched))
    stale = [
        f"Hồ sơ {r.name} (mã {r.person_id}) đã thay đổi sau khi xem trước"
        for r in matched
        if (current := now.get(r.person_id or 0)) is None or any(current.get(k) != v for k, v in r.snapshot.items())
    ]
    if stale:
        raise Refused(*stale[:20], "Hãy xem trước lại rồi gộp; chưa có gì được ghi.")
