"""The attendance grid on the courses page: keyboard marking, 'Có mặt tất cả', totals, highlights,
and the results dialog refusing a certificate for a failed learner."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from commune_app.ops import courses
from commune_app.settings import Settings
from tests.factories import make_cell, make_person
from tests.gui.qt_typing import type_text

pytestmark = pytest.mark.gui

NAMES = ("Hoàng Văn Ân", "Nông Thị Bích", "Lương Đức Cường")


@pytest.fixture
def page(qtbot, session, tmp_path, monkeypatch):
    from ui.courses.page import CoursesPage
    from ui.kit import vn_buttons
    from ui.shell.context import UiContext

    shown: list[str] = []
    monkeypatch.setattr(vn_buttons, "inform", lambda _p, title, text, **_kw: shown.append(f"{title}: {text}"))
    cell = make_cell(session, "Chi bộ thôn Nà Lầu")
    people = [make_person(session, name, cell_id=cell) for name in NAMES]
    course_id = courses.create_course(
        session,
        {
            "kind": "awareness",
            "name": "Lớp bồi dưỡng nhận thức về Đảng",
            "intake": "Khóa II năm 2026",
            "start_date": "2026-09-07",
        },
    )
    courses.enrol(session, course_id, people)
    widget = CoursesPage(UiContext(session, Settings(tmp_path / "cai-dat.json")))
    widget.shown = shown
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    widget.tabs.setCurrentIndex(1)
    return widget


def _db_marks(page) -> list[list[str | None]]:
    return [r.marks for r in courses.course_grid(page.ctx.session, page.course_id).rows]


def test_keyboard_marks_and_moves_down(page) -> None:
    view = page.grid
    model = view.model()
    view.setFocus()
    view.setCurrentIndex(model.index(0, model.first_session))
    QTest.keyClick(view, Qt.Key.Key_C)
    assert view.currentIndex().row() == 1  # the cursor went down to the next learner
    QTest.keyClick(view, Qt.Key.Key_K)
    QTest.keyClick(view, Qt.Key.Key_2)
    assert [m[0] for m in _db_marks(page)] == ["P", "U", "E"]
    # Space cycles P → E → U → (none); Delete clears
    view.setCurrentIndex(model.index(0, model.first_session))
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert _db_marks(page)[0][0] == "E"
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert _db_marks(page)[0][0] is None
    # digits and the arrow keys
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_1)
    assert _db_marks(page)[0][1] == "P"
    # a block selected with the mouse (or Shift+arrows) takes one key for all its cells
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    block = QItemSelection(model.index(0, model.first_session + 4), model.index(2, model.first_session + 5))
    view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    QTest.keyClick(view, Qt.Key.Key_P)
    assert [m[4:6] for m in _db_marks(page)] == [["E", "E"]] * 3


def test_all_present_then_the_exceptions_and_totals(page) -> None:
    view = page.grid
    model = view.model()
    second = model.first_session + 1
    view.setCurrentIndex(model.index(1, second))
    QTest.keyClick(view, Qt.Key.Key_P)  # Bích excused first
    view.setCurrentIndex(model.index(0, second))
    page.all_present.click()
    assert [m[1] for m in _db_marks(page)] == ["P", "E", "P"]
    # the first session through the header: everybody present, then Cường absent without leave
    view.horizontalHeader().sectionDoubleClicked.emit(model.first_session)
    view.setCurrentIndex(model.index(2, model.first_session))
    QTest.keyClick(view, Qt.Key.Key_K)
    totals = len(NAMES)
    assert model.data(model.index(totals, model.first_session)) == "2"
    assert model.data(model.index(totals, second)) == "2"
    assert model.data(model.index(totals, model.first_session + 2)) == ""  # not held yet
    assert model.data(model.index(2, model.first_total)) == "1"  # Cường: present once
    assert model.data(model.index(2, model.first_total + 2)) == "1"  # one unexcused absence
    assert model.data(model.index(2, model.first_total + 3)) == "50,00%"
    # Cường (1 of the 2 sessions held) is under 80 %: his name is highlighted and named below
    assert model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "Lương Đức Cường" in page.warning.text()
    assert "Nông Thị Bích" in page.warning.text()  # 1 of 2 as well
    assert "Hoàng Văn Ân" not in page.warning.text()


def test_all_present_needs_a_session_cell(page) -> None:
    view = page.grid
    view.setCurrentIndex(view.model().index(0, 0))
    page.all_present.click()
    assert page.shown and "chọn một ô" in page.shown[0]
    assert all(m == [None] * 10 for m in _db_marks(page))


def test_failed_learner_gets_no_certificate_in_the_dialog(page, qtbot) -> None:
    from ui.courses.dialogs import ResultDialog

    row = page.grid_data.rows[0]
    dialog = ResultDialog(page.ctx, row, page.grid_data.course, page)
    qtbot.addWidget(dialog)
    type_text(dialog.score, "4,5")
    dialog.grade.set_value("Không đạt")
    type_text(dialog.number, "12/GCN")
    dialog.date.setText("11/09/2026")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "không được cấp giấy chứng nhận" in dialog.error.text()
    dialog.number.clear()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.error.text() == "" and dialog.result() == dialog.DialogCode.Accepted
    saved = courses.course_grid(page.ctx.session, page.course_id).rows[0]
    assert (saved.score, saved.grade, saved.certificate_no) == (4.5, "Không đạt", "")


def test_hundred_learners_ten_sessions(qtbot, session, tmp_path) -> None:
    from ui.courses.page import CoursesPage
    from ui.shell.context import UiContext

    cell = make_cell(session, "Chi bộ thôn Khuổi Phầy")
    names = [
        f"{family} {middle} {given}"
        for family in ("Hoàng", "Nông", "Lương", "Triệu", "Bàn")
        for middle in ("Văn", "Thị", "Đức", "Minh")
        for given in ("An", "Bình", "Chiến", "Dũng", "Hạnh")
    ]
    people = [make_person(session, name, cell_id=cell) for name in names]
    course_id = courses.create_course(session, {"kind": "awareness", "name": "Lớp đông", "start_date": "2026-10-05"})
    courses.enrol(session, course_id, people)
    page = CoursesPage(UiContext(session, Settings(tmp_path / "cai-dat.json")))
    qtbot.addWidget(page)
    page.show()
    model = page.grid.model()
    assert model.rowCount() == 101 and model.columnCount() == 2 + 10 + 4
    for position in range(10):
        page._mark_all_position(position)
    page.grid.setCurrentIndex(model.index(99, model.first_session + 9))
    QTest.keyClick(page.grid, Qt.Key.Key_K)
    assert model.data(model.index(100, model.first_session + 9)) == "99"
    grid = courses.course_grid(session, course_id)
    assert sum(r.present for r in grid.rows) == 999 and grid.rows[-1].marks[-1] == "U"


def test_person_tab_and_overview_indicator(qtbot, page) -> None:
    from ui.courses.indicator import CourseIndicatorBox
    from ui.person.tab_courses import CoursesTab

    session = page.ctx.session
    grid = courses.course_grid(session, page.course_id)
    courses.mark_all_present(session, page.course_id, grid.sessions[0].session_id)
    first = grid.rows[0]
    courses.set_result(
        session, first.enrolment_id, score=9, grade="Giỏi", certificate_no="5/GCN", certificate_on="2026-09-11"
    )
    tab = CoursesTab(page.ctx, first.person_id)
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 6).text() == "5/GCN" and tab.table.item(0, 8).text() == "11/09/2031"
    assert "còn hiệu lực đến 11/09/2031" in tab.summary.text()
    from commune_app.store import cells as cell_store

    with session.write() as audit:
        cell_store.set_target(session.store, audit, grid.rows[0].cell_id, 2026, 3)
    box = CourseIndicatorBox(page.ctx)
    qtbot.addWidget(box)
    # Only the learner with a result has learnt the course; the others were only present.
    assert box.title() == "Học lớp nhận thức về Đảng năm 2026: 1/6 (16,70%)"
    assert [box.table.item(1, c).text() for c in range(4)] == ["Chi bộ thôn Nà Lầu", "1", "6", "16,70%"]


def test_picker_nomination_and_batch_certificates(qtbot, page, session) -> None:
    from ui.courses.dialogs import BatchCertificateDialog, NominationDialog, PeoplePicker

    cell = make_cell(session, "Chi bộ thôn Còn Nưa")
    make_person(session, "Lăng Thị Hoa", cell_id=cell, gender="F")
    make_person(session, "Bàn Văn Quý", cell_id=cell)
    picker = PeoplePicker(page.ctx, "awareness", page)
    qtbot.addWidget(picker)
    type_text(picker.search, "lang hoa")  # without diacritics
    assert picker.table.rowCount() == 1 and picker.table.item(0, 0).text() == "Lăng Thị Hoa"
    picker.table.selectRow(0)
    picker.buttons.button(picker.buttons.StandardButton.Ok).click()
    assert len(picker.chosen) == 1
    nomination = NominationDialog(page.ctx, page)
    qtbot.addWidget(nomination)
    nomination.cell.set_value(str(cell))
    assert nomination.table.rowCount() == 2
    nomination.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # Quý (given name order: Hoa, Quý)
    nomination.buttons.button(nomination.buttons.StandardButton.Ok).click()
    assert len(nomination.chosen) == 1
    page._enrol(nomination.chosen)
    assert len(page.grid_data.rows) == 4
    assert {r.cell_name for r in page.grid_data.rows} == {"Chi bộ thôn Nà Lầu", "Chi bộ thôn Còn Nưa"}

    for position in range(10):
        page._mark_all_position(position)
    for row in courses.course_grid(session, page.course_id).rows[:2]:
        courses.set_result(session, row.enrolment_id, score=8, grade="")
    page.show_course()
    dialog = BatchCertificateDialog(page.ctx, page.grid_data.course, 2, page)
    qtbot.addWidget(dialog)
    dialog.pattern.setText("###/GCN")
    dialog.first.setValue(12)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.issued == 2, dialog.error.text()
    numbers = [r.certificate_no for r in courses.course_grid(session, page.course_id).rows]
    assert numbers[:2] == ["012/GCN", "013/GCN"] and numbers[2:] == ["", ""]


def test_scores_typed_in_the_results_table(qtbot, page, session, monkeypatch) -> None:
    from ui.shell import errors

    refused: list[str] = []
    monkeypatch.setattr(errors, "show_refused", lambda _p, exc, *_a: refused.append("\n".join(exc.reasons)))
    page.tabs.setCurrentIndex(2)
    table = page.results
    table.setFocus()
    table.setCurrentCell(0, 3)
    QTest.keyClick(table, Qt.Key.Key_8)  # typing on the cell opens its editor with the 8
    from PySide6.QtWidgets import QLineEdit

    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "8", (table.state(), editor)
    type_text(editor, ",5")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)  # Qt commits on a queued call
    assert not refused, refused
    saved = courses.course_grid(session, page.course_id).rows[0]
    assert (saved.score, saved.grade) == (8.5, "Giỏi")
    qtbot.waitUntil(lambda: page.results.item(0, 4).text() == "Giỏi")
    page.results.item(1, 3).setText("mười")
    assert refused and "không phải là số" in refused[0]
    qtbot.waitUntil(lambda: page.results.item(1, 3).text() == "")
    assert courses.course_grid(session, page.course_id).rows[1].score is None
    # reloaded from the file: the refused text is gone (waited for above)


def test_learners_tab_opens_in_list_order(page) -> None:
    table = page.learners
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["1", "2", "3"]
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == [
        "Hoàng Văn Ân",
        "Nông Thị Bích",
        "Lương Đức Cường",
    ]


def test_results_tab_shows_whole_names(page, qtbot) -> None:
    page.resize(1000, 600)
    page.tabs.setCurrentIndex(2)
    table = page.results
    qtbot.waitUntil(lambda: table.rowCount() == 3)
    needed = max(table.fontMetrics().horizontalAdvance(n) for n in NAMES)
    assert table.columnWidth(1) > needed


def test_picker_shows_the_whole_status(page, qtbot) -> None:
    from commune_app.domain.codes import STATUS_LABELS
    from ui.courses.dialogs import PeoplePicker

    picker = PeoplePicker(page.ctx, "awareness")
    qtbot.addWidget(picker)
    needed = max(picker.table.fontMetrics().horizontalAdvance(STATUS_LABELS[s]) for s in ("source", "candidate"))
    assert picker.table.columnWidth(3) > needed + 8


def test_course_document_dated_from_the_date_field(page, qtbot, tmp_path, monkeypatch) -> None:
    import datetime as dt

    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    from ui.shell.tasks import TaskRunner

    page.ctx.tasks = TaskRunner(None)
    target = tmp_path / "tb.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page.document_date.set_date(dt.date(2026, 8, 28))
    page.export("convocation", ".pdf", "Tệp PDF (*.pdf)")
    qtbot.waitUntil(lambda: not page.ctx.tasks.busy and target.exists(), timeout=20000)
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "ngày 28 tháng 8 năm 2026" in " ".join(text.split())
