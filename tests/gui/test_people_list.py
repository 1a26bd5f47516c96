"""The people lists: search as you type, filters, counts, SQL sort, lazy model, export, delete/restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from commune_app.ops import people as people_ops
from tests.factories import make_cell, make_person
from tests.gui.qt_typing import type_text
from tests.gui.shell_fixtures import ctx, dialogs, main_window  # noqa: F401 - fixtures
from ui.people import people_list
from ui.people.people_model import BATCH, PeopleModel
from ui.person import removal
from ui.person.trash import TrashDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def people(session):
    nalau = make_cell(session, "Chi bộ thôn Nà Lầu")
    school = make_cell(session, "Chi bộ Trường THCS")
    ids = {
        "an": make_person(session, "Nguyễn Văn An", cell_id=nalau, cccd="001200012345", phone="0912345678"),
        "an2": make_person(session, "Trần Thị Ân", cell_id=school, gender="F", youth_union=1),
        "duc": make_person(session, "Đặng Văn Đức", cell_id=nalau, ethnicity="Tày", birth_date="1970-01-01"),
        "binh": make_person(session, "Lê Thị Bình", cell_id=school, gender="F", religion="Công giáo"),
    }
    return {"cells": (nalau, school), **ids}


def _page(main_window, key="candidates"):
    return main_window.page_widget(key)


def _names(page) -> list[str]:
    return [page.model.row_data(r)["full_name"] for r in range(page.model.rowCount())]


def _search(qtbot, page, text: str, expected: int) -> None:
    page.search.clear()
    type_text(page.search, text)
    qtbot.waitUntil(lambda: page.model.rowCount() == expected and not page._debounce.isActive(), timeout=3000)


def test_search_ignores_diacritics_order_and_finds_cccd_and_phone(qtbot, people, main_window):
    page = _page(main_window)
    assert _names(page) == ["Nguyễn Văn An", "Trần Thị Ân", "Lê Thị Bình", "Đặng Văn Đức"]
    assert page.count_label.text() == "Có 4 người"
    _search(qtbot, page, "duc dang", 1)
    assert _names(page) == ["Đặng Văn Đức"]
    _search(qtbot, page, "Ân", 2)  # folding: Ân also matches An
    _search(qtbot, page, "0012000", 1)
    assert _names(page) == ["Nguyễn Văn An"]
    _search(qtbot, page, "0912345678", 1)
    assert page.count_label.text() == "Có 1 người"


def test_filters_by_status_cell_and_statistical_flags(qtbot, people, main_window):
    page = _page(main_window)
    page.cell_combo.set_value(str(people["cells"][1]))
    assert _names(page) == ["Trần Thị Ân", "Lê Thị Bình"]
    page.cell_combo.set_value("")
    page._flags["female"].setChecked(True)
    assert _names(page) == ["Trần Thị Ân", "Lê Thị Bình"]
    page._flags["religious"].setChecked(True)
    assert _names(page) == ["Lê Thị Bình"]
    assert "Nữ" in page.flags_button.text()
    page._flags["female"].setChecked(False)
    page._flags["religious"].setChecked(False)
    page._flags["ethnic_minority"].setChecked(True)
    assert _names(page) == ["Đặng Văn Đức"]
    page._flags["ethnic_minority"].setChecked(False)
    page._flags["youth_age"].setChecked(True)
    assert "Đặng Văn Đức" not in _names(page)
    page._flags["youth_age"].setChecked(False)
    page.status_combo.setCurrentIndex(2)  # Người xin vào Đảng: nobody has applied yet
    assert _names(page) == []
    assert page.count_label.text() == "Có 0 người"


def test_header_click_sorts_in_sql_in_vietnamese_order(qtbot, people, main_window):
    page = _page(main_window)
    header = page.table.horizontalHeader()
    name_column = [c.key for c in page.model.columns].index("given_name")
    header.sectionClicked.emit(name_column)  # the indicator was ascending: Qt flips it on click
    header.setSortIndicator(name_column, Qt.SortOrder.DescendingOrder)
    header.sectionClicked.emit(name_column)
    assert _names(page) == ["Đặng Văn Đức", "Lê Thị Bình", "Trần Thị Ân", "Nguyễn Văn An"]
    birth_column = [c.key for c in page.model.columns].index("birth_date")
    header.setSortIndicator(birth_column, Qt.SortOrder.AscendingOrder)
    header.sectionClicked.emit(birth_column)
    assert _names(page)[0] == "Đặng Văn Đức"


def test_members_page_shows_only_members_with_party_age(qtbot, people, main_window, session):
    page = _page(main_window, "members")
    assert _names(page) == []
    with session.write() as audit:  # as a write of the store would be, with its audit row
        session.store.conn.execute(
            "UPDATE people SET status = 'official', admitted_on = '2020-05-19',"
            " party_card_new = '123456789012' WHERE id = ?",
            [people["duc"]],
        )
        audit.record("update", "person", people["duc"], person_id=people["duc"])
    qtbot.waitUntil(lambda: _names(page) == ["Đặng Văn Đức"], timeout=3000)
    columns = [c.key for c in page.model.columns]
    row = page.model.index(0, columns.index("party_age"))
    assert page.model.data(row) == "6 năm 6 tháng"
    assert page.model.data(page.model.index(0, columns.index("party_card_new"))) == "123456789012"
    page.status_combo.setCurrentIndex(5)  # Đã từ trần
    assert _names(page) == []


def test_model_holds_ids_and_fetches_only_the_rows_asked():
    fetched: list[list[int]] = []

    def fetch(ids):
        fetched.append(ids)
        return {i: {"id": i, "full_name": f"Người {i}"} for i in ids}

    import datetime as dt

    from commune_app.ops.list_columns import COLUMNS

    model = PeopleModel([COLUMNS["full_name"]], fetch, lambda: dt.date(2026, 11, 20))
    model.set_ids(list(range(1, 150_001)))
    assert model.rowCount() == 150_000 and fetched == []
    assert model.data(model.index(120_005, 0)) == "Người 120006"
    assert model.data(model.index(120_006, 0)) == "Người 120007"
    assert len(fetched) == 1 and len(fetched[0]) == BATCH


def test_export_current_view_through_the_task_runner(qtbot, people, main_window, tmp_path, monkeypatch):
    page = _page(main_window)
    _search(qtbot, page, "thi", 2)
    target = tmp_path / "danh-sach.xlsx"
    proposed: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda _p, _t, start, _f: (proposed.append(start), (str(target), ""))[1]),
    )
    with qtbot.waitSignal(main_window.tasks.message, timeout=10000) as done:
        page.export()
    assert "Đã xuất 2 người" in done.args[0]
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "DANH SÁCH NGƯỜI VÀO ĐẢNG"
    assert [sheet.cell(row=r, column=3).value for r in (4, 5)] == ["Ân", "Bình"]
    start = Path(proposed[0])
    assert start.parent.name == "Phát triển Đảng viên" and start.parent.parent.name == "Documents"
    assert start.name == "Danh sách người vào Đảng - 20-11-2026.xlsx"


def test_delete_asks_for_a_reason_and_restore_brings_back(qtbot, people, main_window, monkeypatch):
    page = _page(main_window)
    page.table.selectRow(0)
    assert page.selected_ids() == [people["an"]]
    monkeypatch.setattr(removal, "ask_reason", lambda *_args, **_kw: None)
    page.delete_selected()
    assert page.model.rowCount() == 4  # cancelled: nothing happened
    monkeypatch.setattr(removal, "ask_reason", lambda *_args, **_kw: "Nhập trùng")
    page.delete_selected()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=3000)
    assert "Nguyễn Văn An" not in _names(page)

    trash = TrashDialog(main_window.ctx, main_window)
    qtbot.addWidget(trash)
    assert trash.table.item(0, 0).text() == "Nguyễn Văn An"
    assert trash.table.item(0, 3).text() == "Nhập trùng"
    trash.table.selectRow(0)
    trash.restore_selected()
    assert trash.table.rowCount() == 0 and trash.empty.text() == "Thùng rác đang trống."
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=3000)
    assert people_ops.get_person(main_window.ctx.session, people["an"])["deleted_at"] is None


def test_move_several_people_at_once(qtbot, people, main_window, monkeypatch):
    from ui.person.move_dialog import MoveDialog

    page = _page(main_window)
    page.table.selectRow(0)
    page.table.selectionModel().select(
        page.model.index(3, 0),
        page.table.selectionModel().SelectionFlag.Select | page.table.selectionModel().SelectionFlag.Rows,
    )
    school = people["cells"][1]

    def fill_and_apply(dialog):
        dialog.cell.set_value(str(school))
        dialog.reason.setEditText("Sắp xếp lại chi bộ")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(MoveDialog, "exec", fill_and_apply)
    page.move_selected()
    session = main_window.ctx.session
    assert {people_ops.get_person(session, p)["cell_id"] for p in (people["an"], people["duc"])} == {school}


def test_keyboard_down_from_search_then_enter_opens_the_person(qtbot, people, main_window):
    from tests.gui.qt_typing import press

    page = _page(main_window)
    opened: list[int] = []
    main_window.ctx.open_person_requested.disconnect(main_window.open_person)
    main_window.ctx.open_person_requested.connect(lambda person_id, _tab: opened.append(person_id))
    press(page.search, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == 0
    press(page.table, Qt.Key.Key_Return)
    assert opened == [people["an"]]


def test_a_viewer_sees_the_list_but_cannot_change_it(qtbot, people, session, dialogs):
    from commune_app.ops.context import Actor
    from commune_app.settings import Settings
    from ui.people.candidates_page import CONFIG
    from ui.shell.context import UiContext

    session.actor = Actor(username="xem", role="viewer")
    page = people_list.PeopleList(UiContext(session, Settings()), CONFIG)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 4
    assert not page.delete_button.isEnabled() and not page.move_button.isEnabled()
    assert page.export_button.isEnabled()


def test_move_without_a_reason_is_refused_inside_the_dialog(qtbot, people, main_window):
    from ui.person.move_dialog import MoveDialog

    dialog = MoveDialog(main_window.ctx, [(people["an"], "Nguyễn Văn An")], main_window)
    qtbot.addWidget(dialog)
    dialog.cell.set_value(str(people["cells"][1]))
    dialog.submit()
    assert dialog.error.text() == "Cần ghi lý do chuyển chi bộ" and dialog.result() == 0
    assert people_ops.get_person(main_window.ctx.session, people["an"])["cell_id"] == people["cells"][0]


def test_age_column_ascending_lists_the_youngest_first(qtbot, people, main_window):
    """Tuổi sorts by birth date the other way round: ascending ages, not ascending birth dates."""
    page = _page(main_window)
    header = page.table.horizontalHeader()
    age_column = [c.key for c in page.model.columns].index("age")
    header.setSortIndicator(age_column, Qt.SortOrder.AscendingOrder)
    header.sectionClicked.emit(age_column)
    ages = [page.model.data(page.model.index(r, age_column)) for r in range(page.model.rowCount())]
    assert ages == sorted(ages, key=int)
    assert _names(page)[-1] == "Đặng Văn Đức"  # born 1970: the oldest comes last
    # a click on a column that cannot sort keeps the indicator on Tuổi, still ascending
    header.sectionClicked.emit([c.key for c in page.model.columns].index("gender"))
    assert header.sortIndicatorSection() == age_column
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder


def test_many_statistics_filters_do_not_squeeze_the_search_box(qtbot, people, main_window):
    """Every filter ticked: the button text is shortened (the full list in its tooltip), the search keeps its room."""
    page = _page(main_window)
    main_window.resize(1366, 740)
    search_width = page.search.width()
    for action in page._flags.values():
        action.setChecked(True)
    qtbot.waitUntil(lambda: page.search.width() > 0, timeout=1000)
    main_window.resize(1366, 741)  # let the layout run again
    qtbot.wait(10)
    assert page.flags_button.width() <= people_list.FLAGS_BUTTON_MAX_WIDTH
    assert page.search.width() >= search_width * 0.8
    assert "Từ 18 đến 30 tuổi" in page.flags_button.toolTip()
    assert page.flags_button.text().startswith("Lọc: Nữ")
