"""Khen thưởng tổ chức đảng: the awards of a cell, or of the commune committee itself, with
recording and withdrawing. The dialog only gathers input and hands it to ``ops.awards``; a
refusal is listed under the form and nothing is written."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.domain.awards import COMMITTEE_LABEL, ORG_AWARD_LEVELS
from commune_app.errors import Refused
from commune_app.ops import awards as award_ops
from commune_app.ops import cells as cell_ops
from ui.kit import vn_buttons
from ui.kit.vn_buttons import ask_reason
from ui.shell.context import UiContext
from ui.widgets.choice_combo import ChoiceCombo
from ui.widgets.date_field import DateField

HEADERS = ("Ngày quyết định", "Hình thức", "Số quyết định", "Cơ quan khen thưởng", "Thành tích, nội dung")


class CellAwardsDialog(QDialog):
    """The awards of the organisation chosen at the top (a cell, or the committee: None)."""

    def __init__(self, ctx: UiContext, cell_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.awards: list[dict[str, Any]] = []
        self.setWindowTitle("Khen thưởng tổ chức đảng")
        self.resize(820, 560)

        self.organisation = QComboBox()
        if ctx.session.actor.cell_id is None:  # a clerk limited to one cell does not keep the committee's
            self.organisation.addItem(f"{COMMITTEE_LABEL} (khen thưởng cho cả đảng bộ)", None)
        for cell in cell_ops.list_cells(ctx.session):
            self.organisation.addItem(cell["name"], cell["id"])
        self.organisation.setCurrentIndex(max(self.organisation.findData(cell_id), 0))
        self.organisation.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_withdrawn = QCheckBox("Hiện cả khen thưởng đã hủy")
        self.show_withdrawn.toggled.connect(lambda _on: self.refresh())
        top = QFormLayout()
        top.addRow("Tổ chức đảng:", self.organisation)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((115, 95, 110, 200)):
            self.table.setColumnWidth(column, width)
        self.withdraw_button = QPushButton("Hủy khen thưởng đã chọn...")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.show_withdrawn)
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.withdraw_button)

        new_box = QGroupBox("Ghi khen thưởng mới")
        form = QFormLayout(new_box)
        self.level = ChoiceCombo(ORG_AWARD_LEVELS)
        self.date = DateField()
        self.doc_number = QLineEdit()
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText("Ví dụ: Ban Thường vụ Tỉnh ủy, Đảng ủy xã")
        self.reason = QLineEdit()
        form.addRow("Hình thức *", self.level)
        form.addRow("Ngày quyết định *", self.date)
        form.addRow("Số quyết định", self.doc_number)
        form.addRow("Cơ quan khen thưởng", self.issuer)
        form.addRow("Thành tích, nội dung", self.reason)
        self.record_button = QPushButton("Ghi khen thưởng")
        self.record_button.clicked.connect(self.record)
        form.addRow("", self.record_button)

        self.errors = QLabel()
        self.errors.setObjectName("awardErrors")
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #b71c1c;")
        self.errors.hide()
        self.status = QLabel()
        self.status.setObjectName("awardStatus")

        close = vn_buttons.button_box(vn_buttons.SB.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(list_buttons)
        layout.addWidget(new_box)
        layout.addWidget(self.errors)
        layout.addWidget(self.status)
        layout.addWidget(close)
        # A viewer (or a file opened read-only) sees the list; the operations would refuse anyway.
        self.can_write = ctx.session.writable
        new_box.setEnabled(self.can_write)
        self.refresh()

    def cell_id(self) -> int | None:
        return self.organisation.currentData()

    def refresh(self) -> None:
        self.awards = award_ops.list_awards(
            self.ctx.session, self.cell_id(), include_withdrawn=self.show_withdrawn.isChecked()
        )
        self.table.setRowCount(len(self.awards))
        for row, award in enumerate(self.awards):
            reason = award["reason"]
            if award["withdrawn_at"]:
                reason = f"Đã hủy: {award['withdrawn_reason']}"
            texts = (
                vn.format_date(award["awarded_on"]),
                ORG_AWARD_LEVELS.get(award["level"], award["level"]),
                award["doc_number"],
                award["issuer"],
                reason,
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if award["withdrawn_at"]:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        live = sum(1 for a in self.awards if not a["withdrawn_at"])
        self.status.setText(f"{self.organisation.currentText()}: {live} khen thưởng đã ghi nhận.")
        self.withdraw_button.setEnabled(self.can_write and bool(self.awards))

    def _show_errors(self, messages: list[str]) -> None:
        self.errors.setText("Chưa ghi được:\n" + "\n".join(f"• {m}" for m in messages))
        self.errors.show()

    def record(self) -> None:
        problem = self.date.problem()
        if problem:
            self._show_errors([problem])
            return
        values = {
            "cell_id": self.cell_id(),
            "level": self.level.currentData(),
            "awarded_on": self.date.text().strip(),
            "doc_number": self.doc_number.text(),
            "issuer": self.issuer.text(),
            "reason": self.reason.text(),
        }
        try:
            award_ops.record_award(self.ctx.session, values)
        except Refused as exc:  # NotAllowed is a Refused too: the reason is shown the same way
            self._show_errors(exc.reasons or [str(exc)])
            return
        self.errors.hide()
        for field in (self.date, self.doc_number, self.reason):
            field.clear()
        self.refresh()

    def selected_award(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.awards[rows[0].row()] if rows and rows[0].row() < len(self.awards) else None

    def withdraw_selected(self) -> None:
        award = self.selected_award()
        if award is None:
            self._show_errors(["Hãy chọn một khen thưởng trong danh sách."])
            return
        if award["withdrawn_at"]:
            self._show_errors(["Khen thưởng này đã được hủy trước đó."])
            return
        what = f"{ORG_AWARD_LEVELS.get(award['level'], '')} ngày {vn.format_date(award['awarded_on'])}"
        reason = ask_reason(self, "Hủy khen thưởng", f"Lý do hủy {what.lower()} (ghi vào nhật ký):")
        if reason is None:
            return
        try:
            award_ops.withdraw_award(self.ctx.session, int(award["id"]), reason)
        except Refused as exc:
            self._show_errors(exc.reasons or [str(exc)])
            return
        self.errors.hide()
        self.refresh()
