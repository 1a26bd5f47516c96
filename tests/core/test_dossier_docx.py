"""Word output: the same words as the PDF from the one document model, on the 36-HD page."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from commune_app.bench.dossier import MEETING_DAY, sample_candidate, sample_committee
from commune_app.cli.main import run
from commune_app.dossier import layout as L
from commune_app.ops import documents as doc_ops
from commune_app.ops.context import Session
from tests.core.dossier_samples import sample_probationary
from tests.office import libreoffice_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(path: Path) -> str:
    """The body's text in reading order: paragraphs and table cells (a merged cell once)."""
    document = docx.Document(str(path))
    out: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == f"{W}p":
            out.append(docx.text.paragraph.Paragraph(element, document).text)
        elif element.tag == f"{W}tbl":
            table = docx.table.Table(element, document)
            seen: list[object] = []  # python-docx gives a merged cell again in each row and column it spans
            for row in table.rows:
                for cell in row.cells:
                    if not any(cell._tc is tc for tc in seen):
                        seen.append(cell._tc)
                        out.append(cell.text)
    return "\n".join(out)


def pdf_text(path: Path) -> list[str]:
    """Each page's text without what the page furniture adds (page number, DỰ THẢO)."""
    out = []
    for page in PdfReader(path).pages:
        text = page.extract_text().rstrip()
        text = re.sub(rf"\s*{L.DRAFT_MARK}$", "", text)
        text = re.sub(r"\n\s*\d{1,3}$", "", text)
        out.append(text)
    return out


def repeated_heads(path: Path) -> list[str]:
    """The title rows of each list in a .docx, which a PDF prints again on every page of the list."""
    document = docx.Document(str(path))
    heads = []
    for table in document.tables:
        rows = [row for row in table.rows if row._tr.find(f"{W}trPr/{W}tblHeader") is not None]
        if rows:
            heads.append(squeeze(" ".join(dict.fromkeys(c.text for row in rows for c in row.cells))))
    return heads


def squeeze(text: str) -> str:
    """Wrapping and justification put breaks and spaces in different places: compare without them."""
    return "".join(text.split())


def same_text(pdf: Path, word: Path) -> None:
    """The PDF and the .docx carry the same words in the same order."""
    heads = repeated_heads(word)
    pages = [squeeze(t) for t in pdf_text(pdf)]
    for i in range(1, len(pages)):
        for head in heads:
            if head and pages[i].startswith(head):
                pages[i] = pages[i][len(head) :]
                break
    assert squeeze(docx_text(word)) == "".join(pages)


def header_texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [
        " ".join(p.text for p in part.paragraphs).strip()
        for s in document.sections
        for part in (s.first_page_header, s.header)
    ]


def _both(tmp_path: Path, name: str, render) -> tuple[Path, Path]:
    pdf, word = tmp_path / f"{name}.pdf", tmp_path / f"{name}.docx"
    render(pdf)
    render(word)
    return pdf, word


@pytest.mark.parametrize("family", ["admission", "recognition"])
def test_a_persons_papers_say_the_same_in_word_and_pdf(session: Session, tmp_path: Path, family: str) -> None:
    committee = sample_committee(session)
    person_id = (
        sample_candidate(session, committee) if family == "admission" else sample_probationary(session, committee)
    )
    printed: dict[str, list[tuple[str, bool]]] = {}
    for suffix in ("pdf", "docx"):
        printed[suffix] = doc_ops.render_person(session, person_id, None, False, tmp_path / f"ho-so.{suffix}")
    assert printed["pdf"] == printed["docx"] and len(printed["pdf"]) >= 5
    pdf, word = tmp_path / "ho-so.pdf", tmp_path / "ho-so.docx"
    same_text(pdf, word)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in docx_text(word)


def test_meeting_batch_and_register_say_the_same_in_word_and_pdf(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session)
    for name in ("Nguyễn Thị Ánh Tuyết", "Lê Văn Đông"):
        sample_candidate(session, committee, name)
    cell = doc_ops.Selection("cell", MEETING_DAY, committee["cell_id"])
    pdf, word = _both(tmp_path, "chi-bo", lambda p: doc_ops.render_batch(session, cell, p, True))
    same_text(pdf, word)
    committee_meeting = doc_ops.Selection("committee", session.today)
    pdf, word = _both(tmp_path, "ban-thuong-vu", lambda p: doc_ops.render_batch(session, committee_meeting, p, True))
    same_text(pdf, word)
    assert "TỜ TRÌNH" in docx_text(word) and "QUYẾT ĐỊNH" in docx_text(word)
    sample_probationary(session, committee)
    pdf, word = _both(tmp_path, "so", lambda p: doc_ops.render_probationary_register(session, p))
    same_text(pdf, word)
    assert "Bế Văn Khánh" in docx_text(word)


