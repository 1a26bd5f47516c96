"""The window's "CSDL đảng viên" page: export the standardisation sheet, compare it, nothing written."""

from __future__ import annotations

import pytest

from tests.gui.road_data import make_cell_with_members, ui_context
from ui.exchange import csdl_page as p_csdl
from ui.exchange.csdl_page import CsdlPage

pytestmark = pytest.mark.gui


def test_export_then_compare_shows_no_difference(qtbot, session, tmp_path, monkeypatch):
    make_cell_with_members(session)
    page = CsdlPage(ui_context(session))
    qtbot.addWidget(page)
    monkeypatch.setattr(p_csdl.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "chuan-hoa"), ""))
    page.export_button.click()
    assert page.result.toPlainText().startswith("Đã xuất biểu chuẩn hóa của 4 đảng viên")
    before = session.store.scalar("SELECT count(*) FROM audit")
    monkeypatch.setattr(p_csdl.QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "chuan-hoa.xlsx"), ""))
    page.compare_button.click()
    assert page.result.toPlainText().startswith("Giống nhau: 4 người; khác nhau: 0; chỉ có trong bảng: 0;")
    assert session.store.scalar("SELECT count(*) FROM audit") == before
