"""Khen thưởng tổ chức đảng: record and withdraw the awards of a cell or of the committee itself.

Member awards and party badges are steps of a person's road (``ops.road.record_step`` with
the kinds ``award`` and ``party_badge``); this module keeps the organisations' awards. Each
action is one transaction with its audit row; an admin or a clerk may do it, a clerk limited
to one cell only for that cell.
"""

from __future__ import annotations

from typing import Any

from commune_app import vn
from commune_app.domain.awards import ORG_AWARD_LEVELS
from commune_app.errors import Refused
from commune_app.ops.context import Session
from commune_app.rules.common import to_date
from commune_app.store import awards as award_store
from commune_app.store import cells as cell_store


def _require_write(session: Session, cell_id: int | None) -> None:
    session.require_write(cell_id)
    session.require_cell(cell_id)  # the committee's own awards (None) are not one cell's business


def list_awards(session: Session, cell_id: int | None, *, include_withdrawn: bool = False) -> list[dict[str, Any]]:
    """The awards of a cell (or of the committee, cell_id None), newest first."""
    session.require_cell(cell_id)
    return award_store.of_organisation(session.store, cell_id, include_withdrawn=include_withdrawn)


def _clean(session: Session, values: dict[str, Any]) -> dict[str, Any]:
    reasons = []
    cell_id = values.get("cell_id")
    if cell_id is not None and cell_store.get(session.store, int(cell_id)) is None:
        reasons.append("Không tìm thấy chi bộ được khen thưởng.")
    level = values.get("level")
    if level not in ORG_AWARD_LEVELS:
        reasons.append("Hình thức khen thưởng phải là " + ", ".join(ORG_AWARD_LEVELS.values()).lower() + ".")
    day = None
    try:
        day = to_date(values.get("awarded_on"))
        if day is None:
            reasons.append("Chưa nhập ngày quyết định khen thưởng.")
        elif day > session.today:
            reasons.append(f"Ngày khen thưởng {vn.format_date(day)} sau ngày hôm nay; chỉ ghi việc đã có quyết định.")
    except (vn.DateError, ValueError) as exc:
        reasons.append(f"Ngày khen thưởng: {exc}")
    if reasons:
        raise Refused(*reasons)
    assert day is not None
    return {
        "cell_id": int(cell_id) if cell_id is not None else None,
        "level": level,
        "awarded_on": day.isoformat(),
        "doc_number": vn.nfc(values.get("doc_number") or "").strip(),
        "issuer": vn.nfc(values.get("issuer") or "").strip(),
        "reason": vn.nfc(values.get("reason") or "").strip(),
    }


def record_award(session: Session, values: dict[str, Any]) -> int:
    """Record an organisation's award: cell_id (None = the committee), level (co | bang_khen |
    giay_khen), awarded_on, doc_number, issuer, reason. Returns its id."""
    _require_write(session, values.get("cell_id"))
    row = _clean(session, values)
    with session.write() as audit:
        return award_store.insert(session.store, audit, row)


def withdraw_award(session: Session, award_id: int, reason: str) -> None:
    """Withdraw an award recorded by mistake; the row and the reason stay in the file and the audit."""
    award = award_store.get(session.store, award_id)
    if award is None:
        raise Refused("Không tìm thấy khen thưởng này.")
    _require_write(session, award["cell_id"])
    if award["withdrawn_at"]:
        raise Refused("Khen thưởng này đã được hủy trước đó.")
    text = vn.nfc(reason or "").strip()
    if not text:
        raise Refused("Cần ghi lý do hủy.")
    with session.write() as audit:
        award_store.withdraw(session.store, audit, award_id, text)
