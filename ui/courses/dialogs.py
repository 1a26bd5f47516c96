"""Dialogs of the courses page. Each gathers input and hands it to ``commune_app.ops.courses``;
a refusal is shown under the form and the dialog stays open with what was typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from commune_app import vn
from commune_app.domain import courses as course_data
from commune_app.domain.codes import STATUS_LABELS
from commune_app.errors import Refused
from commune_app.ops import cells as cell_ops
from commune_app.ops import courses as course_ops
from commune_app.ops import people as people_ops
from commune_app.ops.people import PeopleFilter
from ui.kit.form_dialog import FormDialog
from ui.kit.tables import keep_titles_whole
from ui.shell.context import UiContext
from ui.widgets.choice_combo import CellPicker, ChoiceCombo
from ui.widgets.date_field import DateField

# --- the course and its schedule ------------------------------------------------------------------

SESSION_HEADERS = ("Ngày (dd/mm/yyyy)", "Buổi", "Nội dung")


class CourseDialog(FormDialog):
    """Open or edit a course: its details and its schedule of sessions."""

    def __init__(self, ctx: UiContext, course_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__("Mở lớp mới" if course_id is None else "Sửa thông tin lớp", parent)
        self.setMinimumSize(820, 640)
        self.ctx = ctx
        self.course_id = course_id
        course: dict[str, Any] = course_ops.get_course(ctx.session, course_id) if course_id else {}
        self.kind = ChoiceCombo(course_data.kinds())
        self.kind.set_value(course.get("kind", "awareness"))
        self.name = QLineEdit(course.get("name") or course_data.kinds()["awareness"])
        self.intake = QLineEdit(course.get("intake", ""))
        self.intake.setPlaceholderText(f"ví dụ: Khóa I năm {ctx.session.today.year}")
        self.organiser = ChoiceCombo(course_ops.organiser_suggestions(ctx.session), editable=True)
        self.organiser.set_value(course.get("organiser", ""))
        self.place = QLineEdit(course.get("place", ""))
        self.start = DateField()
        self.start.set_date(course.get("start_date") or ctx.session.today)
        self.end = DateField()
        self.end.set_date(course.get("end_date"))
        self.end.setPlaceholderText("theo lịch học")
        self.periods = QSpinBox()
        self.periods.setRange(1, 500)
        self.periods.setValue(int(course.get("periods") or 50))
        self.issuer = QLineEdit(course.get("certificate_issuer", ""))
        self.issuer.setPlaceholderText("để trống: đơn vị tổ chức lớp")
        self.notes = QPlainTextEdit(course.get("notes", ""))
        self.notes.setMaximumHeight(50)
        self.kind.currentIndexChanged.connect(self._kind_changed)

        form = QFormLayout()
        form.addRow("Loại lớp:", self.kind)
        form.addRow("Tên lớp:", self.name)
        form.addRow("Khóa/đợt:", self.intake)
        form.addRow("Đơn vị tổ chức:", self.organiser)
        form.addRow("Địa điểm:", self.place)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("từ"))
        dates.addWidget(self.start)
        dates.addWidget(QLabel("đến"))
        dates.addWidget(self.end)
        dates.addWidget(QLabel("Số tiết:"))
        dates.addWidget(self.periods)
        dates.addStretch(1)
        form.addRow("Thời gian:", dates)
        form.addRow("Cấp giấy chứng nhận:", self.issuer)
        form.addRow("Ghi chú:", self.notes)
        self.body.addLayout(form)

        self.sessions = QTableWidget(0, len(SESSION_HEADERS))
        self.sessions.setHorizontalHeaderLabels(SESSION_HEADERS)
        self.sessions.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.sessions.setColumnWidth(0, 130)
        self.sessions.setColumnWidth(1, 80)
        keep_titles_whole(self.sessions)
        tools = QHBoxLayout()
        tools.addWidget(QLabel("Lịch học (mỗi dòng một buổi):"))
        tools.addStretch(1)
        for text, slot in (
            ("Lịch chuẩn theo chương trình", self.fill_default),
            ("Thêm buổi", self.add_session),
            ("Bỏ buổi đang chọn", self.remove_session),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            tools.addWidget(button)
        self.body.addLayout(tools)
        self.body.addWidget(self.sessions, 1)
        for s in course.get("sessions", []):
            self._append(s["date"], s["part"], s["topic"])
        if not course_id:
            self.fill_default()

    def _kind_changed(self) -> None:
        kinds = course_data.kinds()
        if vn.nfc(self.name.text()) in kinds.values():
            self.name.setText(kinds[self.kind.value()])

    def _append(self, date: str | None, part: str, topic: str) -> None:
        row = self.sessions.rowCount()
        self.sessions.insertRow(row)
        self.sessions.setItem(row, 0, QTableWidgetItem(vn.format_date(date) if date else ""))
        combo = QComboBox()
        combo.addItems(["", *course_data.PARTS])
        combo.setCurrentText(part)
        self.sessions.setCellWidget(row, 1, combo)
        self.sessions.setItem(row, 2, QTableWidgetItem(topic))

    def fill_default(self) -> None:
        start = self.start.date()
        if start is None:
            self.error.setText(self.start.problem() or "Nhập ngày khai giảng trước khi tạo lịch chuẩn")
            return
        self.sessions.setRowCount(0)
        for s in course_ops.default_sessions(self.ctx.session, self.kind.value(), start):
            self._append(s["date"], s["part"], s["topic"])
        self.periods.setValue(course_data.programme(self.kind.value()).periods)
        self.end.set_date(None)

    def add_session(self) -> None:
        self._append(None, "Sáng", "")
        self.sessions.setCurrentCell(self.sessions.rowCount() - 1, 0)

    def remove_session(self) -> None:
        row = self.sessions.currentRow()
        if row >= 0:
            self.sessions.removeRow(row)

    def schedule(self) -> list[dict[str, str]]:
        out = []
        for row in range(self.sessions.rowCount()):
            date_item, topic_item = self.sessions.item(row, 0), self.sessions.item(row, 2)
            combo = self.sessions.cellWidget(row, 1)
            out.append(
                {
                    "date": date_item.text() if date_item else "",
                    "part": combo.currentText() if isinstance(combo, QComboBox) else "",
                    "topic": topic_item.text() if topic_item else "",
                }
            )
        return out

    def values(self) -> dict[str, Any]:
        schedule = self.schedule()
        return {
            "kind": self.kind.value(),
            "name": self.name.text(),
            "intake": self.intake.text(),
            "organiser": self.organiser.value(),
            "place": self.place.text(),
            "start_date": self.start.text(),
            "end_date": self.end.text() or (schedule[-1]["date"] if schedule else ""),
            "periods": self.periods.value(),
            "certificate_issuer": self.issuer.text(),
            "notes": self.notes.toPlainText(),
        }

    def apply(self) -> None:
        if self.course_id is None:
            self.course_id = course_ops.create_course(self.ctx.session, self.values(), self.schedule())
        else:
            course_ops.update_course(self.ctx.session, self.course_id, self.values(), self.schedule())


# --- choosing people -------------------------------------------------------------------------------

PICK_HEADERS = ("Họ và tên", "Ngày sinh", "Chi bộ", "Tình trạng", "GCN nhận thức về Đảng")
ROAD = ("source", "candidate")
MEMBERS = ("probationary",)


class PeoplePicker(FormDialog):
    """Search people and tick several; ``chosen`` holds their ids after 'Ghi danh'."""

    LIMIT = 300

    def __init__(self, ctx: UiContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__("Chọn người ghi danh vào lớp", parent, ok_text="Ghi danh")
        self.setMinimumSize(900, 560)
        self.ctx = ctx
        self.statuses = ROAD if kind == "awareness" else MEMBERS
        self.chosen: list[int] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText("Gõ họ tên (không dấu cũng được) để tìm...")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.table = QTableWidget(0, len(PICK_HEADERS))
        self.table.setHorizontalHeaderLabels(PICK_HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 95), (2, 190), (3, 185), (4, 175)):  # 'Quần chúng ưu tú' whole
            self.table.setColumnWidth(column, width)
        self.count = QLabel()
        self.table.itemSelectionChanged.connect(self._count)
        who = "người đang trong diện phát triển" if kind == "awareness" else "đảng viên dự bị"
        self.body.addWidget(QLabel(f"Danh sách {who}; bấm để chọn hoặc bỏ chọn (chọn được nhiều người)."))
        self.body.addWidget(self.search)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.count)
        self.refresh()

    def refresh(self) -> None:
        session = self.ctx.session
        ids = people_ops.search_ids(
            session, PeopleFilter(text=self.search.text(), statuses=self.statuses), limit=self.LIMIT
        )
        rows = people_ops.rows(session, ids)
        self.table.setRowCount(len(ids))
        months = session.rules["course_certificate_valid_months"]
        for r, person_id in enumerate(ids):
            p = rows[person_id]
            certificate = ""
            if p["certificate_on"]:
                expiry = course_data.certificate_expiry(p["certificate_on"], months)
                state = "còn hạn" if expiry and expiry >= session.today else "hết hạn"
                certificate = f"{vn.format_date(p['certificate_on'])} ({state})"
            for c, text in enumerate(
                (
                    p["full_name"],
                    vn.format_date(p["birth_date"]),
                    p["cell"] or "",
                    STATUS_LABELS.get(p["status"], p["status"]),
                    certificate,
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, person_id)
                self.table.setItem(r, c, item)
        self._count()

    def _count(self) -> None:
        n = len(self.selected_ids())
        self.count.setText(f"Đã chọn {n} người." if n else "Chưa chọn ai.")

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [int(self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)) for r in rows]

    def apply(self) -> None:
        self.chosen = self.selected_ids()
        if not self.chosen:
            raise Refused("Chưa chọn người nào")


class NominationDialog(FormDialog):
    """A cell's nomination list: its people on the road without a valid certificate, all ticked."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("Lấy danh sách cử đi học của chi bộ", parent, ok_text="Ghi danh")
        self.setMinimumSize(620, 480)
        self.ctx = ctx
        self.chosen: list[int] = []
        self.cell = CellPicker(cell_ops.list_cells(ctx.session, active_only=True))
        self.cell.currentIndexChanged.connect(self.refresh)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Họ và tên", "Ngày sinh", "Giấy chứng nhận cũ"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.body.addWidget(QLabel("Chi bộ:"))
        self.body.addWidget(self.cell)
        self.body.addWidget(QLabel("Người chưa có giấy chứng nhận còn hiệu lực (bỏ dấu chọn người không cử đi học):"))
        self.body.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        value = self.cell.value()
        people = course_ops.nomination_list(self.ctx.session, int(value)) if value.isdigit() else []
        self.table.setRowCount(len(people))
        for r, p in enumerate(people):
            name = QTableWidgetItem(p["full_name"])
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
            name.setData(Qt.ItemDataRole.UserRole, p["id"])
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, QTableWidgetItem(vn.format_date(p["birth_date"])))
            old = f"cấp {vn.format_date(p['certificate_on'])}, đã hết hạn" if p["certificate_on"] else ""
            self.table.setItem(r, 2, QTableWidgetItem(old))

    def apply(self) -> None:
        self.chosen = [
            int(self.table.item(r, 0).data(Qt.ItemDataRole.UserRole))
            for r in range(self.table.rowCount())
            if self.table.item(r, 0).checkState() == Qt.CheckState.Checked
        ]
        if not self.chosen:
            raise Refused("Chưa chọn người nào")


