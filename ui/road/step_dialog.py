"""The dialog that records a step of the road, or corrects one already recorded.

It gathers input with the step's form and hands it to ``ops.road.record_step`` or
``correct_step``; a refusal (a blocking rule, a bad date) is listed inside the dialog with
the rule's reasons, and nothing is written.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from commune_app import vn
from commune_app.errors import Refused
from commune_app.ops import people as people_ops
from commune_app.ops import road as road_ops
from ui.context import UiContext
from ui.road.form_dialog import FormDialog
from ui.road.step_forms import FormError, StepForm, form_for
from ui.vn_buttons import SB, button_box


class StepDialog(FormDialog):
    """Record ``kind`` for a person, or correct the recorded ``milestone`` (its kind is kept)."""

    def __init__(
        self,
        ctx: UiContext,
        person_id: int,
        *,
        kind: str | None = None,
        milestone: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if (kind is None) == (milestone is None):
            raise ValueError("give either the kind to record or the milestone to correct")
        self.ctx = ctx
        self.person_id = person_id
        self.milestone = milestone
        self.milestone_id: int | None = None
        self.person = people_ops.get_person(ctx.session, person_id) or {}
        self.setWindowTitle(
            ("Sửa bước đã ghi nhận" if milestone else "Ghi nhận bước") + f" — {self.person.get('full_name', '')}"
        )
        self.resize(640, 680)

        layout = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        self.form: StepForm = form_for(ctx.session, milestone["kind"] if milestone else kind, self.person)
        scroll.setWidget(self.form)
        if milestone:
            self.form.load(milestone)
        self.form.date.setFocus()

        self.reason = QLineEdit()
        if milestone:
            reason_row = QFormLayout()
            reason_row.addRow("Lý do sửa *", self.reason)
            layout.addLayout(reason_row)

        self.errors = QLabel()
        self.errors.setObjectName("stepErrors")
        self.errors.setWordWrap(True)
        self.errors.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errors.setStyleSheet("color: #b71c1c;")
        self.errors.hide()
        layout.addWidget(self.errors)

        self.buttons = button_box(SB.Ok | SB.Cancel, self)
        self.buttons.button(SB.Ok).setText("Lưu sửa đổi" if milestone else "Ghi nhận")
        self.buttons.button(SB.Cancel).setText("Hủy bỏ")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def show_errors(self, messages: list[str]) -> None:
        self.errors.setText("Chưa ghi được:\n" + "\n".join(f"• {m}" for m in messages))
        self.errors.show()

    def submit(self) -> None:
        try:
            values = self.form.values()
        except FormError as exc:
            self.show_errors(exc.messages)
            return
        try:
            if self.milestone:
                reason = vn.nfc(self.reason.text()).strip()
                if not reason:
                    self.show_errors(["Cần ghi lý do sửa (được lưu vào nhật ký)."])
                    return
                road_ops.correct_step(self.ctx.session, int(self.milestone["id"]), values, reason)
                self.milestone_id = int(self.milestone["id"])
            else:
                self.milestone_id = road_ops.record_step(self.ctx.session, self.person_id, self.form.kind, values)
        except Refused as exc:
            self.show_errors(exc.reasons or [str(exc)])
            return
        self.accept()
