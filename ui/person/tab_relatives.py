"""The "Người thân" tab: the relatives the lý lịch declares and the verification of each
(where the request went, when, the result or the exemption), with the ones still waiting for a
verification result marked, as the VERIFY-COMPLETE rule sees them."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.changes import Changes
from commune_app.domain.codes import RELATIONS
from commune_app.errors import Refused
from commune_app.ops import road_relatives
from ui.kit import vn_buttons
from ui.kit.form_dialog import FormDialog
from ui.person import TabSpec
from ui.shell import errors
from ui.shell.context import UiContext
from ui.widgets.date_field import DateField

WAITING = QColor("#b71c1c")
COLUMNS = ["Quan hệ", "Họ và tên", "Năm sinh", "Nơi ở", "Nghề nghiệp", "Đảng viên", "Thẩm tra lý lịch"]


def verification_text(row: road_relatives.RelativeRow) -> str:
    relative = row.relative
    if relative.get("verify_result"):
        replied = vn.format_date(relative.get("verify_replied_on"))
        return f"Đã có kết quả{f' ngày {replied}' if replied else ''}: {relative['verify_result']}"
    if relative.get("exempt_reason"):
        return f"Miễn thẩm tra: {relative['exempt_reason']}"
    if row.needs_verification:
        sent = vn.format_date(relative.get("verify_sent_on"))
        return f"Chưa có kết quả (đã gửi đề nghị ngày {sent})" if sent else "Chưa có kết quả thẩm tra"
    return "Không phải thẩm tra"


class RelativeDialog(FormDialog):
    """Add or edit one relative; saving goes through ops.road_relatives."""

    def __init__(
        self, ctx: UiContext, person_id: int, relative: dict[str, Any] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Sửa người thân" if relative else "Thêm người thân", parent)
        self.ctx = ctx
        self.person_id = person_id
        self.relative_id = relative["id"] if relative else None
        self.resize(560, 560)
        form = self.form
        self.relation = QComboBox()
        self.relation.setEditable(True)
        self.relation.addItems(RELATIONS)
        self.full_name = QLineEdit()
        self.birth_year = QLineEdit()
        self.birth_year.setMaxLength(4)
        self.birth_year.setMaximumWidth(80)
        self.residence = QLineEdit()
        self.occupation = QLineEdit()
        self.is_party_member = QCheckBox("Là đảng viên")
        self.political_notes = QPlainTextEdit()
        self.political_notes.setTabChangesFocus(True)
        self.political_notes.setFixedHeight(50)
        self.political_issue = QCheckBox("Có vấn đề về chính trị cần xem xét")
        self.verify_place = QLineEdit()
        self.verify_sent_on = DateField()
        self.verify_replied_on = DateField()
        self.verify_result = QLineEdit()
        self.exempt_reason = QLineEdit()
        for label, widget in (
            ("Quan hệ *", self.relation),
            ("Họ và tên *", self.full_name),
            ("Năm sinh", self.birth_year),
            ("Nơi ở hiện nay", self.residence),
            ("Nghề nghiệp", self.occupation),
            ("", self.is_party_member),
            ("Lịch sử chính trị, ghi chú", self.political_notes),
            ("", self.political_issue),
            ("Nơi đề nghị thẩm tra", self.verify_place),
            ("Ngày gửi đề nghị thẩm tra", self.verify_sent_on),
            ("Ngày nhận kết quả", self.verify_replied_on),
            ("Kết quả thẩm tra", self.verify_result),
            ("Lý do miễn thẩm tra", self.exempt_reason),
        ):
            form.addRow(label, widget)
        if relative:
            self.load(relative)
        self.full_name.setFocus()

    def load(self, relative: dict[str, Any]) -> None:
        self.relation.setCurrentText(relative.get("relation") or "")
        for key in ("full_name", "residence", "occupation", "verify_place", "verify_result", "exempt_reason"):
            getattr(self, key).setText(relative.get(key) or "")
        self.birth_year.setText(str(relative.get("birth_year") or ""))
        self.is_party_member.setChecked(bool(relative.get("is_party_member")))
        self.political_issue.setChecked(bool(relative.get("political_issue")))
        self.political_notes.setPlainText(relative.get("political_notes") or "")
        self.verify_sent_on.set_date(relative.get("verify_sent_on"))
        self.verify_replied_on.set_date(relative.get("verify_replied_on"))

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            key: getattr(self, key).text()
            for key in (
                "full_name",
                "birth_year",
                "residence",
                "occupation",
                "verify_place",
                "verify_result",
                "exempt_reason",
                "verify_sent_on",
                "verify_replied_on",
            )
        }
        values["relation"] = self.relation.currentText()
        values["political_notes"] = self.political_notes.toPlainText()
        values["is_party_member"] = self.is_party_member.isChecked()
        values["political_issue"] = self.political_issue.isChecked()
        return values

    def apply(self) -> None:
        self.relative_id = road_relatives.save_relative(
            self.ctx.session, self.person_id, self.values(), self.relative_id
        )


class RelativesTab(QWidget):
    def __init__(self, ctx: UiContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.rows: list[road_relatives.RelativeRow] = []
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(lambda *_: self.edit_selected())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Thêm người thân...")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Sửa...")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Xóa")
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        ctx.changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, what: Changes) -> None:
        if what.person(self.person_id):
            self.refresh()

    def refresh(self) -> None:
        self.rows = road_relatives.relatives(self.ctx.session, self.person_id)
        self.table.setRowCount(len(self.rows))
        for row, entry in enumerate(self.rows):
            relative = entry.relative
            texts = [
                relative["relation"],
                relative["full_name"],
                str(relative.get("birth_year") or ""),
                relative.get("residence") or "",
                relative.get("occupation") or "",
                "Có" if relative.get("is_party_member") else "",
                verification_text(entry),
            ]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if entry.needs_verification:
                    item.setForeground(QBrush(WAITING))
                if column == len(texts) - 1:
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
        waiting = sum(1 for r in self.rows if r.needs_verification)
        self.summary.setText(
            f"{len(self.rows)} người thân; "
            + (
                f"{waiting} người chưa có kết quả thẩm tra lý lịch (màu đỏ)."
                if waiting
                else "không còn ai chờ kết quả thẩm tra."
            )
        )
        session = self.ctx.session
        writable = session.writable
        has_rows = bool(self.rows)
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and has_rows)
        self.delete_button.setEnabled(writable and has_rows)

    def selected(self) -> dict[str, Any] | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.rows[rows.pop()].relative if rows else None

    def add(self) -> None:
        RelativeDialog(self.ctx, self.person_id, parent=self).exec()

    def edit_selected(self) -> None:
        relative = self.selected()
        if relative is not None:
            RelativeDialog(self.ctx, self.person_id, relative, parent=self).exec()

    def delete_selected(self) -> None:
        relative = self.selected()
        if relative is None:
            return
        answer = vn_buttons.ask(
            self,
            "Xóa người thân",
            f"Xóa {relative['relation'].lower()} {relative['full_name']} khỏi hồ sơ?",
            [("delete", "Xóa"), ("keep", "Không xóa")],
            "keep",
        )
        if answer != "delete":
            return
        try:
            road_relatives.delete_relative(self.ctx.session, self.person_id, relative["id"])
        except Refused as exc:
            errors.show_refused(self, exc, "Chưa xóa được")
            return


def _factory(ctx: UiContext, person_id: int | None) -> QWidget:
    assert person_id is not None, "the relatives tab is added once the person is saved"
    return RelativesTab(ctx, person_id)


TAB = TabSpec(order=30, key="relatives", title="Người thân", factory=_factory)
