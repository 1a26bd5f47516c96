"""The party-document furniture: page size, fonts, header, numbering of pages, draft mark."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from commune_app.dossier import layout as L
from commune_app.dossier.fonts import bundled_liberation, document_fonts


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Font name → embedded, over every page."""
    out: dict[str, bool] = {}
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            embedded = False
            for descendant in font.get("/DescendantFonts", []) or []:
                desc = descendant.get_object().get("/FontDescriptor")
                embedded = embedded or bool(desc and desc.get_object().get("/FontFile2"))
            desc = font.get("/FontDescriptor")
            if desc is not None:
                embedded = embedded or bool(desc.get_object().get("/FontFile2"))
            out[name] = embedded
    return out


def flat(text: str) -> str:
    """Extracted text with line breaks and runs of spaces as single spaces."""
    return " ".join(text.split())


def _sample(path: Path, *, draft: bool, rows: int = 60) -> L.PartyPdf:
    pdf = L.PartyPdf(path, margins_mm=dict(L.DEFAULT_MARGINS_MM), font="liberation", title="Mẫu thử")
    pdf.new_document(draft=draft)
    pdf.header(
        L.Header(
            upper="Đảng bộ xã Phú Lạc",
            issuer="Chi bộ thôn Nà Lầu",
            number=L.doc_number(7, "NQ", "CB"),
            place="Phú Lạc",
            on=dt.date(2026, 2, 5),
        )
    )
    pdf.title("Nghị quyết", "đề nghị kết nạp đảng viên")
    pdf.para("Quần chúng ", L.bold("Nguyễn Thị Ánh Tuyết & <Ỹ>"), " sinh ", L.date_text(dt.date(2001, 1, 3)), ".")
    group = "Ngày, tháng, năm sinh"
    pdf.table(
        [
            L.Column("TT", 1, "CENTER"),
            L.Column("Họ và tên", 5),
            L.Column("Nam", 2, "CENTER", group),
            L.Column("Nữ", 2, "CENTER", group),
        ],
        [[str(i + 1), f"Đặng Thị Ngọc Ánh {i}", "", "05/02/2000"] for i in range(rows)],
    )
    pdf.closing([L.Signature("T/M Chi bộ", "Bí thư", "Lò Văn Hùng")], ["Đảng ủy xã (để b/c)", "Lưu chi bộ"])
    return pdf


def test_a4_pages_fonts_embedded_and_text_exact(tmp_path: Path) -> None:
    path = tmp_path / "mau.pdf"
    pages = _sample(path, draft=False).build()
    reader = PdfReader(path)
    assert pages == len(reader.pages) >= 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    fonts = _fonts(reader)
    assert any("LiberationSerif" in name for name in fonts)
    assert all(fonts.values()), fonts  # every font listed is embedded: no unused Helvetica
    first = flat(reader.pages[0].extract_text())
    for expected in (
        "ĐẢNG BỘ XÃ PHÚ LẠC",
        "CHI BỘ THÔN NÀ LẦU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 07-NQ/CB",
        "Phú Lạc, ngày 05 tháng 02 năm 2026",
        "NGHỊ QUYẾT",
        "đề nghị kết nạp đảng viên",
        "Nguyễn Thị Ánh Tuyết & <Ỹ>",
        "ngày 03 tháng 01 năm 2001",
        "Ngày, tháng, năm sinh",
    ):
        assert expected in first
    assert "Số: " not in first
    assert "DỰ THẢO" not in first


def test_page_numbers_start_at_page_two_of_each_document(tmp_path: Path) -> None:
    path = tmp_path / "hai.pdf"
    pdf = _sample(path, draft=False)
    pdf.new_document(landscape=True)
    pdf.header(L.Header(issuer="Đảng ủy xã Phú Lạc", place="Phú Lạc", on=None))
    pdf.title("Danh sách", "trích ngang")
    pdf.build()
    reader = PdfReader(path)
    texts = [p.extract_text() for p in reader.pages]
    assert not texts[0].strip().endswith("1")
    assert texts[1].splitlines()[-1].strip() == "2" or "\n2\n" in f"\n{texts[1]}\n"
    last = reader.pages[-1]
    assert float(last.mediabox.width) > float(last.mediabox.height)  # the landscape list
    assert "ngày ...... tháng ...... năm ......" in texts[-1]
    assert not any(line.strip() == "2" for line in texts[-1].splitlines())


