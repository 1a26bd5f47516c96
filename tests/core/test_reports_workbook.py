"""The workbook as the province receives it: sheets, labels, merged headers, fonts, printing."""

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from commune_app.cli.main import run
from commune_app.ops import reports
from commune_app.ops.context import Actor, open_session
from commune_app.reports import labels
from commune_app.reports.definitions import ALL_CODES
from commune_app.rollup.data_sheet import SHEET as DATA_SHEET
from tests.conftest import TODAY
from tests.core.reports_sample import build


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """One exported workbook read by the layout tests (built once: they only read it)."""
    folder = tmp_path_factory.mktemp("bao-cao")
    session = open_session(folder / "dulieu.sqlite", actor=Actor(username="kiemthu", role="admin"))
    session.today_override = TODAY
    try:
        build(session)
        path = reports.export(session, "2026-Q1", None, folder / "bao-cao.xlsx")
    finally:
        session.close()
    return openpyxl.load_workbook(path)


def _texts(ws):
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_one_sheet_per_report_in_order(workbook):
    shown = [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"]
    assert shown == [labels.load(code)["sheet"] for code in ALL_CODES]
    assert workbook.worksheets[-1].sheet_state == "hidden"  # the figures for a province's roll-up


@pytest.mark.parametrize("code", ["1-BTCTW", "2-BTCTW", "3-BTCTW", "7-BTCTW"])
def test_every_label_row_is_printed_in_order(workbook, code):
    spec = labels.load(code)
    ws = workbook[spec["sheet"]]
    column_a = [c.value for c in ws["A"] if isinstance(c.value, str)]
    printed = [label for label in column_a if label in {r["label"] for r in spec["rows"]}]
    assert printed == [r["label"] for r in spec["rows"]]


def test_2b_lists_every_ethnicity_and_religion(workbook):
    spec = labels.load("2B-BTCTW")
    texts = set(_texts(workbook[spec["sheet"]]))
    assert {e["label"] for e in spec["ethnicities"]} <= texts
    assert {r["label"] for r in spec["religions"]} <= texts


def test_header_block_and_signatures(workbook):
    ws = workbook["1-BTCTW"]
    texts = _texts(ws)
    for expected in (
        "ĐẢNG BỘ TỈNH TUYÊN QUANG",
        "ĐẢNG ỦY XÃ PHÚ LƯƠNG",
        "THỐNG KÊ",
        "TĂNG, GIẢM ĐẢNG VIÊN",
        "QUÝ I NĂM 2026",
        "Biểu số 1-BTCTW",
        "(Đvt: Người)",
        "NGƯỜI LẬP BIỂU",
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Lý Thị Mai",
        "Hoàng Văn Thắng",
        "Điện thoại: 0912345678",
        "Phú Lương, ngày 20 tháng 11 năm 2026",
    ):
        assert expected in texts, expected
    e7 = _texts(workbook["Quý - chi bộ"])
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in e7
    assert "BIỂU TỔNG HỢP KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN QUÝ I NĂM 2026" in e7
    assert "(Số liệu tính từ ngày 01/01/2026 đến ngày 31/03/2026)" in e7


def _merged_text(ws, text):
    for merged in ws.merged_cells.ranges:
        if ws.cell(merged.min_row, merged.min_col).value == text:
            return merged
    return None


def test_two_level_headers_are_merged(workbook):
    ws = workbook["1-BTCTW"]
    done = _merged_text(ws, "Thực hiện")
    assert (done.min_col, done.max_col, done.min_row, done.max_row) == (2, 3, done.min_row, done.min_row)
    criteria = _merged_text(ws, "Tiêu chí")
    assert criteria.max_row - criteria.min_row == 1
    numbers_row = criteria.max_row + 1
    assert [ws.cell(numbers_row, c).value for c in range(1, 5)] == ["1", "2", "3", "4(=2*100/3)"]
    e7 = workbook["Quý - chi bộ"]
    assert _merged_text(e7, "Kết nạp").max_col - _merged_text(e7, "Kết nạp").min_col == 1
    tail = _merged_text(e7, "Trong đó (lũy kế từ 01/01/2026)")
    assert tail.max_col - tail.min_col == 6
    e9 = workbook["DS kết nạp"]
    births = _merged_text(e9, "Ngày, tháng, năm sinh")
    assert [e9.cell(births.min_row + 1, c).value for c in (births.min_col, births.max_col)] == ["Nam", "Nữ"]


def test_indicator_rows_are_as_tall_as_their_wrapped_labels(workbook):
    """The indicators under E8 sit in merged cells, which neither Excel nor Calc fits to their
    text: each row whose label is wider than its cells carries the height of its lines."""
    ws = workbook["Báo cáo nhanh"]  # E8
    title = next(c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("CÁC CHỈ SỐ"))
    merged = {m.min_row: m for m in ws.merged_cells.ranges if m.min_row > title and m.min_col == 1}
    checked = 0
    for row, cells in merged.items():
        label = ws.cell(row, 1).value
        width = sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(1, cells.max_col + 1))
        if isinstance(label, str) and len(label) > width * 1.2:  # more than one line of it in those cells
            assert (ws.row_dimensions[row].height or 0) >= 2 * 15, label
            checked += 1
    assert checked >= 2  # the course and the Youth Union lines, at least


