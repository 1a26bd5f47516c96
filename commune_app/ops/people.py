"""People: create, edit, delete and restore, find; one transaction each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from commune_app.domain.person import clean_person
from commune_app.errors import Refused
from commune_app.ops.context import Session
from commune_app.store import cells as cell_store
from commune_app.store import people as people_store
from commune_app.store.people import PeopleFilter as PeopleFilter  # the window's filter, through ops


class LikelyDuplicate(Refused):
    """Saving would probably create a second record of someone already in the file."""

    def __init__(self, matches: list[dict[str, Any]]) -> None:
        self.matches = matches
        lines = [
            f"Có thể trùng với {m['full_name']} (mã {m['id']}"
            + (f", CCCD {m['cccd']}" if m.get("cccd") else "")
            + (", đã bị xóa" if m.get("deleted_at") else "")
            + ")"
            for m in matches
        ]
        super().__init__(*lines)


def _clean_or_refuse(values: dict[str, Any], existing: dict[str, Any] | None, today: dt.date) -> dict[str, Any]:
    cleaned, errors = clean_person(values, existing=existing, today=today)
    if errors:
        raise Refused(*errors.values())
    return cleaned


def create_person(
    session: Session, values: dict[str, Any], *, cell_id: int | None, allow_duplicate: bool = False, reason: str = ""
) -> int:
    session.require_write(cell_id)
    if session.actor.cell_id is not None and cell_id is None:
        cell_id = session.actor.cell_id
    cleaned = _clean_or_refuse(values, None, session.today)
    for required in ("full_name", "gender", "birth_date"):
        if not cleaned.get(required):
            raise Refused(f"Thiếu {dict(full_name='họ và tên', gender='giới tính', birth_date='ngày sinh')[required]}")
    if cell_id is not None and cell_store.get(session.store, cell_id) is None:
        raise Refused("Chi bộ đã chọn không tồn tại")
    if not allow_duplicate:
        matches = people_store.likely_duplicates(
            session.store,
            cccd=cleaned.get("cccd"),
            full_name=cleaned["full_name"],
            birth_date=cleaned.get("birth_date"),
        )
        if matches:
            raise LikelyDuplicate(matches)
    cleaned["rule_set_version"] = session.rules.version
    with session.write() as audit:
        return people_store.insert(
            session.store,
            audit,
            cleaned,
            cell_id=cell_id,
            assigned_on=session.today.isoformat(),
            reason=reason or "Thêm mới",
        )


def update_person(session: Session, person_id: int, values: dict[str, Any], *, allow_duplicate: bool = False) -> None:
    existing = people_store.get(session.store, person_id)
    if existing is None:
        raise Refused("Không tìm thấy người này (có thể đã bị xóa)")
    session.require_write(existing["cell_id"])
    cleaned = _clean_or_refuse(values, existing, session.today)
    if "cccd" in cleaned and cleaned["cccd"] and cleaned["cccd"] != existing["cccd"]:
        taken = people_store.likely_duplicates(
            session.store, cccd=cleaned["cccd"], full_name="", birth_date=None, exclude_id=person_id
        )
        if taken:
            raise Refused(f"Số CCCD {cleaned['cccd']} đã được ghi cho {taken[0]['full_name']} (mã {taken[0]['id']})")
    if not allow_duplicate and ({"full_name", "birth_date"} & cleaned.keys()):
        merged = {**existing, **cleaned}
        matches = people_store.likely_duplicates(
            session.store,
            cccd=None,
            full_name=merged["full_name"],
            birth_date=merged["birth_date"],
            exclude_id=person_id,
        )
        if matches:
            raise LikelyDuplicate(matches)
    with session.write() as audit:
        people_store.update(session.store, audit, person_id, cleaned)


def delete_person(session: Session, person_id: int, reason: str) -> None:
    """Move the person to the recoverable bin; nothing is erased."""
    existing = people_store.get(session.store, person_id)
    if existing is None:
        raise Refused("Không tìm thấy người này (có thể đã bị xóa)")
    session.require_write(existing["cell_id"])
    if not reason.strip():
        raise Refused("Cần ghi lý do xóa")
    with session.write() as audit:
        people_store.soft_delete(session.store, audit, person_id, reason.strip())


def restore_person(session: Session, person_id: int) -> None:
    existing = people_store.get(session.store, person_id, include_deleted=True)
    if existing is None or not existing["deleted_at"]:
        raise Refused("Không có hồ sơ đã xóa với mã này")
    session.require_write(existing["cell_id"])
    with session.write() as audit:
        people_store.restore(session.store, audit, person_id)


def deleted_people(session: Session) -> list[dict[str, Any]]:
    return [row for row in people_store.deleted(session.store) if session.sees_cell(row["cell_id"])]


def get_person(session: Session, person_id: int) -> dict[str, Any] | None:
    row = people_store.get(session.store, person_id)
    if row and not session.sees_cell(row["cell_id"]):
        return None
    return row


def restricted(session: Session, flt: PeopleFilter) -> PeopleFilter:
    """A filter narrowed to the actor's cell when their account is restricted to one."""
    if session.actor.cell_id is not None:
        flt.cell_id = session.actor.cell_id
    return flt


def search_ids(session: Session, flt: PeopleFilter, limit: int | None = None) -> list[int]:
    return people_store.search_ids(session.store, restricted(session, flt), limit=limit, today=session.today)


def count(session: Session, flt: PeopleFilter) -> int:
    return people_store.count(session.store, restricted(session, flt), today=session.today)


def rows(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The rows of these people; those outside a restricted actor's cell are left out."""
    found = people_store.rows_by_ids(session.store, ids)
    if session.actor.cell_id is None:
        return found
    return {i: row for i, row in found.items() if session.sees_cell(row["cell_id"])}


def find(
    session: Session, text: str = "", *, status: str | None = None, cell: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """The search the window uses, as rows in Vietnamese order (for the command line)."""
    flt = PeopleFilter(text=text, statuses=(status,) if status else (), cell_name=cell)
    ids = search_ids(session, flt, limit=limit)
    by_id = rows(session, ids)
    return [by_id[i] for i in ids]
