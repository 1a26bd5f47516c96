"""Văn bản: the papers of one person's file — which print final now and why the others are
drafts, preview inside the program, print, save, and issue a numbered paper."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app import file_names
from commune_app.changes import Changes
from commune_app.dossier.checklist import paper_text
from commune_app.dossier.fonts import document_fonts
from commune_app.dossier.forms import CHECKLIST
from commune_app.errors import Refused
from commune_app.ops import documents as doc_ops
from commune_app.ops import people as people_ops
from commune_app.progress import Progress
from ui.kit import vn_buttons
from ui.person import TabSpec
from ui.person.issue_dialog import IssueDialog
from ui.shell import errors
from ui.shell.context import UiContext
from ui.shell.tasks import run_task
from ui.widgets.pdf_preview import PdfPreview

_WARMED = False  # reportlab and the fonts are loaded once per process
COLUMNS = ("In", "Mẫu", "Văn bản", "Tình trạng", "Còn thiếu", "Bản giấy")
READY_COLOUR, DRAFT_COLOUR = QColor("#1b5e20"), QColor("#9a4d00")


def state_text(state: doc_ops.FormState) -> str:
    if state.number:
        return f"Đã ban hành số {state.number}"
    if state.ready:
        return "Bản để ký" if state.signed_elsewhere else "In được bản chính thức"
    if state.issuable:
        return "Đủ điều kiện ban hành (chưa cấp số)"
    return "Chỉ in dự thảo"


class DocumentsPanel(QWidget):
    """The papers of one person; used by the person window's tab and the documents page."""

    def __init__(self, ctx: UiContext, person_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.states: list[doc_ops.FormState] = []
        self.papers: dict[str, dict[str, Any] | None] = {}  # checklist key → where its paper copy is
        self._renders = 0

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        # The three texts share the width and wrap: a status sized to its longest text left the
        # title and the reasons a few letters wide beside the preview on the documents page.
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(column, mode)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.preview_selected())

        self.checklist = QCheckBox("Kèm mục lục hồ sơ")
        self.checklist.setChecked(True)
        self.all_draft = QCheckBox("In tất cả dưới dạng dự thảo")
        self.preview_button = QPushButton("Xem trước các văn bản đã chọn")
        self.preview_button.clicked.connect(self.preview_checked)
        self.issue_button = QPushButton("Ban hành (cấp số)...")
        self.issue_button.setToolTip("Cấp số tiếp theo của văn bản và ghi nhận số, ngày ban hành")
        self.issue_button.clicked.connect(self.issue_selected)
        self.paper_button = QPushButton("Bản giấy...")
        self.paper_button.setToolTip("Ghi văn bản đã có bản giấy trong hồ sơ hay chưa, và nơi lưu")
        self.paper_button.clicked.connect(self.record_paper)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # Options and actions on two rows: the page must fit a 1366-pixel screen beside the preview.
        options = QHBoxLayout()
        options.addWidget(self.checklist)
        options.addWidget(self.all_draft)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.paper_button)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.preview_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.reasons)
        left_layout.addLayout(options)
        left_layout.addLayout(buttons)
        self.preview = PdfPreview(self.ctx.settings)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        ctx.changed.connect(self._data_changed)
        self.set_person(person_id)

    def showEvent(self, event) -> None:  # - Qt's name
        """The first time papers are shown, load reportlab and the fonts in the background, so
        the first preview does not wait for them (about a second on an office PC)."""
        super().showEvent(event)
        global _WARMED
        if not _WARMED:
            _WARMED = True
            choice = self.ctx.settings.get("document_font") or "auto"
            threading.Thread(target=document_fonts, args=(choice,), name="nap-phong-chu", daemon=True).start()

    # --- data -------------------------------------------------------------------------------
    def set_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.preview.clear()
        self.refresh()

    def refresh(self) -> None:
        """Rebuilt from the operation; the paper selected before stays selected (an issue or a
        paper copy recorded refreshes the table, and the clerk goes on with the same paper)."""
        kept = self.selected_state()
        self.table.setRowCount(0)
        self.states = []
        if self.person_id is None:
            self.title.setText("Chọn một người để xem các văn bản của hồ sơ.")
            self._update_buttons()
            return
        try:
            self.states = doc_ops.available_forms(self.ctx.session, self.person_id)
            self.papers = {entry.key: paper for entry, paper in doc_ops.papers(self.ctx.session, self.person_id)}
            person = people_ops.get_person(self.ctx.session, self.person_id)
        except Refused as exc:
            self.title.setText("\n".join(exc.reasons))
            self._update_buttons()
            return
        name = (person or {}).get("full_name", "")
        self.title.setText(f"Văn bản trong hồ sơ của {name}. Đánh dấu các văn bản cần in rồi bấm Xem trước.")
        self.table.setRowCount(len(self.states))
        for row, state in enumerate(self.states):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            check.setCheckState(Qt.CheckState.Checked if state.ready or state.issuable else Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, check)
            status = QTableWidgetItem(state_text(state))
            status.setForeground(READY_COLOUR if state.ready else DRAFT_COLOUR)
            reasons = " ".join(state.reasons)
            paper = QTableWidgetItem(paper_text(self.papers.get(state.code)) if state.code in self.papers else "")
            for column, item in enumerate(
                (QTableWidgetItem(state.code), QTableWidgetItem(state.title), status, QTableWidgetItem(reasons), paper),
                start=1,
            ):
                item.setToolTip(reasons or state.title)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        if kept is not None:
            again = next((r for r, st in enumerate(self.states) if st.code == kept.code), None)
            if again is not None:
                self.table.selectRow(again)
        self._update_buttons()

    def _data_changed(self, what: Changes) -> None:
        if what.person(self.person_id) or what.documents or what.settings:
            self.refresh()

    def checked_codes(self) -> list[str]:
        codes = [CHECKLIST] if self.checklist.isChecked() else []
        codes += [
            self.states[row].code
            for row in range(self.table.rowCount())
            if (check := self.table.item(row, 0)) is not None and check.checkState() == Qt.CheckState.Checked
        ]
        return codes

    def selected_state(self) -> doc_ops.FormState | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self.states[rows.pop()] if len(rows) == 1 else None

    def _selection_changed(self) -> None:
        state = self.selected_state()
        if state is None:
            self.reasons.clear()
        elif state.reasons:
            self.reasons.setText(f"{state.code} còn là dự thảo vì:\n- " + "\n- ".join(state.reasons))
        else:
            self.reasons.setText(f"{state.code}: {state_text(state)}.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        state = self.selected_state()
        self.issue_button.setEnabled(bool(state and state.issuable and self.ctx.session.writable))
        self.paper_button.setEnabled(bool(state and state.code in self.papers and self.ctx.session.writable))
        self.preview_button.setEnabled(self.person_id is not None)

    # --- actions ------------------------------------------------------------------------------
    def preview_selected(self) -> None:
        state = self.selected_state()
        if state is not None:
            self._render([state.code])

    def preview_checked(self) -> None:
        codes = self.checked_codes()
        if not codes:
            vn_buttons.inform(self, "Chưa chọn văn bản", "Hãy đánh dấu ít nhất một văn bản cần in.")
            return
        self._render(codes)

    def _render(self, codes: list[str]) -> None:
        if self.person_id is None:
            return
        person_id, draft = self.person_id, self.all_draft.isChecked()
        self._renders += 1
        path = self.preview.scratch_file(f"ho-so-{person_id}-{self._renders}.pdf")
        session, settings = self.ctx.session, self.ctx.settings

        def work(progress: Progress) -> list[tuple[str, bool]]:
            progress(0, 1, "Đang dựng văn bản...")
            return doc_ops.render_person(session, person_id, codes, draft, path, settings=settings)

        def done(printed: list[tuple[str, bool]]) -> None:
            drafts = [code for code, is_draft in printed if is_draft]
            caption = "Bản chính thức" if not drafts else f"Dự thảo: {', '.join(drafts)}"
            self.preview.show_file(path, caption, suggested_name=self._file_name(codes))
            self.preview.offer_word(lambda target: self._save_word(person_id, codes, draft, target))

        self._task("Dựng văn bản để xem trước", work, done)

    def _save_word(self, person_id: int, codes: list[str], draft: bool, target: Path) -> None:
        """The papers just previewed, written as a Word file from the same document model."""
        session, settings = self.ctx.session, self.ctx.settings

        def work(progress: Progress) -> list[tuple[str, bool]]:
            progress(0, 1, "Đang ghi tệp Word...")
            return doc_ops.render_person(session, person_id, codes, draft, target, settings=settings, fmt="docx")

        self._task("Lưu thành Word", work, lambda _printed: self.preview.caption.setText(f"Đã ghi tệp Word {target}"))

    def _file_name(self, codes: list[str]) -> str:
        """ "9-KNĐ - Nguyễn Văn An - 02-12-2026.pdf"; a set of papers is "Hồ sơ"."""
        person = people_ops.get_person(self.ctx.session, self.person_id) if self.person_id is not None else None
        title = codes[0] if len(codes) == 1 else "Hồ sơ"
        return file_names.document_name(title, (person or {}).get("full_name", ""), self.ctx.session.today)

    def _task(self, title: str, work: Callable[[Progress], Any], done: Callable[[Any], None]) -> None:
        run_task(self.ctx.tasks, self, title, work, done)

    def issue_selected(self) -> None:
        state = self.selected_state()
        if state is None or not state.issuable or self.person_id is None:
            return
        dialog = IssueDialog(self.ctx, self.person_id, state, self)
        if dialog.exec():
            vn_buttons.inform(self, "Đã ban hành", dialog.issued_text())

    def record_paper(self) -> None:
        """Whether the selected paper's copy is in the dossier, and where it is kept."""
        state = self.selected_state()
        if state is None or self.person_id is None or state.code not in self.papers:
            return
        answer = vn_buttons.ask(
            self,
            "Bản giấy",
            f"“{state.title}” đã có bản giấy trong hồ sơ chưa?",
            [("present", "Đã có"), ("absent", "Chưa có"), ("cancel", "Không ghi")],
            "cancel",
        )
        if answer == "cancel":
            return
        location = ""
        if answer == "present":
            typed = vn_buttons.ask_reason(
                self, "Nơi lưu bản giấy", "Nơi lưu (ghi ngắn, ví dụ: Tủ hồ sơ số 2):", ok_text="Ghi"
            )
            if typed is None:
                return
            location = typed
        try:
            doc_ops.set_paper(self.ctx.session, self.person_id, state.code, answer == "present", location)
        except Refused as exc:
            errors.show_refused(self, exc, "Chưa ghi được")


def _factory(ctx: UiContext, person_id: int | None) -> QWidget:
    assert person_id is not None, "the documents tab is added once the person is saved"
    return DocumentsPanel(ctx, person_id)


TAB = TabSpec(order=50, key="documents", title="Văn bản", factory=_factory)
