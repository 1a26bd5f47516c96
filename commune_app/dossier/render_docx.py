"""The document model written as a Word file (python-docx), for the clerk to change a sentence,
a recipient or a signer the program does not model.

The page is the PDF's (HD 36-HD/VPTW): A4, the margins of the settings, Times New Roman,
the two-column header as a borderless table with the lines the model broke, the signature
block and 'Nơi nhận' side by side, page numbers from the second page of each document (one
Word section per document, numbering restarted), 'DỰ THẢO' in the page header of a draft.
"""

from __future__ import annotations

from typing import IO, Any

from commune_app.dossier import model as M
from commune_app.dossier.fonts import FontSet
from commune_app.dossier.render_pdf import DRAFT_MARK, column_groups

FONT = "Times New Roman"  # named in the file; Word (or LibreOffice's metric twin) draws it
TWIPS_PER_PT = 20
# Elements of w:sectPr that come after w:pgNumType (ECMA-376 order), to insert it in its place.
_AFTER_PGNUMTYPE = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)


def write_docx(doc_model: M.DocumentModel, fonts: FontSet, target: str | IO[bytes]) -> int:
    """Write the .docx of the model; returns its number of documents (Word lays out the pages)."""
    del fonts  # the file names Times New Roman; metrics were taken from the same family
    writer = DocxWriter(doc_model)
    writer.write()
    writer.doc.save(target)
    return len(doc_model.documents)


