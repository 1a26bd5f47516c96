"""The cells page: counts per cell, editing a cell, setting a year's target."""

from __future__ import annotations

import pytest

from commune_app.ops import cells as cell_ops
from tests.factories import make_cell, make_person
from tests.gui.shell_fixtures import ctx, dialogs, main_window  # noqa: F401 - fixtures
from ui.cells.dialogs import CellDialog, TargetDialog

pytestmark = pytest.mark.gui


def _row_texts(page, name: str) -> list[str]:
    for r in range(page.table.rowCount()):
        if page.table.item(r, 0).text() == name:
            return [page.table.item(r, c).text() for c in range(page.table.columnCount())]
    raise AssertionError(name)


def test_cells_page_shows_counts_and_a_target_edit_saves(qtbot, session, main_window, monkeypatch):
    nalau = make_cell(session, "Chi bộ thôn Nà Lầu")
    make_cell(session, "Chi bộ Trường THCS")
    member = make_person(session, "Hoàng Văn Thụ", cell_id=nalau)
    admitted = make_person(session, "Lò Thị Mai", cell_id=nalau)
    make_person(session, "Nguyễn Văn An", cell_id=nalau)
    session.store.conn.execute(
        "UPDATE people SET status = 'official', admitted_on = '2001-02-03' WHERE id = ?", [member]
    )
    session.store.conn.execute(
        "UPDATE people SET status = 'probationary', admitted_on = '2026-05-19' WHERE id = ?", [admitted]
    )
    page = main_window.page_widget("cells")
    page.reload()
    texts = _row_texts(page, "Chi bộ thôn Nà Lầu")
    assert texts[1:9] == ["Thôn, bản", "", "1", "1", "1", "", "1", ""]
    assert "2 chi bộ" in page.totals.text()

    page.select_cell(nalau)

    def set_four(dialog):
        dialog.admission.setValue(4)
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(TargetDialog, "exec", set_four)
    page.edit_target()
    texts = _row_texts(page, "Chi bộ thôn Nà Lầu")
    assert (texts[6], texts[7], texts[8]) == ("4", "1", "25,00%")
    assert cell_ops.cell_overview(session, 2026)[0].target == 4
    assert "đã kết nạp 1/4 chỉ tiêu" in page.totals.text()


def test_add_and_edit_a_cell_with_refusal_shown_in_the_dialog(qtbot, session, main_window, monkeypatch):
    make_cell(session, "Chi bộ thôn Nà Lầu")
    page = main_window.page_widget("cells")
    errors_seen: list[str] = []

    def fill_new(dialog):
        dialog.name.setText("chi bo thon na lau")
        dialog.submit()
        errors_seen.append(dialog.error.text())
        dialog.name.setText("Chi bộ Công an xã")
        dialog.kind.set_value("police")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(CellDialog, "exec", fill_new)
    page.add_cell()
    assert errors_seen == ["Đã có chi bộ tên “Chi bộ thôn Nà Lầu”"]
    assert _row_texts(page, "Chi bộ Công an xã")[1] == "Công an"
    assert page.selected_cell().name == "Chi bộ Công an xã"

    def deactivate(dialog):
        dialog.active.setChecked(False)
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(CellDialog, "exec", deactivate)
    page.edit_cell()
    assert _row_texts(page, "Chi bộ Công an xã (ngừng hoạt động)")


def test_year_changes_the_target_shown(qtbot, session, main_window):
    cell = make_cell(session, "Chi bộ thôn Nà Lầu")
    cell_ops.set_target(session, cell, 2025, 2)
    page = main_window.page_widget("cells")
    page.reload()
    assert _row_texts(page, "Chi bộ thôn Nà Lầu")[6] == ""
    page.year.setValue(2025)
    assert _row_texts(page, "Chi bộ thôn Nà Lầu")[6] == "2"
