"""Dialogs of the cells page: a cell's details, and its targets for a year. They gather input
and hand it to ``ops.cells``; a refusal is shown under the form and the dialog stays open."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSpinBox, QWidget

from commune_app.domain import codes
from commune_app.ops import cells as cell_ops
from ui.kit.form_dialog import FormDialog
from ui.shell.context import UiContext
from ui.widgets.choice_combo import ChoiceCombo


class CellDialog(FormDialog):
    def __init__(self, ctx: UiContext, cell_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__("Thêm chi bộ" if cell_id is None else "Sửa thông tin chi bộ", parent)
        self.ctx = ctx
        self.cell_id = cell_id
        cell: dict[str, Any] = cell_ops.get_cell(ctx.session, cell_id) if cell_id else {}
        members = {str(m["id"]): m["full_name"] for m in cell_ops.cell_members(ctx.session, cell_id)} if cell_id else {}
        self.name = QLineEdit(cell.get("name", ""))
        self.kind = ChoiceCombo(codes.CELL_KINDS)
        self.kind.set_value(cell.get("kind", "village"))
        self.routing = ChoiceCombo(codes.ROUTINGS)
        self.routing.set_value(cell.get("routing", "chi_bo_co_so"))
        self.parent_org = QLineEdit(cell.get("parent_org", ""))
        self.parent_org.setPlaceholderText("chỉ ghi khi chi bộ trực thuộc một đảng bộ cơ sở")
        self.short_code = QLineEdit(cell.get("short_code", "CB"))
        self.secretary = ChoiceCombo(members, blank="(chưa có)")
        self.secretary.set_value(str(cell.get("secretary_id") or ""))
        self.deputy = ChoiceCombo(members, blank="(chưa có)")
        self.deputy.set_value(str(cell.get("deputy_secretary_id") or ""))
        self.has_sub_committee = QCheckBox("Có chi ủy")
        self.has_sub_committee.setChecked(bool(cell.get("has_sub_committee", 0)))
        self.display_order = QSpinBox()
        self.display_order.setRange(0, 999)
        self.display_order.setValue(int(cell.get("display_order", 0)))
        self.active = QCheckBox("Đang hoạt động")
        self.active.setChecked(bool(cell.get("active", 1)))
        self.notes = QLineEdit(cell.get("notes", ""))
        for label, widget in (
            ("Tên chi bộ *:", self.name),
            ("Loại chi bộ:", self.kind),
            ("Trực thuộc:", self.routing),
            ("Đảng bộ cơ sở cấp trên:", self.parent_org),
            ("Ký hiệu trên văn bản:", self.short_code),
            ("Bí thư:", self.secretary),
            ("Phó bí thư:", self.deputy),
            ("", self.has_sub_committee),
            ("Thứ tự trong danh sách:", self.display_order),
            ("", self.active),
            ("Ghi chú:", self.notes),
        ):
            self.form.addRow(label, widget)
        if cell_id is None:
            hint = QLabel("Bí thư, phó bí thư chọn được sau khi đã có đảng viên sinh hoạt ở chi bộ.")
            hint.setWordWrap(True)
            self.form.addRow("", hint)
            self.secretary.setEnabled(False)
            self.deputy.setEnabled(False)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "name": self.name.text(),
            "kind": self.kind.value(),
            "routing": self.routing.value(),
            "parent_org": self.parent_org.text(),
            "short_code": self.short_code.text(),
            "has_sub_committee": self.has_sub_committee.isChecked(),
            "display_order": self.display_order.value(),
            "active": self.active.isChecked(),
            "notes": self.notes.text(),
        }
        if self.cell_id is not None:
            values["secretary_id"] = int(self.secretary.value()) if self.secretary.value() else None
            values["deputy_secretary_id"] = int(self.deputy.value()) if self.deputy.value() else None
        return values

    def apply(self) -> None:
        self.cell_id = cell_ops.save_cell(self.ctx.session, self.values(), self.cell_id)


class TargetDialog(FormDialog):
    def __init__(
        self, ctx: UiContext, cell_id: int, cell_name: str, year: int, admission: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Chỉ tiêu năm {year}", parent)
        self.ctx = ctx
        self.cell_id = cell_id
        self.year = year
        self.form.addRow("Chi bộ:", QLabel(cell_name))
        self.admission = QSpinBox()
        self.admission.setRange(0, 999)
        self.admission.setValue(admission)
        self.admission.setSuffix(" người")
        self.form.addRow(f"Chỉ tiêu kết nạp năm {year}:", self.admission)

    def apply(self) -> None:
        cell_ops.set_target(self.ctx.session, self.cell_id, self.year, self.admission.value())
