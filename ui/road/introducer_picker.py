"""Choose the members who introduce a candidate, or the member who mentors a probationary one.

The list comes from ``ops.road.eligible_introducers``: official members of the person's cell
first, every member who may not introduce greyed with the reason in the row and its tooltip
(probationary, under 12 months together, another unit...). The youth-union / trade-union
variant needs one member plus the union's resolution (4-KNĐ / 4A-KNĐ); the replacement mode
(QĐ 294 điểm 3.2.2) replaces an introducer who left and waives the 12 months together.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from commune_app import vn
from commune_app.domain.codes import STATUS_LABELS
from commune_app.errors import Refused
from commune_app.ops import road as road_ops
from ui.kit.form_dialog import FormDialog
from ui.shell.context import UiContext
from ui.widgets.date_field import DateField

GREY = QColor("#8a8a8a")
# The 12 months together are waived for a replacement introducer (QĐ 294 điểm 3.2.2).
WAIVED_FOR_REPLACEMENT = "INTRODUCER-12M"

VARIANTS = {
    "members": ("Hai đảng viên chính thức giới thiệu", 2, ""),
    "youth_union": ("BCH Đoàn cơ sở và một đảng viên chính thức", 1, "youth_union_resolution"),
    "trade_union": ("BCH Công đoàn cơ sở và một đảng viên chính thức", 1, "trade_union_resolution"),
}
RELATIONS = ("Cùng công tác", "Cùng học tập", "Cùng cư trú")


def option_reason(option: Any, *, replacement: bool = False) -> str:
    """Why a member may not be chosen (blocking findings), or '' when they may."""
    messages = [
        f.message for f in option.findings if f.blocking and not (replacement and f.code == WAIVED_FOR_REPLACEMENT)
    ]
    return " ".join(messages)


def option_warnings(option: Any) -> str:
    return " ".join(f.message for f in option.findings if not f.blocking)


class MemberPicker(FormDialog):
    """Pick an introducer (role 'introducer') or a mentor (role 'mentor') for ``person_id``.

    ``replace_links`` are the person's current links of that role; when given, the dialog is
    in replacement mode and the chosen link is ended by the operation.
    """

    def __init__(
        self,
        ctx: UiContext,
        person_id: int,
        *,
        role: str = "introducer",
        replace_links: list[dict[str, Any]] | None = None,
        variant: str = "members",
        on_date: dt.date | None = None,
        assigned: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        nouns = {
            "introducer": "người giới thiệu",
            "mentor": "đảng viên giúp đỡ đảng viên dự bị",
            "helper": "đảng viên giúp đỡ quần chúng",
        }
        title = ("Thay " if replace_links else "Chọn ") + nouns[role]
        super().__init__(title, parent, ok_text="Phân công", min_width=900)
        self.ctx = ctx
        self.person_id = person_id
        self.role = role
        self.replacement = bool(replace_links)
        self.assigned = assigned  # introducers the person already has
        self.link_id: int | None = None
        self.on_date = on_date or ctx.session.today
        self.resize(940, 640)
        layout = self.body

        self.variant_buttons = QButtonGroup(self)
        self.variant_note = QLabel()
        self.variant_note.setWordWrap(True)
        if role == "introducer" and not self.replacement:
            row = QHBoxLayout()
            for key, (label, _count, _kind) in VARIANTS.items():
                button = QRadioButton(label)
                button.setProperty("variant", key)
                button.setChecked(key == variant)
                self.variant_buttons.addButton(button)
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
            layout.addWidget(self.variant_note)
            self.variant_buttons.buttonToggled.connect(lambda *_: self._variant_changed())
            self.union_button = QPushButton()
            self.union_button.clicked.connect(self._record_union_resolution)
            layout.addWidget(self.union_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.replaced = QComboBox()
        if self.replacement:
            for link in replace_links or []:
                self.replaced.addItem(f"{link['label']} (từ {vn.format_date(link['assigned_on'])})", link["id"])
            form = QFormLayout()
            form.addRow("Thay cho", self.replaced)
            layout.addLayout(form)
            if role == "introducer":
                note = QLabel(
                    "Người giới thiệu thay thế không cần đủ 12 tháng cùng công tác, học tập hoặc"
                    " cư trú với người xin vào Đảng (QĐ 294-QĐ/TW điểm 3.2.2)."
                )
                note.setWordWrap(True)
                layout.addWidget(note)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo tên (gõ không dấu cũng được)")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.load)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        layout.addWidget(self.search)
        hint = QLabel(
            "Danh sách là đảng viên của chi bộ người này; gõ tên để tìm đảng viên ở nơi khác."
            " Dòng màu xám là người không thể chọn, lý do ghi ở cột cuối."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Họ và tên", "Chi bộ", "Tình trạng", "Lý do không chọn được"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda *_: self.submit())
        layout.addWidget(self.table, 1)

        self.link_fields = QFormLayout()
        self.together_from = DateField()
        self.together_to = DateField()
        self.relation = QComboBox()
        self.relation.setEditable(True)
        self.relation.addItems(RELATIONS)
        self.unit = QLineEdit()
        self._unit_suggestion = ""
        self.document_on = DateField()
        self.assigned_on = DateField()
        self.assigned_on.setText(vn.format_date(self.on_date))
        if role == "introducer":
            self.link_fields.addRow("Cùng công tác, học tập, cư trú từ ngày", self.together_from)
            self.link_fields.addRow("Đến ngày (để trống nếu đến nay)", self.together_to)
            self.link_fields.addRow("Quan hệ", self.relation)
            self.link_fields.addRow("Đơn vị", self.unit)
            self.link_fields.addRow("Ngày ký giấy giới thiệu (3-KNĐ)", self.document_on)
        else:
            self.link_fields.addRow("Ngày phân công", self.assigned_on)
        layout.addLayout(self.link_fields)

        self.chosen_note = QLabel()
        self.chosen_note.setWordWrap(True)
        layout.addWidget(self.chosen_note)
        # The note keeps its room from the start (as the kit's error line does), so nothing
        # moves under the mouse when a warning appears.
        self.chosen_note.setMinimumHeight(2 * self.chosen_note.fontMetrics().lineSpacing())

        self.options: list[Any] = []
        self.load()
        if role == "introducer" and not self.replacement:
            self._variant_changed()
        self.search.setFocus()

    # --- the list ----------------------------------------------------------------------

    def load(self) -> None:
        """The members for the typed name (or the person's cell when none), eligible ones first."""
        options = road_ops.eligible_introducers(
            self.ctx.session, self.person_id, self.on_date, vn.nfc(self.search.text()).strip(), role=self.role
        )
        # Eligible first, then the person's own cell; the operation already sorts by name.
        self.options = sorted(options, key=lambda o: (bool(self.reason(o)), not o.same_cell))
        self.table.setRowCount(len(self.options))
        for row, option in enumerate(self.options):
            member = option.member
            reason = self.reason(option)
            warning = option_warnings(option)
            cells = [
                member.get("full_name", ""),
                member.get("cell") or "",
                STATUS_LABELS.get(member.get("status", ""), member.get("status", "")),
                reason or warning,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                item.setData(Qt.ItemDataRole.UserRole, row)
                if reason:
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                    item.setForeground(QBrush(GREY))
                    item.setToolTip(reason)
                elif warning:
                    item.setToolTip(warning)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def reason(self, option: Any) -> str:
        return option_reason(option, replacement=self.replacement)

    def row_is_greyed(self, row: int) -> bool:
        item = self.table.item(row, 0)
        return item is None or not bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)

    def chosen(self) -> Any | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.options[rows.pop()] if rows else None

    def _selection_changed(self) -> None:
        option = self.chosen()
        self.chosen_note.setText(option_warnings(option) if option else "")
        # The member's cell is only suggested: shown greyed, used when the clerk types nothing,
        # replaced by whatever they type (never appended to, as a pre-filled text would be).
        suggestion = (option.member.get("cell") or "") if option and self.role == "introducer" else ""
        self.unit.setPlaceholderText(f"Để trống: {suggestion}" if suggestion else "")
        self._unit_suggestion = suggestion

    # --- variants ----------------------------------------------------------------------

    def variant(self) -> str:
        button = self.variant_buttons.checkedButton()
        return button.property("variant") if button else "members"

    def _variant_changed(self) -> None:
        _label, count, kind = VARIANTS[self.variant()]
        already = f" Đã có {self.assigned} đảng viên giới thiệu." if self.assigned else ""
        if kind:
            organ = "BCH Đoàn cơ sở (4-KNĐ)" if kind == "youth_union_resolution" else "BCH Công đoàn cơ sở (4A-KNĐ)"
            self.variant_note.setText(
                f"Cần {count} đảng viên chính thức giới thiệu và nghị quyết giới thiệu của "
                f"{organ}. Ghi nhận nghị quyết bằng nút bên dưới.{already}"
            )
            self.union_button.setText("Ghi nhận nghị quyết " + ("4-KNĐ..." if "youth" in kind else "4A-KNĐ..."))
            self.union_button.show()
        else:
            self.variant_note.setText(f"Cần {count} đảng viên chính thức giới thiệu (Điều lệ Đảng Điều 4.1).{already}")
            self.union_button.hide()

    def _record_union_resolution(self) -> None:
        from ui.road.step_dialog import StepDialog

        StepDialog(self.ctx, self.person_id, kind=VARIANTS[self.variant()][2], parent=self).exec()

    # --- recording ---------------------------------------------------------------------

    def _date(self, field: DateField, label: str, problems: list[str]) -> str | None:
        text = field.text().strip()
        if not text:
            return None
        try:
            return vn.parse_date(text).isoformat()
        except vn.DateError as exc:
            problems.append(f"{label}: {exc}")
            return None

    def apply(self) -> None:
        option = self.chosen()
        if option is None:
            raise Refused("Chọn một đảng viên trong danh sách.")
        problems: list[str] = []
        replaces = self.replaced.currentData() if self.replacement else None
        if self.role == "introducer":
            together_from = self._date(self.together_from, "Từ ngày", problems)
            together_to = self._date(self.together_to, "Đến ngày", problems)
            document_on = self._date(self.document_on, "Ngày ký giấy giới thiệu", problems)
            if problems:
                raise Refused(*problems)
            self.link_id = road_ops.assign_introducer(
                self.ctx.session,
                self.person_id,
                int(option.member["id"]),
                together_from=together_from,
                together_to=together_to,
                relation=vn.nfc(self.relation.currentText()).strip(),
                unit=vn.nfc(self.unit.text()).strip() or self._unit_suggestion,
                document_on=document_on,
                replaces_link_id=replaces,
            )
        else:
            on = self._date(self.assigned_on, "Ngày phân công", problems)
            if problems or not on:
                raise Refused(*(problems or ["Chưa nhập ngày phân công."]))
            assign = road_ops.assign_mentor if self.role == "mentor" else road_ops.assign_helper
            kwargs = {"replaces_link_id": replaces} if self.role == "mentor" else {}
            self.link_id = assign(self.ctx.session, self.person_id, int(option.member["id"]), on, **kwargs)
