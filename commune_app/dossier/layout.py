"""The furniture of every party document (HD 36-HD/VPTW), written once.

Every PDF the program prints goes through ``PartyPdf``: A4 portrait or landscape with the
margins of this computer's settings, Times New Roman (or the bundled Liberation Serif),
every string NFC before reportlab sees it. A PDF holds one or more *documents* (a person's
dossier set, a batch of decisions): each starts on a new page, numbers its own pages from
page 2 and carries the 'DỰ THẢO' mark across every page when it is a draft.

Typical use (a form module or the course lists)::

    from commune_app.dossier import layout as L

    pdf = L.PartyPdf(path, title="Nghị quyết đề nghị kết nạp đảng viên")
    pdf.new_document(draft=False)                      # landscape=True for wide lists
    pdf.header(L.Header(upper="ĐẢNG BỘ XÃ AN PHÚ", issuer="CHI BỘ THÔN 3",
                        number=L.doc_number(7, "NQ", "CB"), place="An Phú", on=date))
    pdf.title("NGHỊ QUYẾT", "đề nghị kết nạp đảng viên")
    pdf.para("Chi bộ đề nghị kết nạp quần chúng ", L.bold("Nguyễn Thị Mai"), " vào Đảng.")
    pdf.table([L.Column("TT", 1, "CENTER"), L.Column("Họ và tên", 5)], [["1", "Nguyễn Thị Mai"]])
    pdf.closing([L.Signature("T/M CHI BỘ", "BÍ THƯ", "Lò Văn Hùng")], ["Đảng ủy xã (để b/c)", "Lưu chi bộ"])
    pdf.build()

Text arguments are plain text (escaped here); ``bold``/``italic``/``underline`` return
``Markup`` that passes through unchanged, so data can never break the paragraph markup.
"""

from __future__ import annotations

import datetime as dt
import html
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from commune_app import vn
from commune_app.dossier.fonts import FontSet, document_fonts
from commune_app.safety import outputs

MM = 72 / 25.4  # points per millimetre
DEFAULT_MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
DRAFT_MARK = "DỰ THẢO"
BLANK = "......"  # what a draft prints where only the signer can write (a number, a date)


# --- text ---------------------------------------------------------------------------------

class Markup(str):
    """Text already safe for reportlab's paragraph markup."""


def _nfc(text: Any) -> str:
    # Not vn.nfc: inline pieces keep their edge spaces ("Đồng chí " + name).
    return unicodedata.normalize("NFC", "" if text is None else str(text))


def esc(text: Any) -> Markup:
    return text if isinstance(text, Markup) else Markup(html.escape(_nfc(text), quote=False))


def bold(text: Any) -> Markup:
    return Markup(f"<b>{esc(text)}</b>")


def italic(text: Any) -> Markup:
    return Markup(f"<i>{esc(text)}</i>")


def underline(text: Any) -> Markup:
    return Markup(f"<u>{esc(text)}</u>")


def join(*parts: Any) -> Markup:
    """Concatenate plain text (escaped) and Markup (kept)."""
    return Markup("".join(esc(p) for p in parts))


def doc_number(number: int | None, doc_type: str, issuer_code: str, *, colon: bool = False) -> str:
    """'Số 07-NQ/CB' (two digits at least, no colon after Số); a draft without number gets dots.

    ``colon`` serves the youth-union and trade-union conventions ('Số: 12-NQ/ĐTN').
    """
    label = "Số:" if colon else "Số"
    shown = f"{number:02d}" if number is not None else BLANK
    return vn.nfc(f"{label} {shown}-{doc_type}/{issuer_code}")


def date_line(place: str, on: dt.date | None) -> str:
    """'An Phú, ngày 05 tháng 02 năm 2026'; without a date, dots for the signer to fill in."""
    place = vn.nfc(place) or BLANK
    if on is None:
        return f"{place}, ngày {BLANK} tháng {BLANK} năm {BLANK}"
    return vn.date_words(on, place)


def date_text(on: dt.date | str | None) -> str:
    """'ngày 05 tháng 02 năm 2026' inside sentences; dots when the date is not known yet."""
    if not on:
        return f"ngày {BLANK} tháng {BLANK} năm {BLANK}"
    return vn.date_words(on)


