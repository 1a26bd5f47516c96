"""The overview's "Việc cần làm", the counts by stage, progress against targets, and the
check of everyone on the road (``commune-app check``).

Stored steps that no longer fit the step schema are listed on both (ops.step_check).

The agenda must answer in well under a second on a province's file: SQL on the derived
columns picks the few people who can have something due, their records are loaded in
batches, and the deadlines module (the one place dates are computed) says what is due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from commune_app import rules as party_rules
from commune_app import vn
from commune_app.ops import step_check
from commune_app.ops.context import Session
from commune_app.progress import Progress
from commune_app.rules.findings import Finding
from commune_app.store import cells as cell_store
from commune_app.store import profile, road_queries, stats
from commune_app.store import users as user_store


@dataclass(frozen=True)
class DueItem:
    person_id: int
    full_name: str
    cell: str
    code: str
    label: str
    due: dt.date
    overdue: bool


# Deadlines shown only while they lie within the horizon; the others are shown until met.
_ONLY_WITHIN_HORIZON = {"COURSE", "AGE-MIN", "PROBATION-END"}
_BEFORE_MEETING = {"LYLICH-VALID", "INTRO-VALID", "COURSE"}


def _horizon(session: Session, horizon_months: int | None) -> int:
    if horizon_months is not None:
        return int(horizon_months)
    setting = profile.get_setting(session.store, "due_horizon_months")
    return int(setting if setting is not None else session.rules["due_soon_months"])


def due_items(session: Session, *, horizon_months: int | None = None) -> list[DueItem]:
    """What is due or overdue within the horizon (default from the file's settings), by date."""
    today, rules, calendar = session.today, session.rules, session.calendar
    months = _horizon(session, horizon_months)
    until = vn.add_months(today, months)
    ids = road_queries.agenda_candidates(session.store, today, months, rules, session.actor.cell_id)
    records = road_queries.records_for(
        session.store,
        ids,
        kinds=party_rules.DEADLINE_KINDS,
        link_roles=("introducer",),
        person_columns=road_queries.AGENDA_COLUMNS,
    )
    items: list[DueItem] = []
    for record in records.values():
        planned = record.person.get("planned_meeting_on")
        planned_on = dt.date.fromisoformat(planned) if planned else None
        for deadline in party_rules.deadlines(record, rules, calendar, today):
            if deadline.code in ("LYLICH-VALID", "INTRO-VALID"):
                # Papers matter only when they will be too old at the planned meeting.
                if planned_on is None or planned_on < today or deadline.due >= planned_on or planned_on > until:
                    continue
            elif deadline.code in _ONLY_WITHIN_HORIZON:
                if not today <= deadline.due <= until and not (
                    deadline.code == "COURSE" and planned_on and deadline.due < planned_on <= until
                ):
                    continue
            elif deadline.due > until:
                continue
            items.append(
                DueItem(
                    record.id,
                    record.name,
                    (record.cell or {}).get("name", ""),
                    deadline.code,
                    deadline.label,
                    deadline.due,
                    deadline.overdue,
                )
            )
    items.sort(key=lambda i: (i.due, records[i.person_id].person["sort_key"], i.code))
    # The steps of the people on the road whose stored details no longer fit the step schema come
    # first: their papers rest on them (`commune-app check` lists those of everyone).
    on_road = road_queries.road_ids(session.store, ("source", "candidate", "probationary"), session.actor.cell_id)
    return [
        DueItem(p.person_id, p.full_name, p.cell, step_check.CODE, p.message, step_check.due_on(p), True)
        for p in step_check.step_problems(session, on_road)
    ] + items


def stage_counts(session: Session) -> dict[str, int]:
    """People on the road and probationary members, by stage."""
    return road_queries.stage_counts(session.store, session.actor.cell_id)


@dataclass(frozen=True)
class CellProgress:
    cell_id: int | None  # None for the total row
    cell: str
    target: int
    admitted: int
    percent: float | None  # None when there is no target


def admissions_vs_target(session: Session, year: int) -> list[CellProgress]:
    """Admissions decided in ``year`` against each cell's target, then a total row."""
    admitted = stats.admissions_by_cell(session.store, dt.date(year, 1, 1), dt.date(year, 12, 31))
    targets = stats.targets_for_year(session.store, year)
    rows: list[CellProgress] = []
    for cell in cell_store.all_cells(session.store):
        if session.actor.cell_id is not None and cell["id"] != session.actor.cell_id:
            continue
        target, done = targets.get(cell["id"], 0), admitted.get(cell["id"], 0)
        if not cell["active"] and not target and not done:
            continue
        rows.append(CellProgress(cell["id"], cell["name"], target, done, _percent(done, target)))
    if session.actor.cell_id is None and admitted.get(None):
        rows.append(CellProgress(None, "Chưa xếp chi bộ", 0, admitted[None], None))
    total_target, total_done = sum(r.target for r in rows), sum(r.admitted for r in rows)
    rows.append(CellProgress(None, "Tổng cộng", total_target, total_done, _percent(total_done, total_target)))
    return rows


def _percent(done: int, target: int) -> float | None:
    return round(100.0 * done / target, 1) if target else None


def check_all(session: Session, progress: Progress | None = None) -> list[Finding]:
    """The rule findings of everyone on the road (source, candidate, probationary)."""
    ids = road_queries.road_ids(session.store, ("source", "candidate", "probationary"), session.actor.cell_id)
    rules, calendar, today = session.rules, session.calendar, session.today
    findings: list[Finding] = []
    batch = 500
    for start in range(0, len(ids), batch):
        if progress is not None:
            progress(start, len(ids), "Đang kiểm tra quy định")
        chunk = ids[start : start + batch]
        records = road_queries.records_for(session.store, chunk, with_relatives=True)
        for person_id in chunk:
            findings += party_rules.check_person(records[person_id], rules, calendar, today)
    if progress is not None:
        progress(len(ids), len(ids), "Đã kiểm tra xong")
    return findings + step_check.findings(session)


@dataclass(frozen=True)
class FirstStep:
    """One of the first things to do in a new data file, and whether it is done."""

    key: str  # "cells", "people", "accounts"
    label: str
    hint: str  # why it comes first, or how
    done_text: str  # what has been done, shown once it is
    done: bool


def first_steps(session: Session) -> list[FirstStep]:
    """The first three things a commune does in a new file, in order, while one is not done.

    Empty when the file already has cells and people: a working file needs no guide. An
    account restricted to one cell gets none (it cannot declare cells nor create accounts).
    """
    if session.actor.cell_id is not None:
        return []
    cells = len(cell_store.all_cells(session.store, active_only=True))
    people = stats.people_count(session.store)
    if cells and people:
        return []
    accounts = user_store.count(session.store)
    return [
        FirstStep(
            "cells",
            "1. Khai báo các chi bộ",
            "Tên, loại và bí thư của từng chi bộ: mọi danh sách và báo cáo đều tính theo chi bộ.",
            f"Đã khai báo {vn.count(cells)} chi bộ",
            cells > 0,
        ),
        FirstStep(
            "people",
            "2. Nhập danh sách đảng viên, người vào Đảng",
            "Từ bảng chuẩn hóa của CSDL đảng viên hoặc danh sách Excel của xã; có thể thêm từng người (Ctrl+N).",
            f"Đã có {vn.count(people)} người",
            people > 0,
        ),
        FirstStep(
            "accounts",
            "3. Tạo tài khoản cho cán bộ",
            "Mỗi cán bộ một tài khoản, với quyền nhập liệu hoặc chỉ xem.",
            f"Đã có {vn.count(accounts)} tài khoản",
            accounts > 1,
        ),
    ]
