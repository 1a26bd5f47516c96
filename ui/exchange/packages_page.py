"""Gói dữ liệu chi bộ: make a cell's package (or, in a cell's file, the return package), open one
as a cell's file, preview and merge what a cell sends back (docs/exchange.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.importing.merge import merged_text
from commune_app.ops import cells as cell_ops
from commune_app.ops import packages
from commune_app.progress import Progress
from ui.kit import vn_buttons
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec
from ui.shell.tasks import run_task

FILTER = "Gói dữ liệu chi bộ (*.ptdv)"


class PackagesPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.preview: packages.PackagePreview | None = None
        self.mode = packages.cell_mode(ctx.session)
        self.identity = QLabel(self._identity_text())
        self.identity.setWordWrap(True)

        self.cell = QComboBox()
        self.export_button = QPushButton("Lập gói gửi về đảng ủy..." if self.mode else "Lập gói cho chi bộ...")
        self.export_button.clicked.connect(self.export)
        make = QGroupBox("Lập gói")
        make_row = QHBoxLayout(make)
        if self.mode is None:
            for cell in cell_ops.list_cells(ctx.session, active_only=True):
                self.cell.addItem(cell["name"], cell["name"])
            make_row.addWidget(self.cell, 1)
        make_row.addWidget(self.export_button)

        self.open_button = QPushButton("Mở gói thành tệp chi bộ...")
        self.open_button.clicked.connect(self.open_package)
        opened = QGroupBox("Mở gói (máy của chi bộ)")
        QHBoxLayout(opened).addWidget(self.open_button)

        self.preview_button = QPushButton("Xem trước gói chi bộ gửi về...")
        self.preview_button.clicked.connect(self.show_preview)
        self.merge_button = QPushButton("Gộp vào dữ liệu")
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setReadOnly(True)
        merge = QGroupBox("Gộp gói chi bộ gửi về")
        merge_layout = QVBoxLayout(merge)
        merge_buttons = QHBoxLayout()
        merge_buttons.addWidget(self.preview_button)
        merge_buttons.addWidget(self.merge_button)
        merge_buttons.addStretch(1)
        merge_layout.addLayout(merge_buttons)
        merge_layout.addWidget(self.preview_text, 1)
        merge.setEnabled(self.mode is None)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Gói dữ liệu chi bộ</h2>"))
        layout.addWidget(self.identity)
        layout.addWidget(make)
        layout.addWidget(opened)
        layout.addWidget(merge, 1)

    def _identity_text(self) -> str:
        if self.mode is None:
            return (
                "Tệp của đảng ủy. Lập gói cho một chi bộ (chép bằng USB), chi bộ làm việc trên gói rồi gửi gói "
                "về; gộp gói gửi về sau khi xem trước từng thay đổi. Gói được mã hóa bằng mật khẩu."
            )
        return (
            f"Tệp này là gói dữ liệu của {self.mode['cell']} ({self.mode['commune']['committee']}), lập ngày "
            f"{vn.format_date(self.mode['made_on'])}: chỉ làm việc với chi bộ này. Xong việc, lập gói gửi về "
            "đảng ủy."
        )

    def _task(self, title: str, work: Callable[[Progress], Any], done: Callable[[Any], None]) -> None:
        run_task(self.ctx.tasks, self, title, work, done, cancellable=False)

    def _password(self, title: str, *, twice: bool = False) -> str | None:
        first, ok = QInputDialog.getText(self, title, "Mật khẩu của gói:", QLineEdit.EchoMode.Password)
        if not ok or not first:
            return None
        if twice:
            again, ok = QInputDialog.getText(self, title, "Nhập lại mật khẩu:", QLineEdit.EchoMode.Password)
            if not ok or again != first:
                vn_buttons.warn(self, title, "Hai lần nhập mật khẩu không giống nhau.")
                return None
        return first

    def export(self) -> None:
        cell = self.cell.currentData() if self.mode is None else None
        if self.mode is None and not cell:
            vn_buttons.warn(self, "Lập gói", "Hãy chọn chi bộ.")
            return
        path, _ = QFileDialog.getSaveFileName(self, "Ghi gói dữ liệu", "", FILTER)
        if not path:
            return
        target = Path(path) if path.endswith(".ptdv") else Path(path + ".ptdv")
        password = self._password("Mật khẩu cho gói", twice=True)
        if password is None:
            return
        session = self.ctx.session
        self._task(
            "Đang lập gói dữ liệu",
            lambda _p: packages.export_package(session, target, password, cell),
            lambda m: vn_buttons.inform(self, "Đã lập gói", f"Gói của {m['cell']} đã ghi:\n{target}"),
        )

    def open_package(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, "Chọn gói đảng ủy gửi", "", FILTER)
        if not source:
            return
        target, _ = QFileDialog.getSaveFileName(self, "Tệp dữ liệu chi bộ sẽ tạo", "", "Tệp dữ liệu (*.sqlite)")
        if not target:
            return
        password = self._password("Mật khẩu của gói")
        if password is None:
            return
        self._task(
            "Đang mở gói dữ liệu",
            lambda _p: packages.open_package_file(source, target, password),
            lambda m: vn_buttons.inform(
                self, "Đã mở gói", f"Đã tạo tệp chi bộ {target} cho {m['cell']}. Hãy mở tệp này (Tệp > Mở) để làm việc."
            ),
        )

    def show_preview(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, "Chọn gói chi bộ gửi về", "", FILTER)
        if not source:
            return
        password = self._password("Mật khẩu của gói")
        if password is None:
            return
        session = self.ctx.session
        self._task("Đang xem trước gói", lambda p: packages.merge_preview(session, source, password, p), self._shown)

    def _shown(self, preview: packages.PackagePreview) -> None:
        self.preview = preview
        self.preview_text.setPlainText("\n".join(preview.lines()))
        counts = preview.merge.counts()
        self.merge_button.setEnabled(counts["conflict"] == 0 and bool(preview.merge.accepted_default()))
        if counts["conflict"]:
            self.merge_button.setToolTip(
                "Có hồ sơ mâu thuẫn với những gì đảng ủy đã sửa sau khi gửi gói: hãy xem "
                "lại các hồ sơ đó rồi xem trước lại."
            )

    def merge(self) -> None:
        preview = self.preview
        if preview is None:
            return
        session = self.ctx.session

        def done(counts: dict[str, int]) -> None:
            self.preview = None
            self.merge_button.setEnabled(False)
            self.preview_text.appendPlainText("\n" + merged_text(counts))

        self._task("Đang gộp gói dữ liệu", lambda p: packages.merge_commit(session, preview, None, p), done)


PAGE = PageSpec(105, "packages", "Gói dữ liệu chi bộ", PackagesPage, writers_only=True)
