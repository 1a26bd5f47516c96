"""A long report never leaves its signatures alone on a page after the table (QA: biểu E8 quý IV)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from commune_app.reports import xlsx_writer
from commune_app.reports.model import HeaderCell, Row, Table


def _table(rows: int) -> Table:
    header = [HeaderCell(0, 0, "TT"), HeaderCell(0, 1, "Chi bộ"), HeaderCell(0, 2, "Kết nạp trong kỳ"),
              HeaderCell(0, 3, "Ghi chú")]
    body = [Row(str(i), [i + 1, f"Chi bộ thôn số {i + 1}", i % 3, ""]) for i in range(rows)]
    body.append(Row("total", ["", "Tổng cộng", sum(r.values[2] for r in body), ""], style="total"))
    return Table(code="E8", sheet="Báo cáo nhanh", heading=["BÁO CÁO NHANH", "QUÝ IV NĂM 2026", "(Số liệu)"],
                 form_lines=["Biểu E8"], header=header, numbers=["1", "2", "3", "4"], widths=[5, 40, 14, 30],
                 rows=body, landscape=True, text_cols=frozenset({1}))


def _pages(ws, titles: range) -> dict[int, int]:
    """The page each row prints on, as a spreadsheet program lays them out (scale 1 here)."""
    capacity = 595.3 - (ws.page_margins.top + ws.page_margins.bottom) * 72
    breaks = {b.id for b in ws.row_breaks.brk}
    title_height = sum(ws.row_dimensions[r].height or xlsx_writer.ROW_HEIGHT for r in titles)
    page, used, pages = 1, 0.0, {}
    for row in range(1, ws.max_row + 1):
        height = ws.row_dimensions[row].height or xlsx_writer.ROW_HEIGHT
        if used + height > capacity or (row - 1) in breaks:
            page, used = page + 1, title_height
        used += height
        pages[row] = page
    return pages


@pytest.mark.parametrize("rows", range(18, 48))
def test_signatures_stay_with_the_last_table_rows(rows):
    from openpyxl import Workbook

    ctx = SimpleNamespace(profile={"committee_name": "Đảng ủy xã Ba Sơn", "secretary": "Hoàng Văn Thắng",
                                   "preparer_name": "Vi Thị Thu", "place_name": "Ba Sơn"},
                          today=dt.date(2026, 11, 21), authority="T/M BAN THƯỜNG VỤ", signer_title="BÍ THƯ")
    ws = Workbook().active
    table = _table(rows)
    xlsx_writer.write_sheet(ws, table, ctx)
    total_row = next(c.row for c in ws["B"] if c.value == "Tổng cộng")
    secretary_row = next(c.row for c in ws["A"] if c.value == "Vi Thị Thu")
    first_title, last_title = (int(x) for x in ws.print_title_rows.replace("$", "").split(":"))
    pages = _pages(ws, range(first_title, last_title + 1))
    assert pages[total_row] == pages[secretary_row] == pages[total_row - 1]
