"""Document numbers in narrow list columns stay whole ('512/CN-NTVĐ', never '512/CN-NT|VĐ')."""

from __future__ import annotations

from pathlib import Path

import docx
from pypdf import PdfReader

from commune_app.dossier import layout as L
from commune_app.dossier.fonts import document_fonts
from commune_app.dossier.render_pdf import string_width

# The checklist's columns (its 'Số' column is about 20 mm wide on A4 portrait).
COLUMNS = [
    L.Column("TT", 0.6, "CENTER"),
    L.Column("Tài liệu", 3.6),
    L.Column("Mẫu", 1.5, "CENTER"),
    L.Column("Số", 1.6, "CENTER"),
    L.Column("Ngày", 1.6, "CENTER"),
    L.Column("Hiệu lực đến", 1.6, "CENTER"),
    L.Column("Tình trạng", 2.3),
]
ROWS = [
    ["1", "Nghị quyết của chi bộ", "6-KNĐ", "512/CN-NTVĐ", "05/10/2026", "", "Đã có"],
    ["2", "Quyết định kết nạp", "9-KNĐ", "07/2026/CN-NTVĐ", "20/11/2026", "", "Đã có"],
    ["3", "Bản tổng hợp ý kiến", "5-KNĐ", "01-NQ/CB", "15/09/2026", "", "Đã có"],
]


def _table(target: Path) -> L.PartyPdf:
    pdf = L.PartyPdf(target, margins_mm=dict(L.DEFAULT_MARGINS_MM), font="liberation")
    pdf.table(COLUMNS, ROWS, size=10.5)
    pdf.build()
    return pdf


def test_numbers_are_never_broken_inside_a_part(tmp_path: Path) -> None:
    """With room on the page, the 'Số' column widens for its longest number (``fit_columns``)."""
    lines = [
        line.strip() for line in PdfReader(_table(tmp_path / "so.pdf").target).pages[0].extract_text().splitlines()
    ]
    assert {"512/CN-NTVĐ", "07/2026/CN-NTVĐ", "01-NQ/CB", "05/10/2026"} <= set(lines)


def test_the_cell_shrinks_only_as_far_as_needed() -> None:
    """A column that cannot widen: the number's size shrinks by half points until it fits."""
    fonts = document_fonts("liberation")
    inner = string_width("512/CN-NTVĐ", fonts.regular, 9.2)  # fits at 9 points, not at 9.5
    cell = L.fit_cell(L.M.runs("512/CN-NTVĐ"), 10.5, inner, fonts)
    assert cell.size == 9.0 and cell.runs[0].text == "512/CN-NTVĐ"
    assert L.fit_cell(L.M.runs("01-NQ/CB"), 10.5, inner, fonts).size == 10.5  # fits as it is
    assert L.fit_cell(L.M.runs("Nghị quyết của chi bộ"), 10.5, inner, fonts).size == 10.5  # words wrap, not shrink


def test_a_number_too_long_even_so_breaks_after_a_slash_only() -> None:
    fonts = document_fonts("liberation")
    inner = string_width("07/2026/", fonts.regular, L.MIN_CELL_SIZE) + 1
    cell = L.fit_cell(L.M.runs("07/2026/CN-NTVĐ"), 10.5, inner, fonts)
    assert cell.size == L.MIN_CELL_SIZE and cell.runs[0].text == "07/2026/\nCN-NTVĐ"


def test_word_keeps_the_same_numbers_whole(tmp_path: Path) -> None:
    _table(tmp_path / "so.docx")
    table = docx.Document(str(tmp_path / "so.docx")).tables[0]
    cells = [cell for cell in table.column_cells(3)][1:]
    assert [c.text for c in cells] == ["512/CN-NTVĐ", "07/2026/CN-NTVĐ", "01-NQ/CB"]
    assert "noBreakHyphen" in cells[0]._tc.xml  # Word would otherwise break after the hyphen