def test_batch_in_separate_word_files(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session)
    sample_candidate(session, committee)
    cell = doc_ops.Selection("cell", MEETING_DAY, committee["cell_id"])
    result = doc_ops.render_batch(session, cell, tmp_path / "hop", False, fmt="docx")
    assert result.files and all(p.suffix == ".docx" for p in result.files)
    assert "NGHỊ QUYẾT" in docx_text(result.files[0])


def _sample(target: Path, *, draft: bool) -> L.PartyPdf:
    pdf = L.PartyPdf(
        target,
        margins_mm={"top": 21.5, "bottom": 20, "left": 30, "right": 15},
        font="liberation",
        title="Nghị quyết đề nghị kết nạp",
        author="Đảng ủy xã Phú Lạc",
        subject="6-KNĐ",
    )
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
    pdf.para("Quần chúng ", L.bold("Nguyễn Thị Ánh Tuyết"), " sinh ", L.italic("ngày 03 tháng 01 năm 2001"), ".")
    for i in range(40):
        pdf.para(f"Đoạn văn thứ {i + 1} của nghị quyết, đủ dài để văn bản sang trang thứ hai của tệp Word.")
    pdf.closing([L.Signature("T/M Chi bộ", "Bí thư", "Lò Văn Hùng")], ["Đảng ủy xã (để b/c)", "Lưu chi bộ"])
    pdf.new_document(landscape=True)
    pdf.header(L.Header(issuer="Đảng ủy xã Phú Lạc", place="Phú Lạc", on=None))
    pdf.title("Danh sách", "trích ngang")
    return pdf


def test_word_page_header_and_signature_follow_36_hd(tmp_path: Path) -> None:
    path = tmp_path / "mau.docx"
    assert _sample(path, draft=False).build() == 2
    document = docx.Document(str(path))
    first, second = document.sections
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert (round(second.page_width.mm), round(second.page_height.mm)) == (297, 210)
    assert [round(x.mm, 1) for x in (first.left_margin, first.right_margin, first.top_margin, first.bottom_margin)] == [
        30,
        15,
        21.5,
        20,
    ]
    assert document.styles["Normal"].font.name == "Times New Roman"
    header = document.tables[0]
    assert header.style is None or header.style.name != "Table Grid"  # borderless
    left, right = header.cell(0, 0), header.cell(0, 2)
    assert left.text == "ĐẢNG BỘ XÃ PHÚ LẠC\nCHI BỘ THÔN NÀ LẦU\n*"
    assert [r.bold for r in left.paragraphs[1].runs] == [True]
    title = right.paragraphs[0].runs[0]
    assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and title.bold and title.underline
    assert header.cell(1, 0).text == "Số 07-NQ/CB"
    dated = header.cell(1, 2).paragraphs[0].runs[0]
    assert dated.text == "Phú Lạc, ngày 05 tháng 02 năm 2026" and dated.italic
    body = next(p for p in document.paragraphs if p.text.startswith("Quần chúng"))
    assert body.alignment == 3 and round(body.paragraph_format.first_line_indent.mm) == 10  # justified
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in body.runs][:3] == [
        ("Quần chúng ", False, False),
        ("Nguyễn Thị Ánh Tuyết", True, False),
        (" sinh ", False, False),
    ]
    closing = document.tables[1]
    assert closing.cell(0, 0).text.startswith("Nơi nhận:\n- Đảng ủy xã (để b/c),\n- Lưu chi bộ.")
    assert closing.cell(0, 1).paragraphs[0].text == "T/M CHI BỘ" and "Lò Văn Hùng" in closing.cell(0, 1).text
    # Page numbers from page 2 of each document: none on the first page, a PAGE field after, restarted.
    for section in document.sections:
        assert section.different_first_page_header_footer
        assert "PAGE" not in section.first_page_header._element.xml
        assert "PAGE" in section.header._element.xml
        assert section._sectPr.find(f"{W}pgNumType").get(f"{W}start") == "1"
    assert L.DRAFT_MARK not in " ".join(header_texts(path))
    props = document.core_properties
    assert (props.title, props.author, props.subject) == ("Nghị quyết đề nghị kết nạp", "Đảng ủy xã Phú Lạc", "6-KNĐ")


