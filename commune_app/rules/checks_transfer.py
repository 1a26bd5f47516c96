"""Transfers, removal and death (docs/domain.md §3, rule 32 TRANSFER).

Transfer details: ``transfer_kind`` ('temporary' | 'official'), ``from_unit``/``to_unit``,
``trigger_decision_on`` (the decision on the job or residence change), ``letter_on`` (the
transfer letter), and for a temporary transfer ``until`` (the planned return) and
``purpose`` ('study' allows up to 24 months instead of under 12).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from commune_app import vn
from commune_app.domain.road import REMOVAL_KINDS, TRANSFER_KINDS
from commune_app.rules.calendar import WorkCalendar
from commune_app.rules.checks_probation import deadline_check
from commune_app.rules.common import Collector, d, to_date

_MEMBERS = ("probationary", "official")


def transfer_out(out: Collector, on: dt.date, details: dict[str, Any], calendar: WorkCalendar) -> None:
    rules = out.rules
    status = out.record.person.get("status")
    if status not in _MEMBERS:
        out.block("TRANSFER", "Chỉ đảng viên đang sinh hoạt mới chuyển sinh hoạt đảng đi được.")
    kind = details.get("transfer_kind") or "official"
    if kind not in TRANSFER_KINDS:
        out.block("TRANSFER", "Hình thức chuyển sinh hoạt phải là tạm thời hoặc chính thức.")
        return
    if not (details.get("to_unit") or "").strip():
        out.block("TRANSFER", "Chưa ghi nơi chuyển sinh hoạt đến.")
    if kind == "official":
        trigger = to_date(details.get("trigger_decision_on"))
        if trigger is None:
            out.warn(
                "TRANSFER",
                "Chưa ghi ngày quyết định (chuyển công tác, nghỉ hưu, thay đổi nơi cư trú...)"
                " làm căn cứ chuyển sinh hoạt chính thức.",
            )
        elif on < trigger:
            out.block("TRANSFER", f"Ngày chuyển sinh hoạt {d(on)} trước ngày quyết định làm căn cứ {d(trigger)}.")
        else:
            deadline_check(
                out,
                "TRANSFER",
                "Chuyển sinh hoạt đảng chính thức",
                trigger,
                on,
                int(rules["transfer_official_working_days"]),
                0,
                calendar,
                extended=False,
            )
        return
    until = to_date(details.get("until"))
    if until is None:
        out.block("TRANSFER", "Chuyển sinh hoạt tạm thời cần ghi thời hạn (đến ngày).")
        return
    months = vn.full_months_between(on, until)
    low = int(rules["temporary_transfer_min_months"])
    study = details.get("purpose") == "study"
    high = int(rules["temporary_transfer_study_max_months" if study else "temporary_transfer_max_months"])
    if months < low:
        out.block("TRANSFER", f"Chuyển sinh hoạt tạm thời {months} tháng (đến {d(until)}) là dưới {low} tháng.")
    elif (vn.add_months(on, high) < until) if study else (vn.add_months(on, high) <= until):
        limit = f"quá {high} tháng" if study else f"từ {high} tháng trở lên"
        out.block("TRANSFER", f"Chuyển sinh hoạt tạm thời đến {d(until)} là {limit}; cần chuyển sinh hoạt chính thức.")


def transfer_in(out: Collector, on: dt.date, details: dict[str, Any], calendar: WorkCalendar) -> None:
    if not (details.get("from_unit") or "").strip():
        out.block("TRANSFER", "Chưa ghi nơi chuyển sinh hoạt đến từ đâu.")
    letter = to_date(details.get("letter_on"))
    if letter is None:
        out.warn("TRANSFER", "Chưa ghi ngày giấy giới thiệu sinh hoạt đảng.")
        return
    if on < letter:
        out.block("TRANSFER", f"Ngày tiếp nhận {d(on)} trước ngày giấy giới thiệu sinh hoạt {d(letter)}.")
        return
    deadline_check(
        out,
        "TRANSFER",
        "Đảng viên xuất trình giấy giới thiệu sinh hoạt đảng",
        letter,
        on,
        int(out.rules["transfer_arrival_working_days"]),
        0,
        calendar,
        extended=False,
    )


def removal(out: Collector, details: dict[str, Any]) -> None:
    if out.record.person.get("status") not in _MEMBERS:
        out.block("REMOVAL", "Chỉ đảng viên mới có thể ra khỏi Đảng (xóa tên, khai trừ, xin ra).")
    if details.get("removal_kind") not in REMOVAL_KINDS:
        out.block("REMOVAL", "Cần chọn hình thức: " + ", ".join(REMOVAL_KINDS.values()).lower() + ".")
    if not (details.get("reason") or "").strip():
        out.block("REMOVAL", "Cần ghi lý do ra khỏi Đảng.")
