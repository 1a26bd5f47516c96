"""A candidate's relatives and the verification of their background (thẩm tra lý lịch, HD 06
điểm 3.4): list, add or edit, delete; one transaction each, with its audit row.

Whether a relative still needs a verification result is answered by the rules
(``verification_gaps``), the same answer the VERIFY-COMPLETE check gives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from commune_app import vn
from commune_app.errors import Refused
from commune_app.ops.context import Session
from commune_app.rules.checks_admission import verification_gaps
from commune_app.rules.common import to_date
from commune_app.store import people as people_store
from commune_app.store import record as record_store
from commune_app.store import road as road_store

TEXTS = (
    "relation",
    "full_name",
    "residence",
    "occupation",
    "political_notes",
    "verify_place",
    "verify_result",
    "exempt_reason",
)
FLAGS = ("is_party_member", "political_issue")
DATES = {"verify_sent_on": "Ngày gửi đề nghị thẩm tra", "verify_replied_on": "Ngày nhận kết quả thẩm tra"}


@dataclass(frozen=True)
class RelativeRow:
    relative: dict[str, Any]
    needs_verification: bool  # must be verified and has neither a result nor an exemption


def _person(session: Session, person_id: int) -> dict[str, Any]:
    person = people_store.get(session.store, person_id)
    if person is None:
        raise Refused("Không tìm thấy người này (có thể đã bị xóa).")
    session.require_cell(person["cell_id"])
    return person


def relatives(session: Session, person_id: int) -> list[RelativeRow]:
    record = record_store.load(session.store, person_id)
    if record is None:
        raise Refused("Không tìm thấy người này (có thể đã bị xóa).")
    session.require_cell(record.person.get("cell_id"))
    rows = []
    for relative in record.relatives:
        alone = replace(record, relatives=[relative])  # the rule's answer for this relative alone
        rows.append(RelativeRow(relative, bool(verification_gaps(alone, session.today))))
    return rows


def clean_relative(values: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The relative's values as stored, or Refused with every problem in Vietnamese."""
    problems: list[str] = []
    cleaned: dict[str, Any] = {key: vn.nfc(values.get(key)).strip() for key in TEXTS if key in values}
    if not cleaned.get("relation"):
        problems.append("Chưa ghi quan hệ với người xin vào Đảng.")
    if not cleaned.get("full_name"):
        problems.append("Chưa ghi họ và tên người thân.")
    year = values.get("birth_year")
    if year in (None, ""):
        cleaned["birth_year"] = None
    else:
        try:
            cleaned["birth_year"] = int(str(year).strip())
        except ValueError:
            cleaned["birth_year"] = None
            problems.append(f"Năm sinh “{year}” không phải là một năm.")
        else:
            if not 1880 <= cleaned["birth_year"] <= today.year:
                problems.append(f"Năm sinh {cleaned['birth_year']} không hợp lý.")
    for key in FLAGS:
        if key in values:
            cleaned[key] = 1 if values[key] else 0
    for key, label in DATES.items():
        if key not in values:
            continue
        try:
            day = to_date(values[key])
        except (vn.DateError, ValueError) as exc:
            problems.append(f"{label}: {exc}")
            continue
        if day and day > today:
            problems.append(f"{label} {vn.format_date(day)} sau ngày hôm nay.")
        cleaned[key] = day.isoformat() if day else None
    sent, replied = cleaned.get("verify_sent_on"), cleaned.get("verify_replied_on")
    if sent and replied and replied < sent:
        problems.append(f"Ngày nhận kết quả {vn.format_date(replied)} trước ngày gửi đề nghị {vn.format_date(sent)}.")
    if problems:
        raise Refused(*problems)
    return cleaned


def save_relative(session: Session, person_id: int, values: dict[str, Any], relative_id: int | None = None) -> int:
    person = _person(session, person_id)
    session.require_write(person["cell_id"])
    cleaned = clean_relative(values, session.today)
    if relative_id is not None and not any(r.relative["id"] == relative_id for r in relatives(session, person_id)):
        raise Refused("Không tìm thấy người thân này trong hồ sơ.")
    with session.write() as audit:
        return road_store.save_relative(session.store, audit, person_id, cleaned, relative_id)


def delete_relative(session: Session, person_id: int, relative_id: int) -> None:
    person = _person(session, person_id)
    session.require_write(person["cell_id"])
    if not any(r.relative["id"] == relative_id for r in relatives(session, person_id)):
        raise Refused("Không tìm thấy người thân này trong hồ sơ.")
    with session.write() as audit:
        road_store.delete_relative(session.store, audit, relative_id)
