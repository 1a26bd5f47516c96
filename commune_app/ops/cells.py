"""Party cells: the list with its figures, editing, yearly targets, moving people between cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from commune_app import vn
from commune_app.domain import codes
from commune_app.errors import Refused
from commune_app.ops.context import Session
from commune_app.store import cells as cell_store
from commune_app.store import people as people_store
from commune_app.store import stats


@dataclass(frozen=True)
class CellRow:
    """One line of the cells page."""

    id: int
    name: str
    kind: str
    routing: str
    secretary: str
    active: bool
    official: int
    probationary: int
    on_road: int
    target: int
    admitted: int

    @property
    def percent(self) -> float | None:
        """Admitted so far over this year's target; None when no target was set."""
        return round(100 * self.admitted / self.target, 1) if self.target else None


def list_cells(session: Session, *, active_only: bool = False) -> list[dict[str, Any]]:
    cells = cell_store.all_cells(session.store, active_only=active_only)
    return [c for c in cells if session.sees_cell(c["id"])]


def get_cell(session: Session, cell_id: int) -> dict[str, Any]:
    cell = cell_store.get(session.store, cell_id)
    if cell is None:
        raise Refused("Không tìm thấy chi bộ này")
    session.require_cell(cell_id)
    return cell


def cell_overview(session: Session, year: int) -> list[CellRow]:
    """Every cell with its members now, people on the road, and this year's target and admissions."""
    counts = cell_store.member_counts(session.store)
    targets = stats.targets_for_year(session.store, year)
    admitted = stats.admissions_by_cell(session.store, dt.date(year, 1, 1), dt.date(year, 12, 31))
    cells = list_cells(session)
    leaders = people_store.rows_by_ids(session.store, [c["secretary_id"] for c in cells if c["secretary_id"]])
    out = []
    for cell in cells:
        by_status = counts.get(cell["id"], {})
        secretary = leaders.get(cell["secretary_id"]) if cell["secretary_id"] else None
        out.append(
            CellRow(
                id=cell["id"],
                name=cell["name"],
                kind=codes.CELL_KINDS.get(cell["kind"], cell["kind"]),
                routing=codes.ROUTINGS.get(cell["routing"], cell["routing"]),
                secretary=secretary["full_name"] if secretary else "",
                active=bool(cell["active"]),
                official=by_status.get("official", 0),
                probationary=by_status.get("probationary", 0),
                on_road=sum(by_status.get(s, 0) for s in codes.ROAD_STATUSES),
                target=targets.get(cell["id"], 0),
                admitted=admitted.get(cell["id"], 0),
            )
        )
    return out


_CELL_LABELS = {"name": "Tên chi bộ"}


def _clean_cell(session: Session, values: dict[str, Any], cell_id: int | None) -> dict[str, Any]:
    reasons = []
    row = {k: values[k] for k in cell_store.CELL_FIELDS if k in values}
    if "name" in row or cell_id is None:
        row["name"] = vn.nfc(row.get("name") or "")
        if not row["name"]:
            reasons.append("Tên chi bộ không được để trống")
        else:
            same = cell_store.by_name(session.store, row["name"])
            if same and same["id"] != cell_id:
                reasons.append(f"Đã có chi bộ tên “{same['name']}”")
    reasons += [
        problem
        for key, value in row.items()
        if isinstance(value, str) and (problem := vn.control_problem(_CELL_LABELS.get(key, key), value))
    ]
    if "kind" in row and row["kind"] not in codes.CELL_KINDS:
        reasons.append("Loại chi bộ không có trong danh mục")
    if "routing" in row and row["routing"] not in codes.ROUTINGS:
        reasons.append("Hình thức trực thuộc không hợp lệ")
    if row.get("routing") == "chi_bo_truc_thuoc" and not vn.nfc(row.get("parent_org") or ""):
        reasons.append("Chi bộ trực thuộc đảng bộ cơ sở cần ghi tên đảng bộ cơ sở")
    for key, label in (("secretary_id", "Bí thư"), ("deputy_secretary_id", "Phó bí thư")):
        if row.get(key):
            person = people_store.get(session.store, int(row[key]))
            if person is None or person["status"] not in codes.MEMBER_STATUSES:
                reasons.append(f"{label} phải là đảng viên đang sinh hoạt")
            elif cell_id is not None and person["cell_id"] != cell_id:
                reasons.append(f"{label} {person['full_name']} không sinh hoạt ở chi bộ này")
        elif key in row:
            row[key] = None
    for key in ("parent_org", "short_code", "notes"):
        if key in row:
            row[key] = vn.nfc(row[key] or "")
    if "short_code" in row and not row["short_code"]:
        row["short_code"] = "CB"
    for key in ("has_sub_committee", "active"):
        if key in row:
            row[key] = 1 if row[key] else 0
    if reasons:
        raise Refused(*reasons)
    return row


