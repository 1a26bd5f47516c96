"""Văn bản & hồ sơ: a person's papers (preview, issue), a meeting's batch, print and save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from commune_app.bench.dossier import MEETING_DAY, sample_candidate, sample_committee
from commune_app.settings import Settings
from tests.gui.qt_typing import type_text
from tests.gui.shell_fixtures import dialogs  # noqa: F401 - fixture
from ui.documents.page import DocumentsPage
from ui.person.tab_documents import DocumentsPanel

pytestmark = pytest.mark.gui
NAME = "Nguyễn Thị Ánh Tuyết"


@pytest.fixture(autouse=True)
def _no_modal_boxes(dialogs, monkeypatch):
    """Messages are recorded, and an unexpected error fails the test instead of opening a dialog."""
    from ui.shell import errors

    def unexpected(_parent, exc):
        raise AssertionError(f"unexpected error shown to the clerk: {exc!r}")

    monkeypatch.setattr(errors, "report_unexpected", unexpected)
    return dialogs


@pytest.fixture
def ctx(qtbot, session):
    from ui.shell.context import UiContext
    from ui.shell.tasks import TaskRunner

    context = UiContext(session, Settings())
    context.tasks = TaskRunner(None)
    return context


@pytest.fixture
def person(session) -> tuple[dict, int]:
    committee = sample_committee(session)
    return committee, sample_candidate(session, committee)


def _row(panel: DocumentsPanel, code: str) -> int:
    return next(i for i, state in enumerate(panel.states) if state.code == code)


def _answer_issue(monkeypatch, act) -> list:
    """The issue dialog is shown for real, ``act`` does what the clerk does in it, and its result
    is what ``exec()`` returns (a modal loop would block the test)."""
    from ui.person.issue_dialog import IssueDialog

    seen: list = []

    def exec_(dialog) -> int:
        dialog.show()
        seen.append(dialog)
        act(dialog)
        return dialog.result()

    monkeypatch.setattr(IssueDialog, "exec", exec_)
    return seen


def test_person_papers_preview_and_issue(qtbot, ctx, person, dialogs, monkeypatch) -> None:
    _committee, person_id = person
    panel = DocumentsPanel(ctx, person_id)
    qtbot.addWidget(panel)
    panel.show()
    codes = [panel.table.item(row, 1).text() for row in range(panel.table.rowCount())]
    assert codes == ["TTLL", "3-KNĐ", "5-KNĐ", "6-KNĐ", "9-KNĐ"]
    assert panel.table.item(_row(panel, "5-KNĐ"), 3).text() == "In được bản chính thức"
    assert "(6-KNĐ) còn là dự thảo" in panel.table.item(_row(panel, "9-KNĐ"), 4).text()
    panel.preview_checked()
    qtbot.waitUntil(lambda: panel.preview.page_count > 0, timeout=20000)
    assert "Dự thảo: TTLL, 6-KNĐ" in panel.preview.caption.text()

    panel.table.selectRow(_row(panel, "9-KNĐ"))
    assert not panel.issue_button.isEnabled()
    panel.table.selectRow(_row(panel, "6-KNĐ"))
    assert panel.issue_button.isEnabled()
    _answer_issue(monkeypatch, lambda dialog: dialog.submit())
    qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    assert any("số 01-NQ/CB" in text for text in dialogs.shown)
    assert panel.table.item(_row(panel, "6-KNĐ"), 3).text() == "Đã ban hành số 01-NQ/CB"
    assert panel.table.item(_row(panel, "9-KNĐ"), 3).text() == "Đủ điều kiện ban hành (chưa cấp số)"


def test_issue_can_be_declined(qtbot, ctx, person, dialogs, monkeypatch) -> None:
    panel = DocumentsPanel(ctx, person[1])
    qtbot.addWidget(panel)
    panel.table.selectRow(_row(panel, "6-KNĐ"))
    _answer_issue(monkeypatch, lambda dialog: dialog.reject())
    panel.issue_selected()
    assert panel.table.item(_row(panel, "6-KNĐ"), 3).text() == "Đủ điều kiện ban hành (chưa cấp số)"
    assert ctx.session.store.scalar("SELECT count(*) FROM documents") == 0


def test_page_finds_a_person_without_diacritics(qtbot, ctx, person) -> None:
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    type_text(page.person.search, "anh tuyet")
    qtbot.waitUntil(lambda: page.person.people.count() == 1, timeout=3000)
    assert NAME in page.person.people.item(0).text()
    page.person.people.setCurrentRow(0)
    assert page.person.panel.person_id == person[1]
    assert page.person.panel.table.rowCount() == 5


def test_meeting_batch_into_one_file(qtbot, ctx, person, tmp_path: Path, monkeypatch) -> None:
    committee, _person_id = person
    sample_candidate(ctx.session, committee, "Lê Văn Đông")
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    batch = page.batch
    batch.cell.setCurrentIndex(batch.cell.findData(committee["cell_id"]))
    batch.day.set_date(MEETING_DAY)
    assert len(batch.show_agenda()) == 2
    assert {batch.agenda.item(i).text().split(" — ")[0] for i in range(2)} == {NAME, "Lê Văn Đông"}
    target = tmp_path / "hop-chi-bo.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    batch.print_batch()
    qtbot.waitUntil(lambda: batch.last_result is not None, timeout=30000)
    assert target.exists() and batch.last_result.people == 2
    assert batch.preview.page_count >= 2
    assert "2 người" in batch.note.text()


def test_preview_prints_and_saves(qtbot, ctx, person, tmp_path: Path, monkeypatch) -> None:
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.register.build()
    preview = page.register.preview
    qtbot.waitUntil(lambda: preview.page_count > 0, timeout=20000)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "ban-in.pdf"
    printer.setOutputFileName(str(printed))
    assert preview.print_to(printer)
    assert printed.stat().st_size > 0
    copy = tmp_path / "ban-sao"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    assert preview.save_as() == tmp_path / "ban-sao.pdf"
    assert (tmp_path / "ban-sao.pdf").read_bytes() == preview.path.read_bytes()


def test_the_papers_table_leaves_room_for_titles_and_reasons(qtbot, ctx, person) -> None:
    _committee, person_id = person
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1150, 660)  # the page beside the navigation list at 1366 × 768
    page.show()
    panel = page.person.panel
    panel.set_person(person_id)
    qtbot.waitUntil(lambda: panel.table.rowCount() > 0)
    table = panel.table
    # Every text column gets a readable share; none is squeezed to a few letters by the status.
    assert min(table.columnWidth(c) for c in (2, 3, 4)) >= table.fontMetrics().horizontalAdvance("Giấy giới thiệu")


def test_save_as_word_beside_save_as_file(qtbot, ctx, person, tmp_path: Path, monkeypatch) -> None:
    import docx

    _committee, person_id = person
    panel = DocumentsPanel(ctx, person_id)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.preview.word_button.isVisible()  # nothing shown yet
    panel.preview_checked()
    qtbot.waitUntil(lambda: panel.preview.page_count > 0, timeout=20000)
    button = panel.preview.word_button
    assert button.isVisible() and button.isEnabled() and button.text() == "Lưu thành Word..."
    target = tmp_path / "ho-so-word"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    written = tmp_path / "ho-so-word.docx"
    qtbot.waitUntil(written.exists, timeout=20000)
    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert "NGHỊ QUYẾT" in text and NAME in text


def test_register_and_batch_save_as_word(qtbot, ctx, person, tmp_path: Path, monkeypatch) -> None:
    committee, _person_id = person
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.register.build()
    qtbot.waitUntil(lambda: page.register.preview.page_count > 0, timeout=20000)
    register = tmp_path / "so.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(register), "")))
    page.register.preview.save_word()
    qtbot.waitUntil(register.exists, timeout=20000)
    batch = page.batch
    batch.cell.setCurrentIndex(batch.cell.findData(committee["cell_id"]))
    batch.day.set_date(MEETING_DAY)
    one = tmp_path / "hop.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(one), "")))
    batch.print_batch()
    qtbot.waitUntil(lambda: batch.last_result is not None, timeout=30000)
    word = tmp_path / "hop.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(word), "")))
    batch.preview.save_word()
    qtbot.waitUntil(lambda: "Đã ghi tệp Word" in batch.note.text(), timeout=20000)
    assert word.read_bytes()[:2] == b"PK"


def test_person_papers_record_where_the_paper_copy_is(qtbot, ctx, person, dialogs, monkeypatch) -> None:
    from ui.kit import vn_buttons

    panel = DocumentsPanel(ctx, person[1])
    qtbot.addWidget(panel)
    row = _row(panel, "5-KNĐ")
    assert panel.table.item(row, 5).text() == "Chưa có"
    panel.table.selectRow(row)
    assert panel.paper_button.isEnabled()
    dialogs.answers = ["present"]
    monkeypatch.setattr(vn_buttons, "ask_reason", lambda *a, **k: "Tủ hồ sơ số 2")
    qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    assert panel.table.item(_row(panel, "5-KNĐ"), 5).text() == "Có (Tủ hồ sơ số 2)"


def test_meeting_papers_issued_from_the_window_in_one_action(qtbot, ctx, person, dialogs) -> None:
    committee, _person_id = person
    second = sample_candidate(ctx.session, committee, "Lê Văn Đông")
    ctx.session.store.conn.execute("UPDATE people SET hometown = '' WHERE id = ?", [second])
    ctx.session.store.conn.execute(
        "UPDATE milestones SET details = json_remove(details, '$.chair') WHERE person_id = ? AND kind = 'cell_meeting'",
        [second],
    )
    ctx.session.store.conn.commit()
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    batch = page.batch
    batch.cell.setCurrentIndex(batch.cell.findData(committee["cell_id"]))
    batch.day.set_date(MEETING_DAY)
    dialogs.answers = ["issue"]
    qtbot.mouseClick(batch.issue_button, Qt.MouseButton.LeftButton)
    assert batch.note.text() == "Đã ban hành 1 văn bản; 1 văn bản chưa đủ điều kiện."
    numbers = ctx.session.store.query("SELECT doc_number FROM documents")
    assert numbers == [{"doc_number": "01-NQ/CB"}]


def test_the_issue_dialog_takes_the_date_of_issue(qtbot, ctx, person, dialogs, monkeypatch) -> None:
    """The command line has ``issue --date``; the window asks the same (issue 18 item 5)."""
    panel = DocumentsPanel(ctx, person[1])
    qtbot.addWidget(panel)
    panel.table.selectRow(_row(panel, "6-KNĐ"))

    def a_day_too_late_then_the_right_one(dialog) -> None:
        dialog.day.setText("31/12/2099")
        dialog.submit()
        assert "sau ngày hôm nay" in dialog.error.text() and dialog.isVisible()
        dialog.day.setText(ctx.session.today.replace(day=1).strftime("%d%m%Y"))  # typed as "01122026"
        dialog.submit()

    _answer_issue(monkeypatch, a_day_too_late_then_the_right_one)
    panel.issue_selected()
    first_of_month = ctx.session.today.replace(day=1).isoformat()
    issued = ctx.session.store.query("SELECT doc_number, issued_on FROM documents")
    assert issued == [{"doc_number": "01-NQ/CB", "issued_on": first_of_month}]


def test_the_page_keeps_the_person_and_the_paper_after_issuing(qtbot, ctx, person, dialogs, monkeypatch) -> None:
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    people = page.person.people
    row = next(r for r in range(people.count()) if people.item(r).data(Qt.ItemDataRole.UserRole) == person[1])
    people.setCurrentRow(row)
    panel = page.person.panel
    panel.table.selectRow(_row(panel, "6-KNĐ"))
    _answer_issue(monkeypatch, lambda dialog: dialog.submit())
    qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    assert panel.person_id == person[1] and panel.table.rowCount() == 5
    assert people.currentItem().data(Qt.ItemDataRole.UserRole) == person[1]
    assert panel.selected_state().code == "6-KNĐ"


def test_the_people_list_says_where_each_person_stands(qtbot, ctx, person) -> None:
    from commune_app.domain.road import STAGE_LABELS

    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    stage = ctx.session.store.scalar("SELECT stage FROM people WHERE id = ?", [person[1]])
    texts = [page.person.people.item(r).text() for r in range(page.person.people.count())]
    assert any(NAME in text and STAGE_LABELS[stage] in text.splitlines() for text in texts)
