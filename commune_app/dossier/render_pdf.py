"""The document model drawn with reportlab: the PDF the program has always printed."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache
from typing import IO, Any

from commune_app.dossier import model as M
from commune_app.dossier.fonts import FontSet

MM = 72 / 25.4
DRAFT_MARK = "DỰ THẢO"
CREATOR = "Phát triển Đảng viên"


def markup(inline: M.Inline) -> str:
    """reportlab paragraph markup of runs (text escaped, looks as tags)."""
    out = []
    for run in inline:
        text = html.escape(run.text, quote=False).replace("\n", "<br/>")
        for flag, tag in ((run.underline, "u"), (run.bold, "b"), (run.italic, "i")):
            if flag:
                text = f"<{tag}>{text}</{tag}>"
        out.append(text)
    return "".join(out)


@dataclass
class _Styles:
    fonts: FontSet
    made: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, **kw: Any) -> Any:
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        key = name + repr(sorted(kw.items()))
        if key not in self.made:
            align = {"LEFT": TA_LEFT, "CENTER": TA_CENTER, "RIGHT": TA_RIGHT, "JUSTIFY": TA_JUSTIFY}
            size = kw.pop("size", 14)
            face = kw.pop("face", "regular")
            self.made[key] = ParagraphStyle(
                name,
                fontName=getattr(self.fonts, face),
                fontSize=size,
                leading=kw.pop("leading", round(size * 1.3, 1)),
                alignment=align[kw.pop("align", "LEFT")],
                **kw,
            )
        return self.made[key]


class PdfRenderer:
    """Turns each block into flowables; one instance per build."""

    def __init__(self, doc_model: M.DocumentModel, fonts: FontSet) -> None:
        self.model = doc_model
        self.fonts = fonts
        self.styles = _Styles(fonts)

    def flowables(self) -> list[Any]:
        from reportlab.platypus import NextPageTemplate, PageBreak

        out: list[Any] = []
        for index, document in enumerate(self.model.documents):
            if index:
                out.append(NextPageTemplate("landscape" if document.landscape else "portrait"))
                out.append(PageBreak())
            out.append(_section_mark(document.draft))
            for block in document.blocks:
                self._block(block, out)
        return out

    def _block(self, block: M.Block, out: list[Any]) -> None:
        from reportlab.platypus import PageBreak, Paragraph, Spacer

        s = self.styles
        if isinstance(block, M.HeaderBlock):
            out.append(self._header(block))
        elif isinstance(block, M.TitleBlock):
            out.append(Spacer(1, 6 * MM))
            out.append(
                Paragraph(esc(block.doc_type.upper()), s.get("tt", size=16, face="bold", align="CENTER", leading=20))
            )
            if block.subject:
                out.append(Paragraph(esc(block.subject), s.get("ts", size=14, face="bold", align="CENTER", leading=18)))
            if block.rule:
                out.append(Paragraph("-----", s.get("tr", size=14, align="CENTER", leading=16)))
            out.append(Spacer(1, 3 * MM))
        elif isinstance(block, M.AddresseeBlock):
            style = s.get("kg", size=14, align="CENTER", leading=18, spaceAfter=4)
            out.extend(Paragraph(markup(line), style) for line in block.lines)
        elif isinstance(block, M.ParaBlock):
            style = s.get(
                "p",
                size=block.size,
                align=block.align,
                leading=round(block.size * 1.25, 1),
                firstLineIndent=10 * MM if block.indent else 0,
                spaceAfter=3,
                spaceBefore=block.space_before,
                keepWithNext=int(block.keep_with_next),
            )
            out.append(Paragraph(markup(block.runs), style))
        elif isinstance(block, M.HeadingBlock):
            style = s.get(
                "h", size=14, face="bold", align=block.align, leading=18, spaceBefore=4, spaceAfter=3, keepWithNext=1
            )
            out.append(Paragraph(markup(block.runs), style))
        elif isinstance(block, M.SpacerBlock):
            out.append(Spacer(1, block.mm * MM))
        elif isinstance(block, M.TableBlock):
            out.append(self._table(block))
        elif isinstance(block, M.ClosingBlock):
            self._closing(block, out)
        elif isinstance(block, M.PageBreakBlock):
            out.append(PageBreak())
        elif isinstance(block, M.RawBlock):
            out.extend(block.flowables)

    def _header(self, block: M.HeaderBlock) -> Any:
        from reportlab.platypus import Paragraph, Table, TableStyle
        from reportlab.platypus.flowables import HRFlowable

        s, head = self.styles, block.head
        left: list[Any] = []
        if block.upper_lines:
            left.append(Paragraph(lines(block.upper_lines), s.get("hu", size=14, align="CENTER", leading=17)))
        if block.issuer_lines:
            left.append(
                Paragraph(lines(block.issuer_lines), s.get("hi", size=14, face="bold", align="CENTER", leading=17))
            )
        if head.star and (head.issuer or head.upper):
            left.append(Paragraph(esc(head.star), s.get("hs", size=14, align="CENTER", leading=16)))
        right: list[Any] = [
            Paragraph(esc(head.title), s.get("ht", size=block.title_size, face="bold", align="CENTER", leading=18))
        ]
        ruled, ruled_size = head.title, block.title_size
        if head.motto:
            right.append(Paragraph(esc(head.motto), s.get("hm", size=14, face="bold", align="CENTER", leading=17)))
            ruled, ruled_size = head.motto, 14
        # The rule under the title is exactly as long as the line above it (36-HD element 1).
        right.append(
            HRFlowable(
                width=string_width(ruled, self.fonts.bold, ruled_size),
                thickness=0.7,
                color="black",
                spaceBefore=1,
                spaceAfter=0,
                hAlign="CENTER",
            )
        )
        number_cell: list[Any] = []
        if head.number:
            number_cell.append(Paragraph(esc(head.number), s.get("hn", size=14, align="CENTER", leading=17)))
        if head.subject:
            number_cell.append(
                Paragraph(esc(head.subject), s.get("hv", size=12, face="italic", align="CENTER", leading=14))
            )
        date_cell = Paragraph(esc(block.date_line), s.get("hd", size=14, face="italic", align="CENTER", leading=17))
        table = Table(
            [[left, "", right], [number_cell, "", date_cell]],
            colWidths=[block.left_width, block.middle_width, block.right_width],
            hAlign="CENTER",
        )
        table.setStyle(
            TableStyle(
                [
                    self._table_font(),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 1), (-1, 1), 4),
                ]
            )
        )
        return table

    def _table_font(self) -> tuple[Any, ...]:
        """Cells set their font even when empty: the document font, not reportlab's Helvetica."""
        return ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular)

    def _table(self, block: M.TableBlock) -> Any:
        from reportlab.platypus import Paragraph, Table, TableStyle

        s, size, columns = self.styles, block.size, block.columns
        head = block.head_size or size
        head_style = s.get("th", size=head, face="bold", align="CENTER", leading=head * 1.2)
        commands: list[tuple[Any, ...]] = []
        header_rows: list[list[Any]] = []
        if any(c.group for c in columns):
            top: list[Any] = []
            bottom: list[Any] = []
            for first, last in column_groups(columns):
                col = columns[first]
                if col.group:
                    top.append(Paragraph(esc(col.group), head_style))
                    top.extend("" for _ in range(first + 1, last + 1))
                    bottom.extend(Paragraph(esc(c.title), head_style) for c in columns[first : last + 1])
                    if last > first:
                        commands.append(("SPAN", (first, 0), (last, 0)))
                else:
                    top.append(Paragraph(esc(col.title), head_style))
                    bottom.append("")
                    commands.append(("SPAN", (first, 0), (first, 1)))
            header_rows = [top, bottom]
        else:
            header_rows = [[Paragraph(esc(c.title), head_style) for c in columns]]
        if block.number_row:
            italic_style = s.get("tn", size=size - 1, face="italic", align="CENTER", leading=size * 1.15)
            header_rows.append([Paragraph(f"({i + 1})", italic_style) for i in range(len(columns))])
        body = [
            [
                Paragraph(
                    markup(cell.runs), s.get(f"td{col.align}", size=cell.size, align=col.align, leading=cell.size * 1.2)
                )
                for col, cell in zip(columns, row, strict=False)
            ]
            for row in block.rows
        ]
        table = Table(header_rows + body, colWidths=list(block.widths), repeatRows=len(header_rows), hAlign="CENTER")
        table.setStyle(
            TableStyle(
                [
                    self._table_font(),
                    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                    ("VALIGN", (0, 0), (-1, len(header_rows) - 1), "MIDDLE"),
                    ("VALIGN", (0, len(header_rows)), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), M.CELL_PADDING),
                    ("RIGHTPADDING", (0, 0), (-1, -1), M.CELL_PADDING),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    *commands,
                    *(
                        (side, (i, 0), (i, -1), M.TIGHT_PADDING)
                        for i in block.tight
                        for side in ("LEFTPADDING", "RIGHTPADDING")
                    ),
                ]
            )
        )
        return table

    def _closing(self, block: M.ClosingBlock, out: list[Any]) -> None:
        from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

        width = block.width
        blocks = [self._signature(sig) for sig in block.signatures]
        recipients = self._recipients(block.recipients) if block.recipients else []
        if len(blocks) == 1:
            left_w = width * 0.45
            table = Table([[recipients, blocks[0]]], colWidths=[left_w, width - left_w])
        else:
            table = Table([blocks], colWidths=[width / len(blocks)] * len(blocks))
        table.setStyle(
            TableStyle(
                [
                    self._table_font(),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        parts: list[Any] = [Spacer(1, 3 * MM), table]
        if len(blocks) > 1 and recipients:
            parts.append(Spacer(1, 4 * MM))
            parts.extend(recipients)
        # A signature never stands alone on a page: the last paragraph goes with it (36-HD practice).
        if out and type(out[-1]).__name__ == "Paragraph":
            parts.insert(0, out.pop())
        out.append(KeepTogether(parts))

    def _signature(self, sig: M.Signature) -> list[Any]:
        from reportlab.platypus import Paragraph, Spacer

        s = self.styles
        caps = s.get("sg", size=14, face="bold", align="CENTER", leading=17)
        out: list[Any] = []
        if sig.authority:
            out.append(Paragraph(esc(sig.authority.upper()), caps))
        if sig.title:
            out.append(Paragraph(esc(sig.title.upper()), caps))
        if sig.note:
            out.append(Paragraph(esc(sig.note), s.get("sn", size=12, face="italic", align="CENTER", leading=14)))
        out.append(Spacer(1, 20 * MM))
        if sig.name:
            out.append(Paragraph(esc(sig.name), caps))
        return out

    def _recipients(self, recipients: tuple[str, ...]) -> list[Any]:
        from reportlab.platypus import Paragraph

        s = self.styles
        out: list[Any] = [Paragraph("<u><b><i>Nơi nhận:</i></b></u>", s.get("rl", size=14, leading=17))]
        out.extend(Paragraph(esc(line), s.get("ri", size=12, leading=14)) for line in recipients)
        return out


def esc(text: str) -> str:
    return html.escape(M.nfc(text), quote=False)


def lines(texts: tuple[str, ...]) -> str:
    """Lines already broken by the model, kept as they are."""
    return "<br/>".join(esc(t) for t in texts)


def column_groups(columns: tuple[M.Column, ...]) -> list[tuple[int, int]]:
    """(first, last) index of each header cell: a run of columns sharing a group, or one column."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(columns):
        j = i
        while columns[i].group and j + 1 < len(columns) and columns[j + 1].group == columns[i].group:
            j += 1
        spans.append((i, j))
        i = j + 1
    return spans


def string_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(M.nfc(text), font, size))


def write_pdf(doc_model: M.DocumentModel, fonts: FontSet, target: str | IO[bytes]) -> int:
    """Write the PDF of the model; returns its number of pages."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    m = doc_model.margins_mm
    renderer = PdfRenderer(doc_model, fonts)
    templates = []
    for name, size in (("portrait", A4), ("landscape", landscape(A4))):
        frame = Frame(
            m["left"] * MM,
            m["bottom"] * MM,
            size[0] - (m["left"] + m["right"]) * MM,
            size[1] - (m["top"] + m["bottom"]) * MM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"body-{name}",
        )
        templates.append(PageTemplate(id=name, frames=[frame], pagesize=size, onPageEnd=_page_end(fonts)))
    if doc_model.documents[0].landscape:
        templates.reverse()  # the first page takes the first template
    # The canvas starts in the document font (and table cells are set in it, see _table_font):
    # reportlab's default Helvetica would otherwise be listed, unused and not embedded, on every
    # page, which an "all fonts embedded" check refuses.
    doc = BaseDocTemplate(
        target,
        pagesize=templates[0].pagesize,
        pageTemplates=templates,
        title=doc_model.title,
        author=doc_model.author,
        subject=doc_model.subject,
        creator=CREATOR,
        initialFontName=fonts.regular,
        initialFontSize=14,
        leftMargin=m["left"] * MM,
        rightMargin=m["right"] * MM,
        topMargin=m["top"] * MM,
        bottomMargin=m["bottom"] * MM,
    )
    doc.build(renderer.flowables())
    return int(doc.page)


def _page_end(fonts: FontSet) -> Any:
    def draw(canvas: Any, doc: Any) -> None:
        start, draft = getattr(canvas, "_party_section", (1, False))
        page_in_document = canvas.getPageNumber() - start + 1
        width, height = canvas._pagesize
        if page_in_document >= 2:
            canvas.saveState()
            canvas.setFont(fonts.regular, 13)
            canvas.drawCentredString(width / 2, height - 10 * MM - 10, str(page_in_document))
            canvas.restoreState()
        if draft:
            canvas.saveState()
            canvas.setFillColorRGB(0.75, 0.1, 0.1)
            canvas.setFillAlpha(0.16)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(45 if height > width else 30)
            canvas.setFont(fonts.bold, 110)
            canvas.drawCentredString(0, -35, DRAFT_MARK)
            canvas.restoreState()

    return draw


@lru_cache(maxsize=1)
def _section_mark_class() -> type:
    from reportlab.platypus.flowables import Flowable

    class SectionMark(Flowable):  # type: ignore[misc]
        """Invisible, at the start of each document: page numbers and the draft mark follow it."""

        def __init__(self, draft: bool) -> None:
            super().__init__()
            self.draft = draft

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            self.canv._party_section = (self.canv.getPageNumber(), self.draft)

    return SectionMark


def _section_mark(draft: bool) -> Any:
    return _section_mark_class()(draft)