def test_fonts_and_styles(workbook):
    ws = workbook["2-BTCTW"]
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}
    by_label = {c.value: c for c in ws["A"] if isinstance(c.value, str)}
    assert by_label["I. Tổng số đảng viên mới kết nạp"].font.b
    assert by_label["- Nữ"].font.i and not by_label["- Nữ"].font.b
    assert by_label["1. Nghề nghiệp"].font.b and by_label["1. Nghề nghiệp"].font.i


def test_print_settings(workbook):
    for ws in (ws for ws in workbook.worksheets if ws.sheet_state == "visible"):
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1
        assert ws.print_title_rows and ws.freeze_panes
        assert "&P" in ws.oddFooter.center.text
        assert ws.page_margins.left > 0.7
        assert ws.page_setup.orientation == "landscape"  # the province's forms are landscape
        # At most the pages foreseen, or fitted to the width with a break that keeps the signatures
        # with the last rows (how they print: tests/core/test_reports_print_layout.py).
        assert ws.page_setup.fitToHeight >= 1 or (ws.page_setup.fitToHeight == 0 and ws.row_breaks.brk)
    assert workbook["2B-BTCTW"].page_setup.fitToHeight == 1


def test_figures_in_cells_are_numbers_and_blank_percent(workbook):
    ws = workbook["1-BTCTW"]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows() if isinstance(r[0].value, str)}
    assert rows["1. Kết nạp"][1:] == [2, 1, 200]
    assert rows["2. Chuyển đến"][1:] == [1, 0, None]


def test_only_chosen_forms(session, tmp_path):
    build(session)
    path = reports.export(session, "2026-03", ["E8", "e9"], tmp_path / "thang.xlsx")
    assert openpyxl.load_workbook(path).sheetnames == ["Báo cáo nhanh", "DS kết nạp", DATA_SHEET]


def test_cli_report(session, db_path, tmp_path, capsys):
    build(session)
    session.close()
    out = tmp_path / "quy1.xlsx"
    code = run(["report", "--db", str(db_path), "--period", "2026-Q1", "--forms", "E7", "1-BTCTW", "-o", str(out)])
    assert code == 0 and out.exists()
    assert openpyxl.load_workbook(out).sheetnames == ["Quý - chi bộ", "1-BTCTW", DATA_SHEET]
    assert run(["report", "--db", str(db_path), "--period", "2026-Q7", "-o", str(out), "--force"]) == 1
    assert "Không hiểu kỳ báo cáo" in capsys.readouterr().err
    assert run(["report", "--db", str(db_path), "--period", "2026", "--forms", "X9", "-o", str(out), "--force"]) == 1
    assert run(["report", "--db", str(db_path), "--period", "2026", "-o", str(out)]) == 2  # exists: needs --force
    assert run(["report", "--db", str(tmp_path / "khong-co.sqlite"), "--period", "2026", "-o", str(out)]) == 2
    assert run(["report", "--db", str(db_path), "--period", "2026", "-o", str(tmp_path / "no" / "x.xlsx")]) == 2


def test_benchmark_rows(session):
    from commune_app.bench import reports as bench

    build(session)
    rows = bench.measure(session)
    assert [label.split(":")[0] for label, _ in rows] == ["Báo cáo", "Báo cáo"]
    assert "quý III năm 2026" in rows[0][0] and all(seconds >= 0 for _, seconds in rows)


def test_a_period_with_nobody_admitted_still_exports(session, tmp_path):
    build(session)
    path = reports.export(session, "2026-10", None, tmp_path / "thang10.xlsx")
    ws = openpyxl.load_workbook(path)["DS kết nạp"]
    assert "Tổng số: 0 đồng chí (nữ: 0; dân tộc thiểu số: 0; đoàn viên: 0)." in _texts(ws)
