"""Ban hành: give one paper its number, on a date the clerk states (the day the standing
committee signed it may be yesterday); the same choice as ``commune-app issue --date``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QWidget

from commune_app import vn
from commune_app.errors import Refused
from commune_app.ops import documents as doc_ops
from ui.kit.form_dialog import FormDialog
from ui.shell.context import UiContext
from ui.widgets.date_field import DateField


class IssueDialog(FormDialog):
    def __init__(self, ctx: UiContext, person_id: int, state: doc_ops.FormState, parent: QWidget | None = None) -> None:
        super().__init__("Ban hành văn bản", parent, ok_text="Cấp số và ban hành")
        self.ctx, self.person_id, self.state = ctx, person_id, state
        self.number = ""
        self.issued_on: dt.date | None = None
        question = QLabel(f"Cấp số cho “{state.title}” ({state.code}).")
        question.setWordWrap(True)
        self.form.addRow(question)
        self.day = DateField()
        self.day.set_date(ctx.session.today)
        self.form.addRow("Ngày ban hành:", self.day)
        note = QLabel("Số văn bản lấy theo thứ tự của cơ quan ban hành trong nhiệm kỳ và không cấp lại.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.form.addRow(note)

    def apply(self) -> None:
        day = self.day.date()
        if day is None:
            raise Refused(self.day.problem() or "Hãy ghi ngày ban hành (dd/mm/yyyy).")
        self.number = doc_ops.issue_document(self.ctx.session, self.person_id, self.state.code, day)
        self.issued_on = day

    def issued_text(self) -> str:
        return f"{self.state.title}: số {self.number}, ngày {vn.format_date(self.issued_on)}."
