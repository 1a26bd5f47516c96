"""The reports the clerk can choose, in the workbook's order, and how each is built."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from commune_app.errors import Refused
from commune_app.progress import Progress
from commune_app.reports import (
    e7_quarterly,
    e8_quick,
    e9_list,
    form_1,
    form_2,
    form_2b,
    form_3,
    form_3b,
    form_5,
    form_7,
    recognition_due,
)
from commune_app.reports.context import ReportContext, signer_settings
from commune_app.reports.model import Table
from commune_app.reports.period import Period
from commune_app.rules.calendar import WorkCalendar
from commune_app.store import profile
from commune_app.store.db import Store
from commune_app.store.stats import Facts, load_facts


@dataclass(frozen=True)
class ReportDef:
    code: str
    title: str  # what the clerk reads in the list of reports
    build: Callable[[ReportContext], Table]


REPORTS: tuple[ReportDef, ...] = (
    ReportDef("E7", "Biểu tổng hợp kết quả phát triển đảng viên theo chi bộ (quý)", e7_quarterly.build),
    ReportDef("E8", "Báo cáo nhanh kết quả phát triển đảng viên (tháng)", e8_quick.build),
    ReportDef("E9", "Danh sách đảng viên mới kết nạp", e9_list.build),
    ReportDef("DS-CT", "Danh sách đảng viên dự bị đến hạn xét công nhận chính thức", recognition_due.build),
    ReportDef("1-BTCTW", "Biểu 1-BTCTW: Thống kê tăng, giảm đảng viên", form_1.build),
    ReportDef("2-BTCTW", "Biểu 2-BTCTW: Thống kê đảng viên mới kết nạp", form_2.build),
    ReportDef("2B-BTCTW", "Biểu 2B: Đảng viên mới kết nạp theo dân tộc, tôn giáo", form_2b.build),
    ReportDef("3-BTCTW", "Biểu 3-BTCTW: Thống kê đội ngũ đảng viên", form_3.build),
    ReportDef("3B-BTCTW", "Biểu 3B: Đảng viên chia theo dân tộc và trong các tôn giáo", form_3b.build),
    ReportDef("5-BTCTW", "Biểu 5-BTCTW: Tổ chức đảng và đảng viên trong các loại hình cơ sở", form_5.build),
    ReportDef("7-BTCTW", "Biểu 7-BTCTW: Thống kê về nghiệp vụ công tác đảng viên", form_7.build),
)
REPORT_BY_CODE = {r.code: r for r in REPORTS}
ALL_CODES = tuple(r.code for r in REPORTS)


def choose(codes: list[str] | tuple[str, ...] | None) -> list[ReportDef]:
    """The chosen reports in the workbook's order (all when none is named)."""
    if not codes:
        return list(REPORTS)
    wanted = {c.strip().upper() for c in codes if c.strip()}
    unknown = sorted(wanted - {c.upper() for c in ALL_CODES})
    if unknown:
        raise Refused(f"Không có biểu báo cáo {', '.join(unknown)}. Các biểu có: {', '.join(ALL_CODES)}.")
    return [r for r in REPORTS if r.code.upper() in wanted]


def make_context(
    store: Store,
    period: Period,
    today: dt.date,
    rules: dict[str, Any] | None = None,
    facts: Facts | None = None,
    progress: Progress | None = None,
) -> ReportContext:
    settings = signer_settings(store)
    numbers = rules or {}
    return ReportContext(
        store=store,
        # The forms look at the road at the end of the period and of the same period last year.
        facts=facts or load_facts(store, progress, road_from=period.previous_year().end),
        period=period,
        profile=profile.get_profile(store),
        today=today,
        certificate_valid_months=int(numbers.get("course_certificate_valid_months", 60)),
        probation_months=int(numbers.get("probation_months", 12)),
        ceremony_working_days=int(numbers.get("ceremony_deadline_working_days", 30)),
        calendar=WorkCalendar(extra_days_off=profile.extra_days_off(store)),
        authority=settings["report_authority"],
        signer_title=settings["report_signer_title"],
    )


def build_tables(ctx: ReportContext, reports: list[ReportDef], progress: Progress | None = None) -> list[Table]:
    progress = progress or Progress()
    tables = []
    for done, report in enumerate(reports):
        progress(done, len(reports), f"Tính số liệu {report.code}")
        tables.append(report.build(ctx))
    progress(len(reports), len(reports), "Đã tính xong số liệu")
    return tables
