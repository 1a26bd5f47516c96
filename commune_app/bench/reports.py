"""Benchmark of the Excel reports: every report computed, then the whole workbook written.

``measure(session)`` times the reports over whatever file the session has open (the commune
demo, or a province-scale file from ``commune-app demo --scale province``); issue 17's targets
are 0.3 s for a commune and 3 s for a province, for the full workbook (docs/reports.md).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from commune_app.ops.context import Session
from commune_app.reports.period import Period, make_period
from commune_app.store import stats


def default_period(session: Session) -> Period:
    """The last complete quarter before the session's today (what the clerk sends up)."""
    today = session.today
    quarter = (today.month - 1) // 3
    return make_period("quarter", today.year, quarter) if quarter else make_period("quarter", today.year - 1, 4)


def measure(session: Session, period: Period | None = None, label: str = "") -> list[tuple[str, float]]:
    """Rows (label, seconds): the figures of every report, and the full workbook (figures, checks, file)."""
    from commune_app.ops import reports
    from commune_app.reports.definitions import REPORTS

    period = period or default_period(session)
    people = stats.people_count(session.store)
    scale = label or f"{people:,} người".replace(",", ".")
    rows: list[tuple[str, float]] = []
    started = time.perf_counter()
    reports.figures(session, period)
    rows.append((f"Báo cáo: tính số liệu {len(REPORTS)} biểu {period.label} ({scale})", time.perf_counter() - started))
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        reports.export(session, period, None, Path(folder) / "bao-cao.xlsx")
        rows.append(
            (f"Báo cáo: xuất tệp Excel đủ {len(REPORTS)} biểu {period.label} ({scale})", time.perf_counter() - started)
        )
    return rows
