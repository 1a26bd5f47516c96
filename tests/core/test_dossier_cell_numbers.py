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
    lines = [
        line.strip() for line in PdfReader(_table(tmp_path / "so.pdf").target).pages[0].extract_text().splitlines()
    ]
    assert "512/CN-NTVĐ" in lines  # whole on one line, at a smaller size
    assert lines[lines.index("07/2026/") + 1] == "CN-NTVĐ"  # too long even so: broken after a slash only
    assert "01-NQ/CB" in lines and "05/10/2026" in lines


def test_the_cell_shrinks_only_as_far_as_needed(tmp_path: Path) -> None:
    pdf = _table(tmp_path / "so.pdf")
    table = pdf.model.documents[0].blocks[0]
    inner = table.widths[3] - 2 * L.M.CELL_PADDING
    fonts = document_fonts("liberation")
    sizes = [row[3].size for row in table.rows]
    assert sizes[2] == 10.5  # '01-NQ/CB' fits as it is
    assert L.MIN_CELL_SIZE <= sizes[0] < 10.5
    assert string_width("512/CN-NTVĐ", fonts.regular, sizes[0]) <= inner
    assert string_width("512/CN-NTVĐ", fonts.regular, sizes[0] + 0.5) > inner
    assert [row[1].size for row in table.rows] == [10.5] * 3  # other cells keep the list's size


def test_word_keeps_the_same_numbers_whole(tmp_path: Path) -> None:
    _table(tmp_path / "so.docx")
    table = docx.Document(str(tmp_path / "so.docx")).tables[0]
    cells = [cell for cell in table.column_cells(3)][1:]
    assert [c.text for c in cells] == ["512/CN-NTVĐ", "07/2026/\nCN-NTVĐ", "01-NQ/CB"]
    assert "noBreakHyphen" in cells[0]._tc.xml  # Word would otherwise break after the hyphen
    assert cells[0].paragraphs[0].runs[0].font.size.pt < 10.5
