"""Awards in the window: the badge and award step forms (from the road tab's menu), and the cells
page's "Khen thưởng..." dialog recording and withdrawing an organisation's award."""

from __future__ import annotations

import json

import pytest

from commune_app.ops import awards as award_ops
from commune_app.ops.context import Actor
from tests.core.road_fixtures import make_member
from tests.factories import make_cell
from tests.gui.qt_typing import type_text
from tests.gui.road_data import ui_context
from tests.gui.shell_fixtures import dialogs, main_window  # noqa: F401 - fixtures
from ui.cells import awards_dialog as cell_awards
from ui.cells.awards_dialog import CellAwardsDialog
from ui.person.tab_road import RoadTab, entry_note
from ui.road.step_dialog import StepDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(session):
    return ui_context(session)


def _choose(combo, code) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def _menu_action(tab: RoadTab, text: str):
    return next(a for m in tab.any_button.menu().actions() if m.menu() for a in m.menu().actions() if a.text() == text)


def test_badge_form_offers_the_rule_set_years_and_shows_the_party_age(qtbot, ctx, session, monkeypatch):
    cell = make_cell(session, "Chi bộ thôn Khòn Quanh")
    pid = make_member(
        session,
        "Hoàng Văn Lâu",
        cell_id=cell,
        admitted_on="1996-11-10",
        official_on="1997-11-28",
        birth_date="1970-02-02",
    )
    tab = RoadTab(ctx, pid)
    qtbot.addWidget(tab)
    seen: dict[str, str] = {}

    def fill(dialog):
        form = dialog.step_form
        years = form.inputs["years"]
        assert [years.itemData(i) for i in range(years.count())] == [
            None,
            30,
            40,
            45,
            50,
            55,
            60,
            65,
            70,
            75,
            80,
            85,
            90,
        ]  # nothing chosen for the clerk
        assert years.itemText(1) == "Huy hiệu 30 năm tuổi Đảng"
        years.setCurrentIndex(1)
        type_text(form.date, "09/11/2026")
        seen["preview"] = form.preview.text()
        dialog.submit()  # one day short of 30 years: refused, the dialog stays open
        seen["refused"] = dialog.error.text()
        form.date.clear()
        type_text(form.date, "10/11/2026")
        type_text(form.doc_number, "1234-QĐ/TU")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(StepDialog, "exec", fill)
    _menu_action(tab, "Tặng Huy hiệu Đảng").trigger()
    assert "có 29 năm tuổi Đảng" in seen["preview"] and "10/11/1996" in seen["preview"]
    assert "chưa đủ để tặng Huy hiệu 30 năm tuổi Đảng" in seen["refused"]
    row = session.store.one("SELECT date, doc_number, details FROM milestones WHERE kind = 'party_badge'")
    assert (row["date"], row["doc_number"], json.loads(row["details"])["years"]) == ("2026-11-10", "1234-QĐ/TU", 30)
    last = tab.timeline.rowCount() - 1
    assert tab.timeline.item(last, 1).text() == "Tặng Huy hiệu Đảng"
    assert tab.timeline.item(last, 4).text() == "Huy hiệu 30 năm tuổi Đảng"


def test_award_form_records_level_and_reason(qtbot, ctx, session):
    cell = make_cell(session, "Chi bộ thôn Khòn Quanh")
    pid = make_member(session, "Nông Thị Hoa", cell_id=cell)
    dialog = StepDialog(ctx, pid, kind="award")
    qtbot.addWidget(dialog)
    form = dialog.step_form
    assert [form.inputs["level"].itemText(i) for i in range(form.inputs["level"].count())] == [
        "— Chọn —",
        "Bằng khen",
        "Giấy khen",
    ]
    _choose(form.inputs["level"], "giay_khen")
    type_text(form.date, "20/01/2026")
    type_text(form.issuer, "Đảng ủy xã Ba Sơn")
    type_text(form.inputs["reason"], "Hoàn thành xuất sắc nhiệm vụ năm 2025")
    dialog.submit()
    assert dialog.result() == StepDialog.DialogCode.Accepted, dialog.error.text()
    details = json.loads(session.store.scalar("SELECT details FROM milestones WHERE id = ?", [dialog.milestone_id]))
    assert details == {"level": "giay_khen", "reason": "Hoàn thành xuất sắc nhiệm vụ năm 2025"}
    assert entry_note(details) == "Giấy khen: Hoàn thành xuất sắc nhiệm vụ năm 2025"


