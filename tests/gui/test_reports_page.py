"""Báo cáo page: choose a period, see the figures, export through the task runner, remember."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from commune_app.rollup.data_sheet import SHEET as DATA_SHEET
from tests.core.reports_sample import build
from tests.factories import make_person
from tests.gui.road_data import ui_context
from ui.reports import page as p_reports
from ui.reports.page import ReportsPage

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(session):
    build(session)
    return ui_context(session)


def _page(qtbot, ctx) -> ReportsPage:
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def _choose_q1_2026(page: ReportsPage) -> None:
    page.kind.setCurrentIndex(page.kind.findData("quarter"))
    page.year.setValue(2026)
    page.number.setCurrentIndex(page.number.findData(1))


def _summary(page: ReportsPage) -> dict[str, dict[str, str]]:
    out = {}
    for i in range(page.summary.topLevelItemCount()):
        top = page.summary.topLevelItem(i)
        out[top.text(0)] = {top.child(j).text(0): top.child(j).text(1) for j in range(top.childCount())}
    return out


def test_figures_are_shown_before_export(qtbot, ctx):
    page = _page(qtbot, ctx)
    _choose_q1_2026(page)
    page.show_button.click()
    assert "quý I năm 2026" in page.heading.text()
    e7 = _summary(page)["Biểu tổng hợp kết quả phát triển đảng viên theo chi bộ (quý)"]
    assert e7["Kết nạp trong kỳ"] == "2" and e7["% so chỉ tiêu"] == "33,33"
    assert page.by_cell.rowCount() == 3  # two cells and the total
    assert page.by_cell.item(2, 1).text() == "Tổng cộng"
    assert page.by_cell.horizontalHeaderItem(4).text() == "Kết nạp: Trong kỳ"
    assert page.problems.text() == ""
    assert not page.open_file_button.isEnabled()
    make_person(ctx.session, "Lò Thị Hoa")  # a change anywhere: the figures on screen are no longer current
    assert "bấm “Xem số liệu” để tính lại" in page.heading.text()


def test_export_writes_the_chosen_forms_and_offers_to_open(qtbot, ctx, tmp_path, monkeypatch):
    page = _page(qtbot, ctx)
    _choose_q1_2026(page)
    page._check_all(Qt.CheckState.Unchecked)
    for i in range(page.forms.count()):
        if page.forms.item(i).data(Qt.ItemDataRole.UserRole) in ("E7", "1-BTCTW"):
            page.forms.item(i).setCheckState(Qt.CheckState.Checked)
    target = tmp_path / "quy1"
    monkeypatch.setattr(p_reports.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    opened = []
    monkeypatch.setattr(p_reports.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    page.export_button.click()
    written = tmp_path / "quy1.xlsx"
    assert openpyxl.load_workbook(written).sheetnames == ["Quý - chi bộ", "1-BTCTW", DATA_SHEET]
    assert page.open_file_button.isEnabled() and str(written) in page.file_label.text()
    page.open_file_button.click()
    page.open_folder_button.click()
    assert opened == [str(written), str(tmp_path)]
    saved = ctx.settings.get(p_reports.SETTINGS_KEY)
    assert saved["forms"] == ["E7", "1-BTCTW"] and saved["folder"] == str(tmp_path)

    again = _page(qtbot, ctx)  # the next visit starts from the last choices
    assert again.kind.currentData() == "quarter" and again.year.value() == 2026
    assert again.chosen_forms() == ["E7", "1-BTCTW"]


def test_range_period_with_a_bad_date_is_refused(qtbot, ctx, monkeypatch):
    page = _page(qtbot, ctx)
    warned = []
    monkeypatch.setattr(p_reports.vn_buttons, "warn", lambda _p, title, text, **_k: warned.append(text))
    page.kind.setCurrentIndex(page.kind.findData("range"))
    assert page.date_from.isEnabled() and not page.number.isEnabled()
    page.date_from.setText("31/02/2026")
    page.date_to.setText("31/03/2026")
    page.show_button.click()
    assert warned and "Từ ngày" in warned[0]
    page.date_from.setText("01/01/2026")
    page.show_button.click()
    assert "từ ngày 01/01/2026 đến ngày 31/03/2026" in page.heading.text()


def test_inconsistent_data_is_shown_and_export_refused(qtbot, ctx, session, tmp_path, monkeypatch):
    from tests.core.reports_sample import add

    mover = session.store.scalar("SELECT id FROM people WHERE full_name = 'Phạm Văn Chuyển'")
    add(session, mover, "transfer_out", "2026-03-25", transfer_kind="official")
    page = _page(qtbot, ctx)
    _choose_q1_2026(page)
    page.show_button.click()
    assert "D = A + B - C" in page.problems.text()
    warned = []
    monkeypatch.setattr(p_reports.vn_buttons, "warn", lambda _p, title, text, **_k: warned.append(text))
    monkeypatch.setattr(p_reports.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "x.xlsx"), ""))
    page.export_button.click()
    assert warned and "Phạm Văn Chuyển" in warned[0]
    assert not Path(tmp_path / "x.xlsx").exists()


def test_export_runs_through_the_task_runner(qtbot, ctx, tmp_path, monkeypatch):
    from ui.shell.tasks import TaskRunner

    ctx.tasks = TaskRunner(None)
    page = _page(qtbot, ctx)
    _choose_q1_2026(page)
    monkeypatch.setattr(p_reports.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "q.xlsx"), ""))
    page.export_button.click()
    qtbot.waitUntil(lambda: not ctx.tasks.busy and page.last_file is not None, timeout=30000)
    assert page.last_file == tmp_path / "q.xlsx" and page.last_file.exists()


def test_report_titles_are_not_cut_in_the_figures(qtbot, ctx):
    page = _page(qtbot, ctx)
    page.resize(1000, 700)
    _choose_q1_2026(page)
    page.show_button.click()
    tree = page.summary
    top = tree.topLevelItem(0)
    needed = tree.fontMetrics().horizontalAdvance(top.text(0))
    assert tree.visualItemRect(top).width() >= needed + tree.indentation()
    figures = tree.header().sectionSize(1)
    assert figures < tree.header().sectionSize(0)


def test_form_titles_wrap_in_the_list_instead_of_scrolling(qtbot, ctx):
    """At 1366 wide the list of forms is about 400 px: its longest titles wrap onto a second line."""
    page = _page(qtbot, ctx)
    page.resize(1170, 700)  # the page beside the navigation on a 1366 × 768 screen
    qtbot.waitUntil(lambda: page.forms.viewport().width() > 0)
    forms = page.forms
    assert forms.horizontalScrollBar().maximum() == 0
    widest = max(range(forms.count()), key=lambda i: forms.fontMetrics().horizontalAdvance(forms.item(i).text()))
    assert forms.fontMetrics().horizontalAdvance(forms.item(widest).text()) > forms.viewport().width()
    assert forms.visualItemRect(forms.item(widest)).height() > 1.5 * forms.fontMetrics().height()


def test_recognition_list_as_pdf_and_a_running_quarter(qtbot, ctx, tmp_path, monkeypatch):
    from pypdf import PdfReader

    page = _page(qtbot, ctx)
    page.kind.setCurrentIndex(page.kind.findData("quarter"))
    page.year.setValue(2026)
    page.number.setCurrentIndex(page.number.findData(4))  # today is 20/11/2026 in the tests
    page.show_button.click()
    assert "quý IV năm 2026 (đến ngày 20/11/2026)" in page.heading.text()
    page._check_all(Qt.CheckState.Unchecked)
    for i in range(page.forms.count()):
        if page.forms.item(i).data(Qt.ItemDataRole.UserRole) == "DS-CT":
            page.forms.item(i).setCheckState(Qt.CheckState.Checked)
    offered = []

    def save(*args, **_kwargs):
        offered.append(args[2])
        return str(tmp_path / "ds-ct"), p_reports.PDF_FILTER

    monkeypatch.setattr(p_reports.QFileDialog, "getSaveFileName", save)
    page.export_button.click()
    assert offered[0].endswith("bao-cao-2026-Q4-den-ngay-2026-11-20.xlsx")
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "ds-ct.pdf").pages)
    assert "DANH SÁCH ĐẢNG VIÊN DỰ BỊ ĐẾN HẠN XÉT CÔNG NHẬN CHÍNH THỨC" in text


def test_future_period_is_refused_on_screen(qtbot, ctx, monkeypatch):
    page = _page(qtbot, ctx)
    warned = []
    monkeypatch.setattr(p_reports.vn_buttons, "warn", lambda _w, title, text: warned.append(text))
    page.kind.setCurrentIndex(page.kind.findData("year"))
    page.year.setValue(2027)
    page.show_button.click()
    assert warned and "chưa bắt đầu" in warned[0]
