"""Writing report tables as an Excel workbook in the layout the level above expects.

Times New Roman; the header block (committee names left, title and period centre, form
number and unit right); merged two-level column headers with the column-number row; bold
sections, italic sub-items; A4 fitted to the width, header rows repeated on every page,
page numbers; frozen panes; the date line and the two signature blocks (§2.3, §4.5).
openpyxl is imported here only, so the window opens fast.
"""

from __future__ import annotations

import math
import os
from copy import copy
import tempfile
from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.errors import FileRefused
from commune_app.progress import Progress
from commune_app.reports import labels
from commune_app.reports.context import ReportContext
from commune_app.reports.model import Table

FONT_SIZE = 12
SMALL = 11
LINE_HEIGHT = 15.5  # points per line of 12-point text
ROW_HEIGHT = 15.75  # a one-line 12-point row as Excel draws it (Calc: a little less), to foresee pages
CM = 1 / 2.54
A4_POINTS = (595.3, 841.9)  # portrait width, height
KEEP_WITH_SIGNATURES = 2  # table rows printed on the same page as the signatures


def _chunk(widths: list[float], from_left: bool, at_least: float) -> int:
    """How many columns from one side are needed to reach a width."""
    total, count = 0.0, 0
    for width in (widths if from_left else reversed(widths)):
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

    def __init__(self, ws: Any, table: Table, ctx: ReportContext) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        self.ws, self.table, self.ctx = ws, table, ctx
        self.Alignment, self.Font = Alignment, Font
        self.font_name = labels.common()["font"]
        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.n = table.width
        self.styles: dict[tuple[Any, ...], Any] = {}
        self.widths = list(table.widths) + [10] * (self.n - len(table.widths))

    def font(self, bold: bool = False, italic: bool = False, size: int = FONT_SIZE, underline: bool = False) -> Any:
        return self.Font(name=self.font_name, size=size, bold=bold, italic=italic,
                         underline="single" if underline else None)

    def put(self, row: int, col: int, value: Any, *, cols: int = 1, rows: int = 1, bold: bool = False,
            italic: bool = False, underline: bool = False, align: str = "center", border: bool = False,
            size: int = FONT_SIZE, indent: int = 0, wrap: bool = True, number_format: str | None = None) -> None:
        """Write a value at (row, col) 1-based, merged over cols × rows, styled."""
        ws = self.ws
        cell = ws.cell(row=row, column=col, value=vn.nfc(value) if isinstance(value, str) else value)
        key = (bold, italic, underline, size, align, border, indent, wrap, number_format)
        if key in self.styles:
            # Copying a finished style is far cheaper than letting openpyxl hash new style objects.
            cell._style = copy(self.styles[key])
        else:
            cell.font = self.font(bold, italic, size, underline)
            cell.alignment = self.Alignment(horizontal=align, vertical="center", wrap_text=wrap, indent=indent)
            if number_format:
                cell.number_format = number_format
            if border:
                cell.border = self.border
            self.styles[key] = copy(cell._style)
        if cols > 1 or rows > 1:
            self.merge(row, col, rows, cols, cell._style if border else None)

    def merge(self, row: int, col: int, rows: int, cols: int, style: Any) -> None:
        """Merge a range; its hidden cells take the first cell's style so every edge has its border.

        Done here rather than with ``merge_cells``, whose per-range re-styling is the slowest
        part of writing a large sheet.
        """
        from openpyxl.cell.cell import MergedCell
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.merge import MergedCellRange

        ws = self.ws
        coord = f"{get_column_letter(col)}{row}:{get_column_letter(col + cols - 1)}{row + rows - 1}"
        ws.merged_cells.add(MergedCellRange(ws, coord))
        for r in range(row, row + rows):
            for c in range(col, col + cols):
                if (r, c) != (row, col):
                    hidden = MergedCell(ws, row=r, column=c)
                    if style is not None:
                        hidden._style = copy(style)
                    ws._cells[(r, c)] = hidden

    def span_width(self, col: int, cols: int) -> float:
        return sum(self.widths[col - 1: col - 1 + cols])

    # --- the parts of the sheet -------------------------------------------------------------

    def header_block(self) -> int:
        """Committee names, title and form number; returns the next free row."""
        table, profile = self.table, self.ctx.profile
        wide = self.n >= 8
        left = _chunk(self.widths, True, 30 if wide else 1)
        right = _chunk(self.widths, False, (34 if table.party_header else 26) if wide else 1)
        left_lines = [(profile.get("upper_body") or "").upper(), (profile.get("committee_name") or "").upper(),
                      labels.common()["star"]]
        for i, text in enumerate(left_lines):
            self.put(1 + i, 1, text, cols=left, bold=i == 1)
        if table.party_header:
            right_lines = [(labels.common()["party_title"], True, False, True),
                           (self.date_line(), False, True, False)] + [(t, False, True, False) for t in table.form_lines]
        else:
            right_lines = [(t, i == 0, i > 0, False) for i, t in enumerate(table.form_lines)]
        for i, (text, bold, italic, underline) in enumerate(right_lines):
            self.put(1 + i, self.n - right + 1, text, cols=right, bold=bold, italic=italic, underline=underline)
        for i in range(max(len(left_lines), len(right_lines))):
            left_text = left_lines[i] if i < len(left_lines) else ""
            right_text = right_lines[i][0] if i < len(right_lines) else ""
            lines = max(_lines(left_text, self.span_width(1, left)),
                        _lines(right_text, self.span_width(self.n - right + 1, right)))
            self.ws.row_dimensions[1 + i].height = LINE_HEIGHT * lines + 3
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
            self.ws.row_dimensions[first + i].height = LINE_HEIGHT * size / FONT_SIZE * lines + 3
        return max(first + len(table.heading), block + 1) + 1

    def date_line(self) -> str:
        place = self.ctx.profile.get("place_name") or ""
        words = vn.date_words(self.ctx.today, place or None)
        return words[0].upper() + words[1:]

    def column_headers(self, top: int) -> int:
        table = self.table
        for h in table.header:
            self.put(top + h.row, h.col + 1, h.text, cols=h.colspan, rows=h.rowspan, bold=True, border=True,
                     size=SMALL)
        heights = [1.0] * table.header_rows
        for h in table.header:
            need = _lines(h.text, self.span_width(h.col + 1, h.colspan) * 0.85) / h.rowspan  # bold is wider
            for r in range(h.row, h.row + h.rowspan):
                heights[r] = max(heights[r], need)
        for r, lines in enumerate(heights):
            self.ws.row_dimensions[top + r].height = LINE_HEIGHT * math.ceil(lines) + 2
        numbers_row = top + table.header_rows
        for i, text in enumerate(table.numbers):
            self.put(numbers_row, i + 1, text, italic=True, border=True, size=SMALL)
        lines = max(_lines(text, self.widths[i] * 0.85) for i, text in enumerate(table.numbers))
        self.ws.row_dimensions[numbers_row].height = LINE_HEIGHT * lines + 2
        return numbers_row

    def body(self, first: int) -> int:
        table = self.table
        ws, styles = self.ws, self.styles
        first_text = min(table.text_cols) if table.text_cols else -1
        row_no = first
        for row in table.rows:
            lines = 1
            for col, value in enumerate(row.values):
                style = row.cell_styles.get(col, row.style)
                bold = style in ("section", "group", "total")
                italic = style in ("sub", "group")
                text_col = col in table.text_cols
                fmt = None
                if col in table.percent_cols and isinstance(value, (int, float)):
                    fmt = "0.00"
                elif isinstance(value, float):
                    fmt = "0.0"
                align = "left" if text_col else "center"
                indent = row.indent if col == first_text else 0
                key = (bold, italic, False, FONT_SIZE, align, True, indent, True, fmt)
                if key in styles:  # the common case, kept short: a province has thousands of rows
                    cell = ws.cell(row=row_no, column=col + 1, value=vn.nfc(value) if isinstance(value, str) else value)
                    cell._style = copy(styles[key])
                else:
                    self.put(row_no, col + 1, value, bold=bold, italic=italic, border=True, align=align,
                             indent=indent, number_format=fmt)
                if text_col and isinstance(value, str) and len(value) > self.widths[col]:
                    lines = max(lines, _lines(("  " * row.indent) + value, self.widths[col]))
            if lines > 1:  # one-line rows keep no height, so Excel and Calc fit them to what wraps
                self.ws.row_dimensions[row_no].height = LINE_HEIGHT * lines + 2
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
                for i, value in enumerate(values):
                    is_pct = i == len(values) - 1 and not bold and isinstance(value, (int, float))
                    self.put(row_no, col, value, cols=spans[i], bold=bold, border=True,
                             align="left" if i == 0 and not bold else "center",
                             number_format="0.00" if is_pct else None)
                    col += spans[i]
                if bold:
                    self.ws.row_dimensions[row_no].height = LINE_HEIGHT * 2 + 2
                row_no += 1
        return row_no

    def notes(self, row_no: int) -> int:
        for note in self.table.notes:
            self.put(row_no, 1, note, cols=self.n, italic=True, align="left")
            self.ws.row_dimensions[row_no].height = LINE_HEIGHT * _lines(note, self.span_width(1, self.n)) + 2
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
        right_lines = [(self.ctx.authority, True, False), (self.ctx.signer_title, True, False),
                       (common["signer_hint"], False, True)]
        for i in range(max(len(left_lines), len(right_lines))):
            if i < len(left_lines):
                text, bold, italic = left_lines[i]
                self.put(row_no + i, 1, text, cols=left, bold=bold, italic=italic, size=FONT_SIZE if bold else SMALL)
            if i < len(right_lines):
                text, bold, italic = right_lines[i]
                self.put(row_no + i, start_right, text, cols=right, bold=bold, italic=italic,
                         size=FONT_SIZE if bold else SMALL)
            if i < len(left_lines) and _lines(left_lines[i][0], self.span_width(1, left)) > 1:
                self.ws.row_dimensions[row_no + i].height = LINE_HEIGHT * 2 + 2
        row_no += max(len(left_lines), len(right_lines)) + 3
        self.put(row_no, 1, profile.get("preparer_name") or "", cols=left, bold=True)
        self.put(row_no, start_right, profile.get("secretary") or "", cols=right, bold=True)
        if profile.get("preparer_phone"):
            self.put(row_no + 1, 1, common["preparer_phone"].format(phone=profile["preparer_phone"]), cols=left)
        return row_no + 2

    def page_setup(self, header_top: int, numbers_row: int) -> None:
        from openpyxl.utils import get_column_letter

        ws, table = self.ws, self.table
        for i, width in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if table.landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1 if table.one_page else 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left, ws.page_margins.right = 2 * CM, 1.5 * CM
        ws.page_margins.top, ws.page_margins.bottom = 1.5 * CM, 1.5 * CM
        ws.page_margins.header, ws.page_margins.footer = 0.6 * CM, 0.6 * CM
        ws.print_title_rows = f"{header_top}:{numbers_row}"
        ws.oddFooter.center.text = labels.common()["page_footer"]
        ws.oddFooter.center.font = f"{self.font_name},Regular"
        ws.oddFooter.center.size = 10
        # Keep the name column in view when scrolling right, the header rows when scrolling down.
        freeze_col = min(table.text_cols) + 2 if table.text_cols else 1
        ws.freeze_panes = f"{get_column_letter(freeze_col)}{numbers_row + 1}"  # a text: the cell may be merged
        ws.sheet_view.zoomScale = 90

    def keep_signatures_on_table_page(self, tail_first: int, last_row: int, header_top: int,
                                      numbers_row: int) -> None:
        """Break the page before the table's last rows when the signatures would start a page alone.

        Excel has no "keep together", so the pages are foreseen from the row heights and the
        fit-to-width scale; rows without a height count as one line of Excel's, a little more than
        Calc draws, so the estimate errs towards breaking early rather than splitting.
        """
        from openpyxl.worksheet.pagebreak import Break

        if self.table.one_page or tail_first <= numbers_row + 1:
            return
        ws = self.ws
        width, height = A4_POINTS[::-1] if self.table.landscape else A4_POINTS
        printable_width = width - (ws.page_margins.left + ws.page_margins.right) * 72
        printable_height = height - (ws.page_margins.top + ws.page_margins.bottom) * 72
        sheet_width = sum((w * 7 + 5) * 0.75 for w in self.widths)  # Excel: 7-pixel digits of the default font
        scale = min(1.0, math.floor(100 * printable_width / sheet_width) / 100)
        capacity = printable_height / scale

        def row_height(row: int) -> float:
            found = ws.row_dimensions.get(row)  # get: indexing would add a dimension to every row
            return (found.height if found is not None else None) or ROW_HEIGHT

        titles = sum(row_height(r) for r in range(header_top, numbers_row + 1))
        used = 0.0
        for row in range(1, tail_first):
            if used + row_height(row) > capacity:
                used = titles
            used += row_height(row)
        tail = sum(row_height(r) for r in range(tail_first, last_row + 1))
        if used + tail > capacity and titles + tail <= capacity:
            ws.row_breaks.append(Break(id=tail_first - 1))


