"""Reports for the level above: the figures for the screen, and the checked Excel export.

The reports are the committee's, for the whole commune: an account restricted to one cell is
refused (figures narrowed to one cell would not be the forms the district asks for).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from commune_app.ops import audit as audit_ops
from commune_app.ops.context import Session
from commune_app.progress import Progress
from commune_app.reports.checks import refuse_if_problems
from commune_app.reports.definitions import REPORTS, ReportDef, build_tables, choose, make_context
from commune_app.reports.model import Table
from commune_app.reports.period import Period, parse_period
from commune_app.store import backup as backup_store


@dataclass
class ReportFigures:
    period: Period
    tables: list[Table]

    @property
    def problems(self) -> list[str]:
        return [p.message for t in self.tables for p in t.problems]


@contextmanager
def _without_gc_pauses() -> Iterator[None]:
    """Report work allocates a million small objects that all live until it ends; Python's
    cycle collector would rescan them again and again (half the time at province scale)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def available() -> list[ReportDef]:
    return list(REPORTS)


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else parse_period(period)


def figures(session: Session, period: Period | str, forms: list[str] | None = None,
            progress: Progress | None = None) -> ReportFigures:
    """Compute the chosen reports (all by default) for showing on screen; nothing is written."""
    session.require_whole_commune()
    chosen = _period(period)
    progress = progress or Progress()
    with _without_gc_pauses():
        ctx = make_context(session.store, chosen, session.today, session.rules.numbers, progress=progress)
        return ReportFigures(chosen, build_tables(ctx, choose(forms), progress))


def export(session: Session, period: Period | str, forms: list[str] | None, path: str | Path,
           progress: Progress | None = None) -> Path:
    """Check the figures, then write the workbook; a failed check refuses naming the records."""
    from commune_app.reports.xlsx_writer import write_workbook

    session.require_whole_commune()
    chosen = _period(period)
    progress = progress or Progress()
    with _without_gc_pauses():
        ctx = make_context(session.store, chosen, session.today, session.rules.numbers, progress=progress)
        tables = build_tables(ctx, choose(forms), progress)
        refuse_if_problems(ctx.facts, tables)
        written = write_workbook(tables, ctx, path, progress)
    audit_ops.record_copy(session, f"Xuất báo cáo {chosen.label} ({', '.join(t.code for t in tables)})",
                          backup_store.summary_of(session.store.conn)["people"], written)
    return written