class DocxWriter:
    def __init__(self, doc_model: M.DocumentModel) -> None:
        import docx

        self.model = doc_model
        self.doc = docx.Document()
        self.last_para: Any = None  # the paragraph a signature block keeps on its page
        core = self.doc.core_properties
        core.title, core.author, core.subject = doc_model.title, doc_model.author, doc_model.subject
        core.comments = ""
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = _pt(14)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(_qn("w:eastAsia"), FONT)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(_qn("w:cs"), FONT)
        normal.paragraph_format.space_after = _pt(0)
        normal.paragraph_format.space_before = _pt(0)

    def write(self) -> None:
        body = self.doc.element.body
        for paragraph in list(body.iterchildren(_qn("w:p"))):  # the template's empty first paragraph
            body.remove(paragraph)
        for index, document in enumerate(self.model.documents):
            previous = self.model.documents[index - 1] if index else None
            self._section(document, first=index == 0, same_headers=bool(previous and previous.draft == document.draft))
            self.last_para = None
            for block in document.blocks:
                self._block(block)

    # --- page set-up -------------------------------------------------------------------------
    def _section(self, document: M.Document, *, first: bool, same_headers: bool) -> None:
        """The document's page: a new section, numbered from 1 with no number on its first page.
        Its page headers are written only when they differ from the previous document's (draft
        or not); otherwise Word's 'same as previous' keeps one copy for a batch of fifty."""
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Mm

        section = self.doc.sections[0] if first else self.doc.add_section(WD_SECTION.NEW_PAGE)
        if not first:
            _shrink_section_break(self.doc)
        wide, tall = Mm(297), Mm(210)
        if document.landscape:
            section.orientation, section.page_width, section.page_height = WD_ORIENT.LANDSCAPE, wide, tall
        else:
            section.orientation, section.page_width, section.page_height = WD_ORIENT.PORTRAIT, tall, wide
        m = self.model.margins_mm
        section.left_margin, section.right_margin = Mm(m["left"]), Mm(m["right"])
        section.top_margin, section.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
        section.header_distance = Mm(10)
        section.different_first_page_header_footer = True
        _restart_page_numbers(section)
        if same_headers:
            return
        for header, numbered in ((section.first_page_header, False), (section.header, True)):
            header.is_linked_to_previous = False
            paragraphs = header.paragraphs
            for extra in paragraphs[1:]:
                extra._element.getparent().remove(extra._element)
            line = paragraphs[0]
            line.text = ""
            line.alignment = _align("CENTER")
            if numbered:
                _page_field(line)
            if document.draft:
                mark = header.add_paragraph() if numbered else line
                mark.alignment = _align("RIGHT")
                run = mark.add_run(DRAFT_MARK)
                run.bold = True
                run.font.size = _pt(14)
                from docx.shared import RGBColor

                run.font.color.rgb = RGBColor(0xB0, 0x1A, 0x1A)

    # --- blocks ----------------------------------------------------------------------------------
    def _block(self, block: M.Block) -> None:
        from docx.shared import Mm

        previous_para = None
        if isinstance(block, M.HeaderBlock):
            self._header(block)
        elif isinstance(block, M.TitleBlock):
            p = self._para(
                (M.Run(block.doc_type.upper()),), align="CENTER", size=16, leading=20, bold=True, space_before=Mm(6)
            )
            if block.subject:
                p = self._para((M.Run(block.subject),), align="CENTER", size=14, leading=18, bold=True)
            if block.rule:
                p = self._para((M.Run("-----"),), align="CENTER", size=14, leading=16)
            p.paragraph_format.space_after = Mm(3)
        elif isinstance(block, M.AddresseeBlock):
            for line in block.lines:
                self._para(line, align="CENTER", size=14, leading=18, space_after=_pt(4))
        elif isinstance(block, M.ParaBlock):
            p = self._para(
                block.runs,
                align=block.align,
                size=block.size,
                leading=round(block.size * 1.25, 1),
                space_after=_pt(3),
                space_before=_pt(block.space_before),
            )
            if block.indent:
                p.paragraph_format.first_line_indent = Mm(10)
            p.paragraph_format.keep_with_next = block.keep_with_next
            previous_para = p
        elif isinstance(block, M.HeadingBlock):
            p = self._para(
                block.runs, align=block.align, size=14, leading=18, bold=True, space_before=_pt(4), space_after=_pt(3)
            )
            p.paragraph_format.keep_with_next = True
            previous_para = p
        elif isinstance(block, M.SpacerBlock):
            self._spacer(self.doc, block.mm)
        elif isinstance(block, M.TableBlock):
            self._table(block)
        elif isinstance(block, M.ClosingBlock):
            self._closing(block)
        elif isinstance(block, M.PageBreakBlock):
            from docx.enum.text import WD_BREAK

            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, M.RawBlock):
            raise ValueError("Văn bản có phần vẽ riêng cho PDF, không ghi được thành tệp Word.")
        self.last_para = previous_para

    def _para(
        self,
        inline: M.Inline,
        *,
        container: Any = None,
        align: str = "LEFT",
        size: float = 14,
        leading: float | None = None,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        space_before: Any = None,
        space_after: Any = None,
    ) -> Any:
        p = (container or self.doc).add_paragraph()
        fill(p, inline, size=size, align=align, leading=leading, bold=bold, italic=italic, underline=underline)
        if space_before is not None:
            p.paragraph_format.space_before = space_before
        if space_after is not None:
            p.paragraph_format.space_after = space_after
        return p

    def _spacer(self, container: Any, mm: float) -> Any:
        from docx.shared import Mm

        p = container.add_paragraph()
        p.paragraph_format.line_spacing = Mm(mm)
        p.add_run("").font.size = _pt(1)
        return p

    def _header(self, block: M.HeaderBlock) -> None:
        head = block.head
        table = self._fixed_table(
            2, 3, (block.left_width, block.middle_width, block.right_width), padding=0, vertical=(0, 2)
        )
        left, right = table.cell(0, 0), table.cell(0, 2)
        number, dated = table.cell(1, 0), table.cell(1, 2)
        first = True
        for lines_, bold in ((block.upper_lines, False), (block.issuer_lines, True)):
            if lines_:
                p = left.paragraphs[0] if first else left.add_paragraph()
                first = False
                fill(p, (M.Run("\n".join(lines_), bold=bold),), size=14, align="CENTER", leading=17)
        if head.star and (head.issuer or head.upper):
            fill(left.add_paragraph(), (M.Run(head.star),), size=14, align="CENTER", leading=16)
        # The title underlined: the rule as long as the line above it (36-HD element 1).
        fill(
            right.paragraphs[0],
            (M.Run(head.title, bold=True, underline=not head.motto),),
            size=block.title_size,
            align="CENTER",
            leading=18,
        )
        if head.motto:
            fill(
                right.add_paragraph(),
                (M.Run(head.motto, bold=True, underline=True),),
                size=14,
                align="CENTER",
                leading=17,
            )
        right.paragraphs[-1].paragraph_format.space_after = _pt(1.7)  # where the PDF draws its rule
        if head.number:
            fill(number.paragraphs[0], (M.Run(head.number),), size=14, align="CENTER", leading=17)
        if head.subject:
            fill(number.add_paragraph(), (M.Run(head.subject, italic=True),), size=12, align="CENTER", leading=14)
        fill(dated.paragraphs[0], (M.Run(block.date_line, italic=True),), size=14, align="CENTER", leading=17)
        for cell in (number, dated):
            cell.paragraphs[0].paragraph_format.space_before = _pt(4)

    def _table(self, block: M.TableBlock) -> None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT as VALIGN

        columns = block.columns
        head = block.head_size or block.size
        grouped = any(c.group for c in columns)
        head_rows = (2 if grouped else 1) + (1 if block.number_row else 0)
        table = self._fixed_table(
            head_rows + len(block.rows),
            len(columns),
            block.widths,
            padding=M.CELL_PADDING,
            vertical=(2, 3),
            grid=True,
            tight=block.tight,
        )
        # The cells once (python-docx's table.cell() walks the whole table on each call); the
        # header merges below remove no cell that is used afterwards.
        cells = _grid(table)
        rows = list(table.rows)
        if grouped:
            for first, last in column_groups(columns):
                col = columns[first]
                if col.group:
                    top = cells[0][first].merge(cells[0][last]) if last > first else cells[0][first]
                    _head_cell(top, col.group, head)
                    for i in range(first, last + 1):
                        _head_cell(cells[1][i], columns[i].title, head)
                else:
                    _head_cell(cells[0][first].merge(cells[1][first]), col.title, head)
        else:
            for i, col in enumerate(columns):
                _head_cell(cells[0][i], col.title, head)
        if block.number_row:
            for i in range(len(columns)):
                cell = cells[head_rows - 1][i]
                fill(
                    cell.paragraphs[0],
                    (M.Run(f"({i + 1})", italic=True),),
                    size=block.size - 1,
                    align="CENTER",
                    leading=block.size * 1.15,
                )
                cell.vertical_alignment = VALIGN.CENTER
        for r in range(head_rows):
            _repeat_header_row(rows[r])
        for r, row in enumerate(block.rows, start=head_rows):
            for i, (col, value) in enumerate(zip(columns, row, strict=False)):
                fill(
                    cells[r][i].paragraphs[0],
                    value.runs,
                    size=value.size,
                    align=col.align,
                    leading=value.size * 1.2,
                    whole_numbers=True,
                )
            _cant_split(rows[r])

    def _closing(self, block: M.ClosingBlock) -> None:
        # A signature never stands alone on a page: the last paragraph goes with it.
        if self.last_para is not None:
            self.last_para.paragraph_format.keep_with_next = True
        self._spacer(self.doc, 3).paragraph_format.keep_with_next = True
        signatures = block.signatures
        if len(signatures) == 1:
            left_w = block.width * 0.45
            table = self._fixed_table(1, 2, (left_w, block.width - left_w), padding=0, vertical=(3, 3))
            self._recipients(table.cell(0, 0), block.recipients, first=True)
            self._signature(table.cell(0, 1), signatures[0])
        else:
            share = block.width / len(signatures)
            table = self._fixed_table(1, len(signatures), (share,) * len(signatures), padding=0, vertical=(3, 3))
            for i, sig in enumerate(signatures):
                self._signature(table.cell(0, i), sig)
        _cant_split(table.rows[0])
        if len(signatures) > 1 and block.recipients:
            table.rows[0].cells[0].paragraphs[0].paragraph_format.keep_with_next = True
            self._spacer(self.doc, 4)
            self._recipients(self.doc, block.recipients, first=False)

    def _signature(self, cell: Any, sig: M.Signature) -> None:
        first = True

        def line(text: str, **look: Any) -> None:
            nonlocal first
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            size = look.pop("size", 14)
            fill(p, (M.Run(text, **look),), size=size, align="CENTER", leading=14 if size == 12 else 17)
            p.paragraph_format.keep_with_next = True

        if sig.authority:
            line(sig.authority.upper(), bold=True)
        if sig.title:
            line(sig.title.upper(), bold=True)
        if sig.note:
            line(sig.note, italic=True, size=12)
        if first:
            line("")
        self._spacer(cell, 20)
        if sig.name:
            line(sig.name, bold=True)

    def _recipients(self, container: Any, recipients: tuple[str, ...], *, first: bool) -> None:
        if not recipients:
            return
        p = container.paragraphs[0] if first else container.add_paragraph()
        fill(p, (M.Run("Nơi nhận:", bold=True, italic=True, underline=True),), size=14, leading=17)
        for text in recipients:
            fill(container.add_paragraph(), (M.Run(text),), size=12, leading=14)

    def _fixed_table(
        self,
        rows: int,
        cols: int,
        widths: tuple[float, ...],
        *,
        padding: float,
        vertical: tuple[float, float] = (0, 0),
        grid: bool = False,
        tight: tuple[int, ...] = (),
    ) -> Any:
        """A table of fixed column widths (points), borderless unless ``grid``; cell padding in points
        as the PDF's (``padding`` left and right, ``vertical`` above and below)."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.shared import Pt

        table = self.doc.add_table(rows=rows, cols=cols)
        if grid:
            table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False  # a fixed layout: the widths below, not the text, decide
        tbl_pr = table._tbl.tblPr
        margins = _element("w:tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            value = {"top": vertical[0], "bottom": vertical[1]}.get(side, padding)
            margins.append(_element(f"w:{side}", {"w:w": str(round(value * TWIPS_PER_PT)), "w:type": "dxa"}))
        look = tbl_pr.find(_qn("w:tblLook"))  # tblCellMar comes before tblLook (ECMA-376 order)
        if look is not None:
            look.addprevious(margins)
        else:
            tbl_pr.append(margins)
        for i, width in enumerate(widths):
            table.columns[i].width = Pt(width)
        for row in _grid(table):
            for i, cell in enumerate(row):
                cell.width = Pt(widths[i])
                if i in tight:
                    _cell_padding(cell, M.TIGHT_PADDING)
        return table


# --- runs and paragraphs ------------------------------------------------------------------------------


def fill(
    p: Any,
    inline: M.Inline,
    *,
    size: float,
    align: str = "LEFT",
    leading: float | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    whole_numbers: bool = False,
) -> None:
    """Write runs into a paragraph; a '\\n' in a run is a line break. With ``whole_numbers`` the
    hyphens of a document number are non-breaking (Word would break after them; the PDF does not)."""
    p.alignment = _align(align)
    if leading:
        p.paragraph_format.line_spacing = _pt(leading)
    p.paragraph_format.space_after = _pt(0)
    for piece in inline:
        looks = (piece.bold or bold, piece.italic or italic, piece.underline or underline)
        p._p.append(_run(piece.text, size, *looks, whole_numbers=whole_numbers))


def _run(text: str, size: float, bold: bool, italic: bool, underline: bool, *, whole_numbers: bool) -> Any:
    """A w:r built directly (python-docx's run properties cost a search per property, and a
    list of a thousand rows has tens of thousands of runs); children in ECMA-376 order."""
    run = _element("w:r")
    props = _element("w:rPr")
    if bold:
        props.append(_element("w:b"))
    if italic:
        props.append(_element("w:i"))
    props.append(_element("w:sz", {"w:val": str(round(size * 2))}))
    if underline:
        props.append(_element("w:u", {"w:val": "single"}))
    run.append(props)
    for n, line in enumerate(text.split("\n")):
        if n:
            run.append(_element("w:br"))
        at = 0
        for match in M.NUMBER_TOKEN.finditer(line) if whole_numbers else ():
            _text(run, line[at : match.start()])
            for k, part in enumerate(match.group(0).split("-")):
                if k:
                    run.append(_element("w:noBreakHyphen"))
                _text(run, part)
            at = match.end()
        _text(run, line[at:])
    return run


def _text(run: Any, text: str) -> None:
    if text:
        t = _element("w:t", {"xml:space": "preserve"})
        t.text = text
        run.append(t)


def _grid(table: Any) -> list[list[Any]]:
    cells, cols = table._cells, len(table.columns)
    return [cells[i : i + cols] for i in range(0, len(cells), cols)]


def _head_cell(cell: Any, text: str, size: float) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT as VALIGN

    for extra in cell.paragraphs[1:]:  # a merged cell keeps the paragraphs of every cell merged
        extra._element.getparent().remove(extra._element)
    fill(cell.paragraphs[0], (M.Run(text, bold=True),), size=size, align="CENTER", leading=size * 1.2)
    cell.vertical_alignment = VALIGN.CENTER


def _align(name: str) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH as A

    return {"LEFT": A.LEFT, "CENTER": A.CENTER, "RIGHT": A.RIGHT, "JUSTIFY": A.JUSTIFY}[name]


def _pt(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _element(tag: str, attrs: dict[str, str] | None = None) -> Any:
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    for key, value in (attrs or {}).items():
        el.set(_qn(key), value)
    return el


def _page_field(p: Any) -> None:
    """The PAGE field, 13 pt, as the PDF prints the number at the top of the page."""
    for kind in ("begin", "instr", "separate", "end"):
        run = p.add_run()
        run.font.size = _pt(13)
        if kind == "instr":
            instr = _element("w:instrText", {"xml:space": "preserve"})
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            run._r.append(_element("w:fldChar", {"w:fldCharType": kind}))


def _shrink_section_break(doc: Any) -> None:
    """python-docx ends the previous document with an empty paragraph holding that section's
    settings; on a full last page it would open a blank page. The settings move into the last
    paragraph of the document; after a table (which needs a paragraph after it) the empty
    paragraph stays, one point high."""
    from docx.text.paragraph import Paragraph

    mark = doc.element.body.findall(_qn("w:p"))[-1]
    settings = mark.pPr.find(_qn("w:sectPr"))
    before = mark.getprevious()
    if before is not None and before.tag == _qn("w:p") and before.find(f"{_qn('w:pPr')}/{_qn('w:sectPr')}") is None:
        before.get_or_add_pPr().append(settings)
        mark.getparent().remove(mark)
        return
    paragraph = Paragraph(mark, doc)
    paragraph.paragraph_format.line_spacing = _pt(1)
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = _pt(0)
    props = _element("w:rPr")
    props.append(_element("w:sz", {"w:val": "2"}))
    settings.addprevious(props)


def _restart_page_numbers(section: Any) -> None:
    sect_pr = section._sectPr
    for old in sect_pr.findall(_qn("w:pgNumType")):
        sect_pr.remove(old)
    number = _element("w:pgNumType", {"w:start": "1"})
    for tag in _AFTER_PGNUMTYPE:
        follower = sect_pr.find(_qn(tag))
        if follower is not None:
            follower.addprevious(number)
            return
    sect_pr.append(number)


def _repeat_header_row(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_element("w:tblHeader"))
    _cant_split(row)


def _cant_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(_qn("w:cantSplit")) is None:
        tr_pr.insert(0, _element("w:cantSplit"))


def _cell_padding(cell: Any, points: float) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    margins = _element("w:tcMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", {"w:w": str(round(points * TWIPS_PER_PT)), "w:type": "dxa"}))
    tc_pr.append(margins)
