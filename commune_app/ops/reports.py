"""Reports for the level above: the figures for the screen, and the checked Excel export.

The reports are the committee's, for the whole commune: an account restricted to one cell is
refused (figures narrowed to one cell would not be the forms the district asks for).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from commune_app.errors import FileRefused, Refused
from commune_app.ops import audit as audit_ops
from commune_app.ops.context import Session
from commune_app.ops.heavy import without_gc_pauses
from commune_app.progress import Progress
from commune_app.reports.checks import refuse_if_problems
from commune_app.reports.context import ReportContext
from commune_app.reports.definitions import REPORTS, ReportDef, build_tables, choose, make_context
from commune_app.reports.indicators import Indicators
from commune_app.reports.model import Table
from commune_app.reports.period import Period, parse_period
from commune_app.safety import outputs
from commune_app.store import backup as backup_store


@dataclass
class ReportFigures:
    period: Period
    tables: list[Table]

    @property
    def problems(self) -> list[str]:
        return [p.message for t in self.tables for p in t.problems]


def mark_no_masses(session: Session, cell_id: int, year: int, no_masses: bool = True) -> None:
    """Record that a cell's unit had no one left outside the party at the end of ``year``
    (Biểu 2-BTCTW III "Không còn quần chúng", docs/reports.md)."""
    from commune_app.ops.cells import get_cell
    from commune_app.store import stats

    session.require_write(cell_id)
    get_cell(session, cell_id)
    if not 2000 <= year <= 2100:
        raise Refused(f"Năm {year} không hợp lệ")
    with session.write() as audit:
        stats.set_no_masses(session.store, audit, cell_id, year, no_masses)


def indicators(session: Session, year: int | None = None) -> Indicators:
    """The indicators of a year up to today (Tổng quan), from the same facts as the reports."""
    from commune_app.reports.indicators import compute

    session.require_whole_commune()
    chosen = counted_period(session, str(year or session.today.year))
    with without_gc_pauses():
        return compute(make_context(session.store, chosen, session.today, session.rules.numbers))


def set_term_target(session: Session, target: int | None) -> None:
    """The committee's admission target for the whole party term (None: not set)."""
    from commune_app.store import profile

    session.require_admin()
    if target is not None and target < 0:
        raise Refused("Chỉ tiêu kết nạp cả nhiệm kỳ không được là số âm")
    with session.write() as audit:
        profile.set_setting(session.store, audit, "term_admission_target", target)


def available() -> list[ReportDef]:
    return list(REPORTS)


def counted_period(session: Session, period: Period | str) -> Period:
    """The period as it can be counted today: cut at today when not over, refused before it starts."""
    chosen = period if isinstance(period, Period) else parse_period(period)
    return chosen.as_of(session.today)


def suggested_file_name(session: Session, period: Period | str) -> str:
    """'bao-cao-2026-Q4-den-ngay-2026-12-02.xlsx' for an unfinished quarter: the name says how far it goes."""
    return f"bao-cao-{counted_period(session, period).file_code}.xlsx"


def figures(
    session: Session, period: Period | str, forms: list[str] | None = None, progress: Progress | None = None
) -> ReportFigures:
    """Compute the chosen reports (all by default) for showing on screen; nothing is written."""
    session.require_whole_commune()
    chosen = counted_period(session, period)
    progress = progress or Progress()
    with without_gc_pauses():
        ctx = make_context(session.store, chosen, session.today, session.rules.numbers, progress=progress)
        return ReportFigures(chosen, build_tables(ctx, choose(forms), progress))


def export(
    session: Session, period: Period | str, forms: list[str] | None, path: str | Path, progress: Progress | None = None
) -> Path:
    """Check the figures, then write the workbook (.xlsx) or the PDF (.pdf, the lists the committee
    signs); a failed check refuses naming the records."""
    from commune_app.reports.xlsx_writer import write_workbook

    session.require_whole_commune()
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise FileRefused(f"Tệp {target.name}: báo cáo chỉ xuất được ra tệp .xlsx hoặc .pdf.")
    chosen = counted_period(session, period)
    progress = progress or Progress()
    with without_gc_pauses():
        ctx = make_context(session.store, chosen, session.today, session.rules.numbers, progress=progress)
        tables = build_tables(ctx, choose(forms), progress)
        refuse_if_problems(ctx.facts, tables)
        if suffix == ".xlsx":
            written = write_workbook(tables, ctx, target, progress)
        else:
            written = _write_pdf(tables, ctx, target)
    audit_ops.record_copy(
        session,
        f"Xuất báo cáo {chosen.label} ({', '.join(t.code for t in tables)})",
        backup_store.summary_of(session.store.conn)["people"],
        written,
    )
    return written


def _write_pdf(tables: list[Table], ctx: ReportContext, target: Path) -> Path:
    from commune_app.dossier.report_pdf import write_pdf

    with outputs.replacing(target, data_file=ctx.store.path, suffix=".pdf") as temporary:
        write_pdf(tables, ctx, temporary)
    return target
