"""The dialog that records a step of the road, or corrects one already recorded.

It gathers input with the step's form and hands it to ``ops.road.record_step`` or
``correct_step``; a refusal (a blocking rule, a bad date) is listed inside the dialog with
the rule's reasons, and nothing is written.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLineEdit, QScrollArea, QWidget

from commune_app import vn
from commune_app.errors import Refused
from commune_app.ops import people as people_ops
from commune_app.ops import road as road_ops
from ui.kit.form_dialog import FormDialog
from ui.road.step_forms import FormError, StepForm, form_for
from ui.shell.context import UiContext

WIDTH, MIN_HEIGHT, MAX_HEIGHT = 640, 260, 900


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
        if (kind is None) == (milestone is None):
            raise ValueError("give either the kind to record or the milestone to correct")
        person = people_ops.get_person(ctx.session, person_id) or {}
        title = ("Sửa bước đã ghi nhận" if milestone else "Ghi nhận bước") + f" — {person.get('full_name', '')}"
        super().__init__(title, parent, ok_text="Lưu sửa đổi" if milestone else "Ghi nhận", min_width=600)
        self.ctx = ctx
        self.person_id = person_id
        self.milestone = milestone
        self.milestone_id: int | None = None
        self.person = person

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.body.addWidget(scroll, 1)
        step_kind = str(milestone["kind"]) if milestone else str(kind)
        self.step_form: StepForm = form_for(ctx.session, step_kind, self.person)
        scroll.setWidget(self.step_form)
        if milestone:
            self.step_form.load(milestone)
        self.step_form.date.setFocus()

        self.reason = QLineEdit()
        if milestone:
            reason_row = QFormLayout()
            reason_row.addRow("Lý do sửa *", self.reason)
            self.body.addLayout(reason_row)
        self._fit(scroll)

    def _fit(self, scroll: QScrollArea) -> None:
        """As big as the step's own fields (a one-date step needs no 680 px of empty form), up to
        most of the screen: a long step (a cell meeting's votes) scrolls inside the dialog, up and
        down only where the screen is wide enough (room is kept for that scroll bar, so a table of
        opinions is not cut at the side)."""
        screen = self.screen().availableGeometry()
        hint, frame = self.step_form.sizeHint(), 2 * scroll.frameWidth()
        bar = scroll.verticalScrollBar().sizeHint().width()
        outer = self.layout()
        sides = outer.contentsMargins().left() + outer.contentsMargins().right() if outer is not None else 0
        wide = sides + hint.width() + frame + bar
        tall = self.sizeHint().height() - scroll.sizeHint().height() + hint.height() + frame
        width = max(WIDTH, min(wide, int(screen.width() * 0.9)))
        if width < wide:  # a small screen: the side scroll bar takes its height from the form
            tall += scroll.horizontalScrollBar().sizeHint().height()
        self.resize(width, max(MIN_HEIGHT, min(tall, MAX_HEIGHT, int(screen.height() * 0.85))))

    def apply(self) -> None:
        """The step's form, then its operation; either one's reasons are shown in the error line."""
        try:
            values = self.step_form.values()
        except FormError as exc:
            raise Refused(*exc.messages) from exc
        if self.milestone:
            reason = vn.nfc(self.reason.text()).strip()
            if not reason:
                raise Refused("Cần ghi lý do sửa (được lưu vào nhật ký).")
            road_ops.correct_step(self.ctx.session, int(self.milestone["id"]), values, reason)
            self.milestone_id = int(self.milestone["id"])
        else:
            self.milestone_id = road_ops.record_step(self.ctx.session, self.person_id, self.step_form.kind, values)
