"""The window's "Gói dữ liệu chi bộ" page: make a cell's package, preview and merge what comes back."""

from __future__ import annotations

import pytest

from commune_app.ops import packages
from commune_app.ops import people as people_ops
from commune_app.ops.context import SYSTEM, open_session
from tests.conftest import TODAY
from tests.gui.road_data import make_cell_with_members, ui_context
from ui.exchange import packages_page as p_packages
from ui.exchange.packages_page import PackagesPage

pytestmark = pytest.mark.gui
PASSWORD = "mật khẩu gói"


def test_make_then_merge_a_cells_package(qtbot, session, tmp_path, monkeypatch):
    _, members = make_cell_with_members(session)
    page = PackagesPage(ui_context(session))
    qtbot.addWidget(page)
    assert page.identity.text().startswith("Tệp của đảng ủy")
    assert page.cell.currentData() == "Chi bộ thôn Nà Lầu"
    sent = tmp_path / "na-lau.ptdv"
    monkeypatch.setattr(p_packages.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "na-lau"), ""))
    monkeypatch.setattr(p_packages.QInputDialog, "getText", lambda *a, **k: (PASSWORD, True))
    monkeypatch.setattr(p_packages.vn_buttons, "inform", lambda *a, **k: None)
    page.export_button.click()
    assert sent.exists()

    packages.open_package_file(sent, tmp_path / "chibo.sqlite", PASSWORD)
    cell = open_session(tmp_path / "chibo.sqlite", actor=SYSTEM)
    cell.today_override = TODAY
    cell_page = PackagesPage(ui_context(cell))
    qtbot.addWidget(cell_page)
    assert cell_page.identity.text().startswith("Tệp này là gói dữ liệu của Chi bộ thôn Nà Lầu")
    assert cell_page.export_button.text() == "Lập gói gửi về đảng ủy..."
    people_ops.update_person(cell, members[1], {"phone": "0912000111"})
    monkeypatch.setattr(p_packages.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "ve.ptdv"), ""))
    cell_page.export_button.click()
    cell.close()

    monkeypatch.setattr(p_packages.QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "ve.ptdv"), ""))
    page.preview_button.click()
    text = page.preview_text.toPlainText()
    assert "1 có thay đổi" in text and "Lò Thị Hoa" in text and "“0912000111”" in text
    assert page.merge_button.isEnabled()
    page.merge_button.click()
    assert session.store.scalar("SELECT phone FROM people WHERE id = ?", [members[1]]) == "0912000111"
    assert "Đã gộp: 0 người thêm mới, 1 người được cập nhật" in page.preview_text.toPlainText()
    assert not page.merge_button.isEnabled()