def test_cell_awards_dialog_records_and_withdraws(qtbot, ctx, session, monkeypatch):
    cell = make_cell(session, "Chi bộ thôn Khòn Quanh")
    make_cell(session, "Chi bộ Trường Tiểu học")
    dialog = CellAwardsDialog(ctx, cell)
    qtbot.addWidget(dialog)
    assert dialog.cell_id() == cell and dialog.table.rowCount() == 0
    assert dialog.organisation.itemText(0).startswith("Đảng bộ xã")

    _choose(dialog.level, "bang_khen")
    type_text(dialog.date, "31/02/2026")
    dialog.record_button.click()
    assert "Chưa ghi được" in dialog.errors.text() and session.store.scalar("SELECT count(*) FROM org_awards") == 0
    dialog.date.clear()
    type_text(dialog.date, "03/02/2026")
    type_text(dialog.doc_number, "45-QĐ/TU")
    type_text(dialog.issuer, "Ban Thường vụ Tỉnh ủy Lạng Sơn")
    type_text(dialog.reason, "Chi bộ trong sạch, vững mạnh tiêu biểu")
    dialog.record_button.click()
    assert dialog.errors.isHidden()
    assert [dialog.table.item(0, c).text() for c in range(5)] == [
        "03/02/2026",
        "Bằng khen",
        "45-QĐ/TU",
        "Ban Thường vụ Tỉnh ủy Lạng Sơn",
        "Chi bộ trong sạch, vững mạnh tiêu biểu",
    ]
    assert "1 khen thưởng" in dialog.status.text()

    # The committee's own awards are listed apart.
    _choose(dialog.organisation, None)
    assert dialog.table.rowCount() == 0
    _choose(dialog.level, "co")
    type_text(dialog.date, "02/09/2026")
    dialog.record_button.click()
    assert [(a["cell_id"], a["level"]) for a in award_ops.list_awards(session, None)] == [(None, "co")]

    _choose(dialog.organisation, cell)
    dialog.table.selectRow(0)
    monkeypatch.setattr(cell_awards, "ask_reason", lambda *_a: "Ghi nhầm chi bộ")
    dialog.withdraw_selected()
    assert dialog.table.rowCount() == 0 and award_ops.list_awards(session, cell) == []
    dialog.show_withdrawn.setChecked(True)
    assert dialog.table.item(0, 4).text() == "Đã hủy: Ghi nhầm chi bộ"
    audit = session.store.query("SELECT action FROM audit WHERE entity = 'org_award' ORDER BY id")
    assert [a["action"] for a in audit] == ["create", "create", "withdraw"]


def test_a_clerk_of_one_cell_sees_only_their_cell(qtbot, ctx, session):
    cell = make_cell(session, "Chi bộ thôn Khòn Quanh")
    make_cell(session, "Chi bộ Trường Tiểu học")
    session.actor = Actor(username="bithu", role="clerk", cell_id=cell)
    dialog = CellAwardsDialog(ctx, None)
    qtbot.addWidget(dialog)
    assert [dialog.organisation.itemData(i) for i in range(dialog.organisation.count())] == [cell]


def test_cells_page_opens_the_awards_of_the_selected_cell(qtbot, session, main_window, monkeypatch):
    cell = make_cell(session, "Chi bộ thôn Khòn Quanh")
    page = main_window.page_widget("cells")
    page.reload()
    opened: list = []

    def shown(dialog):
        opened.append(dialog.cell_id())
        return 0

    monkeypatch.setattr(CellAwardsDialog, "exec", shown)
    page.awards_button.click()  # nothing selected: the committee's own awards
    page.select_cell(cell)
    page.awards_button.click()
    assert opened == [None, cell]


def test_a_viewer_reads_but_cannot_record(qtbot, ctx, session):
    cell = make_cell(session, "Chi bộ thôn Khòn Quanh")
    award_ops.record_award(session, {"cell_id": cell, "level": "giay_khen", "awarded_on": "2026-01-15"})
    session.actor = Actor(username="xem", role="viewer")
    dialog = CellAwardsDialog(ctx, cell)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert not dialog.record_button.isEnabled() and not dialog.withdraw_button.isEnabled()
