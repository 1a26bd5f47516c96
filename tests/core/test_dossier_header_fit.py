"""Headers that fit: the left column sized to its longest line, names broken between words into
balanced lines, never one syllable alone, the same lines in the PDF and in Word."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from commune_app.dossier import layout as L
from commune_app.dossier.fonts import document_fonts
from commune_app.dossier.render_pdf import string_width

FONTS = document_fonts("liberation")
PORTRAIT = 165 * L.MM  # A4 less the 30 and 15 mm margins
# Real units and villages of Lạng Sơn (after 01/7/2025): (upper body, issuer, place).
HEADERS = [
    ("Đảng bộ tỉnh Lạng Sơn", "Đảng ủy cơ quan xã Ba Sơn", "Ba Sơn"),
    ("Đảng bộ tỉnh Lạng Sơn", "Đảng ủy xã Hoàng Văn Thụ", "Hoàng Văn Thụ"),
    ("Đảng bộ tỉnh Lạng Sơn", "Đảng ủy phường Đông Kinh", "Đông Kinh"),
    ("Đảng bộ xã Ba Sơn", "Chi bộ thôn Nà Lầu", "Ba Sơn"),
    ("Đảng bộ xã Hoàng Văn Thụ", "Chi bộ Trường Trung học cơ sở xã Hoàng Văn Thụ", "Hoàng Văn Thụ"),
    ("Đảng bộ xã Hoàng Văn Thụ", "Chi bộ thôn Khuổi Phặc Nà Thàn Bản Cầu", "Hoàng Văn Thụ"),
    ("Đảng ủy cơ quan Ủy ban nhân dân xã Hoàng Văn Thụ", "Chi bộ thôn Pò Mã", "Hoàng Văn Thụ"),
]


def _fit(upper: str, issuer: str, place: str, landscape: bool = False) -> L.M.HeaderBlock:
    width = 252 * L.MM if landscape else PORTRAIT
    return L.fit_header(
        L.Header(upper=upper, issuer=issuer, place=place, on=dt.date(2026, 12, 10)), width, landscape, FONTS
    )


@pytest.mark.parametrize("landscape", [False, True])
@pytest.mark.parametrize(("upper", "issuer", "place"), HEADERS)
def test_no_syllable_alone_and_at_most_three_lines(upper: str, issuer: str, place: str, landscape: bool) -> None:
    block = _fit(upper, issuer, place, landscape)
    lines = block.upper_lines + block.issuer_lines
    assert all(len(line.split()) >= 2 for line in lines), lines
    assert len(lines) <= L.LEFT_LINES, lines
    assert " ".join(block.upper_lines) == upper.upper() and " ".join(block.issuer_lines) == issuer.upper()
    assert L.LEFT_COLUMN_MM[0] * L.MM <= block.left_width <= L.LEFT_COLUMN_MM[1] * L.MM
    for text, font in [(t, FONTS.regular) for t in block.upper_lines] + [(t, FONTS.bold) for t in block.issuer_lines]:
        assert string_width(text, font, 14) <= block.left_width
    if not landscape:
        assert block.left_width + block.right_width == pytest.approx(PORTRAIT)  # the right column takes the rest


@pytest.mark.parametrize("issuer", ["Đảng ủy cơ quan xã Ba Sơn", "Đảng ủy phường Đông Kinh"])
def test_names_that_wrapped_at_72_mm_stay_on_one_line(issuer: str) -> None:
    block = _fit("Đảng bộ tỉnh Lạng Sơn", issuer, "Ba Sơn")
    assert block.issuer_lines == (issuer.upper(),)
    assert block.left_width > 72.6 * L.MM  # the old fixed column was too narrow for them


def test_a_long_name_is_balanced_and_the_dated_line_stays_whole() -> None:
    block = _fit("Đảng bộ tỉnh Lạng Sơn", "Đảng ủy xã Hoàng Văn Thụ", "Hoàng Văn Thụ")
    # "Hoàng Văn Thụ, ngày ... 2026" needs 89 mm: the issuer takes two even lines instead.
    assert block.issuer_lines == ("ĐẢNG ỦY XÃ", "HOÀNG VĂN THỤ")
    assert string_width(block.date_line, FONTS.italic, 14) <= block.right_width


def test_balanced_lines_prefer_even_lines_and_never_a_lone_word() -> None:
    text = "CHI BỘ TRƯỜNG TRUNG HỌC CƠ SỞ XÃ HOÀNG VĂN THỤ"
    lines = L.balanced_lines(text, FONTS.bold, 14, 80 * L.MM)
    assert lines == ("CHI BỘ TRƯỜNG TRUNG HỌC", "CƠ SỞ XÃ HOÀNG VĂN THỤ")
    assert L.balanced_lines("ĐẢNG ỦY CƠ QUAN XÃ BA SƠN", FONTS.bold, 14, 72 * L.MM) == ("ĐẢNG ỦY CƠ QUAN", "XÃ BA SƠN")


def _pdf_left_lines(path: Path) -> list[str]:
    text = PdfReader(path).pages[0].extract_text()
    lines = [line.strip() for line in text.splitlines()]
    return lines[: lines.index("*")]


@pytest.mark.parametrize(("upper", "issuer", "place"), HEADERS)
def test_pdf_and_word_break_the_header_the_same_way(tmp_path: Path, upper: str, issuer: str, place: str) -> None:
    block = _fit(upper, issuer, place)
    for suffix in ("pdf", "docx"):
        pdf = L.PartyPdf(tmp_path / f"h.{suffix}", margins_mm=dict(L.DEFAULT_MARGINS_MM), font="liberation")
        pdf.header(L.Header(upper=upper, issuer=issuer, number="Số 07-NQ/CB", place=place, on=dt.date(2026, 12, 10)))
        pdf.para("Nội dung.")
        pdf.build()
    expected = list(block.upper_lines + block.issuer_lines)
    assert _pdf_left_lines(tmp_path / "h.pdf") == expected
    left = docx.Document(str(tmp_path / "h.docx")).tables[0].cell(0, 0).text.split("\n")
    assert left == [*expected, "*"]
