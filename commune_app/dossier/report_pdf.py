"""A report sheet as a PDF in the party layout (layout.py): the lists the committee
signs and files (DS-CT, E9) print as PDF as well as Excel, from the same ``Table``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.dossier import layout as L
from commune_app.reports.context import ReportContext
from commune_app.reports.model import Table


def _columns(table: Table) -> list[L.Column]:
    """One PDF column per sheet column: its leaf title, under its group title when it has one."""
    columns = []
    for col in range(table.width):
        covering = sorted((c for c in table.header if c.col <= col < c.col + c.colspan), key=lambda c: c.row)
        leaf = covering[-1].text if covering else ""
        group = next((c.text for c in covering[:-1] if c.colspan > 1), "")
        align = "LEFT" if col in table.text_cols else "CENTER"
        columns.append(L.Column(leaf, table.widths[col], align, group))
    return columns


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return vn.nfc(str(value))


def write_pdf(tables: list[Table], ctx: ReportContext, path: str | Path, settings: Any = None) -> int:
    """Write each table as one landscape document; returns the number of pages."""
    profile = ctx.profile
    pdf = L.PartyPdf(Path(path), title=f"Báo cáo {ctx.period.label}", settings=settings)
    for table in tables:
        pdf.new_document(landscape=True)
        pdf.header(
            L.Header(
                issuer=profile.get("committee_name") or "ĐẢNG ỦY",
                upper=profile.get("upper_body") or "",
                place=profile.get("place_name") or "",
                on=ctx.today,
            )
        )
        pdf.title(table.heading[0], rule=True)
        for line in table.heading[1:]:
            pdf.para(line, indent=False, align="CENTER", size=13)
        pdf.spacer(2)
        pdf.table(_columns(table), [[_text(v) for v in row.values] for row in table.rows], size=11, number_row=True)
        for note in table.notes:
            pdf.para(L.italic(note), indent=False, size=12, space_before=3)
        pdf.closing(
            [
                L.Signature("NGƯỜI LẬP DANH SÁCH", "\u00a0", profile.get("preparer_name") or ""),
                L.Signature(ctx.authority, ctx.signer_title, profile.get("secretary") or ""),
            ]
        )
    return pdf.build()
