"""Tổng hợp nhiều đảng ủy: add many communes' report workbooks up for the province (docs/exchange.md).

Only files are read and written; the open data file is not touched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.errors import Refused
from commune_app.ops import rollup as rollup_ops
from commune_app.progress import Progress
from commune_app.rollup.province import Rollup
from ui.shell import errors
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec

WORKBOOKS = "Báo cáo Excel (*.xlsx)"


class RollupPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.files = QListWidget()
        self.add_button = QPushButton("Thêm tệp báo cáo...")
        self.add_button.clicked.connect(self.add_files)
        self.remove_button = QPushButton("Bỏ tệp đã chọn")
        self.remove_button.clicked.connect(self.remove_selected)
        self.run_button = QPushButton("Tổng hợp...")
        self.run_button.clicked.connect(self.run)
        self.result = QPlainTextEdit()
        self.result.setReadOnly(True)
        note = QLabel(
            "Chọn các tệp báo cáo Excel do chương trình xuất ở các đảng ủy xã, cùng một kỳ báo cáo. "
            "Chương trình chỉ đọc trang dữ liệu ẩn của mỗi tệp và kiểm tra mã SHA-256 của nó: mã này phát "
            "hiện sai sót và sửa tay, không chống được giả mạo có chủ ý."
        )
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.run_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Tổng hợp nhiều đảng ủy</h2>"))
        layout.addWidget(note)
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.result, 1)

    def chosen(self) -> list[str]:
        return [self.files.item(i).text() for i in range(self.files.count())]

    def add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Chọn các tệp báo cáo của các đảng ủy", "", WORKBOOKS)
        for path in paths:
            if path not in self.chosen():
                self.files.addItem(path)

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))

    def run(self) -> None:
        files = self.chosen()
        if not files:
            self.result.setPlainText("Hãy thêm các tệp báo cáo cần tổng hợp.")
            return
        target, _ = QFileDialog.getSaveFileName(self, "Ghi tệp tổng hợp", "", WORKBOOKS)
        if not target:
            return
        output = Path(target) if target.endswith(".xlsx") else Path(target + ".xlsx")
        if self.ctx.tasks is not None:
            self.ctx.tasks.run(
                "Đang tổng hợp báo cáo",
                lambda p: rollup_ops.rollup(files, output, p),
                lambda added: self._done(added, output),
                self._refused,
                cancellable=False,
            )
            return
        try:  # no task runner (the page on its own): run here
            self._done(rollup_ops.rollup(files, output, Progress()), output)
        except Refused as exc:
            self._refused(exc)

    def _done(self, added: Rollup, output: Path) -> None:
        lines = [
            f"Đã tổng hợp {len(added.communes)} đảng ủy, báo cáo {added.period_label}, {len(added.forms)} biểu:",
            str(output),
        ]
        lines += [
            f"  {c.name}: số liệu chốt ngày {vn.format_date(c.data.meta.get('cutoff', ''))}" for c in added.communes
        ]
        if added.left_out:
            lines.append("Không tổng hợp các biểu không có ở mọi tệp: " + ", ".join(added.left_out) + ".")
        self.result.setPlainText("\n".join(lines))

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, Refused):
            errors.report_unexpected(self, exc)
            return
        self.result.setPlainText("\n".join(exc.reasons))


PAGE = PageSpec(75, "rollup", "Tổng hợp các xã", RollupPage, shortcut="Ctrl+Shift+T")
