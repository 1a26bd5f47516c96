"""The "Quá trình" tab: a person's road as a timeline, the next step with its deadline in
working days, the rule findings (blocking ones stop the step, each naming its rule and its
numbers), and the actions: record the next step or any step, correct or withdraw a wrong entry
(the reason goes to the audit), choose introducers, replace one who left, assign the mentor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.changes import Changes
from commune_app.domain.awards import MEMBER_AWARD_LEVELS, badge_label
from commune_app.domain.codes import STATUS_LABELS
from commune_app.domain.road import REMOVAL_KINDS, STAGE_LABELS, TRANSFER_KINDS
from commune_app.errors import Refused
from commune_app.ops import people as people_ops
from commune_app.ops import road as road_ops
from ui.kit import vn_buttons
from ui.kit.tables import title_width
from ui.kit.vn_buttons import ask_reason
from ui.person import TabSpec
from ui.road.due_text import working_days_text
from ui.road.introducer_picker import MemberPicker
from ui.road.step_dialog import StepDialog
from ui.road.step_forms import kind_title
from ui.shell import errors
from ui.shell.context import UiContext

BLOCKING_COLOUR = QColor("#b71c1c")
WITHDRAWN_COLOUR = QColor("#8a8a8a")
WARNING_COLOUR = QColor("#8d5a00")
# Groups of the "any step" menu, so forty kinds stay findable.
MENU_GROUPS = (
    (
        "Trước khi kết nạp",
        (
            "youth_union_handover",
            "source_listed",
            "helper_review",
            "course_certificate",
            "application",
            "background_declared",
            "pages_sealed",
            "background_certified",
            "youth_union_resolution",
            "trade_union_resolution",
            "opinions_summary",
            "cell_meeting",
            "upper_appraisal",
            "grassroots_resolution",
            "admission_decision",
            "ceremony",
        ),
    ),
    (
        "Dự bị và công nhận chính thức",
        (
            "new_member_course",
            "helper_review",
            "self_review",
            "mentor_assessment",
            "recognition_opinions",
            "recognition_meeting",
            "recognition_appraisal",
            "recognition_grassroots",
            "recognition_decision",
            "party_card",
        ),
    ),
    ("Khen thưởng, Huy hiệu Đảng", ("award", "party_badge")),
    ("Chuyển sinh hoạt, ra khỏi Đảng", ("transfer_out", "transfer_in", "removal", "restoration", "death")),
)


def confirm_reinstate(parent: QWidget, text: str) -> bool:
    """Whether the clerk confirms reinstating a withdrawn step (tests replace this)."""
    return (
        vn_buttons.ask(parent, "Khôi phục bước đã hủy", text, [("yes", "Khôi phục"), ("no", "Không khôi phục")], "no")
        == "yes"
    )


def _as_date(value: Any) -> dt.date | None:
    if not value:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def entry_note(details: dict[str, Any]) -> str:
    """The few facts of a step worth reading in the timeline: votes, derived dates, units."""
    parts: list[str] = []
    if details.get("official_total") and "votes_for" in details:
        verdict = "Đạt" if details.get("passed") else "Không đạt"
        parts.append(f"Tán thành {details['votes_for']}/{details['official_total']} — {verdict}")
    elif details.get("passed") is False:
        parts.append("Không đạt")
    if details.get("counts_note"):  # the clerk's reason for counts other than the cell's records
        parts.append(f"Số đảng viên điều chỉnh: {details['counts_note']}")
    if details.get("received_on"):
        parts.append(f"Chi bộ nhận quyết định ngày {vn.format_date(details['received_on'])}")
    if details.get("place"):
        parts.append(f"Tại {details['place']}")
    if details.get("probation_end"):
        parts.append(f"Hết dự bị ngày {vn.format_date(details['probation_end'])}")
    if details.get("official_on"):
        parts.append(f"Chính thức từ ngày {vn.format_date(details['official_on'])}")
    if details.get("transfer_kind"):
        units = " → ".join(u for u in (details.get("from_unit"), details.get("to_unit")) if u)
        parts.append(TRANSFER_KINDS.get(details["transfer_kind"], "") + (f": {units}" if units else ""))
    if details.get("scope") == "other_province":
        parts.append("tỉnh, thành phố khác")
    if details.get("irregular"):
        parts.append("chuyển chưa đúng quy định")
    if details.get("forged"):
        parts.append("phát hiện giả mạo")
    if details.get("removal_kind"):
        parts.append(
            REMOVAL_KINDS.get(details["removal_kind"], "") + (f": {details['reason']}" if details.get("reason") else "")
        )
    if details.get("level") in MEMBER_AWARD_LEVELS:
        parts.append(
            MEMBER_AWARD_LEVELS[details["level"]] + (f": {details['reason']}" if details.get("reason") else "")
        )
    if details.get("years"):
        parts.append(badge_label(details["years"]))
    if details.get("period"):  # the helper's periodic review
        parts.append(" — ".join(str(details[k]) for k in ("period", "reviewer") if details.get(k)))
    if details.get("youth_org"):  # the Youth Union's hand-over list
        parts.append(" ".join(str(details[k]) for k in ("youth_org", "list_ref") if details.get(k)))
    if details.get("warnings"):
        parts.append("có lưu ý khi ghi nhận (rê chuột để xem)")
    return "; ".join(p for p in parts if p)


def entry_tooltip(details: dict[str, Any]) -> str:
    """The note in full with the warnings the rules gave when the step was recorded."""
    warnings = [w.get("message", "") for w in details.get("warnings") or []]
    return "\n".join(["Lưu ý khi ghi nhận:", *warnings]) if warnings else ""


class RoadTab(QWidget):
    def __init__(self, ctx: UiContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.view: Any = None
        layout = QVBoxLayout(self)

        self.status = QLabel()
        self.status.setObjectName("roadStatus")
        self.status.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.status)

        next_box = QGroupBox("Bước tiếp theo")
        next_layout = QHBoxLayout(next_box)
        self.next_label = QLabel()
        self.next_label.setObjectName("nextStep")
        self.next_label.setWordWrap(True)
        self.next_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        next_layout.addWidget(self.next_label, 1)
        self.next_button = QPushButton("Ghi nhận bước này...")
        self.next_button.clicked.connect(self.record_next)
        next_layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(next_box)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter, 1)
        timeline_box = QGroupBox("Quá trình")
        timeline_layout = QVBoxLayout(timeline_box)
        self.timeline = QTableWidget(0, 5)
        self.timeline.setHorizontalHeaderLabels(["Ngày", "Bước", "Số văn bản", "Nơi ban hành, người ký", "Ghi chú"])
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setWordWrap(True)
        self.timeline.verticalHeader().hide()
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # narrow enough that Ghi chú (votes, probation end, places) stays in view at the window's size
        self.timeline.setColumnWidth(1, 200)
        self.timeline.setColumnWidth(3, max(150, title_width(header, 3)))
        self.timeline.itemSelectionChanged.connect(self._update_buttons)
        self.timeline.cellDoubleClicked.connect(lambda *_: self.correct_selected())
        timeline_layout.addWidget(self.timeline)
        self.show_withdrawn = QCheckBox("Hiện cả bước đã hủy")
        self.show_withdrawn.toggled.connect(lambda _on: self.refresh())
        timeline_layout.addWidget(self.show_withdrawn)
        splitter.addWidget(timeline_box)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        findings_box = QGroupBox("Kiểm tra theo quy định")
        findings_layout = QVBoxLayout(findings_box)
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.findings.setObjectName("findings")
        findings_layout.addWidget(self.findings)
        side_layout.addWidget(findings_box, 3)
        deadlines_box = QGroupBox("Các thời hạn")
        deadlines_layout = QVBoxLayout(deadlines_box)
        self.deadlines = QListWidget()
        self.deadlines.setWordWrap(True)
        deadlines_layout.addWidget(self.deadlines)
        side_layout.addWidget(deadlines_box, 2)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)

        buttons = QHBoxLayout()
        self.any_button = QPushButton("Ghi nhận bước khác")
        self.any_button.setMenu(self._any_step_menu())
        self.correct_button = QPushButton("Sửa bước đã chọn...")
        self.correct_button.clicked.connect(self.correct_selected)
        self.withdraw_button = QPushButton("Hủy bước đã chọn...")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.reinstate_button = QPushButton("Khôi phục bước")
        self.reinstate_button.setToolTip("Khôi phục bước đã hủy đang chọn (đánh dấu “Hiện cả bước đã hủy” để thấy)")
        self.reinstate_button.clicked.connect(self.reinstate_selected)
        self.introducer_button = QPushButton("Người giới thiệu...")
        self.introducer_button.clicked.connect(lambda: self.pick("introducer"))
        self.replace_button = QPushButton("Thay người giới thiệu...")
        self.replace_button.clicked.connect(lambda: self.pick("introducer", replace=True))
        self.mentor_button = QPushButton("Đảng viên giúp đỡ...")
        self.mentor_button.clicked.connect(self.pick_helper_or_mentor)
        self.end_link_button = QPushButton("Kết thúc phân công...")
        self.end_link_button.clicked.connect(self.end_selected_link)
        for button in (
            self.any_button,
            self.correct_button,
            self.withdraw_button,
            self.reinstate_button,
            self.introducer_button,
            self.replace_button,
            self.mentor_button,
            self.end_link_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        ctx.changed.connect(self._data_changed)
        self.refresh()

    # --- showing ------------------------------------------------------------------------

    def _data_changed(self, what: Changes) -> None:
        if what.person(self.person_id) or what.cells:
            self.refresh()

    def refresh(self) -> None:
        session = self.ctx.session
        person = people_ops.get_person(session, self.person_id) or {}
        self.person = person
        self.view = road_ops.road_view(session, self.person_id, include_withdrawn=self.show_withdrawn.isChecked())
        status = STATUS_LABELS.get(person.get("status", ""), person.get("status", ""))
        stage = STAGE_LABELS.get(person.get("stage", ""), "")
        self.status.setText(f"Tình trạng: {status}" + (f" — {stage}" if stage and stage != status else ""))
        self._show_timeline()
        self._show_next_step()
        self._show_findings()
        self._show_deadlines()
        self._update_buttons()

    def _show_timeline(self) -> None:
        entries = self.view.entries
        self.timeline.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            note = entry_note(entry.details or {})
            if entry.withdrawn_at:
                note = f"Đã hủy: {entry.withdrawn_reason or '(không ghi lý do)'}"
            texts = [vn.format_date(entry.date), entry.label, entry.doc_number or "", entry.issuer or "", note]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                if column == 4 and not entry.withdrawn_at and entry_tooltip(entry.details or {}):
                    item.setToolTip(entry_tooltip(entry.details or {}))
                elif text and column in (1, 3, 4):
                    item.setToolTip(text)
                if entry.withdrawn_at:  # greyed: kept for the record, not part of the road
                    item.setForeground(QBrush(WITHDRAWN_COLOUR))
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)
                self.timeline.setItem(row, column, item)
        self.timeline.resizeRowsToContents()
        if entries:
            self.timeline.scrollToBottom()

    def _show_next_step(self) -> None:
        step = self.view.next_step
        if step is None:
            self.next_label.setText("Không có bước nào cần làm tiếp.")
            self.next_button.hide()
            return
        lines = [f"<b>{step.label}</b>"]
        if step.due:
            due = _as_date(step.due)
            text = f"Hạn: {vn.format_date(due)} — {working_days_text(self.ctx.session, due)}"
            if due < self.ctx.session.today:
                text = f"<span style='color:{BLOCKING_COLOUR.name()}'>{text}</span>"
            lines.append(text)
        blocking = [f for f in step.findings if f.blocking]
        if blocking:
            lines.append(
                f"<span style='color:{BLOCKING_COLOUR.name()}'>Còn {len(blocking)} điều kiện chưa đạt"
                " theo quy định (xem mục Kiểm tra theo quy định).</span>"
            )
        self.next_label.setText("<br>".join(lines))
        self.next_button.show()

    def _show_findings(self) -> None:
        self.findings.clear()
        style = self.style()
        findings = sorted(self.view.findings, key=lambda f: (not f.blocking, f.code))
        if not findings:
            item = QListWidgetItem(
                style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton), "Không có vấn đề nào theo quy định."
            )
            self.findings.addItem(item)
            return
        for finding in findings:
            icon = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if finding.blocking
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            severity = "Chặn" if finding.blocking else "Lưu ý"
            item = QListWidgetItem(style.standardIcon(icon), f"{severity}: {finding.message}")
            item.setForeground(QBrush(BLOCKING_COLOUR if finding.blocking else WARNING_COLOUR))
            # The rule code stays in the item's data (help page, logs); the clerk reads only Vietnamese.
            item.setToolTip(f"Căn cứ: {finding.source}" if finding.source else "")
            item.setData(Qt.ItemDataRole.UserRole, finding.code)
            self.findings.addItem(item)

    def _show_deadlines(self) -> None:
        self.deadlines.clear()
        for deadline in self.view.deadlines:
            due = _as_date(deadline.due)
            # a date that has simply passed (the end of probation) is not late: no "quá hạn"
            passed = due < self.ctx.session.today and not deadline.overdue
            when = "đã qua" if passed else working_days_text(self.ctx.session, due)
            item = QListWidgetItem(f"{vn.format_date(due)}: {deadline.label} ({when})")
            if deadline.overdue:
                item.setForeground(QBrush(BLOCKING_COLOUR))
            self.deadlines.addItem(item)
        if not self.view.deadlines:
            self.deadlines.addItem("Không có thời hạn nào đang chạy.")

    def selected_entry(self) -> Any | None:
        rows = {i.row() for i in self.timeline.selectedItems()}
        if not rows:
            return None
        return self.view.entries[rows.pop()]

    def _update_buttons(self) -> None:
        session = self.ctx.session
        # A viewer account or a read-only file sees the road but changes nothing.
        writable = session.writable
        entry = self.selected_entry()
        is_step = writable and entry is not None and entry.milestone_id is not None
        withdrawn = is_step and bool(entry.withdrawn_at)
        self.correct_button.setEnabled(is_step and not withdrawn)
        self.withdraw_button.setEnabled(is_step and not withdrawn)
        self.reinstate_button.setEnabled(withdrawn)
        self.end_link_button.setEnabled(
            writable and entry is not None and entry.link_id is not None and entry.link_id not in self._ended_links()
        )
        status = self.person.get("status")
        on_road = status in ("source", "candidate")
        # Introducers matter until the cell has voted; afterwards they are part of the record.
        before_meeting = writable and on_road and self.person.get("stage") != "cell_approved"
        self.introducer_button.setEnabled(before_meeting)
        self.replace_button.setEnabled(before_meeting and bool(self.current_links("introducer")))
        self.mentor_button.setText("Đảng viên giúp đỡ dự bị..." if status == "probationary" else "Đảng viên giúp đỡ...")
        self.mentor_button.setEnabled(writable and (on_road or status == "probationary"))
        self.any_button.setEnabled(writable)
        self.next_button.setEnabled(writable)

    def _any_step_menu(self) -> QMenu:
        menu = QMenu(self)
        for title, codes in MENU_GROUPS:
            section = menu.addMenu(title)
            for code in codes:
                action = section.addAction(kind_title(code))
                action.triggered.connect(lambda _=False, c=code: self.record(c))
        return menu

    # --- actions ------------------------------------------------------------------------

    def record(self, kind: str) -> bool:
        dialog = StepDialog(self.ctx, self.person_id, kind=kind, parent=self)
        return dialog.exec() == StepDialog.DialogCode.Accepted

    def record_next(self) -> None:
        step = self.view.next_step if self.view else None
        if step is not None:
            self.record(step.kind)

    def milestone_of(self, entry: Any) -> dict[str, Any]:
        return {
            "id": entry.milestone_id,
            "kind": entry.kind,
            "date": str(entry.date)[:10],
            "doc_number": entry.doc_number,
            "issuer": entry.issuer,
            "details": entry.details,
        }

    def correct_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.milestone_id is None or entry.withdrawn_at:
            return
        StepDialog(self.ctx, self.person_id, milestone=self.milestone_of(entry), parent=self).exec()

    def withdraw_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.milestone_id is None or entry.withdrawn_at:
            return
        reason = ask_reason(
            self,
            "Hủy bước đã ghi nhận",
            f"Hủy “{entry.label}” ngày {vn.format_date(entry.date)}.\nLý do hủy (lưu vào nhật ký):",
        )
        if reason is None:
            return
        if not reason:
            vn_buttons.warn(self, "Chưa hủy", "Cần ghi lý do hủy.")
            return
        try:
            road_ops.withdraw_step(self.ctx.session, entry.milestone_id, reason)
        except Refused as exc:
            errors.show_refused(self, exc, "Chưa hủy được")
            return

    def reinstate_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.milestone_id is None or not entry.withdrawn_at:
            return
        text = (
            f"Khôi phục “{entry.label}” ngày {vn.format_date(entry.date)}?\n"
            f"Bước này đã bị hủy với lý do: {entry.withdrawn_reason or '(không ghi lý do)'}."
        )
        if not confirm_reinstate(self, text):
            return
        try:
            road_ops.reinstate_step(self.ctx.session, entry.milestone_id)
        except Refused as exc:
            errors.show_refused(self, exc, "Chưa khôi phục được")
            return

    def _ended_links(self) -> set[int]:
        return {e.link_id for e in self.view.entries if e.link_id is not None and e.kind.endswith("_end")}

    def current_links(self, role: str) -> list[dict[str, Any]]:
        """The person's running links of ``role`` (for replacing one), from the timeline."""
        ended = self._ended_links()
        return [
            {"id": e.link_id, "label": e.label, "assigned_on": e.date}
            for e in self.view.entries
            if e.kind == f"link_{role}" and e.link_id not in ended
        ]

    def pick(self, role: str, *, replace: bool = False) -> bool:
        replace_links = self.current_links(role) if replace else None
        if replace and not replace_links:
            return False
        picker = MemberPicker(
            self.ctx,
            self.person_id,
            role=role,
            replace_links=replace_links,
            variant=self._default_variant(),
            on_date=self._eligibility_date(),
            assigned=len(self.current_links("introducer")),
            parent=self,
        )
        return picker.exec() == MemberPicker.DialogCode.Accepted

    def pick_helper_or_mentor(self) -> None:
        if self.person.get("status") == "probationary":
            self.pick("mentor", replace=bool(self.current_links("mentor")))
        else:
            self.pick("helper")

    def _default_variant(self) -> str:
        if self.person.get("youth_union"):
            return "youth_union"
        if self.person.get("trade_union"):
            return "trade_union"
        return "members"

    def _eligibility_date(self) -> dt.date:
        planned = _as_date(self.person.get("planned_meeting_on"))
        return planned if planned and planned > self.ctx.session.today else self.ctx.session.today

    def end_selected_link(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.link_id is None:
            return
        reason = ask_reason(self, "Kết thúc phân công", f"Kết thúc “{entry.label}”.\nLý do (lưu vào nhật ký):")
        if not reason:
            return
        try:
            road_ops.end_link(self.ctx.session, entry.link_id, self.ctx.session.today, reason)
        except Refused as exc:
            errors.show_refused(self, exc, "Chưa kết thúc được")
            return


def _factory(ctx: UiContext, person_id: int | None) -> QWidget:
    assert person_id is not None, "the road tab is added once the person is saved"
    return RoadTab(ctx, person_id)


TAB = TabSpec(order=20, key="road", title="Quá trình", factory=_factory)
