"""The lines of the forms checked against the official forms (docs/forms.md), pinned in the PDF text."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from commune_app.bench.dossier import sample_candidate, sample_committee
from commune_app.ops import documents as doc_ops
from commune_app.ops.context import Session
from tests.core.dossier_samples import sample_probationary
from tests.core.test_dossier_layout import flat


def _text(session: Session, person_id: int, form: str, path: Path) -> str:
    doc_ops.render_person(session, person_id, [form], False, path)
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


def test_introduction_names_the_introducer_and_not_the_cell_as_a_shared_place(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    text = _text(session, person_id, "3-KNĐ", tmp_path / "3.pdf")
    assert "Tôi là: Đặng Thị Ngọc Ánh, sinh ngày 11 tháng 3 năm 1971; quê quán: Xã Phú Lạc, tỉnh Thái Nguyên." in text
    assert (
        "chức vụ trong Đảng, chính quyền, đoàn thể: Giáo viên, Tổ trưởng chuyên môn; hiện sinh hoạt đảng tại"
        " Chi bộ thôn Nà Lầu."
    ) in text
    assert (
        "Tôi đã cùng công tác với quần chúng Nguyễn Thị Ánh Tuyết từ ngày 01 tháng 01 năm 2020 đến ngày 01"
        " tháng 9 năm 2026 tại Trường THCS Phú Lạc."
    ) in text
    assert "tại Chi bộ thôn Nà Lầu." not in text.replace("sinh hoạt đảng tại Chi bộ thôn Nà Lầu.", "")


def test_cell_resolution_basis_chair_and_proposal(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    text = _text(session, person_id, "6-KNĐ", tmp_path / "6.pdf")
    assert (
        "Căn cứ Điều 4, Điều lệ Đảng Cộng sản Việt Nam; Quy định và Hướng dẫn thi hành Điều lệ Đảng hiện hành;"
    ) in text
    assert "vắng mặt: 01 đồng chí (chính thức 01, dự bị 00), lý do: đi công tác." in text
    assert "Chủ trì hội nghị: đồng chí Lò Văn Hùng, Bí thư chi bộ; thư ký hội nghị: đồng chí Hà Thị Yến." in text
    assert (
        "2. Về tiêu chuẩn chính trị của quần chúng và gia đình: Lý lịch đã được thẩm tra, chứng nhận; bản"
        " thân và gia đình đủ tiêu chuẩn chính trị."
    ) in text
    assert (
        "Chi bộ đề nghị Ban Thường vụ Đảng ủy xã Phú Lạc xem xét, quyết định kết nạp quần chúng Nguyễn Thị"
        " Ánh Tuyết vào Đảng Cộng sản Việt Nam."
    ) in text


def test_routed_cell_proposes_to_its_grassroots_committee(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session, cell_name="Chi bộ Giáo viên", routing="chi_bo_truc_thuoc")
    person_id = sample_candidate(session, committee, "Đinh Thị Lụa")
    text = _text(session, person_id, "6-KNĐ", tmp_path / "6.pdf")
    assert (
        "Chi bộ đề nghị Đảng ủy Trường THPT Phú Lạc xem xét, đề nghị Ban Thường vụ Đảng ủy xã Phú Lạc kết"
        " nạp quần chúng Đinh Thị Lụa vào Đảng Cộng sản Việt Nam."
    ) in text
    assert "Đảng ủy Trường THPT Phú Lạc xem xét, kết nạp" not in text


def test_decision_separates_the_workplace_from_the_decision(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    text = _text(session, person_id, "9-KNĐ", tmp_path / "9.pdf")
    assert ("nghề nghiệp, nơi làm việc: Giáo viên, Trường THCS Phú Lạc; vào Đảng Cộng sản Việt Nam.") in text
    assert (
        "- Căn cứ Quy định số 294-QĐ/TW, ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;"
    ) in text


def test_opinions_print_one_block_per_organisation(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    text = _text(session, person_id, "5-KNĐ", tmp_path / "5.pdf")
    assert "1. Ý kiến nhận xét của Công đoàn Trường THCS Phú Lạc" in text
    assert (
        "Ngày lấy ý kiến: 10 tháng 9 năm 2026; số người được hỏi ý kiến: 22; số người đồng ý: 21 (đạt 95,45%)."
    ) in text
    assert "2. Ý kiến nhận xét của Chi ủy thôn Nà Lầu" in text and "3. Nhận xét chung của chi ủy" in text


def test_recognition_resolution_cites_article_five(session: Session, tmp_path: Path) -> None:
    person_id = sample_probationary(session, sample_committee(session))
    text = _text(session, person_id, "13-KNĐ", tmp_path / "13.pdf")
    assert "Căn cứ Điều 5, Điều lệ Đảng Cộng sản Việt Nam;" in text
    assert (
        "2. Về chấp hành nhiệm vụ đảng viên và tiêu chuẩn chính trị: Đồng chí đã hoàn thành nhiệm vụ đảng"
        " viên, đủ điều kiện công nhận chính thức."
    ) in text
