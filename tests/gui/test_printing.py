"""What reaches the printer: the chosen pages, each sheet filled in its own orientation,
rendered at no more than 300 dpi (checked on a QPrinter writing a PDF)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage, QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from commune_app.settings import Settings
from ui.widgets.pdf_preview import MAX_PRINT_DPI, PdfPreview

pytestmark = pytest.mark.gui


def _source(path) -> None:
    """Page 1 portrait, page 2 landscape (the 18-KNĐ register), each with a frame at its edges."""
    pdf = canvas.Canvas(str(path))
    for size in (A4, landscape(A4), A4):
        pdf.setPageSize(size)
        pdf.setLineWidth(8)
        pdf.rect(10, 10, size[0] - 20, size[1] - 20)
        pdf.showPage()
    pdf.save()


def _printer(path, resolution: int = 600) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setResolution(resolution)
    printer.setFullPage(True)
    return printer


def _ink_box(pdf_path, page: int) -> tuple[float, float]:
    """The share of the sheet's width and height that the frame covers."""
    document = QPdfDocument()
    document.load(str(pdf_path))
    image: QImage = document.render(page, document.pagePointSize(page).toSize())
    dark = [
        (x, y)
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if QColor(image.pixel(x, y)).lightness() < 128
    ]
    xs, ys = [x for x, _ in dark], [y for _, y in dark]
    document.close()
    return (max(xs) - min(xs)) / image.width(), (max(ys) - min(ys)) / image.height()


@pytest.fixture
def preview(qtbot, tmp_path):
    widget = PdfPreview(Settings(tmp_path / "cai-dat.json"))
    qtbot.addWidget(widget)
    source = widget.scratch_file("so-dang-vien.pdf")
    _source(source)
    assert widget.show_file(source)
    yield widget
    widget.release()


def test_a_landscape_page_fills_a_portrait_sheet(preview, tmp_path):
    out = tmp_path / "in.pdf"
    assert preview.print_to(_printer(out))
    pages = PdfReader(out).pages
    assert len(pages) == 3
    for page in pages:  # every sheet is A4 portrait, as the paper in the tray
        assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842
    wide, tall = _ink_box(out, 1)
    assert wide > 0.9 and tall > 0.9  # turned, not shrunk to 70 % of the sheet


def test_page_range_and_copies_are_honoured(preview, tmp_path):
    out = tmp_path / "in.pdf"
    printer = _printer(out)
    printer.setFromTo(2, 3)
    printer.setCopyCount(2)
    assert preview.print_to(printer)
    expected = 2 if printer.supportsMultipleCopies() else 4
    assert len(PdfReader(out).pages) == expected


def test_pages_are_rendered_at_no_more_than_300_dpi(preview, tmp_path):
    out = tmp_path / "in.pdf"
    assert preview.print_to(_printer(out, resolution=1200))
    widths = [image.image.width for page in PdfReader(out).pages for image in page.images]
    assert widths and max(widths) <= round(842 * MAX_PRINT_DPI / 72) + 1