def test_draft_mark_on_every_page_of_a_draft(tmp_path: Path) -> None:
    path = tmp_path / "du-thao.pdf"
    _sample(path, draft=True).build()
    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    assert all(L.DRAFT_MARK in page.extract_text() for page in reader.pages)


def test_number_and_date_helpers() -> None:
    assert L.doc_number(7, "NQ", "CB") == "Số 07-NQ/CB"
    assert L.doc_number(123, "QĐ", "ĐU") == "Số 123-QĐ/ĐU"
    assert L.doc_number(None, "NQ", "ĐTN", colon=True) == "Số: ......-NQ/ĐTN"
    assert L.date_line("An Phú", dt.date(2026, 3, 5)) == "An Phú, ngày 05 tháng 3 năm 2026"


def test_bundled_font_is_used_when_asked() -> None:
    fonts = document_fonts("liberation")
    assert fonts.label == "Liberation Serif"
    assert all(path.is_file() for path in bundled_liberation().values())


def test_decomposed_text_is_printed_composed(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    path = tmp_path / "nfd.pdf"
    pdf = L.PartyPdf(path, margins_mm=dict(L.DEFAULT_MARGINS_MM), font="liberation")
    pdf.header(L.Header(issuer=unicodedata.normalize("NFD", "Chi bộ thôn Nà Lầu"), place="Phú Lạc", on=None))
    pdf.para("Quần chúng ", L.bold(decomposed), ".")
    pdf.build()
    text = flat(PdfReader(path).pages[0].extract_text())
    assert "Quần chúng Nguyễn Thị Ánh Tuyết." in text and "CHI BỘ THÔN NÀ LẦU" in text


def test_times_new_roman_is_preferred_when_the_system_has_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from commune_app.dossier import fonts

    system = {}
    for style, source in bundled_liberation().items():
        system[style] = tmp_path / f"times-{style}.ttf"
        shutil.copyfile(source, system[style])
    monkeypatch.setattr(fonts, "_times_candidates", lambda: [{k: tmp_path / "missing.ttf" for k in system}, system])
    document_fonts.cache_clear()
    try:
        assert fonts.find_times_new_roman() == system
        assert document_fonts("auto").label == "Times New Roman"
        assert document_fonts("liberation").label == "Liberation Serif"
    finally:
        document_fonts.cache_clear()


def test_a_failed_build_leaves_the_previous_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "cu.pdf"
    path.write_bytes(b"%PDF-1.4 ban cu")
    pdf = L.PartyPdf(path, margins_mm=dict(L.DEFAULT_MARGINS_MM), font="liberation")
    pdf.header(L.Header(issuer="Chi bộ thôn Nà Lầu", place="Phú Lạc", on=None))
    pdf.add(object())  # not a flowable: reportlab fails in the middle of the build
    with pytest.raises(AttributeError):  # reportlab asks the object for a flowable's methods
        pdf.build()
    assert path.read_bytes() == b"%PDF-1.4 ban cu"
    assert [p.name for p in tmp_path.iterdir()] == ["cu.pdf"]


def test_every_font_embedded_and_the_metadata_filled_in(session, tmp_path: Path) -> None:
    from commune_app.bench.dossier import sample_candidate, sample_committee
    from commune_app.ops import documents as doc_ops
    from tests.core.dossier_samples import sample_probationary

    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    sample_probationary(session, committee)
    person, register = tmp_path / "ho-so.pdf", tmp_path / "so.pdf"
    doc_ops.render_person(session, person_id, ["MLHS", "TTLL", "6-KNĐ", "9-KNĐ"], False, person)
    doc_ops.render_probationary_register(session, register)
    for path in (person, register):
        fonts = _fonts(PdfReader(path))
        assert fonts and all(fonts.values()), fonts
        assert not any("Helvetica" in name for name in fonts)
    meta = PdfReader(person).metadata
    assert meta.title == "Hồ sơ của Nguyễn Thị Ánh Tuyết"
    assert meta.author == "Đảng ủy xã Phú Lạc"
    assert meta.subject == "MLHS, TTLL, 6-KNĐ, 9-KNĐ"
    meta = PdfReader(register).metadata
    assert (meta.title, meta.author, meta.subject) == ("Sổ đảng viên dự bị", "Đảng ủy xã Phú Lạc", "Mẫu 18-KNĐ")
