"""A new, empty file opens on what to do first (issue 18 item 6): three buttons on Tổng quan that
open "Thêm chi bộ", the import page's file choice and "Tạo tài khoản"; the guide ticks what is
done and goes once the file has cells and people."""

from __future__ import annotations

import pytest

from commune_app.ops import agenda
from tests.factories import make_cell, make_person
from tests.gui.shell_fixtures import dialogs, main_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui


def _overview(main_window):
    return main_window.page_widget("overview")


def test_an_empty_file_shows_the_three_first_steps(main_window):
    page = _overview(main_window)
    box = page.first_steps
    assert box.isVisible()
    assert [b.text() for b in box.buttons.values()] == [
        "1. Khai báo các chi bộ",
        "2. Nhập danh sách đảng viên, người vào Đảng",
        "3. Tạo tài khoản cho cán bộ",
    ]
    assert all(label.text() == "Chưa làm" for label in box.states.values())


def test_each_button_starts_what_it_says(main_window, monkeypatch):
    from ui.accounts import users_page as p_users
    from ui.cells import page as p_cells
    from ui.importing import page as p_import

    started: list[str] = []
    monkeypatch.setattr(p_cells.CellDialog, "exec", lambda self: started.append("cell dialog") or 0)
    monkeypatch.setattr(
        p_import.QFileDialog, "getOpenFileName", lambda *a, **k: (started.append("sheet choice"), ("", ""))[1]
    )
    monkeypatch.setattr(p_users.UserDialog, "exec", lambda self: started.append("account dialog") or 0)
    box = _overview(main_window).first_steps
    for key, page in (("cells", "Chi bộ"), ("people", "Nhập danh sách"), ("accounts", "Người dùng")):
        box.buttons[key].click()
        assert main_window.nav.currentItem().text() == page
    assert started == ["cell dialog", "sheet choice", "account dialog"]


def test_the_guide_ticks_what_is_done_and_goes_when_the_file_works(main_window, session, qtbot):
    page = _overview(main_window)
    cell_id = make_cell(session, "Chi bộ thôn Nà Lầu")
    page.refresh()
    assert page.first_steps.states["cells"].text() == "✓ Đã khai báo 1 chi bộ"
    assert page.first_steps.states["people"].text() == "Chưa làm"
    make_person(session, "Hoàng Văn Thụ", cell_id=cell_id)
    page.refresh()
    assert not page.first_steps.isVisible()
    assert agenda.first_steps(session) == []


def test_a_read_only_session_gets_no_guide(main_window, monkeypatch):
    page = _overview(main_window)
    monkeypatch.setattr(type(main_window.ctx.session), "writable", property(lambda self: False))
    page.refresh()
    assert not page.first_steps.isVisible()
