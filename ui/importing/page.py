"""Nhập danh sách: the import wizard (file and sheet → column mapping → preview → confirm → summary).

The page only gathers the clerk's choices; reading, checking and writing are
``commune_app.ops.importing`` calls run through the task runner, so a 10,000-row sheet shows
progress and can be cancelled, and nothing is written before the clerk confirms.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app.errors import Refused
from commune_app.importing.commit import Summary
from commune_app.importing.preview import KIND_LABELS, STATUS_LABELS, Preview, RowResult
from commune_app.importing.values import count_text
from commune_app.ops import importing as import_ops
from commune_app.ops.importing import SheetInfo
from ui.kit import vn_buttons
from ui.shell import errors
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec

FILTERS = (
    ("all", "Tất cả các dòng"),
    ("new", "Thêm mới"),
    ("changed", "Đã có, có thay đổi"),
    ("unchanged", "Đã có, không thay đổi"),
    ("refused", "Bị từ chối"),
    ("warnings", "Có lưu ý"),
    ("conversions", "Có chuyển đổi chữ (TCVN3, VNI, Ð, mất số 0)"),
)
IGNORE = ""
_Index = QModelIndex | QPersistentModelIndex


def _keep(row: RowResult, key: str) -> bool:
    if key == "new":
        return row.status == "new"
    if key == "changed":
        return row.status == "match" and not row.unchanged
    if key == "unchanged":
        return row.unchanged
    if key == "refused":
        return row.status == "refused"
    if key == "warnings":
        return bool(row.warnings)
    if key == "conversions":
        return bool(row.conversions)
    return True


def row_note(row: RowResult) -> str:
    """The last column of the preview: why refused, what changes, or what was repaired."""
    text = row.described_text()
    return text[:1].upper() + text[1:]


def _fill(table: QTableWidget, rows: list[tuple[str, str]]) -> None:
    table.setRowCount(len(rows))
    for i, values in enumerate(rows):
        for column, text in enumerate(values):
            table.setItem(i, column, QTableWidgetItem(text))
    table.resizeColumnToContents(0)


class PreviewModel(QAbstractTableModel):
    """The preview rows (only the filtered ones), with a tick for the rows to import."""

    HEADERS = ("Nhập", "Dòng", "Kết quả", "Họ và tên", "Ngày sinh", "Chi bộ", "Lý do, thay đổi, lưu ý")

    def __init__(self) -> None:
        super().__init__()
        self._all: list[RowResult] = []
        self._rows: list[RowResult] = []
        self.accepted: set[int] = set()
        self._filter = "all"

    def set_preview(self, preview: Preview | None) -> None:
        self.beginResetModel()
        self._all = list(preview.rows) if preview else []
        self.accepted = set(preview.accepted_default()) if preview else set()
        self._rows = [r for r in self._all if _keep(r, self._filter)]
        self.endResetModel()

    def set_filter(self, key: str) -> None:
        self.beginResetModel()
        self._filter = key
        self._rows = [r for r in self._all if _keep(r, key)]
        self.endResetModel()

    def set_all_accepted(self, on: bool) -> None:
        self.accepted = {r.row_number for r in self._all if r.status != "refused"} if on else set()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def row_at(self, row: int) -> RowResult | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.row_at(index.row())
        if index.column() == 0 and row is not None and row.status != "refused":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            if row.status == "refused":
                return None
            return Qt.CheckState.Checked if row.row_number in self.accepted else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            status = STATUS_LABELS[row.status] if not row.unchanged else "Đã có, không thay đổi"
            return ("", str(row.row_number), status, row.full_name, row.birth, row.cell_name, row_note(row))[column]
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "refused":
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole and column == 6:
            return row_note(row)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index.row())
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or row is None or row.status == "refused":
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        (self.accepted.add if checked else self.accepted.discard)(row.row_number)
        self.dataChanged.emit(index, index)
        return True


class ImportPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.info: SheetInfo | None = None
        self.preview: Preview | None = None
        self.summary: Summary | None = None
        self.kept_as_written: set[int] = set()  # rows whose old-font text the clerk keeps as written
        self.stack = QStackedWidget()
        self.stack.addWidget(self._file_step())
        self.stack.addWidget(self._mapping_step())
        self.stack.addWidget(self._preview_step())
        self.stack.addWidget(self._summary_step())
        self.step_title = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Nhập danh sách từ bảng tính</h2>"))
        layout.addWidget(self.step_title)
        layout.addWidget(self.stack, 1)
        self._go(0)

    # --- step 1: the file --------------------------------------------------------------

    def _file_step(self) -> QWidget:
        page = QWidget()
        self.path = QLineEdit()
        self.path.setPlaceholderText("Tệp Excel (.xlsx, .xls) hoặc .csv")
        self.path.editingFinished.connect(self._load_sheets)
        browse = QPushButton("Chọn tệp...")
        browse.clicked.connect(self.choose_file)
        self.sheet = QComboBox()
        self.kind = QComboBox()
        self.kind.addItem("Tự nhận ra (theo tiêu đề, tên trang tính và các cột)", None)
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        self.saved = QComboBox()
        self._fill_saved()
        self.file_error = QLabel()
        self.file_error.setStyleSheet("color: #b00020")
        self.file_error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Tệp:", row)
        form.addRow("Trang tính:", self.sheet)
        form.addRow("Loại danh sách:", self.kind)
        form.addRow("Cách ghép cột:", self.saved)
        self.to_mapping = QPushButton("Tiếp: ghép cột →")
        self.to_mapping.setDefault(True)
        self.to_mapping.clicked.connect(self.read_sheet)
        help_text = QLabel(
            "Chương trình tự tìm dòng tiêu đề (kể cả tiêu đề hai dòng có ô gộp), nhận ra các cột theo tên "
            "tiếng Việt và bỏ qua dòng tiêu đề nhóm, dòng cộng. Chưa có gì được ghi cho đến khi bạn xác nhận "
            "ở bước xem trước."
        )
        help_text.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.file_error)
        layout.addWidget(help_text)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.to_mapping)
        layout.addLayout(buttons)
        return page

    def _fill_saved(self) -> None:
        self.saved.clear()
        self.saved.addItem("Tự nhận theo tên cột", "")
        for name in sorted(import_ops.saved_mappings(self.ctx.session)):
            self.saved.addItem(f"Đã lưu: {name}", name)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Chọn bảng tính cần nhập", "", "Bảng tính (*.xlsx *.xlsm *.xls *.csv);;Mọi tệp (*)"
        )
        if path:
            self.set_file(path)

    def set_file(self, path: str) -> None:
        self.path.setText(path)
        self._load_sheets()

    def _load_sheets(self) -> None:
        self.sheet.clear()
        self.file_error.clear()
        path = self.path.text().strip()
        if not path:
            return
        try:
            names = import_ops.sheet_names(path)
        except Refused as exc:
            self.file_error.setText("\n".join(exc.reasons))
            return
        self.sheet.addItems(names)

    def read_sheet(self) -> None:
        path = self.path.text().strip()
        if not path:
            self.file_error.setText("Hãy chọn tệp cần nhập.")
            return
        if self.sheet.count() == 0:
            self._load_sheets()
            if self.sheet.count() == 0:
                return
        session, sheet, saved = self.ctx.session, self.sheet.currentText() or None, self.saved.currentData() or None
        self.ctx.tasks.run(
            "Đang đọc bảng tính",
            lambda p: import_ops.inspect(session, path, sheet, saved=saved, progress=p),
            self._show_mapping,
        )

    # --- step 2: the mapping ---------------------------------------------------------------

    def _mapping_step(self) -> QWidget:
        page = QWidget()
        self.layout_note = QLabel()
        self.layout_note.setWordWrap(True)
        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels(["Cột trong bảng tính", "Ví dụ giá trị", "Ghép vào thông tin"])
        self.columns.verticalHeader().setVisible(False)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.mapping_name = QLineEdit()
        self.mapping_name.setPlaceholderText("Tên để dùng lại lần sau, ví dụ: Danh sách đảng viên của thôn")
        save = QPushButton("Lưu cách ghép cột")
        save.clicked.connect(self.save_mapping)
        keep = QHBoxLayout()
        keep.addWidget(self.mapping_name, 1)
        keep.addWidget(save)
        back = QPushButton("← Quay lại")
        back.clicked.connect(lambda: self._go(0))
        self.to_preview = QPushButton("Tiếp: xem trước →")
        self.to_preview.setDefault(True)
        self.to_preview.clicked.connect(self.run_preview)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.to_preview)
        layout = QVBoxLayout(page)
        layout.addWidget(self.layout_note)
        layout.addWidget(self.columns, 1)
        layout.addLayout(keep)
        layout.addLayout(buttons)
        return page

    def _show_mapping(self, info: SheetInfo) -> None:
        self.info = info
        self.kept_as_written.clear()
        headers = " và ".join(str(n) for n in info.header_rows)
        self.layout_note.setText(
            f"Trang “{info.sheet}”: dòng tiêu đề là dòng {headers}. Kiểm tra cột nào ứng với thông tin nào; "
            "cột không cần nhập thì chọn “— Bỏ qua —”."
        )
        choices = import_ops.field_choices()
        self.columns.setRowCount(len(info.labels))
        for index, label in enumerate(info.column_labels()):
            self.columns.setItem(index, 0, QTableWidgetItem(label))
            self.columns.setItem(index, 1, QTableWidgetItem(" | ".join(info.samples[index])))
            combo = QComboBox()
            combo.addItem("— Bỏ qua —", IGNORE)
            for key, text in choices:
                combo.addItem(text, key)
            combo.setCurrentIndex(max(combo.findData(info.mapping.get(index, IGNORE)), 0))
            self.columns.setCellWidget(index, 2, combo)
        self._go(1)

    def current_mapping(self) -> dict[int, str]:
        mapping = {}
        for index in range(self.columns.rowCount()):
            combo = self.columns.cellWidget(index, 2)
            if isinstance(combo, QComboBox) and combo.currentData():
                mapping[index] = combo.currentData()
        return mapping

    def mapping_combo(self, column: int) -> QComboBox:
        combo = self.columns.cellWidget(column, 2)
        assert isinstance(combo, QComboBox)
        return combo

    def save_mapping(self) -> None:
        if self.info is None:
            return
        try:
            import_ops.save_mapping(
                self.ctx.session, self.mapping_name.text(), self.info.labels, self.current_mapping()
            )
        except Refused as exc:
            errors.show_refused(self, exc, "Chưa lưu được")
            return
        self._fill_saved()
        self.ctx.tasks.message.emit(f"Đã lưu cách ghép cột “{self.mapping_name.text().strip()}”")

    def run_preview(self) -> None:
        if self.info is None:
            return
        session, info, mapping = self.ctx.session, self.info, self.current_mapping()
        kind, kept = self.kind.currentData(), sorted(self.kept_as_written)
        self.ctx.tasks.run(
            "Đang kiểm tra danh sách",
            lambda p: import_ops.preview(
                session, info.path, info.sheet, kind, mapping, p, info=info, keep_as_written=kept
            ),
            self._show_preview,
        )

    # --- step 3: the preview ---------------------------------------------------------------

    def _preview_step(self) -> QWidget:
        page = QWidget()
        self.preview_summary = QLabel()
        self.preview_summary.setWordWrap(True)
        self.filter = QComboBox()
        for key, label in FILTERS:
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda _i: self.model.set_filter(self.filter.currentData()))
        check_all = QPushButton("Chọn tất cả dòng hợp lệ")
        check_all.clicked.connect(lambda: self._set_all(True))
        check_none = QPushButton("Bỏ chọn tất cả")
        check_none.clicked.connect(lambda: self._set_all(False))
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Hiện:"))
        filters.addWidget(self.filter)
        filters.addStretch(1)
        filters.addWidget(check_all)
        filters.addWidget(check_none)

        self.model = PreviewModel()
        self.model.dataChanged.connect(lambda *_: self._update_confirm())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_row(current.row()))
        self.table.doubleClicked.connect(self._open_person)

        self.changes = QTableWidget(0, 3)
        self.changes.setHorizontalHeaderLabels(["Thông tin", "Đang có trong dữ liệu", "Theo bảng tính"])
        self.changes.verticalHeader().setVisible(False)
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.row_detail = QPlainTextEdit()
        self.row_detail.setReadOnly(True)
        self.row_detail.setPlaceholderText("Chọn một dòng để xem lý do và thay đổi.")
        self.keep_written = QPushButton("Giữ nguyên cách viết của dòng này")
        self.keep_written.setToolTip(
            "Không chuyển chữ viết bằng bảng mã cũ (TCVN3, VNI) của dòng đang chọn sang "
            "Unicode; dòng được nhập như đã ghi, kèm lưu ý"
        )
        self.keep_written.setEnabled(False)
        self.keep_written.clicked.connect(self.keep_selected_as_written)
        row_box = QWidget()
        row_layout = QVBoxLayout(row_box)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.row_detail, 1)
        row_layout.addWidget(self.keep_written)
        self.fates = QTableWidget(0, 2)
        self.fates.setHorizontalHeaderLabels(["Cột của bảng tính", "Ghi vào"])
        self.skipped = QTableWidget(0, 2)
        self.skipped.setHorizontalHeaderLabels(["Dòng bỏ qua", "Lý do"])
        for table in (self.fates, self.skipped):
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setStretchLastSection(True)
        detail = QSplitter(Qt.Orientation.Horizontal)
        detail.addWidget(self.changes)
        detail.addWidget(row_box)
        detail.addWidget(self.fates)
        detail.addWidget(self.skipped)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)

        back = QPushButton("← Quay lại ghép cột")
        back.clicked.connect(lambda: self._go(1))
        self.confirm = QPushButton()
        self.confirm.clicked.connect(self.confirm_import)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(page)
        layout.addWidget(self.preview_summary)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        return page

    def _show_preview(self, preview: Preview) -> None:
        self.preview = preview
        self.model.set_preview(preview)
        self.filter.setCurrentIndex(0)
        self.preview_summary.setText("\n".join(preview.summary_lines()[1:]))
        _fill(self.fates, preview.column_fates())
        _fill(self.skipped, [(str(number), reason) for number, reason in preview.skipped])
        self.table.resizeColumnsToContents()
        self._show_row(-1)
        self._update_confirm()
        self._go(2)

    def _set_all(self, on: bool) -> None:
        self.model.set_all_accepted(on)
        self._update_confirm()

    def _update_confirm(self) -> None:
        count = len(self.model.accepted)
        self.confirm.setText(f"Nhập {count_text(count)} dòng đã chọn")
        self.confirm.setEnabled(count > 0)

    def _show_row(self, index: int) -> None:
        row = self.model.row_at(index)
        self.changes.setRowCount(0)
        if row is None:
            self.row_detail.clear()
            return
        self.changes.setRowCount(len(row.changes))
        for i, change in enumerate(row.changes):
            for column, text in enumerate((change.label, change.old or "(trống)", change.new)):
                self.changes.setItem(i, column, QTableWidgetItem(text))
        lines = [f"Dòng {row.row_number}: {row.full_name or '(không có tên)'}"]
        if row.status == "match":
            lines.append(
                f"Trùng với hồ sơ mã {row.person_id} (bấm đúp vào dòng để mở hồ sơ)"
                + ("; không có gì thay đổi" if row.unchanged else "; các thay đổi ở bảng bên trái")
            )
        lines += [f"• {what[:1].upper()}{what[1:]}: {details}" for what, details in row.described() if details]
        self.row_detail.setPlainText("\n".join(lines))
        self.keep_written.setEnabled(any("bảng mã" in c for c in row.conversions))

    def keep_selected_as_written(self) -> None:
        """The clerk declines the old-font conversion of the selected row: preview again with it kept."""
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None or self.info is None:
            return
        self.kept_as_written.add(row.row_number)
        self.run_preview()

    def _open_person(self, index: QModelIndex) -> None:
        """A matching row opens the stored record, to compare it with the sheet in full."""
        row = self.model.row_at(index.row())
        if row is not None and row.person_id:
            self.ctx.open_person(row.person_id)

    def confirm_import(self) -> None:
        if self.preview is None or not self.model.accepted:
            return
        preview, accepted = self.preview, sorted(self.model.accepted)
        chosen = [r for r in preview.rows if r.row_number in self.model.accepted]
        new = sum(1 for r in chosen if r.status == "new")
        updated = sum(1 for r in chosen if r.status == "match" and not r.unchanged)
        text = (
            f"Nhập {count_text(len(accepted))} dòng: thêm mới {count_text(new)} người, "
            f"cập nhật {count_text(updated)} người."
        )
        if preview.new_cells:
            text += "\nChi bộ sẽ được tạo mới: " + ", ".join(preview.new_cells) + "."
        answer = vn_buttons.ask(
            self,
            "Xác nhận nhập danh sách",
            text,
            [("import", "Nhập"), ("cancel", "Hủy")],
            "cancel",
            informative="Tất cả được ghi cùng một lần; nếu có lỗi, không có gì được ghi.",
        )
        if answer != "import":
            return
        session = self.ctx.session
        self.ctx.tasks.run(
            "Đang nhập danh sách", lambda p: import_ops.commit(session, preview, accepted, p), self._show_summary
        )

    # --- step 4: the summary ---------------------------------------------------------------

    def _summary_step(self) -> QWidget:
        page = QWidget()
        self.summary_text = QPlainTextEdit()
        self.summary_text.setReadOnly(True)
        again = QPushButton("Nhập tệp khác")
        again.clicked.connect(self.restart)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(again)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_text, 1)
        layout.addLayout(buttons)
        return page

    def _show_summary(self, summary: Summary) -> None:
        self.summary = summary
        self.summary_text.setPlainText("\n".join(summary.lines()))
        self.ctx.tasks.message.emit(
            f"Đã nhập danh sách: {count_text(summary.created)} thêm mới, {count_text(summary.updated)} cập nhật"
        )
        self._go(3)

    def restart(self) -> None:
        self.info = self.preview = self.summary = None
        self.kept_as_written.clear()
        self.model.set_preview(None)
        self.path.clear()
        self.sheet.clear()
        self._fill_saved()
        self._go(0)

    def _go(self, step: int) -> None:
        titles = (
            "Bước 1/4: chọn tệp và trang tính",
            "Bước 2/4: ghép cột",
            "Bước 3/4: xem trước và chọn dòng",
            "Bước 4/4: kết quả",
        )
        self.step_title.setText(f"<b>{titles[step]}</b>")
        self.stack.setCurrentIndex(step)


PAGE = PageSpec(80, "import", "Nhập danh sách", ImportPage, writers_only=True)