# --- results, withdrawal, move ----------------------------------------------------------------------


class ResultDialog(FormDialog):
    """One learner's score, grade and certificate."""

    def __init__(self, ctx: UiContext, row: Any, course: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(f"Kết quả học tập: {row.full_name}", parent)
        self.ctx = ctx
        self.row = row
        self.score = QLineEdit("" if row.score is None else f"{row.score:g}".replace(".", ","))
        self.score.setPlaceholderText("thang điểm 10, ví dụ 8,5")
        self.grade = ChoiceCombo({g.code: g.code for g in course_data.grades()}, blank="(theo điểm)")
        self.grade.set_value(row.grade)
        self.number = QLineEdit(row.certificate_no)
        self.date = DateField()
        self.date.set_date(
            row.certificate_on or (course["end_date"] if course["end_date"] <= str(ctx.session.today) else None)
        )
        self.issuer = QLineEdit(row.certificate_issuer or course["certificate_issuer"] or course["organiser"])
        form = QFormLayout()
        attendance = f"{row.present}/{len(row.marks)} buổi có mặt"
        if row.under_threshold:
            attendance += " (dưới mức quy định)"
        form.addRow("Chuyên cần:", QLabel(attendance))
        form.addRow("Điểm bài thu hoạch:", self.score)
        form.addRow("Xếp loại:", self.grade)
        form.addRow("Số giấy chứng nhận:", self.number)
        form.addRow("Ngày cấp:", self.date)
        form.addRow("Nơi cấp:", self.issuer)
        self.body.addLayout(form)
        hint = QLabel("Để trống số giấy chứng nhận nếu chưa cấp. Học viên xếp loại Không đạt không được cấp.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.body.addWidget(hint)

    def apply(self) -> None:
        text = self.score.text().strip().replace(",", ".")
        try:
            score = float(text) if text else None
        except ValueError:
            raise Refused(f"Điểm “{self.score.text()}” không phải là số") from None
        number = self.number.text().strip()
        # The date field is pre-filled with the course's end: it only counts with a number.
        course_ops.set_result(
            self.ctx.session,
            self.row.enrolment_id,
            score=score,
            grade=self.grade.value(),
            certificate_no=number or None,
            certificate_on=(self.date.text() or None) if number else None,
            issuer=self.issuer.text() or None,
        )


class ReasonDialog(FormDialog):
    """Withdraw a learner, or move them to another course of the same kind, with a reason."""

    def __init__(
        self,
        title: str,
        prompt: str,
        action: Callable[[str, int | None], None],
        targets: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent, ok_text="Đồng ý")
        self.action = action
        form = QFormLayout()
        self.target: ChoiceCombo | None = None
        if targets is not None:
            self.target = ChoiceCombo(targets)
            form.addRow("Chuyển sang lớp:", self.target)
        self.reason = QLineEdit()
        form.addRow(prompt, self.reason)
        self.body.addLayout(form)

    def apply(self) -> None:
        target = int(self.target.value()) if self.target is not None and self.target.value() else None
        if self.target is not None and target is None:
            raise Refused("Không có lớp cùng loại để chuyển sang")
        self.action(self.reason.text(), target)


class BatchCertificateDialog(FormDialog):
    """Number the certificates of every eligible learner without one, in list order."""

    def __init__(self, ctx: UiContext, course: dict[str, Any], eligible: int, parent: QWidget | None = None) -> None:
        super().__init__("Cấp số giấy chứng nhận hàng loạt", parent, ok_text="Cấp số")
        self.ctx = ctx
        self.course = course
        self.issued = 0
        self.pattern = QLineEdit(f"##/{course['start_date'][:4]}/GCN")
        self.pattern.setToolTip("Dấu # là chỗ số thứ tự; số dấu # là số chữ số (## → 01, 02...)")
        self.first = QSpinBox()
        self.first.setRange(1, 99999)
        self.date = DateField()
        self.date.set_date(course["end_date"] if course["end_date"] <= ctx.session.today.isoformat() else None)
        self.issuer = QLineEdit(course["certificate_issuer"] or course["organiser"])
        form = QFormLayout()
        form.addRow("Mẫu số:", self.pattern)
        form.addRow("Bắt đầu từ số:", self.first)
        form.addRow("Ngày cấp:", self.date)
        form.addRow("Nơi cấp:", self.issuer)
        self.body.addWidget(
            QLabel(
                f"{eligible} học viên đủ điều kiện chưa có số giấy chứng nhận sẽ được cấp số"
                " theo thứ tự trong danh sách lớp."
            )
        )
        self.body.addLayout(form)

    def apply(self) -> None:
        self.issued = course_ops.issue_certificates(
            self.ctx.session,
            self.course["id"],
            number_pattern=self.pattern.text(),
            first_number=self.first.value(),
            certificate_on=self.date.text(),
            issuer=self.issuer.text() or None,
        )
