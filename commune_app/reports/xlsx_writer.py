"""Writing report tables as an Excel workbook in the layout the level above expects.

Times New Roman; the header block (committee names left, title and period centre, form
number and unit right); merged two-level column headers with the column-number row; bold
sections, italic sub-items; A4 fitted to the width, header rows repeated on every page,
page numbers; frozen panes; the date line and the two signature blocks (§2.3, §4.5).
The sheets are written by the program's own small writer (``xlsx_book``): openpyxl's objects
were most of the time a workbook took.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.errors import FileRefused
from commune_app.progress import Progress
from commune_app.reports import labels
from commune_app.reports.context import ReportContext
from commune_app.reports.model import Table
from commune_app.safety import outputs
from commune_app.xlsx_book import Book, Sheet, Style

FONT_SIZE = 12
SMALL = 11
LINE_HEIGHT = 15.5  # points per line of 12-point text
ROW_HEIGHT = 15.75  # a one-line 12-point row as Excel draws it (the course roster foresees its pages with it)
CM = 1 / 2.54
A4_POINTS = (595.3, 841.9)  # portrait width, height
KEEP_WITH_SIGNATURES = 2  # table rows printed on the same page as the signatures when the page must break
CALC_POINTS_PER_CHARACTER = 7.05  # a column width unit as LibreOffice Calc prints it (measured on A4)
CALC_ROW_HEIGHT = 15.0  # a row without a height, 12-point Times, as Calc prints it (measured)
SAFETY = 24.0  # points left free under the signatures on their page: the forecast is not exact
MIN_SHRINK = 0.75  # how much smaller a sheet may print to save a page (12-point text stays above 9 points)
MARGINS = (2 * CM, 1.5 * CM, 1.5 * CM, 1.5 * CM, 0.6 * CM, 0.6 * CM)  # inches: left, right, top, bottom, header, footer


def _chunk(widths: list[float], from_left: bool, at_least: float) -> int:
    """How many columns from one side are needed to reach a width."""
    total, count = 0.0, 0
    for width in widths if from_left else reversed(widths):
        total += width
        count += 1
        if total >= at_least:
            break
    return count


def _lines(text: str, width: float, size: int = FONT_SIZE) -> int:
    """Rough number of wrapped lines of a text in a column of that width (characters)."""
    if not text:
        return 1
    usable = max(width * 1.2 * FONT_SIZE / size - 1, 4)
    return sum(max(1, math.ceil(len(part) / usable)) for part in str(text).split("\n"))


class _Sheet:
    """One worksheet being written; keeps the styles in one place."""

    def __init__(self, ws: Sheet, table: Table, ctx: ReportContext, styles: dict[tuple[Any, ...], int]) -> None:
        self.ws, self.table, self.ctx = ws, table, ctx
        self.font_name = labels.common()["font"]
        self.n = table.width
        # Style numbers by their key, shared by every sheet of the workbook.
        self.styles = styles
        self.widths = list(table.widths) + [10] * (self.n - len(table.widths))

    def style(
        self,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        size: int = FONT_SIZE,
        align: str = "center",
        border: bool = False,
        indent: int = 0,
        number_format: str | None = None,
    ) -> int:
        key = (bold, italic, underline, size, align, border, indent, number_format)
        found = self.styles.get(key)
        if found is None:
            found = self.styles[key] = self.ws.book.style(
                Style(self.font_name, size, bold, italic, underline, align, indent, border, number_format)
            )
        return found

    def put(
        self,
        row: int,
        col: int,
        value: Any,
        *,
        cols: int = 1,
        rows: int = 1,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        align: str = "center",
        border: bool = False,
        size: int = FONT_SIZE,
        indent: int = 0,
        number_format: str | None = None,
    ) -> None:
        """Write a value at (row, col) 1-based, merged over cols × rows, styled."""
        style = self.style(bold, italic, underline, size, align, border, indent, number_format)
        self.ws.put(row, col, value, style)
        if cols > 1 or rows > 1:
            self.merge(row, col, rows, cols, style if border else None)

    def merge(self, row: int, col: int, rows: int, cols: int, style: int | None) -> None:
        """Merge a range; with a border, its hidden cells take the first cell's style so every edge has it."""
        ws = self.ws
        ws.merges.append((row, col, rows, cols))
        if style is not None:
            for r in range(row, row + rows):
                for c in range(col, col + cols):
                    if (r, c) != (row, col):
                        ws.put(r, c, None, style)

    def span_width(self, col: int, cols: int) -> float:
        return sum(self.widths[col - 1 : col - 1 + cols])

    # --- the parts of the sheet -------------------------------------------------------------

    def header_block(self) -> int:
        """Committee names, title and form number; returns the next free row."""
        table, profile = self.table, self.ctx.profile
        wide = self.n >= 8
        left = _chunk(self.widths, True, 30 if wide else 1)
        right = _chunk(self.widths, False, (34 if table.party_header else 26) if wide else 1)
        left_lines = [
            (profile.get("upper_body") or "").upper(),
            (profile.get("committee_name") or "").upper(),
            labels.common()["star"],
        ]
        for i, text in enumerate(left_lines):
            self.put(1 + i, 1, text, cols=left, bold=i == 1)
        if table.party_header:
            right_lines = [
                (labels.common()["party_title"], True, False, True),
                (self.date_line(), False, True, False),
            ] + [(t, False, True, False) for t in table.form_lines]
        else:
            right_lines = [(t, i == 0, i > 0, False) for i, t in enumerate(table.form_lines)]
        for i, (text, bold, italic, underline) in enumerate(right_lines):
            self.put(1 + i, self.n - right + 1, text, cols=right, bold=bold, italic=italic, underline=underline)
        for i in range(max(len(left_lines), len(right_lines))):
            left_text = left_lines[i] if i < len(left_lines) else ""
            right_text = right_lines[i][0] if i < len(right_lines) else ""
            lines = max(
                _lines(left_text, self.span_width(1, left)),
                _lines(right_text, self.span_width(self.n - right + 1, right)),
            )
            self.ws.heights[1 + i] = LINE_HEIGHT * lines + 3
        block = max(len(left_lines), len(right_lines))
        if wide:
            first, col, cols = 1, left + 1, self.n - left - right
        else:
            first, col, cols = block + 2, 1, self.n
        for i, text in enumerate(table.heading):
            is_title = i < len(table.heading) - 1
            size = 14 if i < 2 and is_title else FONT_SIZE
            self.put(first + i, col, text, cols=cols, bold=is_title, italic=not is_title, size=size)
            lines = _lines(text, self.span_width(col, cols) * (0.75 if is_title else 1), size)  # bold capitals
            self.ws.heights[first + i] = LINE_HEIGHT * size / FONT_SIZE * lines + 3
        return max(first + len(table.heading), block + 1) + 1

    def date_line(self) -> str:
        place = self.ctx.profile.get("place_name") or ""
        words = vn.date_words(self.ctx.today, place or None)
        return words[0].upper() + words[1:]

    def column_headers(self, top: int) -> int:
        table = self.table
        for h in table.header:
            self.put(top + h.row, h.col + 1, h.text, cols=h.colspan, rows=h.rowspan, bold=True, border=True, size=SMALL)
        heights = [1.0] * table.header_rows
        for h in table.header:
            need = _lines(h.text, self.span_width(h.col + 1, h.colspan) * 0.85) / h.rowspan  # bold is wider
            for r in range(h.row, h.row + h.rowspan):
                heights[r] = max(heights[r], need)
        for r, lines in enumerate(heights):
            self.ws.heights[top + r] = LINE_HEIGHT * math.ceil(lines) + 2
        numbers_row = top + table.header_rows
        for i, text in enumerate(table.numbers):
            self.put(numbers_row, i + 1, text, italic=True, border=True, size=SMALL)
        lines = max(_lines(text, self.widths[i] * 0.85) for i, text in enumerate(table.numbers))
        self.ws.heights[numbers_row] = LINE_HEIGHT * lines + 2
        return numbers_row

    def body(self, first: int) -> int:
        table, ws, style = self.table, self.ws, self.style
        first_text = min(table.text_cols) if table.text_cols else -1
        row_no = first
        # A body cell's style follows from its row's kind, its column, its format and the indent:
        # worked out once per combination (a province's lists have 60,000 cells).
        styles: dict[tuple[str, int, str | None, int], int] = {}
        for row in table.rows:
            lines = 1
            for col, value in enumerate(row.values):
                kind = row.cell_styles.get(col, row.style)
                text_col = col in table.text_cols
                fmt = None
                if col in table.percent_cols and isinstance(value, (int, float)):
                    fmt = "0.00"
                elif isinstance(value, float):
                    fmt = "0.0"
                indent = row.indent if col == first_text else 0
                number = styles.get((kind, col, fmt, indent))
                if number is None:
                    number = styles[kind, col, fmt, indent] = style(
                        bold=kind in ("section", "group", "total"),
                        italic=kind in ("sub", "group"),
                        align="left" if text_col else "center",
                        border=True,
                        indent=indent,
                        number_format=fmt,
                    )
                ws.put(row_no, col + 1, value, number)
                if text_col and isinstance(value, str) and len(value) > self.widths[col]:
                    lines = max(lines, _lines(("  " * row.indent) + value, self.widths[col]))
            if lines > 1:  # one-line rows keep no height, so Excel and Calc fit them to what wraps
                ws.heights[row_no] = LINE_HEIGHT * lines + 2
            row_no += 1
        return row_no

    def blocks(self, row_no: int) -> int:
        for block in self.table.blocks:
            row_no += 1
            label_cols = max(2, _chunk(self.widths, True, 30))
            rest = (self.n - label_cols) // len(block.header[1:]) if len(block.header) > 1 else 1
            self.put(row_no, 1, block.title, cols=self.n, bold=True, align="left")
            row_no += 1
            spans = [label_cols] + [rest] * (len(block.header) - 1)
            for values, bold in [(block.header, True)] + [(r, False) for r in block.rows]:
                col = 1
                lines = 2 if bold else 1
                for i, value in enumerate(values):
                    is_pct = i == len(values) - 1 and not bold and isinstance(value, (int, float))
                    self.put(
                        row_no,
                        col,
                        value,
                        cols=spans[i],
                        bold=bold,
                        border=True,
                        align="left" if i == 0 and not bold else "center",
                        number_format="0.00" if is_pct else None,
                    )
                    if isinstance(value, str):
                        lines = max(lines, _lines(value, self.span_width(col, spans[i])))
                    col += spans[i]
                # Merged cells: neither Excel nor Calc fits the row to what wraps in them.
                if lines > 1:
                    self.ws.heights[row_no] = LINE_HEIGHT * lines + 2
                row_no += 1
        return row_no

    def notes(self, row_no: int) -> int:
        for note in self.table.notes:
            self.put(row_no, 1, note, cols=self.n, italic=True, align="left")
            self.ws.heights[row_no] = LINE_HEIGHT * _lines(note, self.span_width(1, self.n)) + 2
            row_no += 1
        return row_no

    def signatures(self, row_no: int) -> int:
        common, profile = labels.common(), self.ctx.profile
        row_no += 1
        left = max(1, _chunk(self.widths, True, 28))
        right = min(self.n - left, max(1, _chunk(self.widths, False, 36)))
        start_right = self.n - right + 1
        if not self.table.party_header:
            self.put(row_no, start_right, self.date_line(), cols=right, italic=True)
            row_no += 1
        left_lines = [(common["preparer_title"], True, False), (common["preparer_hint"], False, True)]
        right_lines = [
            (self.ctx.authority, True, False),
            (self.ctx.signer_title, True, False),
            (common["signer_hint"], False, True),
        ]
        for i in range(max(len(left_lines), len(right_lines))):
            if i < len(left_lines):
                text, bold, italic = left_lines[i]
                self.put(row_no + i, 1, text, cols=left, bold=bold, italic=italic, size=FONT_SIZE if bold else SMALL)
            if i < len(right_lines):
                text, bold, italic = right_lines[i]
                self.put(
                    row_no + i,
                    start_right,
                    text,
                    cols=right,
                    bold=bold,
                    italic=italic,
                    size=FONT_SIZE if bold else SMALL,
                )
            if i < len(left_lines) and _lines(left_lines[i][0], self.span_width(1, left)) > 1:
                self.ws.heights[row_no + i] = LINE_HEIGHT * 2 + 2
        row_no += max(len(left_lines), len(right_lines)) + 3
        self.put(row_no, 1, profile.get("preparer_name") or "", cols=left, bold=True)
        self.put(row_no, start_right, profile.get("secretary") or "", cols=right, bold=True)
        if profile.get("preparer_phone"):
            self.put(row_no + 1, 1, common["preparer_phone"].format(phone=profile["preparer_phone"]), cols=left)
        return row_no + 2

    def page_setup(self, header_top: int, numbers_row: int) -> None:
        ws, table = self.ws, self.table
        ws.widths = self.widths
        ws.landscape = table.landscape
        ws.margins = MARGINS
        ws.print_title_rows = (header_top, numbers_row)
        ws.footer = f'&C&"{self.font_name},Regular"&10 {labels.common()["page_footer"]}'
        # Keep the name column in view when scrolling right, the header rows when scrolling down.
        ws.freeze = (numbers_row + 1, min(table.text_cols) + 2 if table.text_cols else 1)
        ws.zoom = 90

    def fit_pages(self, tail_first: int, last_row: int, header_top: int, numbers_row: int) -> None:
        """Fit to the width, on as few pages as the sheet needs, the signatures never alone or split.

        Pages are foreseen the way LibreOffice Calc prints (its column widths and row heights, the
        page-number footer taken out of the page); Excel, given the same ceiling of pages, prints
        a little smaller than its own fit to the width. When printing at most ``MIN_SHRINK``
        smaller saves a page, the sheet goes on one page fewer (the print scale is the largest that
        fits, as the programs choose it). When the notes and signatures after the table would not
        sit whole on the page of the table's last rows, with ``SAFETY`` points to spare for what
        the forecast cannot know, the page is broken before the table's last
        ``KEEP_WITH_SIGNATURES`` rows, which then go with them (Excel has no "keep together"), and
        the sheet is fitted to the width only (the programs ignore manual breaks otherwise).
        """
        ws = self.ws
        if self.table.one_page:
            ws.fit_to_height = 1
            return
        width, height = A4_POINTS[::-1] if self.table.landscape else A4_POINTS
        left, right, top, bottom, _header, footer = MARGINS
        printable_width = width - (left + right) * 72
        printable_height = height - (top + bottom + footer) * 72
        width_scale = min(1.0, math.floor(100 * printable_width / (sum(self.widths) * CALC_POINTS_PER_CHARACTER)) / 100)

        heights = [ws.heights.get(r) or CALC_ROW_HEIGHT for r in range(1, last_row + 1)]
        titles = sum(heights[header_top - 1 : numbers_row])

        def paginate(scale: float) -> tuple[int, list[int], list[float]]:
            """(pages, page of each row, height used on its page after each row) at a print scale."""
            capacity, used, page = printable_height / scale, 0.0, 1
            pages, ends = [], []
            for _row, h in enumerate(heights, start=1):
                if used + h > capacity:
                    page, used = page + 1, titles
                used += h
                pages.append(page)
                ends.append(used)
            return page, pages, ends

        def tail_breaks(scale: float, squeezed: bool) -> bool:
            """Whether the notes and signatures would not sit whole after the table's last rows."""
            _count, page_of, used_after = paginate(scale)
            tail_page = page_of[tail_first - 1]
            alone = tail_first >= 2 and page_of[tail_first - 2] != tail_page
            split = page_of[last_row - 1] != tail_page
            # Flowing past the page's end is a risk only when the sheet is not squeezed onto its pages.
            tight = not squeezed and used_after[last_row - 1] > (printable_height - SAFETY) / scale
            return alone or split or tight

        count = paginate(width_scale)[0]
        for step in range(1, int(100 * width_scale * (1 - MIN_SHRINK)) + 1):
            scale = width_scale - step / 100
            if count > 1 and paginate(scale)[0] < count:  # the largest scale that saves a page
                if not tail_breaks(scale, squeezed=True):
                    ws.fit_to_height = count - 1
                    return
                break
        keep_from = tail_first - KEEP_WITH_SIGNATURES
        if tail_breaks(width_scale, squeezed=False) and keep_from > numbers_row + 1:
            ws.row_breaks.append(keep_from - 1)
            # Calc ignores manual breaks when fitting to a number of pages: fit to the width only.
            ws.fit_to_height = 0
            return
        ws.fit_to_height = count