def test_a_draft_carries_du_thao_on_every_page_header(tmp_path: Path) -> None:
    path = tmp_path / "du-thao.docx"
    _sample(path, draft=True).build()
    texts = header_texts(path)
    assert texts[:2] == [L.DRAFT_MARK, L.DRAFT_MARK]  # the first page and the following ones
    assert L.DRAFT_MARK not in " ".join(texts[2:])  # the second document is final


def test_format_is_chosen_by_suffix_or_explicitly(tmp_path: Path) -> None:
    assert L.output_format(tmp_path / "a.DOCX") == "docx"
    assert L.output_format(tmp_path / "a.pdf") == "pdf"
    assert L.output_format(tmp_path / "a", "docx") == "docx"
    target = tmp_path / "khong-duoi"
    pdf = L.PartyPdf(target, margins_mm=dict(L.DEFAULT_MARGINS_MM), font="liberation", fmt="docx")
    pdf.para("Một đoạn.")
    pdf.build()
    assert target.read_bytes()[:2] == b"PK"  # a Word file is a zip
    with pytest.raises(ValueError, match="pdf hoặc docx"):
        L.output_format(target, "odt")


def test_command_line_writes_word(
    session: Session, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    out = tmp_path / "ho-so.docx"
    assert run(["dossier", "--db", str(db_path), "--person", str(person_id), "--forms", "6-KNĐ", "-o", str(out)]) == 0
    assert "NGHỊ QUYẾT" in docx_text(out)
    other = tmp_path / "ho-so-word"
    assert (
        run(
            [
                "dossier",
                "--db",
                str(db_path),
                "--person",
                str(person_id),
                "--forms",
                "6-KNĐ",
                "--format",
                "docx",
                "-o",
                str(other),
            ]
        )
        == 0
    )
    assert other.read_bytes()[:2] == b"PK"
    capsys.readouterr()
    assert (
        run(
            [
                "dossier",
                "--db",
                str(db_path),
                "--person",
                str(person_id),
                "--format",
                "docx",
                "-o",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 1
    )
    assert "đuôi .pdf" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer) is not installed")
def test_word_and_pdf_have_the_same_pages_in_libreoffice(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    for forms in (["6-KNĐ"], ["9-KNĐ"], ["TTLL"], ["MLHS"], None):  # None: the whole set in one file
        name = forms[0] if forms else "ca-bo"
        pdf, word = _both(tmp_path, name, lambda p, f=forms: doc_ops.render_person(session, person_id, f, False, p))
        converted_dir = tmp_path / f"lo-{name}"
        converted_dir.mkdir()
        converted = libreoffice_pdf(word, converted_dir)
        assert len(PdfReader(converted).pages) == len(PdfReader(pdf).pages), name


def test_headers_follow_each_documents_draft_state_in_a_batch(tmp_path: Path) -> None:
    path = tmp_path / "dot.docx"
    pdf = L.PartyPdf(path, margins_mm=dict(L.DEFAULT_MARGINS_MM), font="liberation")
    states = [True, True, False, False, True]
    for draft in states:
        pdf.new_document(draft=draft)
        pdf.para("Một văn bản.")
    pdf.build()
    texts = header_texts(path)
    assert [(texts[2 * i], texts[2 * i + 1]) for i in range(len(states))] == [
        (L.DRAFT_MARK, L.DRAFT_MARK) if draft else ("", "") for draft in states
    ]
    with zipfile.ZipFile(path) as archive:  # documents alike share their page headers
        assert len([n for n in archive.namelist() if n.startswith("word/header")]) == 6


def test_a_full_page_does_not_open_a_blank_page_before_the_next_document(tmp_path: Path) -> None:
    path = tmp_path / "hai.docx"
    pdf = L.PartyPdf(path, margins_mm=dict(L.DEFAULT_MARGINS_MM), font="liberation")
    pdf.new_document()
    pdf.para("Đoạn cuối của văn bản thứ nhất.")
    pdf.new_document()
    pdf.table([L.Column("TT"), L.Column("Họ và tên", 4)], [["1", "Lò Văn Hùng"]])
    pdf.new_document()
    pdf.para("Văn bản thứ ba.")
    pdf.build()
    document = docx.Document(str(path))
    holders = [p for p in document.paragraphs if p._p.find(f"{W}pPr/{W}sectPr") is not None]
    # The first document's settings ride on its last paragraph: no empty line that could spill
    # onto a page of its own; after a table the paragraph Word needs is one point high.
    assert [p.text for p in holders] == ["Đoạn cuối của văn bản thứ nhất.", ""]
    assert holders[1].paragraph_format.line_spacing.pt == 1
