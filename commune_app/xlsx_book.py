"""A small .xlsx writer for the report workbook: cells, a few styles, merges, row heights and the
page setup, written as sheet XML text straight into the zip.

openpyxl builds an object and an XML element for every cell (about 15 µs each: 3 s of a
province's yearly workbook, most of a commune's 0.3 s) and needs none of that to write a
finished sheet once. Text goes in through ``xlsx_cells`` as in every workbook the program
writes; numbers and sizes are written the way openpyxl writes them ('%.16g') and the parts are
those openpyxl writes (without the theme, which no style here refers to), so the workbook reads
back as it did.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from commune_app import xlsx_cells

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT = "application/vnd.openxmlformats-officedocument"
_BUILT_IN_FORMATS = {"0.00": 2}  # the number formats Excel knows by number; others are declared from 164
_ATTRIBUTE = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
_TEXT = {"\r": "&#13;"}  # a parser reads a bare carriage return as a line feed


@dataclass(frozen=True)
class Style:
    """Everything a cell's look is made of here; the default is the workbook's normal style."""

    font: str = "Calibri"
    size: int = 11
    bold: bool = False
    italic: bool = False
    underline: bool = False
    horizontal: str | None = None  # with vertical centring and wrapping, when given
    indent: int = 0
    border: bool = False  # thin on all four sides
    number_format: str | None = None
    quote_prefix: bool = False  # text that would read as a formula, kept text when edited


NORMAL = Style()


def _number(value: float) -> str:
    return f"{value:.16g}"


def _column_letters(count: int) -> list[str]:
    letters = [""]
    for index in range(1, count + 1):
        name, rest = "", index
        while rest:
            rest, digit = divmod(rest - 1, 26)
            name = chr(65 + digit) + name
        letters.append(name)
    return letters


@dataclass
class Sheet:
    """One worksheet: cells by (row, column), 1-based, each a value and a style number."""

    book: Book
    title: str
    cells: dict[int, dict[int, tuple[Any, int]]] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    widths: list[float] = field(default_factory=list)  # columns A, B, … in order
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, first column, rows, columns
    hidden: bool = False
    landscape: bool = False
    fit_to_height: int | None = None  # pages high, 0 for as many as needed; None: no page setup
    margins: tuple[float, float, float, float, float, float] = (0.75, 0.75, 1, 1, 0.5, 0.5)  # l r t b header footer
    print_title_rows: tuple[int, int] | None = None
    footer: str = ""  # the centre of the page footer, in Excel's header codes
    freeze: tuple[int, int] | None = None  # the first (row, column) that scrolls
    zoom: int | None = None
    row_breaks: list[int] = field(default_factory=list)  # a page break after each of these rows

    def put(self, row: int, col: int, value: Any, style: int) -> None:
        """Store a value; text through the workbook guard (``xlsx_cells``)."""
        if isinstance(value, str):
            value, quote = xlsx_cells.text_cell(value)
            if quote:
                style = self.book.quoted(style)
        elif value is not None and not isinstance(value, (int, float)):
            raise TypeError(f"A report cell holds text or a number, not {type(value).__name__}")
        self.cells.setdefault(row, {})[col] = (value, style)

    def append(self, values: list[Any]) -> None:
        """Add a row of unstyled values under the last row added."""
        row = next(reversed(self.cells), 0) + 1
        for col, value in enumerate(values, start=1):
            if value is not None:
                self.put(row, col, value, 0)

    def xml(self) -> str:
        rows = sorted(self.cells.keys() | self.heights.keys())
        last_col = max((max(cols) for cols in self.cells.values() if cols), default=1)
        letters = _column_letters(max(last_col, len(self.widths)))
        parts = [
            f'<worksheet xmlns="{_MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>',
            '<pageSetUpPr fitToPage="1"/>' if self.fit_to_height is not None else "<pageSetUpPr/>",
            f'</sheetPr><dimension ref="A1:{letters[last_col]}{rows[-1] if rows else 1}"/>',
            self._view(letters),
            '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>',
        ]
        if self.widths:
            parts.append("<cols>")
            parts += (
                f'<col width="{_number(w)}" customWidth="1" min="{i}" max="{i}"/>'
                for i, w in enumerate(self.widths, start=1)
            )
            parts.append("</cols>")
        parts.append("<sheetData>")
        for row in rows:
            height = self.heights.get(row)
            parts.append(f'<row r="{row}" ht="{_number(height)}" customHeight="1">' if height else f'<row r="{row}">')
            for col, (value, style) in sorted(self.cells.get(row, {}).items()):
                parts.append(_cell(f"{letters[col]}{row}", value, style))
            parts.append("</row>")
        parts.append("</sheetData>")
        if self.merges:
            parts.append(f'<mergeCells count="{len(self.merges)}">')
            parts += (
                f'<mergeCell ref="{letters[c]}{r}:{letters[c + cols - 1]}{r + rows - 1}"/>'
                for r, c, rows, cols in self.merges
            )
            parts.append("</mergeCells>")
        parts.append(self._page())
        return "".join(parts) + "</worksheet>"

    def _view(self, letters: list[str]) -> str:
        zoom = f' zoomScale="{self.zoom}"' if self.zoom else ""
        if self.freeze is None:
            return f'<sheetViews><sheetView{zoom} workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
        row, col = self.freeze
        corner = f"{letters[col]}{row}"
        split = (f' xSplit="{col - 1}"' if col > 1 else "") + (f' ySplit="{row - 1}"' if row > 1 else "")
        if col > 1 and row > 1:
            pane = "bottomRight"
            selections = '<selection pane="topRight"/><selection pane="bottomLeft"/>'
        else:
            pane, selections = ("topRight" if col > 1 else "bottomLeft"), ""
        return (
            f'<sheetViews><sheetView{zoom} workbookViewId="0"><pane{split} topLeftCell="{corner}"'
            f' activePane="{pane}" state="frozen"/>{selections}'
            f'<selection pane="{pane}" activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
        )

    def _page(self) -> str:
        left, right, top, bottom, header, footer = (_number(m) for m in self.margins)
        margins = f'<pageMargins left="{left}" right="{right}" top="{top}" bottom="{bottom}" header="{header}" footer="{footer}"/>'
        if self.fit_to_height is None:
            return margins
        orientation = "landscape" if self.landscape else "portrait"
        parts = [
            '<printOptions horizontalCentered="1"/>',
            margins,
            f'<pageSetup orientation="{orientation}" paperSize="9" fitToHeight="{self.fit_to_height}" fitToWidth="1"/>',
        ]
        if self.footer:
            parts.append(f"<headerFooter><oddFooter>{escape(self.footer, _TEXT)}</oddFooter></headerFooter>")
        if self.row_breaks:
            count = len(self.row_breaks)
            parts.append(f'<rowBreaks count="{count}" manualBreakCount="{count}">')
            parts += (f'<brk id="{row}" min="0" max="16383" man="1"/>' for row in self.row_breaks)
            parts.append("</rowBreaks>")
        return "".join(parts)


def _cell(ref: str, value: Any, style: int) -> str:
    styled = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{styled} t="n"/>' if style else ""
    if value == "":  # an empty text, typed as text as openpyxl wrote it
        return f'<c r="{ref}"{styled} t="inlineStr"/>'
    if isinstance(value, str):
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{escape(value, _TEXT)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{styled} t="b"><v>{int(value)}</v></c>'
    return f'<c r="{ref}"{styled} t="n"><v>{_number(value)}</v></c>'


class Book:
    """The sheets and the styles they share; ``save`` writes the file in one go."""

    def __init__(self, creator: str = "", title: str = "") -> None:
        self.creator, self.title = creator, title
        self.sheets: list[Sheet] = []
        self._styles: dict[Style, int] = {NORMAL: 0}

    def create_sheet(self, title: str) -> Sheet:
        sheet = Sheet(self, title)
        self.sheets.append(sheet)
        return sheet

    def style(self, style: Style) -> int:
        """The number of a style in the workbook (added the first time it is asked for)."""
        return self._styles.setdefault(style, len(self._styles))

    def quoted(self, number: int) -> int:
        """The same style with the quote prefix."""
        style = next(s for s, n in self._styles.items() if n == number)
        return self.style(replace(style, quote_prefix=True))

    def save(self, path: str | Path) -> None:
        count = len(self.sheets)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", self._content_types())
            archive.writestr("_rels/.rels", _ROOT_RELS)
            archive.writestr("docProps/app.xml", _APP)
            archive.writestr("docProps/core.xml", self._core())
            for index, sheet in enumerate(self.sheets, start=1):
                archive.writestr(f"xl/worksheets/sheet{index}.xml", sheet.xml())
            archive.writestr("xl/workbook.xml", self._workbook())
            rels = [
                f'<Relationship Type="{_REL}/worksheet" Target="/xl/worksheets/sheet{i}.xml" Id="rId{i}"/>'
                for i in range(1, count + 1)
            ]
            rels.append(f'<Relationship Type="{_REL}/styles" Target="styles.xml" Id="rId{count + 1}"/>')
            archive.writestr(
                "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{_PACKAGE_REL}">{"".join(rels)}</Relationships>'
            )
            archive.writestr("xl/styles.xml", self._styles_xml())

    def _content_types(self) -> str:
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CONTENT}.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(self.sheets) + 1)
        )
        return (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CONTENT}.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            f'<Override PartName="/docProps/app.xml" ContentType="{_CONTENT}.extended-properties+xml"/>'
            f'{sheets}<Override PartName="/xl/workbook.xml" ContentType="{_CONTENT}.spreadsheetml.sheet.main+xml"/></Types>'
        )

    def _core(self) -> str:
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        stamp = 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF"'
        return (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator>{escape(self.creator)}</dc:creator><dc:title>{escape(self.title)}</dc:title>"
            f"<dcterms:created {stamp}>{now}</dcterms:created><dcterms:modified {stamp}>{now}</dcterms:modified>"
            "</cp:coreProperties>"
        )

    def _workbook(self) -> str:
        sheets, names = [], []
        for index, sheet in enumerate(self.sheets):
            state = "hidden" if sheet.hidden else "visible"
            sheets.append(
                f'<sheet name="{escape(sheet.title, _ATTRIBUTE)}" sheetId="{index + 1}" state="{state}" r:id="rId{index + 1}"/>'
            )
            if sheet.print_title_rows:
                first, last = sheet.print_title_rows
                quoted = "'" + sheet.title.replace("'", "''") + "'"
                names.append(
                    f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">{escape(quoted)}!${first}:${last}</definedName>'
                )
        defined = f"<definedNames>{''.join(names)}</definedNames>" if names else ""
        return (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
            f'<sheets>{"".join(sheets)}</sheets>{defined}<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
        )

    def _styles_xml(self) -> str:
        formats: dict[str, int] = {}
        fonts: dict[tuple[str, int, bool, bool, bool], int] = {}
        xfs = []
        for style in self._styles:  # in number order: a dict keeps the order of insertion
            font_id = fonts.setdefault((style.font, style.size, style.bold, style.italic, style.underline), len(fonts))
            format_id = 0
            if style.number_format:
                format_id = _BUILT_IN_FORMATS.get(style.number_format) or formats.setdefault(
                    style.number_format, 164 + len(formats)
                )
            xfs.append(_xf(style, font_id, format_id))
        number_formats = "".join(
            f'<numFmt numFmtId="{number}" formatCode="{escape(code, _ATTRIBUTE)}"/>' for code, number in formats.items()
        )
        return (
            f'<styleSheet xmlns="{_MAIN}">'
            + (f'<numFmts count="{len(formats)}">{number_formats}</numFmts>' if formats else "")
            + f'<fonts count="{len(fonts)}">{"".join(_font(*font) for font in fonts)}</fonts>'
            '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/>'
            "</border></borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


def _flag(name: str, on: bool) -> str:
    return f' {name}="1"' if on else ""


def _xf(style: Style, font_id: int, format_id: int) -> str:
    head = (
        f'<xf numFmtId="{format_id}" fontId="{font_id}" fillId="0" borderId="{int(style.border)}" xfId="0"'
        + _flag("applyNumberFormat", format_id > 0)
        + _flag("applyBorder", style.border)
        + _flag("quotePrefix", style.quote_prefix)
    )
    if not style.horizontal:
        return head + "/>"
    indent = f' indent="{style.indent}"' if style.indent else ""
    return (
        head
        + f' applyAlignment="1"><alignment horizontal="{style.horizontal}" vertical="center" wrapText="1"{indent}/>'
        "</xf>"
    )


def _font(name: str, size: int, bold: bool, italic: bool, underline: bool) -> str:
    return (
        f'<font><name val="{escape(name, _ATTRIBUTE)}"/>'
        + ('<family val="2"/>' if name == NORMAL.font else "")
        + ('<b val="1"/>' if bold else "")
        + ('<i val="1"/>' if italic else "")
        + f'<sz val="{size}"/>'
        + ('<u val="single"/>' if underline else "")
        + "</font>"
    )


_ROOT_RELS = (
    f'<Relationships xmlns="{_PACKAGE_REL}">'
    f'<Relationship Type="{_REL}/officeDocument" Target="xl/workbook.xml" Id="rId1"/>'
    f'<Relationship Type="{_PACKAGE_REL}/metadata/core-properties" Target="docProps/core.xml" Id="rId2"/>'
    f'<Relationship Type="{_REL}/extended-properties" Target="docProps/app.xml" Id="rId3"/>'
    "</Relationships>"
)
_APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Microsoft Excel</Application></Properties>"
)