def write_sheet(ws: Sheet, table: Table, ctx: ReportContext, styles: dict[tuple[Any, ...], int]) -> None:
    sheet = _Sheet(ws, table, ctx, styles)
    header_top = sheet.header_block()
    numbers_row = sheet.column_headers(header_top)
    body_end = sheet.body(numbers_row + 1)
    row_no = sheet.blocks(body_end)
    row_no = sheet.notes(row_no)
    last_row = sheet.signatures(row_no) - 1
    sheet.page_setup(header_top, numbers_row)
    sheet.fit_pages(body_end, last_row, header_top, numbers_row)


def write_workbook(tables: list[Table], ctx: ReportContext, path: str | Path, progress: Progress | None = None) -> Path:
    """Write every table on its own sheet; the file appears only when complete."""
    progress = progress or Progress()
    target = Path(path)
    if not target.parent.is_dir():
        raise FileRefused(f"Thư mục {target.parent} không tồn tại.")
    workbook = Book(creator="Phát triển Đảng viên", title=f"Báo cáo {ctx.period.label}")
    styles: dict[tuple[Any, ...], int] = {}
    for done, table in enumerate(tables):
        progress(done, len(tables), f"Ghi biểu {table.code}")
        write_sheet(workbook.create_sheet(table.sheet[:31]), table, ctx, styles)
    from commune_app.rollup.data_sheet import add_to_workbook

    add_to_workbook(workbook, tables, ctx)  # the figures for a province's roll-up (docs/exchange.md)
    with outputs.replacing(target, data_file=ctx.store.path, suffix=".xlsx") as tmp:
        workbook.save(tmp)
    progress(len(tables), len(tables), "Đã ghi xong tệp báo cáo")
    return target
