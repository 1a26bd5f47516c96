"""Văn bản & hồ sơ: one person's papers; batches for everyone on the agenda of a cell meeting
or a standing-committee meeting (one PDF, or one file each); the register 18-KNĐ."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commune_app import file_names, vn
from commune_app.changes import Changes
from commune_app.domain.road import STAGE_LABELS
from commune_app.errors import Refused
from commune_app.ops import cells as cell_ops
from commune_app.ops import documents as doc_ops
from commune_app.ops import people as people_ops
from commune_app.ops.people import PeopleFilter
from commune_app.progress import Progress
from ui.kit import vn_buttons
from ui.person.tab_documents import DocumentsPanel
from ui.shell import errors
from ui.shell.actions import PAGE_SEARCH
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec
from ui.shell.tasks import run_task
from ui.widgets.date_field import DateField
from ui.widgets.pdf_preview import PdfPreview
from ui.widgets.save_dialog import ask_folder, ask_save_path

LIST_LIMIT = 300  # the list answers as the clerk types; a longer name narrows it


def person_line(row: dict[str, Any]) -> str:
    """Three short lines that fit the narrow list: name and birth date, where the person stands on
    the road (so who is ready shows), the cell."""
    stage = STAGE_LABELS.get(row.get("stage") or "", "")
    born = vn.format_date(row.get("birth_date"))
    return "\n".join(
        (f"{row['full_name']} — {born}" if born else row["full_name"], stage, row.get("cell") or "chưa có chi bộ")
    )


class PersonDocuments(QWidget):
    """Find a person, then their papers (the same panel as in the person window)."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.search = QLineEdit()
        self.search.setObjectName(PAGE_SEARCH)
        self.search.setPlaceholderText("Gõ tên (không cần dấu), số CCCD...")
        self.people = QListWidget()
        self.people.setWordWrap(True)
        self.people.setSpacing(2)
        self.people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel = DocumentsPanel(ctx, None)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.people.currentItemChanged.connect(self._chosen)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Người vào Đảng, đảng viên dự bị:"))
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.people, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([290, 860])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        """The list again (after a search, or a change anywhere); the person chosen stays chosen,
        so an issued paper does not empty the page the clerk is working on."""
        current = self.people.currentItem()
        kept = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        flt = PeopleFilter(text=self.search.text(), statuses=("source", "candidate", "probationary"))
        ids = people_ops.search_ids(self.ctx.session, flt, limit=LIST_LIMIT)
        rows = people_ops.rows(self.ctx.session, ids)
        self.people.blockSignals(True)
        self.people.clear()
        for row in (rows[i] for i in ids):
            item = QListWidgetItem(person_line(row))
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.people.addItem(item)
            if row["id"] == kept:
                self.people.setCurrentItem(item)
        self.people.blockSignals(False)
        if kept is not None and self.people.currentItem() is None:
            self.panel.set_person(None)  # the person left the list (deleted, admitted, filtered out)

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.panel.set_person(item.data(Qt.ItemDataRole.UserRole) if item else None)


