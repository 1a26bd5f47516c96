"""Tổng quan: the due list opens the right person, the chart shows admissions against targets,
the stage counts, and the page follows data changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from commune_app.store import cells as cell_store
from commune_app.store import road as road_store
from tests.factories import make_cell, make_person
from tests.gui.road_data import make_member, ui_context
from ui.overview.page import OverviewPage
from ui.widgets.target_chart import PADDING, ROW_HEIGHT, Bar, TargetChart

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(session):
    return ui_context(session)


def _row_of(page: OverviewPage, name: str) -> int:
    for row in range(page.due.rowCount()):
        if page.due.item(row, 2).text() == name:
            return row
    raise AssertionError(f"{name} not in Việc cần làm")


def _with_certificate(session, name: str, cell_id: int, on: str) -> int:
    person_id = make_person(session, name, cell_id=cell_id)
    with session.write() as audit:
        road_store.add_milestone(
            session.store, audit, person_id, {"kind": "course_certificate", "date": on, "details": {}}
        )
    return person_id


def test_a_due_item_opens_the_right_person(qtbot, ctx, session):
    cell_id = make_cell(session, "Chi bộ thôn Bản Mới")
    turning_18 = make_person(session, "Giàng Thị Pà", cell_id=cell_id, gender="F", birth_date="2009-01-15")
    expiring = _with_certificate(session, "Thào Văn Sử", cell_id, "2022-01-10")
    make_person(session, "Lý Văn Chản", cell_id=cell_id)  # nothing due

    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    names = [page.due.item(r, 2).text() for r in range(page.due.rowCount())]
    assert "Lý Văn Chản" not in names
    adult_row = _row_of(page, "Giàng Thị Pà")
    assert page.due.item(adult_row, 0).text() == "01/01/2027"
    assert "Đủ 18 tuổi" in page.due.item(adult_row, 4).text()
    assert page.due.item(adult_row, 1).text().startswith("Còn ")
    assert page.due.item(adult_row, 3).text() == "Chi bộ thôn Bản Mới"
    assert "Việc cần làm (" in page.due_box.title()

    cert_row = _row_of(page, "Thào Văn Sử")
    with qtbot.waitSignal(ctx.open_person_requested) as opened:
        rect = page.due.visualItemRect(page.due.item(cert_row, 2))
        # Qt's item views act on a double click only after the press that starts it
        QTest.mouseClick(page.due.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
        QTest.mouseDClick(page.due.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert opened.args == [expiring, "road"]

    page.due.setCurrentCell(adult_row, 0)
    with qtbot.waitSignal(ctx.open_person_requested) as opened:
        QTest.keyClick(page.due, Qt.Key.Key_Return)
    assert opened.args == [turning_18, "road"]


def test_chart_shows_admissions_against_targets_and_the_stage_counts(qtbot, ctx, session):
    first = make_cell(session, "Chi bộ thôn Nà Lầu")
    second = make_cell(session, "Chi bộ Trường Trung học cơ sở xã")
    with session.write() as audit:
        cell_store.set_target(session.store, audit, first, 2026, 4)
        cell_store.set_target(session.store, audit, second, 2026, 2)
    make_member(session, "Nông Văn Dự", first, official=False, admitted="2026-03-02")
    make_member(session, "Hoàng Văn Bình", first)  # admitted in 2015: not this year's
    make_person(session, "Lường Thị Mai", cell_id=second, gender="F")

    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    assert page.chart_box.title() == "Kết nạp đảng viên năm 2026 so với chỉ tiêu"
    total, *cells = page.chart.bars
    assert (total.label, total.target, total.admitted, total.is_total) == ("Tổng cộng", 6, 1, True)
    by_name = {bar.label: bar for bar in cells}
    assert by_name["Chi bộ thôn Nà Lầu"].figure() == "1/4 (25,00%)"
    assert by_name["Chi bộ Trường Trung học cơ sở xã"].figure() == "0/2 (0,00%)"
    assert "còn thiếu 3" in by_name["Chi bộ thôn Nà Lầu"].tooltip()
    row = page.chart.row_at(QPoint(20, 8 + ROW_HEIGHT + 3))
    assert page.chart.bars[row].label == cells[0].label

    counts = {page.stages.item(r, 0).text(): page.stages.item(r, 1).text() for r in range(page.stages.rowCount())}
    assert counts["Quần chúng ưu tú"] == "1"
    assert counts["Đang dự bị"] == "1"
    assert counts["Chi bộ đã đề nghị kết nạp"] == "0"  # empty stages are listed too
    assert counts["Tổng cộng"] == "2"


def test_fifty_cells_scroll_and_the_page_follows_changes(qtbot, ctx, session):
    for n in range(1, 51):
        make_cell(session, f"Chi bộ thôn số {n}")
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert len(page.chart.bars) == 51
    assert page.chart.minimumHeight() >= 51 * ROW_HEIGHT  # taller than the box: the scroll area scrolls
    before = page.due.rowCount()

    cell_id = session.store.scalar("SELECT id FROM cells ORDER BY id LIMIT 1")
    make_person(session, "Giàng Thị Pà", cell_id=cell_id, gender="F", birth_date="2009-01-15")
    qtbot.waitUntil(lambda: page.due.rowCount() == before + 1)


def test_a_stored_step_that_no_longer_fits_is_on_the_due_list(qtbot, ctx, session):
    cell_id = make_cell(session, "Chi bộ thôn Khuổi Pục")
    person_id = make_person(session, "Hoàng Thị Mai", cell_id=cell_id, gender="F")
    with session.write() as audit:  # as an older version stored the opinions
        road_store.add_milestone(
            session.store,
            audit,
            person_id,
            {"kind": "opinions_summary", "date": "2026-05-02", "details": {"residence_opinions": "Tốt"}},
        )
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    row = _row_of(page, "Hoàng Thị Mai")
    assert page.due.item(row, 0).text() == "02/05/2026"
    assert "Mục cũ “residence_opinions” không còn dùng" in page.due.item(row, 4).text()


def test_an_empty_file_shows_its_total_whole_and_says_why_there_is_no_share(qtbot, ctx):
    """On an empty file the chart drew "Tổng cộ…" and the first indicator "0, bằng " (issue 18 item 3)."""
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.resize(1150, 700)
    page.show()
    qtbot.waitExposed(page)
    assert [page.chart.shown_name(bar) for bar in page.chart.bars] == ["Tổng cộng"]
    first = [page.indicators.item(0, c).text() for c in range(2)]
    assert first == ["Kết nạp năm 2026 so với đảng viên đầu năm (0)", "0 (chưa có đảng viên đầu năm)"]


def test_a_figure_is_never_cut_off_at_the_right_edge(qtbot):
    """At 1366×768 the longest bar left 120 px for its figure: "2 (chưa giao chỉ tiêu" lost its end."""
    chart = TargetChart()
    qtbot.addWidget(chart)
    bars = [
        Bar("Tổng cộng", 1, 4, is_total=True),
        Bar("Chi bộ thôn Khuổi Phầy", 1, 2),
        Bar("Chi bộ thôn Bản Chắt", 0, 2),  # no target, and the longest bar
    ]
    chart.set_bars(bars)
    chart.resize(430, chart.sizeHint().height())
    assert all(chart.figure_right(bar) <= chart.width() - PADDING for bar in bars)
    image = chart.grab().toImage()
    base = chart.palette().base().color().rgb()
    edge = {
        image.pixel(x, y) for x in range(image.width() - PADDING // 2, image.width()) for y in range(image.height())
    }
    assert edge == {base}  # nothing drawn in the last pixels: no text runs into the edge