def percent(part: int, whole: int) -> str:
    """'66,67%' with a Vietnamese decimal comma; two decimals, trailing zeros dropped."""
    if not whole:
        return "0%"
    value = round(part * 100 / whole, 2)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


# --- parts of a document ------------------------------------------------------------------

@dataclass(frozen=True)
class Header:
    """The two-column header (36-HD elements 1–4).

    Left: ``upper`` body (regular caps), ``issuer`` (bold caps), the star, the number; right:
    the organisation title with a rule as long as its last line, and the italic place/date.
    Youth-union documents pass ``title="ĐOÀN TNCS HỒ CHÍ MINH"`` and ``star="***"``; trade-union
    ones pass the national title and ``motto``.
    """

    issuer: str  # '' for papers a person signs (3-KNĐ, 11-KNĐ): only the right block then
    upper: str = ""
    number: str = ""
    place: str = ""
    on: dt.date | None = None
    title: str = PARTY_TITLE
    motto: str = ""
    star: str = "*"
    subject: str = ""  # (5b) 'V/v ...' of a công văn, under the number


@dataclass(frozen=True)
class Signature:
    """One signature block: 'T/M CHI BỘ' / 'BÍ THƯ' / (space to sign and seal) / name."""

    authority: str = ""  # T/M ..., K/T ...; may be empty for a person signing for themself
    title: str = ""  # BÍ THƯ, PHÓ BÍ THƯ, NGƯỜI GIỚI THIỆU...
    name: str = ""
    note: str = ""  # '(Ký, ghi rõ họ tên)' in italics under the title


@dataclass(frozen=True)
class Column:
    """A column of a list of people: title, relative width, alignment, optional group title.

    Consecutive columns with the same ``group`` get a merged header above their titles
    (for example 'Ngày, tháng, năm sinh' over 'Nam' and 'Nữ', docs/domain.md §6).
    """

    title: str
    width: float = 1.0
    align: str = "LEFT"  # LEFT | CENTER | RIGHT
    group: str = ""


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
                name, fontName=getattr(self.fonts, face), fontSize=size,
                leading=kw.pop("leading", round(size * 1.3, 1)),
                alignment=align[kw.pop("align", "LEFT")], **kw)
        return self.made[key]


# --- the builder ---------------------------------------------------------------------------