class MeetingBatch(QWidget):
    """Everyone on one meeting's agenda: who, then their papers in one PDF or one file each."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.last_result: doc_ops.BatchResult | None = None
        self.kind = QComboBox()
        self.kind.addItem("Họp chi bộ (nghị quyết 6-KNĐ, 13-KNĐ)", "cell")
        self.kind.addItem("Họp Ban Thường vụ (quyết định 9-KNĐ, 16-KNĐ, tờ trình)", "committee")
        self.cell = QComboBox()
        self.day = DateField()
        self.day.set_date(ctx.session.today)
        self.one_file = QRadioButton("Gộp vào một tệp PDF")
        self.each_file = QRadioButton("Mỗi người một tệp (chọn thư mục)")
        self.one_file.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.one_file)
        group.addButton(self.each_file)
        self.show_button = QPushButton("Xem danh sách")
        self.print_button = QPushButton("In hàng loạt...")
        self.issue_button = QPushButton("Ban hành cả đợt (cấp số)...")
        self.issue_button.setToolTip(
            "Cấp số mọi văn bản của cuộc họp theo thứ tự danh sách; văn bản nào chưa đủ"
            " điều kiện được nêu tên kèm lý do"
        )
        self.issue_button.setEnabled(ctx.session.writable)
        self.agenda = QListWidget()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.preview = PdfPreview(self.ctx.settings)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.show_button.clicked.connect(self.show_agenda)
        self.print_button.clicked.connect(self.print_batch)
        self.issue_button.clicked.connect(self.issue_all)

        box = QGroupBox("Cuộc họp")
        form = QFormLayout(box)
        form.addRow("Loại cuộc họp:", self.kind)
        form.addRow("Chi bộ:", self.cell)
        form.addRow("Ngày họp:", self.day)
        choices = QHBoxLayout()
        choices.addWidget(self.one_file)
        choices.addWidget(self.each_file)
        form.addRow("Cách in:", choices)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.issue_button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(box)
        left_layout.addLayout(buttons)
        left_layout.addWidget(QLabel("Những người trong chương trình cuộc họp:"))
        left_layout.addWidget(self.agenda, 1)
        left_layout.addWidget(self.note)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload_cells()

    def reload_cells(self) -> None:
        current = self.cell.currentData()
        self.cell.clear()
        for cell in cell_ops.list_cells(self.ctx.session, active_only=True):
            self.cell.addItem(cell["name"], cell["id"])
        if current is not None and self.cell.findData(current) >= 0:
            self.cell.setCurrentIndex(self.cell.findData(current))

    def _kind_changed(self) -> None:
        self.cell.setEnabled(self.kind.currentData() == "cell")

    def selection(self) -> doc_ops.Selection | None:
        day = self.day.date()
        if day is None:
            vn_buttons.warn(self, "Thiếu ngày họp", self.day.problem() or "Hãy ghi ngày họp (dd/mm/yyyy).")
            return None
        if self.kind.currentData() == "cell":
            if self.cell.currentData() is None:
                vn_buttons.warn(self, "Chưa chọn chi bộ", "Hãy chọn chi bộ họp.")
                return None
            return doc_ops.Selection("cell", day, int(self.cell.currentData()))
        return doc_ops.Selection("committee", day)

    def show_agenda(self) -> list[int]:
        self.agenda.clear()
        selection = self.selection()
        if selection is None:
            return []
        try:
            ids = doc_ops.batch_people(self.ctx.session, selection)
        except Refused as exc:
            errors.show_refused(self, exc, "Không lập được danh sách")
            return []
        rows = people_ops.rows(self.ctx.session, ids)
        for person_id in ids:
            row = rows[person_id]
            item = QListWidgetItem(f"{row['full_name']} — {row.get('cell') or ''}")
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            self.agenda.addItem(item)
        self.note.setText(
            f"{len(ids)} người trong chương trình {selection.label}."
            if ids
            else f"Không có ai trong chương trình {selection.label}."
        )
        return ids

    def _target(self, selection: doc_ops.Selection) -> Path | None:
        if self.one_file.isChecked():
            name = file_names.list_name(f"Văn bản {selection.label}", selection.day, ".pdf")
            return ask_save_path(self, self.ctx.settings, "Lưu các văn bản vào tệp PDF", name, "Tệp PDF (*.pdf)")
        return ask_folder(self, self.ctx.settings, "Chọn thư mục lưu các tệp PDF")

    def print_batch(self) -> None:
        selection = self.selection()
        if selection is None or not self.show_agenda():
            return
        target = self._target(selection)
        if target is None:
            return
        one_file = self.one_file.isChecked()
        session, settings = self.ctx.session, self.ctx.settings

        def work(progress: Progress) -> doc_ops.BatchResult:
            return doc_ops.render_batch(session, selection, target, one_file, progress, settings=settings)

        def done(result: doc_ops.BatchResult) -> None:
            self.last_result = result
            drafts = f"; {result.drafts} văn bản là dự thảo" if result.drafts else ""
            self.note.setText(f"Đã in văn bản cho {result.people} người vào {len(result.files)} tệp{drafts}.")
            if one_file and result.files:
                self.preview.show_file(result.files[0], selection.label)
                self.preview.offer_word(lambda word: self._save_word(selection, word))

        run_task(self.ctx.tasks, self, "In văn bản hàng loạt", work, done)

    def _save_word(self, selection: doc_ops.Selection, target: Path) -> None:
        """The batch just shown, as one Word file."""
        session, settings = self.ctx.session, self.ctx.settings
        run_task(
            self.ctx.tasks,
            self,
            "Lưu thành Word",
            lambda progress: doc_ops.render_batch(
                session, selection, target, True, progress, settings=settings, fmt="docx"
            ),
            lambda _result: self.note.setText(f"Đã ghi tệp Word {target}"),
        )

    def issue_all(self) -> None:
        """Number every paper of the meeting in one action; each refusal is named with its reasons."""
        selection = self.selection()
        if selection is None or not self.show_agenda():
            return
        answer = vn_buttons.ask(
            self,
            "Ban hành cả đợt",
            f"Cấp số mọi văn bản của {selection.label}?",
            [("issue", "Cấp số và ban hành"), ("cancel", "Không")],
            "cancel",
            informative="Số văn bản cấp theo thứ tự danh sách và không cấp lại.",
        )
        if answer != "issue":
            return
        try:
            outcomes = doc_ops.issue_meeting(self.ctx.session, selection)
        except Refused as exc:
            errors.show_refused(self, exc, "Chưa ban hành được")
            return
        issued = [f"{o.name}: {o.code} số {o.number}" for o in outcomes if o.number]
        refused = [f"{o.name}: {o.code} chưa ban hành — " + " ".join(o.reasons) for o in outcomes if not o.number]
        self.note.setText(f"Đã ban hành {len(issued)} văn bản; {len(refused)} văn bản chưa đủ điều kiện.")
        vn_buttons.inform(self, "Ban hành cả đợt", self.note.text(), details="\n".join(issued + refused))


class RegisterView(QWidget):
    """Sổ đảng viên dự bị (18-KNĐ), built on request and shown in the preview."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.button = QPushButton("Lập sổ đảng viên dự bị (Mẫu 18-KNĐ)")
        self.button.clicked.connect(self.build)
        if ctx.session.actor.cell_id is not None:  # the register is the committee's (the operation refuses too)
            self.button.setEnabled(False)
            self.button.setToolTip(
                "Sổ đảng viên dự bị là sổ chung của đảng ủy; tài khoản chỉ làm việc với một chi bộ không lập được."
            )
        self.preview = PdfPreview(self.ctx.settings)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.preview, 1)

    def build(self) -> None:
        path = self.preview.scratch_file(f"so-dang-vien-du-bi-{dt.datetime.now():%H%M%S%f}.pdf")
        session, settings = self.ctx.session, self.ctx.settings

        def work(progress: Progress) -> int:
            progress(0, 1, "Đang lập sổ đảng viên dự bị...")
            return doc_ops.render_probationary_register(session, path, settings=settings)

        def done(count: int) -> None:
            self.preview.show_file(path, f"Sổ đảng viên dự bị: {count} người", "so-dang-vien-du-bi.pdf")
            self.preview.offer_word(self._save_word)

        run_task(self.ctx.tasks, self, "Lập sổ đảng viên dự bị", work, done)

    def _save_word(self, target: Path) -> None:
        session, settings = self.ctx.session, self.ctx.settings
        run_task(
            self.ctx.tasks,
            self,
            "Lưu thành Word",
            lambda _progress: doc_ops.render_probationary_register(session, target, settings=settings, fmt="docx"),
            lambda count: self.preview.caption.setText(f"Đã ghi tệp Word {target} ({count} người)"),
        )


class DocumentsPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.person = PersonDocuments(ctx)
        self.batch = MeetingBatch(ctx)
        self.register = RegisterView(ctx)
        self.tabs.addTab(self.person, "Hồ sơ từng người")
        self.tabs.addTab(self.batch, "In theo cuộc họp")
        self.tabs.addTab(self.register, "Sổ đảng viên dự bị")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        ctx.changed.connect(self._data_changed)

    def _data_changed(self, what: Changes) -> None:
        if what.any_people or what.documents:
            self.person.refresh()
        if what.cells or what.everything:
            self.batch.reload_cells()


PAGE = PageSpec(order=60, key="documents", title="Văn bản & hồ sơ", factory=DocumentsPage)
