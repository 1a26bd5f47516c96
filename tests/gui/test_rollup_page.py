"""The window's "Tổng hợp nhiều đảng ủy" page: choose communes' workbooks, add them up, see refusals."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from commune_app.ops import reports
from commune_app.ops.context import Actor, open_session
from commune_app.store import profile
from tests.conftest import TODAY
from tests.core.reports_sample import build
from tests.gui.road_data import ui_context
from ui.reports import rollup_page as p_rollup
from ui.reports.rollup_page import RollupPage

pytestmark = pytest.mark.gui


def _workbook(folder, name: str):
    session = open_session(folder / f"{name}.sqlite", actor=Actor(username="kiemthu", role="admin"))
    session.today_override = TODAY
    build(session)
    with session.write() as audit:
        profile.save_profile(session.store, audit, {"commune": name, "committee_name": f"Đảng ủy xã {name}"})
    path = reports.export(session, "2026-Q1", ["E7", "1-BTCTW"], folder / f"{name}.xlsx")
    session.close()
    return path


def test_add_up_two_communes_and_refuse_a_duplicate(qtbot, session, tmp_path, monkeypatch):
    first, second = _workbook(tmp_path, "Phú Lương"), _workbook(tmp_path, "Yên Lạc")
    page = RollupPage(ui_context(session))
    qtbot.addWidget(page)
    monkeypatch.setattr(p_rollup.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(first), str(second)], ""))
    monkeypatch.setattr(p_rollup.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "tinh"), ""))
    page.add_button.click()
    page.add_button.click()  # the same files again are not listed twice
    assert page.chosen() == [str(first), str(second)]
    page.run_button.click()
    assert page.result.toPlainText().startswith("Đã tổng hợp 2 đảng ủy, báo cáo quý I năm 2026, 2 biểu:")
    assert "Đảng ủy xã Yên Lạc: số liệu chốt ngày 20/11/2026" in page.result.toPlainText()
    assert openpyxl.load_workbook(tmp_path / "tinh.xlsx").sheetnames == ["Các đảng ủy", "E7", "1-BTCTW"]

    copy = shutil.copy(second, tmp_path / "ban sao.xlsx")
    monkeypatch.setattr(p_rollup.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(copy)], ""))
    page.add_button.click()
    page.run_button.click()
    assert "ban sao.xlsx: cùng một đảng ủy với Yên Lạc.xlsx" in page.result.toPlainText()