def save_cell(session: Session, values: dict[str, Any], cell_id: int | None = None) -> int:
    """Create (cell_id None) or edit a cell; an account restricted to one cell cannot add cells."""
    if cell_id is None and session.actor.cell_id is not None:
        session.require_admin()
    session.require_write(cell_id)
    if cell_id is not None:
        get_cell(session, cell_id)
    row = _clean_cell(session, values, cell_id)
    with session.write() as audit:
        return cell_store.save(session.store, audit, row, cell_id)


def set_target(
    session: Session, cell_id: int, year: int, admission_target: int, course_target: int | None = None
) -> None:
    session.require_write(cell_id)
    get_cell(session, cell_id)
    if admission_target < 0 or (course_target is not None and course_target < 0):
        raise Refused("Chỉ tiêu không được là số âm")
    if not 2000 <= year <= 2100:
        raise Refused(f"Năm {year} không hợp lệ")
    with session.write() as audit:
        cell_store.set_target(session.store, audit, cell_id, year, admission_target, course_target)


def move_people(session: Session, person_ids: list[int], cell_id: int, on: dt.date, reason: str) -> int:
    """Move people to a cell from a date, keeping the history; all of them or none.

    Returns how many changed cell (people already in the cell are left as they are).
    """
    reason = vn.nfc(reason)
    if not reason:
        raise Refused("Cần ghi lý do chuyển chi bộ")
    if not person_ids:
        raise Refused("Chưa chọn người nào để chuyển")
    target = get_cell(session, cell_id)
    if not target["active"]:
        raise Refused(f"{target['name']} đã ngừng hoạt động, không chuyển người đến được")
    if on > session.today:
        raise Refused("Ngày chuyển không được sau ngày hôm nay")
    session.require_write(cell_id)
    people = []
    for person_id in dict.fromkeys(person_ids):
        person = people_store.get(session.store, person_id)
        if person is None:
            raise Refused(f"Không tìm thấy người có mã {person_id} (có thể đã bị xóa)")
        session.require_cell(person["cell_id"])  # a restricted account moves no one it cannot see
        session.require_write(person["cell_id"])
        if person["cell_id"] == cell_id:
            continue
        if person["status"] in _NOT_IN_ANY_CELL:
            raise Refused(f"{person['full_name']} {_NOT_IN_ANY_CELL[person['status']]}, không chuyển chi bộ được")
        since = _current_since(session, person_id)
        if since and on.isoformat() < since:
            raise Refused(
                f"{person['full_name']} sinh hoạt ở chi bộ hiện tại từ {vn.format_date(since)}; "
                "ngày chuyển phải từ ngày đó trở đi"
            )
        people.append(person)
    with session.write() as audit:
        for person in people:
            cell_store.move_person(session.store, audit, person["id"], cell_id, on, reason)
    return len(people)


# People who no longer take part in any cell's activities: their last cell is history.
_NOT_IN_ANY_CELL = {
    "deceased": "đã từ trần",
    "removed": "đã ra khỏi Đảng",
    "transferred_out": "đã chuyển sinh hoạt đảng đi nơi khác",
}


def _current_since(session: Session, person_id: int) -> str | None:
    open_rows = [a for a in cell_store.assignments_of(session.store, person_id) if a["to_date"] is None]
    return open_rows[-1]["from_date"] if open_rows else None


def assignment_history(session: Session, person_id: int) -> list[dict[str, Any]]:
    """The cells a person belonged to, oldest first, with dates and reasons."""
    person = people_store.get(session.store, person_id)
    if person is not None:
        session.require_cell(person["cell_id"])
    return cell_store.assignments_of(session.store, person_id)


def cell_members(session: Session, cell_id: int) -> list[dict[str, Any]]:
    """Members of a cell now (for choosing its secretary), in Vietnamese name order."""
    session.require_cell(cell_id)
    flt = people_store.PeopleFilter(statuses=codes.MEMBER_STATUSES, cell_id=cell_id)
    ids = people_store.search_ids(session.store, flt, today=session.today)
    rows = people_store.rows_by_ids(session.store, ids)
    return [rows[i] for i in ids]
