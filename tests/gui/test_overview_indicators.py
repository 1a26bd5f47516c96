"""Tổng quan's indicators and the monthly chart, on the scenario commune (today 20/11/2026)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint

from tests.core import reports_scenario
from tests.gui.road_data import ui_context
from ui.overview.page import OverviewPage

pytestmark = pytest.mark.gui


def test_indicators_chart_and_forecast(qtbot, session):
    ids = reports_scenario.build(session)
    page = OverviewPage(ui_context(session))
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    assert page.indicators_box.title() == "Các chỉ số năm 2026 (đến ngày 20/11/2026)"
    lines = {
        page.indicators.item(r, 0).text(): page.indicators.item(r, 1).text() for r in range(page.indicators.rowCount())
    }
    assert lines["Đoàn viên ưu tú Đoàn cơ sở giới thiệu năm 2026: đã kết nạp"] == "2/3 (66,67%)"
    assert "chỉ tiêu cả nhiệm kỳ" in lines["Kết nạp nhiệm kỳ 2025-2030"]
    # The chart: this year's months up to November, last year's twelve, the target line.
    chart = page.monthly
    assert len(chart.this_year) == 11 and len(chart.last_year) == 12
    admitted = session.store.scalar(
        "SELECT count(*) FROM milestones WHERE kind = 'admission_decision'"
        " AND date BETWEEN '2026-01-01' AND '2026-11-20'"
    )
    assert chart.this_year[-1] == admitted == len(ids["new"]) + 1  # the quarter's and the struck-off probationer
    assert chart.target == 9 * 6
    month = chart.month_at(QPoint(chart.width() - 20, 50))
    assert month == 11 and "chỉ tiêu năm 54" in chart.tooltip(month)
    assert chart.grab().width() > 0  # paints without error
    # Forecast (second half), in its own tab: the village cell has one proposed by the cell.
    tabs = page.indicator_tabs
    assert tabs.isTabVisible(1) and tabs.tabText(1) == "Dự kiến đến 31/12/2026"
    tabs.setCurrentIndex(1)
    assert page.forecast.isVisible()
    rows = {
        page.forecast.item(r, 0).text(): [page.forecast.item(r, c).text() for c in range(1, 7)]
        for r in range(page.forecast.rowCount())
    }
    assert rows["Chi bộ thôn Nà Lầu"][2] == "1"


def test_at_1366x768_the_indicators_show_several_rows(qtbot, session):
    """The indicators and the forecast, one above the other, showed a row and a half each at 1366×768."""
    reports_scenario.build(session)
    page = OverviewPage(ui_context(session))
    qtbot.addWidget(page)
    page.resize(1150, 700)  # the page's share of a 1366×768 window, beside the page list
    page.show()
    qtbot.waitExposed(page)
    rows_shown = page.indicators.viewport().height() // page.indicators.rowHeight(0)
    assert page.indicators.rowCount() >= 4 and rows_shown >= 4


def test_in_the_first_half_of_the_year_there_is_no_forecast_tab(qtbot, session):
    session.today_override = dt.date(2026, 5, 20)
    page = OverviewPage(ui_context(session))
    qtbot.addWidget(page)
    assert not page.indicator_tabs.isTabVisible(1)