def write_sheet(ws: Any, table: Table, ctx: ReportContext) -> None:
    sheet = _Sheet(ws, table, ctx)
    header_top = sheet.header_block()
    numbers_row = sheet.column_headers(header_top)
    body_end = sheet.body(numbers_row + 1)
    row_no = sheet.blocks(body_end)
    row_no = sheet.notes(row_no)
    last_row = sheet.signatures(row_no) - 1
    sheet.page_setup(header_top, numbers_row)
    sheet.keep_signatures_on_table_page(max(numbers_row + 1, body_end - KEEP_WITH_SIGNATURES), last_row,
                                        header_top, numbers_row)


def write_workbook(tables: list[Table], ctx: ReportContext, path: str | Path,
                   progress: Progress | None = None) -> Path:
    """Write every table on its own sheet; the file appears only when complete."""
    from openpyxl import Workbook

    progress = progress or Progress()
    target = Path(path)
    if not target.parent.is_dir():
        raise FileRefused(f"Thư mục {target.parent} không tồn tại.")
    workbook = Workbook()
    workbook.remove(workbook.active)
    for done, table in enumerate(tables):
        progress(done, len(tables), f"Ghi biểu {table.code}")
        write_sheet(workbook.create_sheet(table.sheet[:31]), table, ctx)
    from commune_app.rollup.data_sheet import add_to_workbook

    add_to_workbook(workbook, tables, ctx)  # the figures for a province's roll-up (docs/exchange.md)
    workbook.properties.creator = "Phát triển Đảng viên"
    workbook.properties.title = f"Báo cáo {ctx.period.label}"
    fd, tmp = tempfile.mkstemp(prefix=".bao-cao-", suffix=".xlsx", dir=target.parent)
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, target)
    except PermissionError:
        Path(tmp).unlink(missing_ok=True)
        raise FileRefused(f"Không ghi được tệp {target.name}: tệp đang mở trong Excel hoặc thư mục không cho ghi. "
                          "Hãy đóng tệp rồi xuất lại.") from None
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise FileRefused(f"Không ghi được tệp {target.name}: {exc.strerror or exc}.") from None
    progress(len(tables), len(tables), "Đã ghi xong tệp báo cáo")
    return target
