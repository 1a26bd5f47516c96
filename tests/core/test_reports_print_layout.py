"""How the sheets print, looked at the way the recipient does: each sheet converted to PDF by
LibreOffice (headless), pages counted, the signatures found with the table's last rows.

Needs ``soffice`` (Debian: ``libreoffice-calc --no-install-recommends``); slow (a second or two
per sheet), so it runs with the slow tests.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from commune_app.ops import reports
from commune_app.ops.context import Actor, open_session
from commune_app.reports import xlsx_writer
from commune_app.reports.definitions import build_tables, choose, make_context
from commune_app.reports.model import HeaderCell, Row, Table
from tests.conftest import TODAY
from tests.office import libreoffice_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]

# Pages of each sheet of the demo commune's third quarter of 2026 (about 1,070 members, 50 cells).
PAGES = {
    "E7": 2,
    "E8": 2,
    "E9": 1,
    "DS-CT": 1,
    "1-BTCTW": 2,
    "2-BTCTW": 2,
    "2B-BTCTW": 1,
    "3-BTCTW": 2,
    "3B-BTCTW": 1,
    "5-BTCTW": 2,
    "7-BTCTW": 2,
}


def _to_pdf(xlsx: Path) -> list[str]:
    """The text of each printed page, as LibreOffice prints the workbook."""
    pdf = libreoffice_pdf(xlsx, xlsx.parent)
    return [page.extract_text() for page in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from commune_app.cli.main import run

    path = tmp_path_factory.mktemp("in") / "demo.sqlite"
    assert run(["demo", "--db", str(path)]) == 0
    session = open_session(path, actor=Actor(username="kiemthu", role="admin"))
    session.today_override = TODAY
    yield session
    session.close()


def test_every_sheet_prints_on_its_pages_with_the_signatures(demo, tmp_path):
    ctx = make_context(demo.store, reports.counted_period(demo, "2026-Q3"), demo.today, demo.rules.numbers)
    secretary = ctx.profile["secretary"]
    counted = {}
    for table in build_tables(ctx, choose(None)):
        path = xlsx_writer.write_workbook([table], ctx, tmp_path / f"{table.code}.xlsx")
        pages = _to_pdf(path)
        counted[table.code] = len(pages)
        last = pages[-1]
        assert secretary in last, table.code
        if table.rows:  # the last page holds the end of the table too, never the signatures alone
            tail = str(table.rows[-1].values[1 if table.code in ("E7", "E8", "E9", "DS-CT") else 0])
            assert tail.split()[0] in last, table.code
    assert counted == PAGES


def _long_table(rows: int) -> Table:
    """A quick report with many cells, columns like E8's."""
    titles = ["TT", "Chi bộ", "Kết nạp trong kỳ", "Lũy kế", "Chỉ tiêu năm", "% chỉ tiêu", "Đang làm hồ sơ", "Ghi chú"]
    header = [HeaderCell(0, i, t) for i, t in enumerate(titles)]
    body = [Row(str(i), [i + 1, f"Chi bộ thôn số {i + 1}", i % 3, i % 5, 2, None, i % 2, ""]) for i in range(rows)]
    body.append(Row("total", ["", "Tổng cộng", sum(r.values[2] for r in body), 0, 0, None, 0, ""], style="total"))
    return Table(
        code="E8",
        sheet="Báo cáo nhanh",
        heading=["BÁO CÁO NHANH", "QUÝ IV NĂM 2026", "(Số liệu)"],
        form_lines=["Biểu E8"],
        header=header,
        numbers=[str(i + 1) for i in range(8)],
        widths=[5, 40, 10, 10, 10, 10, 12, 14],
        rows=body,
        landscape=True,
        text_cols=frozenset({1}),
    )


@pytest.mark.parametrize("rows", [18, 24, 28, 31, 34, 38, 42, 47, 60, 75])
def test_signatures_stay_with_the_total_row(rows, tmp_path, monkeypatch):
    """QA's case (biểu E8 quý IV): whatever the length, the total row prints with the signatures."""
    from commune_app.rollup import data_sheet

    # a bare context of the sheet's layout: the roll-up's hidden data sheet is not this test's concern
    monkeypatch.setattr(data_sheet, "add_to_workbook", lambda *_args: None)
    ctx = SimpleNamespace(
        profile={
            "committee_name": "Đảng ủy xã Ba Sơn",
            "secretary": "Hoàng Văn Thắng",
            "preparer_name": "Vi Thị Thu",
            "place_name": "Ba Sơn",
        },
        today=dt.date(2026, 11, 21),
        authority="T/M BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
        period=SimpleNamespace(label="quý IV năm 2026"),
        store=SimpleNamespace(path=tmp_path / "du-lieu.sqlite"),
    )  # outputs never go over it
    path = xlsx_writer.write_workbook([_long_table(rows)], ctx, tmp_path / "e8.xlsx")
    pages = _to_pdf(path)
    assert "Tổng cộng" in pages[-1] and "Hoàng Văn Thắng" in pages[-1]
    assert f"Chi bộ thôn số {rows}" in pages[-1]
    # No page is wasted: every page but the last holds a good part of the table.
    for page in pages[:-1]:
        assert (
            sum(f"Chi bộ thôn số {n}\n" in page + "\n" or f"Chi bộ thôn số {n} " in page for n in range(1, rows + 1))
            >= 12
        )
