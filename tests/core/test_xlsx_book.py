"""The report workbook's own writer (commune_app/xlsx_book.py) reads back as the same sheet written
by openpyxl does: values, styles, the quote prefix, merges, heights, widths and the page setup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.pagebreak import Break

from commune_app import xlsx_cells
from commune_app.xlsx_book import Book, Sheet, Style

STYLES = [
    Style("Times New Roman", 12, bold=True, horizontal="center"),
    Style("Times New Roman", 11, italic=True, underline=True, horizontal="left", indent=2, border=True),
    Style("Times New Roman", 12, horizontal="center", border=True, number_format="0.00"),
    Style("Times New Roman", 14, bold=True, italic=True, horizontal="center", border=True, number_format="0.0"),
]
VALUES: list[Any] = [
    "Chi bộ thôn Nà Pàn",
    12,
    33.33,
    "=SUM(A1:A2)",
    "+84 912",
    " lề ",
    "a\nb",
    "",
    None,
    True,
    "x\x07y",
]


def _model(book: Book) -> Sheet:
    sheet = book.create_sheet("Biểu 'thử'")
    numbers = [book.style(s) for s in STYLES]
    for row, value in enumerate(VALUES, start=1):
        for col, style in enumerate(numbers, start=1):
            sheet.put(row, col, value, style)
    sheet.put(20, 1, "gộp", numbers[1])
    sheet.merges.append((20, 1, 2, 3))
    for r, c in [(20, 2), (20, 3), (21, 1), (21, 2), (21, 3)]:
        sheet.put(r, c, None, numbers[1])
    sheet.heights.update({1: 33.5, 5: 21.083333333333332, 30: 17.5})
    sheet.widths = [30, 12.5, 8, 10]
    sheet.landscape, sheet.fit_to_height, sheet.zoom = True, 0, 90
    sheet.margins = (0.7874015748031495, 0.5905511811023622, 0.59, 0.59, 0.236, 0.236)
    sheet.print_title_rows, sheet.freeze = (2, 4), (5, 2)
    sheet.footer = '&C&"Times New Roman,Regular"&10 Trang &P'
    sheet.row_breaks.append(12)
    data = book.create_sheet("_du_lieu")
    data.append(["format", "=hỏng", 1, None, 2.5])
    data.append(["sha256", "abc"])
    data.hidden = True
    return sheet


def _with_openpyxl(book: Book, path: Path) -> None:
    """The same sheets through openpyxl, as the reports wrote them before."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    styles = {number: style for style, number in book._styles.items()}
    thin = Side(style="thin")
    for sheet in book.sheets:
        ws = workbook.create_sheet(sheet.title)
        for row, cells in sheet.cells.items():
            for col, (value, number) in cells.items():
                cell = xlsx_cells.put(ws.cell(row=row, column=col), value)
                style = styles[number]
                if number:
                    cell.font = Font(
                        name=style.font,
                        size=style.size,
                        bold=style.bold,
                        italic=style.italic,
                        underline="single" if style.underline else None,
                    )
                if style.horizontal:
                    cell.alignment = Alignment(
                        horizontal=style.horizontal, vertical="center", wrap_text=True, indent=style.indent
                    )
                    if style.border:
                        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                    if style.number_format:
                        cell.number_format = style.number_format
        for first_row, first_col, rows, cols in sheet.merges:
            ws.merge_cells(
                start_row=first_row,
                start_column=first_col,
                end_row=first_row + rows - 1,
                end_column=first_col + cols - 1,
            )
        for row, height in sheet.heights.items():
            ws.row_dimensions[row].height = height
        for index, width in enumerate(sheet.widths):
            ws.column_dimensions[chr(65 + index)].width = width
        ws.sheet_state = "hidden" if sheet.hidden else "visible"
        if sheet.fit_to_height is not None:
            ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
            ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, sheet.fit_to_height
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.print_options.horizontalCentered = True
            margins = ws.page_margins
            margins.left, margins.right, margins.top, margins.bottom, margins.header, margins.footer = sheet.margins
            ws.print_title_rows = "{}:{}".format(*sheet.print_title_rows)
            ws.oddFooter.center.text = "Trang &P"
            ws.oddFooter.center.font = "Times New Roman,Regular"
            ws.oddFooter.center.size = 10
            ws.freeze_panes = ws.cell(*sheet.freeze).coordinate
            ws.sheet_view.zoomScale = sheet.zoom
            for row in sheet.row_breaks:
                ws.row_breaks.append(Break(id=row))
    workbook.save(path)


def _read(path: Path) -> dict[str, Any]:
    book = load_workbook(path)
    out: dict[str, Any] = {}
    for ws in book.worksheets:
        cells = [
            (
                c.coordinate,
                c.value,
                c.data_type,
                c.quotePrefix,
                c.font.name,
                c.font.sz,
                c.font.b,
                c.font.i,
                c.font.u,
                c.alignment.horizontal,
                c.alignment.vertical,
                c.alignment.wrap_text,
                c.alignment.indent,
                [getattr(c.border, side).style for side in ("left", "right", "top", "bottom")],
                c.number_format,
            )
            for row in ws.iter_rows()
            for c in row
            if c.has_style or c.value is not None
        ]
        out[ws.title] = {
            "cells": cells,
            "state": ws.sheet_state,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height is not None},
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "setup": [
                ws.freeze_panes,
                ws.print_title_rows,
                ws.page_setup.orientation,
                ws.page_setup.paperSize,
                ws.page_setup.fitToWidth,
                ws.page_setup.fitToHeight,
                ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
                [b.id for b in ws.row_breaks.brk],
                ws.oddFooter.center.text,
                ws.oddFooter.center.font,
                ws.oddFooter.center.size,
                [ws.page_margins.left, ws.page_margins.right, ws.page_margins.top, ws.page_margins.bottom],
                [ws.page_margins.header, ws.page_margins.footer],
                ws.sheet_view.zoomScale,
                ws.print_options.horizontalCentered,
            ],
        }
    return out


def test_own_writer_reads_back_as_openpyxl_wrote_it(tmp_path: Path) -> None:
    book = Book(creator="Phát triển Đảng viên", title="Báo cáo thử")
    _model(book)
    ours, theirs = tmp_path / "ours.xlsx", tmp_path / "openpyxl.xlsx"
    book.save(ours)
    _with_openpyxl(book, theirs)
    assert _read(ours) == _read(theirs)
    loaded = load_workbook(ours)
    assert loaded.properties.creator == "Phát triển Đảng viên"
    assert loaded.properties.title == "Báo cáo thử"
    sheet = loaded["Biểu 'thử'"]
    assert sheet["A4"].value == "=SUM(A1:A2)" and sheet["A4"].data_type == "s" and sheet["A4"].quotePrefix
    assert sheet["A11"].value == "xy"  # control characters go, as in every workbook
    assert loaded["_du_lieu"]["B1"].quotePrefix  # the data sheet's text is guarded too