class PartyPdf:
    """Collects the flowables of one or more documents and writes them as one PDF."""

    def __init__(self, target: str | Path | IO[bytes], *, title: str = "", author: str = "",
                 settings: Any = None, margins_mm: dict[str, float] | None = None,
                 font: str | None = None) -> None:
        if settings is None and (margins_mm is None or font is None):
            from commune_app.settings import Settings

            settings = Settings()
        margins = dict(DEFAULT_MARGINS_MM)
        margins.update(margins_mm or (settings.get("document_margins_mm") if settings else None) or {})
        self.margins = {k: float(v) for k, v in margins.items()}
        self.fonts = document_fonts(font or (settings.get("document_font") if settings else None) or "auto")
        self.styles = _Styles(self.fonts)
        self.target = str(target) if isinstance(target, Path) else target
        self.title_meta = vn.nfc(title)
        self.author = vn.nfc(author)
        self.flowables: list[Any] = []
        self._orientations: list[bool] = []  # landscape flag of each document, in order
        self._drafts: list[bool] = []
        self.pages = 0

    # page geometry of the document being composed
    @property
    def landscape(self) -> bool:
        return self._orientations[-1] if self._orientations else False

    @property
    def current_draft(self) -> bool:
        return self._drafts[-1] if self._drafts else False

    @property
    def page_size(self) -> tuple[float, float]:
        from reportlab.lib.pagesizes import A4, landscape

        return landscape(A4) if self.landscape else A4

    @property
    def width(self) -> float:
        """Usable width in points between the margins."""
        return self.page_size[0] - (self.margins["left"] + self.margins["right"]) * MM

    # documents
    def new_document(self, *, draft: bool = False, landscape: bool = False) -> None:
        """Start a document: a new page (after the first), its own page numbers, its draft mark."""
        from reportlab.platypus import NextPageTemplate, PageBreak

        if self._orientations:
            self.flowables.append(NextPageTemplate("landscape" if landscape else "portrait"))
            self.flowables.append(PageBreak())
        self._orientations.append(landscape)
        self._drafts.append(draft)
        self.flowables.append(_section_mark(draft))

    def _require_document(self) -> None:
        if not self._orientations:
            self.new_document()

    def add(self, *flowables: Any) -> None:
        """Append reportlab flowables of the caller's own making."""
        self._require_document()
        self.flowables.extend(flowables)

    # furniture
    def header(self, head: Header) -> None:
        from reportlab.platypus import Paragraph, Table, TableStyle
        from reportlab.platypus.flowables import HRFlowable

        self._require_document()
        s = self.styles
        left: list[Any] = []
        if head.upper:
            left.append(Paragraph(esc(head.upper.upper()), s.get("hu", size=14, align="CENTER", leading=17)))
        if head.issuer:
            left.append(Paragraph(esc(head.issuer.upper()), s.get("hi", size=14, face="bold", align="CENTER",
                                                                  leading=17)))
        if head.star and (head.issuer or head.upper):
            left.append(Paragraph(esc(head.star), s.get("hs", size=14, align="CENTER", leading=16)))
        right: list[Any] = []
        left_w, right_w = self._header_columns()
        # The title stays on one line (the national title of trade-union papers is long).
        title_size = 13.0 if head.motto else 15.0
        while title_size > 10 and _string_width(head.title, self.fonts.bold, title_size) > right_w:
            title_size -= 0.5
        right.append(Paragraph(esc(head.title), s.get("ht", size=title_size, face="bold", align="CENTER",
                                                      leading=18)))
        ruled, ruled_size = head.title, title_size
        if head.motto:
            right.append(Paragraph(esc(head.motto), s.get("hm", size=14, face="bold", align="CENTER", leading=17)))
            ruled, ruled_size = head.motto, 14
        # The rule under the title is exactly as long as the line above it (36-HD element 1).
        right.append(HRFlowable(width=_string_width(ruled, self.fonts.bold, ruled_size), thickness=0.7,
                                color="black", spaceBefore=1, spaceAfter=0, hAlign="CENTER"))
        number_cell: list[Any] = []
        if head.number:
            number_cell.append(Paragraph(esc(head.number), s.get("hn", size=14, align="CENTER", leading=17)))
        if head.subject:
            number_cell.append(Paragraph(esc(head.subject), s.get("hv", size=12, face="italic", align="CENTER",
                                                                  leading=14)))
        date_cell = Paragraph(esc(date_line(head.place, head.on)),
                              s.get("hd", size=14, face="italic", align="CENTER", leading=17))
        middle = max(self.width - left_w - right_w, 0)
        table = Table([[left, "", right], [number_cell, "", date_cell]],
                      colWidths=[left_w, middle, right_w], hAlign="CENTER")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 1), (-1, 1), 4),
        ]))
        self.flowables.append(table)

    def _header_columns(self) -> tuple[float, float]:
        if self.landscape:
            return 95 * MM, 115 * MM
        # Portrait: the party title needs about 75 mm, the dated line about 85 mm.
        left = min(self.width * 0.44, 78 * MM)
        return left, self.width - left

    def title(self, doc_type: str, subject: str = "", *, rule: bool = True) -> None:
        """Document type (caps, bold) and subject (bold) centred, then the short rule '-----'."""
        from reportlab.platypus import Paragraph, Spacer

        self._require_document()
        s = self.styles
        self.flowables.append(Spacer(1, 6 * MM))
        self.flowables.append(Paragraph(esc(doc_type.upper()), s.get("tt", size=16, face="bold", align="CENTER",
                                                                     leading=20)))
        if subject:
            self.flowables.append(Paragraph(esc(subject), s.get("ts", size=14, face="bold", align="CENTER",
                                                                leading=18)))
        if rule:
            self.flowables.append(Paragraph("-----", s.get("tr", size=14, align="CENTER", leading=16)))
        self.flowables.append(Spacer(1, 3 * MM))

    def addressee(self, *names: str) -> None:
        """'Kính gửi: ...' for a submission or a letter, one addressee per line."""
        from reportlab.platypus import Paragraph

        self._require_document()
        style = self.styles.get("kg", size=14, align="CENTER", leading=18, spaceAfter=4)
        if len(names) == 1:
            lines = [join(italic("Kính gửi: "), names[0])]
        else:
            lines = [italic("Kính gửi:")] + [join("- ", n) for n in names]
        for line in lines:
            self.flowables.append(Paragraph(line, style))

    def para(self, *parts: Any, indent: bool = True, align: str = "JUSTIFY", size: float = 14,
             space_before: float = 0, keep_with_next: bool = False) -> None:
        """A body paragraph: justified, first-line indent, 14 pt."""
        from reportlab.platypus import Paragraph

        self._require_document()
        style = self.styles.get("p", size=size, align=align, leading=round(size * 1.25, 1),
                                firstLineIndent=10 * MM if indent else 0, spaceAfter=3,
                                spaceBefore=space_before, keepWithNext=int(keep_with_next))
        self.flowables.append(Paragraph(join(*parts), style))

    def heading(self, *parts: Any, align: str = "LEFT") -> None:
        """A bold line introducing a part ('QUYẾT ĐỊNH:', 'I. ...'), kept with what follows."""
        from reportlab.platypus import Paragraph

        self._require_document()
        style = self.styles.get("h", size=14, face="bold", align=align, leading=18, spaceBefore=4,
                                spaceAfter=3, keepWithNext=1)
        self.flowables.append(Paragraph(join(*parts), style))

    def spacer(self, mm: float) -> None:
        from reportlab.platypus import Spacer

        self._require_document()
        self.flowables.append(Spacer(1, mm * MM))

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[Any]], *, size: float = 12,
              number_row: bool = False) -> None:
        """A list of people (§4.4): grid, bold centred header repeated on every page.

        Cells are plain text or Markup and wrap inside their column. ``number_row`` adds the
        (1), (2), ... row under the titles that statistical lists carry.
        """
        from reportlab.platypus import Paragraph, Table, TableStyle

        self._require_document()
        s = self.styles
        head_style = s.get("th", size=size, face="bold", align="CENTER", leading=size * 1.2)
        cell_styles = {a: s.get(f"td{a}", size=size, align=a, leading=size * 1.2) for a in ("LEFT", "CENTER", "RIGHT")}
        total = sum(c.width for c in columns)
        widths = [self.width * c.width / total for c in columns]
        grouped = any(c.group for c in columns)
        commands: list[tuple[Any, ...]] = []
        header_rows: list[list[Any]] = []
        if grouped:
            top: list[Any] = []
            bottom: list[Any] = []
            i = 0
            while i < len(columns):
                col = columns[i]
                if col.group:
                    j = i
                    while j + 1 < len(columns) and columns[j + 1].group == col.group:
                        j += 1
                    top.append(Paragraph(esc(col.group), head_style))
                    top.extend("" for _ in range(i + 1, j + 1))
                    bottom.extend(Paragraph(esc(c.title), head_style) for c in columns[i:j + 1])
                    if j > i:
                        commands.append(("SPAN", (i, 0), (j, 0)))
                    i = j + 1
                else:
                    top.append(Paragraph(esc(col.title), head_style))
                    bottom.append("")
                    commands.append(("SPAN", (i, 0), (i, 1)))
                    i += 1
            header_rows = [top, bottom]
        else:
            header_rows = [[Paragraph(esc(c.title), head_style) for c in columns]]
        if number_row:
            italic_style = s.get("tn", size=size - 1, face="italic", align="CENTER", leading=size * 1.15)
            header_rows.append([Paragraph(f"({i + 1})", italic_style) for i in range(len(columns))])
        body = [[Paragraph(esc(value), cell_styles[col.align]) for col, value in zip(columns, row, strict=False)] for row in rows]
        table = Table(header_rows + body, colWidths=widths, repeatRows=len(header_rows), hAlign="CENTER")
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("VALIGN", (0, 0), (-1, len(header_rows) - 1), "MIDDLE"),
            ("VALIGN", (0, len(header_rows)), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *commands,
        ]))
        self.flowables.append(table)

    def closing(self, signatures: Sequence[Signature], recipients: Sequence[str] | None = None) -> None:
        """Signature block(s) at the right, 'Nơi nhận' at the bottom left (36-HD elements 7–9).

        One signature: recipients left, signature right. Two signatures: side by side, and the
        recipients (if any) under them. The block is never split from itself across pages.
        """
        from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

        self._require_document()
        blocks = [self._signature_flowables(sig) for sig in signatures]
        recipients_cell = self._recipients_flowables(recipients) if recipients else []
        if len(blocks) == 1:
            left_w = self.width * 0.45
            table = Table([[recipients_cell, blocks[0]]], colWidths=[left_w, self.width - left_w])
        else:
            table = Table([blocks], colWidths=[self.width / len(blocks)] * len(blocks))
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]))
        parts: list[Any] = [Spacer(1, 3 * MM), table]
        if len(blocks) > 1 and recipients_cell:
            parts.append(Spacer(1, 4 * MM))
            parts.extend(recipients_cell)
        # A signature never stands alone on a page: the last paragraph goes with it (36-HD practice).
        if self.flowables and type(self.flowables[-1]).__name__ == "Paragraph":
            parts.insert(0, self.flowables.pop())
        self.flowables.append(KeepTogether(parts))

    def _signature_flowables(self, sig: Signature) -> list[Any]:
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

    def _recipients_flowables(self, recipients: Sequence[str]) -> list[Any]:
        from reportlab.platypus import Paragraph

        s = self.styles
        out: list[Any] = [Paragraph(join(Markup("<u>"), bold(italic("Nơi nhận:")), Markup("</u>")),
                                    s.get("rl", size=14, leading=17))]
        items = [vn.nfc(r).rstrip(",.;") for r in recipients if vn.nfc(r)]
        for i, item in enumerate(items):
            end = "." if i == len(items) - 1 else ","
            out.append(Paragraph(esc(f"- {item}{end}"), s.get("ri", size=12, leading=14)))
        return out

    # output
    def build(self) -> int:
        """Write the PDF; returns its number of pages."""
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

        self._require_document()
        m = self.margins
        templates = []
        for name, size in (("portrait", A4), ("landscape", landscape(A4))):
            frame = Frame(m["left"] * MM, m["bottom"] * MM, size[0] - (m["left"] + m["right"]) * MM,
                          size[1] - (m["top"] + m["bottom"]) * MM, leftPadding=0, rightPadding=0,
                          topPadding=0, bottomPadding=0, id=f"body-{name}")
            templates.append(PageTemplate(id=name, frames=[frame], pagesize=size,
                                          onPageEnd=self._page_end))
        if self._orientations[0]:
            templates.reverse()  # the first page takes the first template
        options = dict(pagesize=templates[0].pagesize, pageTemplates=templates, title=self.title_meta,
                       author=self.author, creator="Phát triển Đảng viên", leftMargin=m["left"] * MM,
                       rightMargin=m["right"] * MM, topMargin=m["top"] * MM, bottomMargin=m["bottom"] * MM)
        if not isinstance(self.target, str):  # an in-memory buffer (the preview)
            doc = BaseDocTemplate(self.target, **options)
            doc.build(list(self.flowables))
        else:
            # Written beside the target and renamed, so a failure never leaves half a PDF.
            with outputs.replacing(Path(self.target), suffix=".pdf") as temporary:
                doc = BaseDocTemplate(str(temporary), **options)
                doc.build(list(self.flowables))
        self.pages = doc.page
        return self.pages

    def _page_end(self, canvas: Any, doc: Any) -> None:
        start, draft = getattr(canvas, "_party_section", (1, False))
        page_in_document = canvas.getPageNumber() - start + 1
        width, height = canvas._pagesize
        if page_in_document >= 2:
            canvas.saveState()
            canvas.setFont(self.fonts.regular, 13)
            canvas.drawCentredString(width / 2, height - 10 * MM - 10, str(page_in_document))
            canvas.restoreState()
        if draft:
            canvas.saveState()
            canvas.setFillColorRGB(0.75, 0.1, 0.1)
            canvas.setFillAlpha(0.16)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(45 if height > width else 30)
            canvas.setFont(self.fonts.bold, 110)
            canvas.drawCentredString(0, -35, DRAFT_MARK)
            canvas.restoreState()


def _string_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(_nfc(text), font, size)


@lru_cache(maxsize=1)
def _section_mark_class() -> type:
    from reportlab.platypus.flowables import Flowable

    class SectionMark(Flowable):
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
