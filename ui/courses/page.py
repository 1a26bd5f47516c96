"""Khóa bồi dưỡng: the courses, their learners, the attendance grid, results and the printed lists."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commune_app import file_names, vn
from commune_app.changes import Changes
from commune_app.domain import courses as course_data
from commune_app.errors import Refused
from commune_app.ops import courses as course_ops
from ui.courses.attendance_grid import UNDER_COLOUR, AttendanceModel, AttendanceView
from ui.courses.dialogs import (
    BatchCertificateDialog,
    CourseDialog,
    NominationDialog,
    PeoplePicker,
    ReasonDialog,
    ResultDialog,
)
from ui.kit import vn_buttons
from ui.shell import errors
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec
from ui.widgets.date_field import DateField
from ui.widgets.save_dialog import ask_save_path

COURSE_HEADERS = ("Khai giảng", "Lớp", "Khóa/đợt", "Học viên", "Đã cấp GCN")
LEARNER_HEADERS = ("TT", "Họ và tên", "Ngày sinh", "Chi bộ giới thiệu", "Tình trạng", "Ghi chú")
RESULT_HEADERS = ("TT", "Họ và tên", "Có mặt", "Điểm", "Xếp loại", "Đủ ĐK cấp GCN", "Số GCN", "Ngày cấp", "Hết hạn")
SCORE_COLUMN = RESULT_HEADERS.index("Điểm")
SESSION_HEADERS = ("Buổi", "Ngày", "Sáng/Chiều", "Nội dung")
EXPORTS = (
    ("roster", ".xlsx", "Xuất Excel (mẫu E10)...", "Bảng tính Excel (*.xlsx)"),
    ("roster", ".pdf", "In danh sách để ký (PDF)...", "Tệp PDF (*.pdf)"),
    ("convocation", ".pdf", "Thông báo triệu tập (PDF)...", "Tệp PDF (*.pdf)"),
    ("certificates", ".pdf", "Đề nghị cấp GCN (PDF)...", "Tệp PDF (*.pdf)"),
)


def _table(headers: tuple[str, ...], *, multi: bool = False) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection if multi else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    return table


def _fill(table: QTableWidget, rows: list[tuple[Any, list[Any]]]) -> None:
    """Rows of (id kept in UserRole, cell values); numbers stay numbers so a sorted column sorts right."""
    sorting = table.isSortingEnabled()
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, (key, values) in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem()
            item.setData(
                Qt.ItemDataRole.DisplayRole, value if isinstance(value, int) else ("" if value is None else str(value))
            )
            item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)
    table.setSortingEnabled(sorting)


def _selected_keys(table: QTableWidget) -> list[Any]:
    rows = sorted({i.row() for i in table.selectedIndexes()})
    return [table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]


class CoursesPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.course_id: int | None = None
        self.grid_data = None
        # What the account may change (the operations refuse the rest): a viewer nothing; an account
        # restricted to one cell its own learners, not the courses themselves.
        actor = ctx.session.actor
        self._writer = ctx.session.writable
        self._course_writer = self._writer and actor.cell_id is None

        self.year = QSpinBox()
        self.year.setRange(1999, 2100)
        self.year.setSpecialValueText("Tất cả các năm")
        self.year.setValue(ctx.session.today.year)
        self.year.setPrefix("Năm ")
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.courses = _table(COURSE_HEADERS)
        self.courses.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.courses.itemSelectionChanged.connect(self._course_selected)
        self.courses.doubleClicked.connect(lambda _i: self.edit_course())
        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addStretch(1)
        left.addLayout(top)
        left.addWidget(self.courses, 1)
        buttons = QHBoxLayout()
        for text, slot in (
            ("Mở lớp mới...", self.new_course),
            ("Sửa lớp...", self.edit_course),
            ("Xóa lớp...", self.delete_course),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setEnabled(self._course_writer)
            buttons.addWidget(button)
        left.addLayout(buttons)
        left_widget = QWidget()
        left_widget.setLayout(left)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._learners_tab(), "Học viên")
        self.tabs.addTab(self._attendance_tab(), "Điểm danh")
        self.results_tab = self._results_tab()
        self.tabs.addTab(self.results_tab, "Kết quả, giấy chứng nhận")
        self.tabs.addTab(self._schedule_tab(), "Lịch học")
        self._results_stale = False
        self.tabs.currentChanged.connect(self._tab_changed)
        # The papers on two rows under the tabs: on one row they held the window wider than a
        # 1366-pixel screen. The date printed on them; empty: the course's own dates (docs/forms.md).
        exports = QGridLayout()
        self.document_date = DateField()
        self.document_date.setToolTip(
            "Để trống: ngày khai giảng (danh sách đề nghị cấp giấy chứng nhận: ngày bế giảng)"
        )
        date_row = QHBoxLayout()
        date_row.addWidget(QLabel("Ngày văn bản:"))
        date_row.addWidget(self.document_date)
        exports.addLayout(date_row, 0, 0)
        for index, (document, suffix, text, pattern) in enumerate(EXPORTS):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, d=document, s=suffix, p=pattern: self.export(d, s, p))
            exports.addWidget(button, index // 2, 1 + index % 2)
        exports.setColumnStretch(0, 1)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.tabs, 1)
        right.addLayout(exports)
        self.detail = QWidget()
        self.detail.setLayout(right)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left_widget)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([300, 1060])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        ctx.changed.connect(self._on_data_changed)
        self.reload()

    # --- tabs -----------------------------------------------------------------------------------
    def _learners_tab(self) -> QWidget:
        self.learners = _table(LEARNER_HEADERS, multi=True)
        self.learners.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.learners.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.learners.setColumnWidth(3, 200)
        self.learners.doubleClicked.connect(lambda _i: self.open_person(self.learners))
        self.learners.setSortingEnabled(True)  # a click on "Chi bộ giới thiệu" groups the learners by cell
        # Qt's header starts descending: without this the list would open as 5, 4, 3, 2, 1.
        self.learners.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        row = QHBoxLayout()
        for text, slot in (
            ("Thêm học viên...", self.add_people),
            ("Lấy danh sách chi bộ...", self.add_nominations),
            ("Chuyển lớp...", self.move_learner),
            ("Rút tên...", self.withdraw_learner),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setEnabled(self._writer)
            row.addWidget(button)
        row.addStretch(1)
        self.learner_count = QLabel()
        row.addWidget(self.learner_count)
        return _vbox(self.learners, row)

    def _attendance_tab(self) -> QWidget:
        self.grid = AttendanceView()
        self.grid.refused.connect(lambda exc: errors.show_refused(self, exc))
        self.grid.mark_all = self._mark_all_position
        self.all_present = QPushButton("Có mặt tất cả (buổi đang chọn)")
        self.all_present.setToolTip("Đánh dấu cả lớp có mặt ở buổi của ô đang chọn; các ô vắng đã ghi được giữ nguyên")
        self.all_present.clicked.connect(self.mark_all_present)
        self.all_present.setEnabled(self._writer)
        legend = QLabel(
            "Phím: C hoặc 1 = có mặt, P hoặc 2 = vắng có phép, K hoặc 3 = vắng không phép,"
            " Cách = đổi lần lượt, Delete = xóa; nhấn đúp tiêu đề buổi = cả lớp có mặt."
        )
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #444;")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b71c1c;")
        top = QHBoxLayout()
        top.addWidget(self.all_present)
        top.addWidget(legend, 1)
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.warning)
        return widget

    def _results_tab(self) -> QWidget:
        self.results = _table(RESULT_HEADERS)
        # The figures take what they need, the names the rest (eight 100-pixel columns left them '...').
        for column in range(2, len(RESULT_HEADERS)):
            self.results.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.setColumnWidth(0, 40)
        # Scores are typed straight into the "Điểm" column (the grade follows the score);
        # a double click opens the full result with the certificate.
        self.results.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.results.itemChanged.connect(self._score_typed)
        self.results.doubleClicked.connect(lambda _i: self.edit_result())
        row = QHBoxLayout()
        for text, slot, allowed in (
            ("Nhập kết quả...", self.edit_result, self._writer),
            ("Cấp số GCN hàng loạt...", self.issue_certificates, self._course_writer),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setEnabled(allowed)
            row.addWidget(button)
        row.addStretch(1)
        self.result_summary = QLabel()
        row.addWidget(self.result_summary)
        return _vbox(self.results, row)

    def _schedule_tab(self) -> QWidget:
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.schedule = _table(SESSION_HEADERS)
        self.schedule.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.addWidget(self.info)
        layout.addWidget(self.schedule, 1)
        return widget

    # --- loading ----------------------------------------------------------------------------------
    def _on_data_changed(self, what: Changes) -> None:
        # settings: the attendance threshold; marks and scores typed here are on screen already
        if (what.courses or what.any_people or what.cells or what.settings) and self.ctx.initiator is not self:
            self.reload()

    def reload(self) -> None:
        year = self.year.value() if self.year.value() != self.year.minimum() else None
        rows = course_ops.list_courses(self.ctx.session, year)
        keep = self.course_id
        self.courses.blockSignals(True)
        _fill(
            self.courses,
            [
                (r["id"], [vn.format_date(r["start_date"]), r["name"], r["intake"], r["enrolled"], r["certified"]])
                for r in rows
            ],
        )
        self.courses.blockSignals(False)
        ids = [r["id"] for r in rows]
        if keep in ids:
            self.courses.selectRow(ids.index(keep))
        elif ids:
            self.courses.selectRow(0)
        else:
            self.course_id = None
        self.show_course()

    def _course_selected(self) -> None:
        keys = _selected_keys(self.courses)
        self.course_id = int(keys[0]) if keys else None
        self.show_course()

    def show_course(self) -> None:
        self.detail.setEnabled(self.course_id is not None)
        if self.course_id is None:
            self.title.setText("Chưa có lớp nào trong năm này. Bấm “Mở lớp mới...” để bắt đầu.")
            for table in (self.learners, self.results, self.schedule):
                table.setRowCount(0)
            self.grid.setModel(AttendanceModel(_empty_grid(), lambda _m: None))
            return
        grid = course_ops.course_grid(self.ctx.session, self.course_id)
        self.grid_data = grid
        c = grid.course
        own = course_data.own_name(c["name"], c["kind_label"], c["intake"])
        self.title.setText(
            f"{c['kind_label']}{', ' + c['intake'] if c['intake'] else ''}{' — ' + own if own else ''}"
            f" ({vn.format_date(c['start_date'])} – {vn.format_date(c['end_date'])})"
        )
        self._show_learners(grid)
        self._show_grid(grid)
        self._show_results(grid)
        self._show_schedule(grid)

    def _show_learners(self, grid: Any) -> None:
        rows = [
            (r.enrolment_id, [i, r.full_name, vn.format_date(r.birth_date), r.cell_name, "Đang học", ""])
            for i, r in enumerate(grid.rows, start=1)
        ]
        rows += [
            (
                e["id"],
                [
                    "",
                    e["full_name"],
                    vn.format_date(e["birth_date"]),
                    e["cell_name"] or "",
                    course_data.ENROLMENT_STATUS_LABELS[e["status"]],
                    e["status_reason"],
                ],
            )
            for e in grid.left
        ]
        _fill(self.learners, rows)
        by_cell: dict[str, int] = {}
        for r in grid.rows:
            by_cell[r.cell_name or "(không rõ chi bộ)"] = by_cell.get(r.cell_name or "(không rõ chi bộ)", 0) + 1
        self.learner_count.setText(f"{len(grid.rows)} học viên từ {len(by_cell)} chi bộ")
        self.learner_count.setToolTip("\n".join(f"{name}: {n}" for name, n in sorted(by_cell.items())))

    def _show_grid(self, grid: Any) -> None:
        current = self.grid.currentIndex()
        model = AttendanceModel(grid, self._save_marks, self.grid)
        model.marks_saved.connect(self._after_marks)
        self.grid.setModel(model)
        if current.isValid():
            self.grid.setCurrentIndex(model.index(current.row(), current.column()))
        self._update_warning()

    def _show_results(self, grid: Any) -> None:
        self._results_stale = False
        rows = []
        for i, r in enumerate(grid.rows, start=1):
            rows.append(
                (
                    r.enrolment_id,
                    [
                        i,
                        r.full_name,
                        f"{r.present}/{len(grid.sessions)}",
                        vn.score(r.score),
                        r.grade,
                        "Đủ" if r.eligible else ("Chưa đủ" if r.passed is not None else ""),
                        r.certificate_no,
                        vn.format_date(r.certificate_on),
                        vn.format_date(r.expires_on),
                    ],
                )
            )
        self.results.blockSignals(True)
        _fill(self.results, rows)
        for i in range(self.results.rowCount()):
            for c in range(self.results.columnCount()):
                item = self.results.item(i, c)
                if c != SCORE_COLUMN:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.results.blockSignals(False)
        for i, r in enumerate(grid.rows):
            if r.under_threshold:
                for c in range(3):
                    self.results.item(i, c).setBackground(QBrush(UNDER_COLOUR))
        certified = sum(1 for r in grid.rows if r.certificate_no)
        self.result_summary.setText(f"Đủ điều kiện: {sum(1 for r in grid.rows if r.eligible)}; đã cấp GCN: {certified}")

    def _show_schedule(self, grid: Any) -> None:
        c = grid.course
        self.info.setText(
            f"Đơn vị tổ chức: {c['organiser'] or '—'}. Địa điểm: {c['place'] or '—'}. "
            f"Số tiết: {c['periods']}. Cấp giấy chứng nhận: {c['certificate_issuer'] or c['organiser'] or '—'}."
        )
        _fill(self.schedule, [(s.session_id, [s.seq, vn.format_date(s.date), s.part, s.topic]) for s in grid.sessions])

    def _update_warning(self) -> None:
        grid = self.grid.model().grid
        under = [r.full_name for r in grid.rows if r.under_threshold]
        if under:
            self.warning.setText(
                f"{len(under)} học viên dự dưới {grid.threshold * 100:g}% số buổi đã học: " + ", ".join(under)
            )
        else:
            self.warning.setText("")

    # --- attendance -------------------------------------------------------------------------------
    def _save_marks(self, marks: dict[tuple[int, int], str | None]) -> None:
        with self.ctx.acting_as(self):  # a mark per key: the grid shows it, the page does not rebuild
            course_ops.set_marks(self.ctx.session, self.course_id, marks)

    def _after_marks(self) -> None:
        self._update_warning()
        # The results tab shows attendance too; rebuilt when it is next shown, not on every key.
        self._results_stale = True

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.results_tab and self._results_stale:
            self._show_results(self.grid.model().grid)

    def _mark_all_position(self, position: int) -> None:
        model = self.grid.model()
        with self.ctx.acting_as(self):  # the grid shows the marks it asked for
            model.all_present(
                position, lambda session_id: course_ops.mark_all_present(self.ctx.session, self.course_id, session_id)
            )

    def mark_all_present(self) -> None:
        model = self.grid.model()
        index = self.grid.currentIndex()
        if not index.isValid() or not model.is_session(index.column()):
            vn_buttons.inform(self, "Có mặt tất cả", "Hãy chọn một ô trong cột của buổi học cần đánh dấu.")
            return
        try:
            self._mark_all_position(index.column() - model.first_session)
        except Refused as exc:
            errors.show_refused(self, exc)

    # --- actions ----------------------------------------------------------------------------------
    def new_course(self) -> None:
        dialog = CourseDialog(self.ctx, None, self)
        if dialog.exec():
            self.course_id = dialog.course_id
            start_year = int(course_ops.get_course(self.ctx.session, self.course_id)["start_date"][:4])
            if self.year.value() not in (self.year.minimum(), start_year):
                self.year.setValue(start_year)  # reloads, keeping the new course selected
            self.reload()  # the store's notice came while the dialog was open: select the new course

    def edit_course(self) -> None:
        if self.course_id is not None:
            CourseDialog(self.ctx, self.course_id, self).exec()

    def delete_course(self) -> None:
        if self.course_id is None:
            return
        dialog = ReasonDialog(
            "Xóa lớp",
            "Lý do xóa:",
            lambda reason, _t: course_ops.delete_course(self.ctx.session, self.course_id, reason),
            parent=self,
        )
        if dialog.exec():
            self.course_id = None
            self.reload()

    def _kind(self) -> str:
        return self.grid_data.course["kind"] if self.grid_data else "awareness"

    def add_people(self) -> None:
        if self.course_id is None:
            return
        picker = PeoplePicker(self.ctx, self._kind(), self)
        if picker.exec():
            self._enrol(picker.chosen)

    def add_nominations(self) -> None:
        if self.course_id is None:
            return
        dialog = NominationDialog(self.ctx, self)
        if dialog.exec():
            self._enrol(dialog.chosen)

    def _enrol(self, person_ids: list[int]) -> None:
        try:
            ids = course_ops.enrol(self.ctx.session, self.course_id, person_ids)
        except Refused as exc:
            errors.show_refused(self, exc)
            return
        if self.ctx.tasks is not None:
            self.ctx.tasks.message.emit(f"Đã ghi danh {len(ids)} người vào lớp")

    def _selected_learner(self) -> int | None:
        keys = _selected_keys(self.learners)
        if len(keys) != 1:
            vn_buttons.inform(self, "Học viên", "Hãy chọn một học viên trong danh sách.")
            return None
        return int(keys[0])

    def withdraw_learner(self) -> None:
        enrolment = self._selected_learner()
        if enrolment is not None:
            ReasonDialog(
                "Rút tên khỏi lớp",
                "Lý do:",
                lambda reason, _t: course_ops.withdraw(self.ctx.session, enrolment, reason),
                parent=self,
            ).exec()

    def move_learner(self) -> None:
        enrolment = self._selected_learner()
        if enrolment is None:
            return
        targets = {
            str(c["id"]): f"{vn.format_date(c['start_date'])} {c['name']} {c['intake']}".strip()
            for c in course_ops.list_courses(self.ctx.session)
            if c["id"] != self.course_id and c["kind"] == self._kind()
        }
        ReasonDialog(
            "Chuyển sang lớp khác",
            "Lý do:",
            lambda reason, target: course_ops.move(self.ctx.session, enrolment, target, reason),
            targets,
            parent=self,
        ).exec()

    def edit_result(self) -> None:
        keys = _selected_keys(self.results)
        if not keys or self.grid_data is None:
            return
        row = self.grid_data.rows[self.grid_data.row_index(int(keys[0]))]
        ResultDialog(self.ctx, row, self.grid_data.course, self).exec()

    def _score_typed(self, item: QTableWidgetItem) -> None:
        if item.column() != SCORE_COLUMN or self.grid_data is None:
            return
        row = self.grid_data.rows[self.grid_data.row_index(int(item.data(Qt.ItemDataRole.UserRole)))]
        text = item.text().strip().replace(",", ".")
        try:
            score = float(text) if text else None
        except ValueError:
            score = text  # refused below with the Vietnamese reason
        try:
            with self.ctx.acting_as(self):
                course_ops.set_result(
                    self.ctx.session,
                    row.enrolment_id,
                    score=score,
                    grade="",
                    certificate_no=row.certificate_no or None,
                    certificate_on=row.certificate_on,
                    issuer=row.certificate_issuer or None,
                )
        except Refused as exc:
            errors.show_refused(self, exc, "Không ghi được điểm")
        # Rebuild the table after Qt has finished with the edited item, not inside its signal.
        QTimer.singleShot(0, self.reload)

    def issue_certificates(self) -> None:
        if self.grid_data is None:
            return
        waiting = sum(1 for r in self.grid_data.rows if r.eligible and not r.certificate_no)
        if not waiting:
            vn_buttons.inform(
                self,
                "Cấp số giấy chứng nhận",
                "Không có học viên nào đủ điều kiện mà chưa có số"
                " giấy chứng nhận (cần có kết quả đạt và dự đủ số buổi).",
            )
            return
        dialog = BatchCertificateDialog(self.ctx, self.grid_data.course, waiting, self)
        if dialog.exec() and self.ctx.tasks is not None:
            self.ctx.tasks.message.emit(f"Đã cấp số {dialog.issued} giấy chứng nhận")

    def open_person(self, table: QTableWidget) -> None:
        keys = _selected_keys(table)
        if keys and self.grid_data is not None:
            person = next(
                (r.person_id for r in self.grid_data.rows if r.enrolment_id == keys[0]),
                next((e["person_id"] for e in self.grid_data.left if e["id"] == keys[0]), None),
            )
            if person is not None:
                self.ctx.open_person(person)

    def export(self, document: str, suffix: str, pattern: str) -> None:
        if self.course_id is None or self.grid_data is None:
            return
        if self.document_date.problem():
            vn_buttons.warn(self, "Ngày văn bản", self.document_date.problem())
            return
        on = self.document_date.date()
        c = self.grid_data.course
        name = file_names.safe_file_name(f"{course_ops.DOCUMENTS[document]} - {c['intake'] or c['name']}", suffix)
        target = ask_save_path(self, self.ctx.settings, course_ops.DOCUMENTS[document], name, pattern)
        if target is None:
            return
        session, course_id, settings = self.ctx.session, self.course_id, self.ctx.settings
        self.ctx.tasks.run(
            course_ops.DOCUMENTS[document],
            lambda progress: course_ops.export_course(
                session, course_id, target, document=document, on=on, settings=settings, progress=progress
            ),
            lambda written: self.ctx.tasks.message.emit(f"Đã ghi {written}"),
        )


def _vbox(table: QWidget, row: QHBoxLayout) -> QWidget:
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.addWidget(table, 1)
    layout.addLayout(row)
    return widget


def _empty_grid() -> Any:
    from commune_app.domain.courses import CourseGrid

    return CourseGrid(course={}, sessions=[], rows=[])


PAGE = PageSpec(order=50, key="courses", title="Khóa bồi dưỡng", factory=CoursesPage)
