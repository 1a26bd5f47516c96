"""Moving one or several people to another cell, with the date and the reason kept in the history."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from commune_app.errors import Refused
from commune_app.ops import cells as cell_ops
from ui.kit.form_dialog import FormDialog
from ui.shell.context import UiContext
from ui.widgets.choice_combo import CellPicker, ChoiceCombo
from ui.widgets.date_field import DateField

COMMON_REASONS = (
    "Chuyển nơi cư trú",
    "Chuyển nơi làm việc",
    "Đảng ủy phân công sinh hoạt ở chi bộ thuận lợi nhất",
    "Sắp xếp lại chi bộ",
)


class MoveDialog(FormDialog):
    def __init__(self, ctx: UiContext, people: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__("Chuyển chi bộ", parent, ok_text="Chuyển", min_width=480)
        self.ctx = ctx
        self.people = people
        self.moved = 0
        names = ", ".join(n for _i, n in people[:6]) + (f" và {len(people) - 6} người khác" if len(people) > 6 else "")
        who = QLabel(f"Chuyển {len(people)} người: {names}")
        who.setWordWrap(True)
        self.body.insertWidget(0, who)
        self.cell = CellPicker(cell_ops.list_cells(ctx.session, active_only=True))
        self.on = DateField()
        self.on.set_date(ctx.session.today)
        self.reason = ChoiceCombo(COMMON_REASONS, editable=True)
        self.reason.setEditText("")
        line = self.reason.lineEdit()
        if line is not None:
            line.setPlaceholderText("Chọn hoặc gõ lý do")
        self.form.addRow("Đến chi bộ:", self.cell)
        self.form.addRow("Từ ngày:", self.on)
        self.form.addRow("Lý do:", self.reason)

    def apply(self) -> None:
        day = self.on.date()
        if day is None:
            raise Refused(self.on.problem() or "Cần ghi ngày chuyển")
        if not self.cell.value():
            raise Refused("Chưa chọn chi bộ")
        self.moved = cell_ops.move_people(
            self.ctx.session, [i for i, _n in self.people], int(self.cell.value()), day, self.reason.currentText()
        )
