"""A PDF shown inside the program (QPdfView), printed through the system's print dialog, or
saved under another name; where the page offers it, the same papers saved as a Word file.
Every word Vietnamese."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from commune_app import scratch
from commune_app.settings import Settings
from ui.kit import vn_buttons
from ui.widgets.save_dialog import ask_save_path

MAX_PRINT_DPI = 300  # a 600-dpi A4 page is 130 MB as an image; 300 dpi prints text sharply


class PdfPreview(QWidget):
    """Shows one PDF file; 'In...' and 'Lưu thành tệp...' act on it, 'Lưu thành Word...' writes
    the same papers as a .docx through the writer the page gives (``offer_word``).

    The files it shows are made in its own scratch folder (``scratch_file``), which goes when
    the preview goes: the document is closed first, since Windows refuses to delete a file
    that is still open, and what a crash left behind is removed at the next start.
    """

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.path: Path | None = None
        self.suggested_name = "van-ban.pdf"
        self.document = QPdfDocument(self)
        self._scratch: list[Path] = []  # at most one folder; a list so the clean-up below can see it
        document, scratch_folders = self.document, self._scratch
        self.destroyed.connect(lambda *_: _release(document, scratch_folders))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.caption = QLabel("Chưa có văn bản để xem trước.")
        self.caption.setWordWrap(True)
        self.print_button = QPushButton("In...")
        self.print_button.setToolTip("In qua hộp thoại in của máy (Ctrl+P)")
        self.print_button.setShortcut("Ctrl+P")
        self.save_button = QPushButton("Lưu thành tệp...")
        self.word_button = QPushButton("Lưu thành Word...")
        self.word_button.setToolTip("Ghi cùng các văn bản thành tệp Word (.docx) để sửa tiếp")
        self.word_button.setVisible(False)
        self._word_writer: Callable[[Path], None] | None = None
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.word_button.clicked.connect(self.save_word)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.word_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)  # on its own line: a long caption never squeezes the page
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._set_enabled(False)

    def scratch_file(self, name: str) -> Path:
        """A path for a file this preview will show, in its private folder."""
        if not self._scratch:
            self._scratch.append(scratch.new_folder())
        return self._scratch[0] / name

    def release(self) -> None:
        """Let go of the document and remove the scratch folder (the preview stays usable)."""
        self.path = None
        self._set_enabled(False)
        _release(self.document, self._scratch)

    def _set_enabled(self, enabled: bool) -> None:
        self.print_button.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        self.word_button.setEnabled(enabled and self._word_writer is not None)

    def offer_word(self, writer: Callable[[Path], None] | None) -> None:
        """Show 'Lưu thành Word...' for the papers now shown: ``writer(target)`` writes them as .docx."""
        self._word_writer = writer
        self.word_button.setVisible(writer is not None)
        self.word_button.setEnabled(writer is not None and self.path is not None)

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.path else 0

    def show_file(self, path: Path, caption: str = "", suggested_name: str = "") -> bool:
        """Load and show a PDF; False (with a message) when it cannot be read."""
        self.document.close()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self.path = None
            self._set_enabled(False)
            self.caption.setText("Không mở được tệp để xem trước.")
            vn_buttons.warn(self, "Không xem trước được", f"Không mở được tệp {path} để xem trước.")
            return False
        self.path = Path(path)
        self.suggested_name = suggested_name or self.path.name
        pages = self.document.pageCount()
        self.caption.setText(f"{caption} — {pages} trang" if caption else f"{pages} trang")
        self._set_enabled(True)
        return True

    def clear(self) -> None:
        self.document.close()
        self.path = None
        self.caption.setText("Chưa có văn bản để xem trước.")
        self._set_enabled(False)

    def save_as(self) -> Path | None:
        if self.path is None:
            return None
        target_path = ask_save_path(
            self, self.settings, "Lưu văn bản thành tệp PDF", self.suggested_name, "Tệp PDF (*.pdf)"
        )
        if target_path is None:
            return None
        try:
            shutil.copyfile(self.path, target_path)
        except OSError as exc:
            vn_buttons.warn(
                self,
                "Không lưu được",
                f"Không ghi được tệp {target_path}: {exc.strerror or exc}. Tệp có thể đang mở trong chương trình khác.",
            )
            return None
        return target_path

    def save_word(self) -> Path | None:
        if self.path is None or self._word_writer is None:
            return None
        target_path = ask_save_path(
            self,
            self.settings,
            "Lưu văn bản thành tệp Word",
            Path(self.suggested_name).with_suffix(".docx").name,
            "Tệp Word (*.docx)",
        )
        if target_path is None:
            return None
        self._word_writer(target_path)
        return target_path

    def print_document(self) -> bool:
        """The system's print dialog, then each page drawn at the printer's resolution."""
        if self.path is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In văn bản")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Each page of the range, as often as the copies asked, one page in memory at a time:
        rendered at the printer's resolution up to MAX_PRINT_DPI, a landscape page turned to
        fill a portrait sheet (and the other way round), centred on the sheet."""
        painter = QPainter()
        if not painter.begin(printer):
            vn_buttons.warn(self, "Không in được", "Máy in không sẵn sàng hoặc không mở được.")
            return False
        try:
            first, last = printer.fromPage(), printer.toPage()
            pages = range(self.document.pageCount())
            if first > 0 and last >= first:
                pages = range(first - 1, min(last, self.document.pageCount()))
            # A printer that makes copies itself gets one; otherwise the pages are sent again.
            copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            started = False
            for _copy in range(copies):
                for index in pages:
                    if started:
                        printer.newPage()
                    started = True
                    self._print_page(painter, index, dpi)
        finally:
            painter.end()
        return True

    def _print_page(self, painter: QPainter, index: int, dpi: int) -> None:
        sheet = painter.viewport()
        size = self.document.pagePointSize(index)
        turn = (size.width() > size.height()) != (sheet.width() > sheet.height())
        room_w, room_h = (sheet.height(), sheet.width()) if turn else (sheet.width(), sheet.height())
        scale = min(room_w / size.width(), room_h / size.height())
        drawn_w, drawn_h = size.width() * scale, size.height() * scale
        image = self.document.render(index, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72)))
        painter.save()
        painter.translate(sheet.width() / 2, sheet.height() / 2)
        if turn:
            painter.rotate(90)
        painter.drawImage(QRectF(-drawn_w / 2, -drawn_h / 2, drawn_w, drawn_h), image)
        painter.restore()

    def sizeHint(self) -> QSize:
        return QSize(620, 760)


def _release(document: QPdfDocument, folders: list[Path]) -> None:
    document.close()  # first: Windows keeps an open file from being deleted (WinError 32)
    while folders:
        scratch.remove_folder(folders.pop())
