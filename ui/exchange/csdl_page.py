"""CSDL đảng viên: write the national database's standardisation sheet and the new members' sheets,
and compare a sheet with the program (nothing written; the sheet's values are taken through the
import's preview, row by row) (docs/exchange.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from commune_app.ops import csdl
from commune_app.progress import Progress
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec
from ui.shell.tasks import run_task

WORKBOOKS = "Bảng tính Excel (*.xlsx)"


class CsdlPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.export_button = QPushButton("Xuất biểu chuẩn hóa...")
        self.export_button.clicked.connect(self.export)
        self.new_button = QPushButton("Xuất trang đảng viên mới...")
        self.new_button.clicked.connect(self.new_members)
        self.compare_button = QPushButton("Đối chiếu với một biểu chuẩn hóa...")
        self.compare_button.clicked.connect(self.compare)
        self.result = QPlainTextEdit()
        self.result.setReadOnly(True)
        note = QLabel(
            "Biểu chuẩn hóa dữ liệu đảng viên của CSDL đảng viên (28 cột). Đối chiếu không thay đổi gì; "
            "để nhận giá trị của bảng ở những chỗ bảng đúng, nhập bảng ở trang “Nhập danh sách”: bản xem "
            "trước cho thấy từng trường thay đổi và cho chọn từng dòng."
        )
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.new_button, self.compare_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>CSDL đảng viên</h2>"))
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.result, 1)

    def _task(self, title: str, work: Callable[[Progress], Any], done: Callable[[Any], None]) -> None:
        run_task(self.ctx.tasks, self, title, work, done, cancellable=False)

    def _target(self, title: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, "", WORKBOOKS)
        if not path:
            return None
        return Path(path) if path.endswith(".xlsx") else Path(path + ".xlsx")

    def export(self) -> None:
        target = self._target("Ghi biểu chuẩn hóa")
        if target is not None:
            session = self.ctx.session
            self._task(
                "Đang xuất biểu chuẩn hóa",
                lambda _p: csdl.export(session, target),
                lambda n: self.result.setPlainText(f"Đã xuất biểu chuẩn hóa của {n} đảng viên: {target}"),
            )

    def new_members(self) -> None:
        target = self._target("Ghi trang đảng viên mới")
        if target is not None:
            session = self.ctx.session
            self._task(
                "Đang xuất trang đảng viên mới",
                lambda _p: csdl.new_members(session, target),
                lambda n: self.result.setPlainText(f"Đã ghi {n} trang (mỗi đảng viên mới một trang): {target}"),
            )

    def compare(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, "Chọn biểu chuẩn hóa", "", WORKBOOKS)
        if source:
            session = self.ctx.session
            self._task(
                "Đang đối chiếu",
                lambda _p: csdl.compare(session, source),
                lambda result: self.result.setPlainText("\n".join(result.lines())),
            )


PAGE = PageSpec(85, "csdl", "CSDL đảng viên", CsdlPage, shortcut="Ctrl+Shift+D", commune_only=True, writers_only=True)
