"""The "Lý lịch" tab: every field of a person, grouped as the lý lịch groups them.

Built from ``PERSON_FIELDS``; each field is checked with ``clean_person`` as the clerk leaves
it and the reason shows next to it. Saving goes through ``ops.people``: a likely duplicate
is shown with a way to open the other record or to save anyway.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.domain import codes
from commune_app.domain.person import GROUPS, PERSON_FIELDS, Field, clean_person
from commune_app.errors import Refused
from commune_app.ops import cells as cell_ops
from commune_app.ops import people as people_ops
from ui.person import TabSpec
from ui.person.duplicates import confirm_duplicates
from ui.person.removal import delete_person
from ui.shell import errors
from ui.shell.context import UiContext
from ui.widgets.choice_combo import CellPicker, ChoiceCombo
from ui.widgets.date_field import DateField
from ui.widgets.enter_moves_on import EnterMovesOn
from ui.widgets.field_row import FieldWithError

NO_CELL = "(chưa xếp chi bộ)"
# Groups in the left column; the rest go to the right one, so the form reads like the lý lịch.
_LEFT_GROUPS = GROUPS[:4]


class ProfileTab(QWidget):
    person_created = Signal(int)

    def __init__(self, ctx: UiContext, person_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.editors: dict[str, QWidget] = {}
        self.rows: dict[str, FieldWithError] = {}
        self._touched: set[str] = set()
        self._loaded: dict[str, Any] = {}
        self._stored: dict[str, Any] = {}
        self._enter_filter = EnterMovesOn(self)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._build_header())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        left, right = QVBoxLayout(), QVBoxLayout()
        for group in GROUPS:
            box = self._build_group(group)
            (left if group in _LEFT_GROUPS else right).addWidget(box)
        right.addWidget(self._build_cell_group())
        left.addStretch(1)
        right.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._set_tab_order()
        self.load()

    # --- building --------------------------------------------------------------------
    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.name_split = QLabel()
        self.name_split.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #555;")
        self.save_button = QPushButton("Lưu (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton("Xóa hồ sơ...")
        self.delete_button.clicked.connect(self._delete)
        writable = self.ctx.session.writable
        for button in (self.save_button, self.delete_button):
            button.setEnabled(writable)
        row.addWidget(self.name_split, 1)
        row.addWidget(self.status_label)
        row.addWidget(self.delete_button)
        row.addWidget(self.save_button)
        return row

    def _build_group(self, group: str) -> QGroupBox:
        box = QGroupBox(group)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for spec in (f for f in PERSON_FIELDS if f.group == group):
            editor = self._make_editor(spec)
            self.editors[spec.name] = editor
            row = FieldWithError(editor)
            self.rows[spec.name] = row
            label = f"{spec.label}{' *' if spec.required else ''}:"
            form.addRow("" if spec.kind == "bool" else label, row)
        return box

    def _make_editor(self, spec: Field) -> QWidget:
        name = spec.name
        if spec.kind == "date":
            editor = DateField()
            editor.checked.connect(lambda _p, n=name: self._left(n))
        elif spec.kind == "bool":
            editor = QCheckBox(spec.label)
            editor.toggled.connect(lambda _c, n=name: self._left(n))
        elif spec.kind == "gender":
            editor = ChoiceCombo(spec.choices or {}, blank="")
            editor.activated.connect(lambda _i, n=name: self._left(n))
        elif spec.kind == "choice":
            choices = spec.choices or ()
            if name in ("ethnicity", "religion"):
                editor = ChoiceCombo(choices, editable=True)
            else:  # an empty choice is always possible; lists with their own "" entry name it
                editor = ChoiceCombo(choices, editable=spec.editable_choices, blank=None if "" in choices else "")
            editor.activated.connect(lambda _i, n=name: self._left(n))
            if max((len(editor.itemText(i)) for i in range(editor.count())), default=0) > 24:
                editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # long official labels
            if editor.isEditable():
                editor.lineEdit().editingFinished.connect(lambda n=name: self._left(n))
                editor.lineEdit().installEventFilter(self._enter_filter)
        else:
            editor = QLineEdit()
            editor.editingFinished.connect(lambda n=name: self._left(n))
            if name == "cccd":
                editor.setMaxLength(12)
                editor.setPlaceholderText("12 chữ số")
            if name == "sort_override":
                editor.setPlaceholderText("ví dụ: Ênuôl|Y Moan")
        if isinstance(editor, QLineEdit):
            editor.installEventFilter(self._enter_filter)
        if name in ("full_name", "sort_override"):
            editor.textChanged.connect(self._show_name_split)
        editor.setObjectName(f"field_{name}")
        return editor

    def _build_cell_group(self) -> QGroupBox:
        box = QGroupBox("Chi bộ sinh hoạt")
        outer = QVBoxLayout(box)
        layout = QHBoxLayout()
        outer.addLayout(layout)
        self.cell_history = QLabel()
        self.cell_history.setWordWrap(True)
        self.cell_history.setStyleSheet("color: #555;")
        outer.addWidget(self.cell_history)
        # only a new person chooses a cell here (later changes are moves, with their history)
        cells = cell_ops.list_cells(self.ctx.session, active_only=True) if self.person_id is None else []
        self.cell_combo = CellPicker(cells, blank=NO_CELL)
        self.cell_combo.setObjectName("field_cell")
        self.cell_label = QLabel()
        self.move_button = QPushButton("Chuyển chi bộ...")
        self.move_button.clicked.connect(self._move)
        layout.addWidget(self.cell_combo, 1)
        layout.addWidget(self.cell_label, 1)
        layout.addWidget(self.move_button)
        return box

    def _set_tab_order(self) -> None:
        chain = [self.editors[f.name] for g in GROUPS for f in PERSON_FIELDS if f.group == g]
        chain.append(self.cell_combo)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- values ----------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in PERSON_FIELDS:
            editor = self.editors[spec.name]
            if isinstance(editor, QCheckBox):
                out[spec.name] = 1 if editor.isChecked() else 0
            elif isinstance(editor, ChoiceCombo):
                out[spec.name] = editor.value()
            elif isinstance(editor, QLineEdit):
                out[spec.name] = vn.nfc(editor.text().strip())
        return out

    def _set_values(self, row: dict[str, Any]) -> None:
        for spec in PERSON_FIELDS:
            editor = self.editors[spec.name]
            value = row.get(spec.name)
            editor.blockSignals(True)
            if isinstance(editor, DateField):
                editor.set_date(value)
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, ChoiceCombo):
                editor.set_value("" if value is None else str(value))
            elif isinstance(editor, QLineEdit):
                editor.setText("" if value is None else str(value))
            editor.blockSignals(False)

    def load(self) -> None:
        if self.person_id is None:
            self._stored = {}
            self._set_values({"ethnicity": codes.MAJORITY_ETHNICITY, "religion": codes.NO_RELIGION})
            self.cell_combo.set_value(str(self.ctx.session.actor.cell_id or ""))
        else:
            row = people_ops.get_person(self.ctx.session, self.person_id)
            if row is None:
                raise Refused("Không tìm thấy người này (có thể đã bị xóa)")
            self._stored = row
            self._set_values(row)
        self._show_cell()
        self._show_name_split()
        self._touched.clear()
        for row in self.rows.values():
            row.set_error("")
        self._loaded = self._snapshot()
        self.status_label.setText("")

    def _snapshot(self) -> dict[str, Any]:
        return {**self.values(), "_cell": self.cell_combo.value() if self.person_id is None else None}

    def has_unsaved_changes(self) -> bool:
        return self._snapshot() != self._loaded

    def discard_changes(self) -> None:
        self.load()

    # --- feedback --------------------------------------------------------------------
    def _show_cell(self) -> None:
        new = self.person_id is None
        self.cell_combo.setVisible(new)
        self.cell_label.setVisible(not new)
        self.move_button.setVisible(not new)
        self.delete_button.setVisible(not new)
        self.cell_history.setVisible(not new)
        if not new:
            self.cell_label.setText(self._cell_name(self._stored.get("cell_id")) or NO_CELL)
            self.cell_history.setText(self._history_text())

    def _history_text(self) -> str:
        """Each cell the person belonged to, with dates and the reason, newest first."""
        lines = []
        for stay in reversed(cell_ops.assignment_history(self.ctx.session, self.person_id)):
            until = vn.format_date(stay["to_date"]) if stay["to_date"] else "nay"
            reason = f" – {stay['reason']}" if stay["reason"] else ""
            lines.append(f"{stay['cell']}: {vn.format_date(stay['from_date'])} đến {until}{reason}")
        return "Quá trình sinh hoạt: " + "; ".join(lines) if len(lines) > 1 else ""

    def _cell_name(self, cell_id: int | None) -> str:
        return cell_ops.get_cell(self.ctx.session, cell_id)["name"] if cell_id else ""

    def _show_name_split(self) -> None:
        full = vn.nfc(self.editors["full_name"].text())
        override = self.editors["sort_override"].text().strip()
        if not full:
            self.name_split.setText("")
            return
        if "|" in override:
            given, rest = (p.strip() for p in override.split("|", 1))
            self.name_split.setText(f"Họ và tên đệm: {rest}   ·   Tên: {given}   (sắp xếp theo ghi đè)")
            return
        parts = vn.split_name(full)
        self.name_split.setText(
            f"Họ: {parts.family}   ·   Tên đệm: {parts.middle or '(không)'}   ·   Tên: {parts.given}"
        )

    def _left(self, name: str) -> None:
        """Check the field the clerk just left, and refresh the errors already shown."""
        self._touched.add(name)
        self._show_errors(self._errors(), only_touched=True)

    def _errors(self) -> dict[str, str]:
        _cleaned, problems = clean_person(self.values(), existing=self._stored, today=self.ctx.session.today)
        return problems

    def _show_errors(self, problems: dict[str, str], *, only_touched: bool) -> None:
        for name, row in self.rows.items():
            if only_touched and name not in self._touched:
                continue
            row.set_error(problems.get(name, ""))

    # --- actions ---------------------------------------------------------------------
    def save(self) -> bool:
        problems = self._errors()
        if problems:
            self._touched.update(problems)
            self._show_errors(problems, only_touched=False)
            first = next(f.name for f in PERSON_FIELDS if f.name in problems)
            self.editors[first].setFocus()
            self.status_label.setText(f"Chưa lưu: còn {len(problems)} ô cần sửa")
            return False
        allow_duplicate = False
        while True:
            try:
                self._write(allow_duplicate)
            except people_ops.LikelyDuplicate as exc:
                what, other = confirm_duplicates(self, exc.matches)
                if what == "save":
                    allow_duplicate = True
                    continue
                if what == "open" and other is not None:
                    self.ctx.open_person(other)
                return False
            except Refused as exc:
                errors.show_refused(self, exc, "Không lưu được")
                return False
            break
        self.status_label.setText("Đã lưu")
        return True

    def _write(self, allow_duplicate: bool) -> None:
        values = self.values()
        if self.person_id is None:
            cell = self.cell_combo.value()
            new_id = people_ops.create_person(
                self.ctx.session, values, cell_id=int(cell) if cell else None, allow_duplicate=allow_duplicate
            )
            self.person_id = new_id
            self.load()
            self.person_created.emit(new_id)
        else:
            people_ops.update_person(self.ctx.session, self.person_id, values, allow_duplicate=allow_duplicate)
            self.load()

    def _move(self) -> None:
        from ui.person.move_dialog import MoveDialog

        if self.person_id is None:
            return
        dialog = MoveDialog(self.ctx, [(self.person_id, self._stored.get("full_name", ""))], self)
        if dialog.exec():
            self._stored = people_ops.get_person(self.ctx.session, self.person_id) or self._stored
            self._show_cell()

    def _delete(self) -> None:
        if self.person_id is None:
            return
        if delete_person(self.ctx, self, self.person_id, self._stored.get("full_name", "")):
            window = self.window()
            self.discard_changes_after_delete()
            window.close()

    def discard_changes_after_delete(self) -> None:
        """After deletion there is nothing left to save: the window closes without asking."""
        self._loaded = self._snapshot()


TAB = TabSpec(order=10, key="profile", title="Lý lịch", factory=lambda ctx, person_id: ProfileTab(ctx, person_id))
