"""Moving one or several people to another cell, with the date and the reason kept in the history."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from commune_app.errors import Refused
from commune_app.ops import cells as cell_ops
from ui import vn_buttons
from ui.context import UiContext
from ui.widgets.choice_combo import CellPicker, ChoiceCombo
from ui.widgets.date_field import DateField

COMMON_REASONS = (
    "Chuyển nơi cư trú",
    "Chuyển nơi làm việc",
    "Đảng ủy phân công sinh hoạt ở chi bộ thuận lợi nhất",
    "Sắp xếp lại chi bộ",
)


class MoveDialog(QDialog):
    def __init__(self, ctx: UiContext, people: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.people = people
        self.moved = 0
        self.setWindowTitle("Chuyển chi bộ")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        names = ", ".join(n for _i, n in people[:6]) + (f" và {len(people) - 6} người khác" if len(people) > 6 else "")
        who = QLabel(f"Chuyển {len(people)} người: {names}")
        who.setWordWrap(True)
        layout.addWidget(who)
        form = QFormLayout()
        self.cell = CellPicker(cell_ops.list_cells(ctx.session, active_only=True))
        self.on = DateField()
        self.on.set_date(ctx.session.today)
        self.reason = ChoiceCombo(COMMON_REASONS, editable=True)
        self.reason.setEditText("")
        self.reason.lineEdit().setPlaceholderText("Chọn hoặc gõ lý do")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form.addRow("Đến chi bộ:", self.cell)
        form.addRow("Từ ngày:", self.on)
        form.addRow("Lý do:", self.reason)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = vn_buttons.button_box(vn_buttons.SB.Ok | vn_buttons.SB.Cancel)
        buttons.button(vn_buttons.SB.Ok).setText("Chuyển")
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def apply(self) -> None:
        day = self.on.date()
        if day is None:
            self.error.setText(self.on.problem() or "Cần ghi ngày chuyển")
            return
        if not self.cell.value():
            self.error.setText("Chưa chọn chi bộ")
            return
        try:
            self.moved = cell_ops.move_people(self.ctx.session, [i for i, _n in self.people], int(self.cell.value()),
                                              day, self.reason.currentText())
        except Refused as exc:
            self.error.setText("\n".join(exc.reasons))
            return
        self.ctx.notify("person", 0)
        self.ctx.notify("cell", 0)
        self.accept()
