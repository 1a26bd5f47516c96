"""The lines of the forms checked against the published forms (docs/forms.md), pinned in the PDF
text and in the .docx text alike (one document model, two renderers)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from commune_app.bench.dossier import sample_candidate, sample_committee
from commune_app.ops import documents as doc_ops
from commune_app.ops import road as road_ops
from commune_app.ops.context import Session
from tests.core.dossier_samples import sample_probationary
from tests.core.test_dossier_docx import docx_text
from tests.core.test_dossier_layout import flat


def _text(session: Session, person_id: int, form: str, path: Path) -> str:
    doc_ops.render_person(session, person_id, [form], False, path)
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


def _both(session: Session, person_id: int, form: str, folder: Path) -> tuple[str, str]:
    """The form's text as the PDF and as the .docx print it."""
    pdf = _text(session, person_id, form, folder / "form.pdf")
    doc_ops.render_person(session, person_id, [form], False, folder / "form.docx")
    return pdf, flat(docx_text(folder / "form.docx"))


def _pinned(texts: tuple[str, str], *lines: str) -> None:
    for text in texts:
        for line in lines:
            assert line in text, line


def test_introduction_names_the_introducer_and_not_the_cell_as_a_shared_place(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    texts = _both(session, person_id, "3-KNĐ", tmp_path)
    _pinned(
        texts,
        "GIẤY GIỚI THIỆU NGƯỜI VÀO ĐẢNG",
        "Kính gửi: Chi bộ thôn Nà Lầu",
        "Tôi là: Đặng Thị Ngọc Ánh, sinh ngày 11 tháng 3 năm 1971; quê quán: Xã Phú Lạc, tỉnh Thái Nguyên.",
        "Vào Đảng ngày 19 tháng 5 năm 2006, chính thức ngày 25 tháng 5 năm 2007; chức vụ trong Đảng, chính quyền,"
        " đoàn thể: Giáo viên, Tổ trưởng chuyên môn; đang sinh hoạt tại Chi bộ thôn Nà Lầu.",
        "Tôi đã cùng công tác với quần chúng Nguyễn Thị Ánh Tuyết từ ngày 01 tháng 01 năm 2020 đến ngày 01"
        " tháng 9 năm 2026 tại Trường THCS Phú Lạc.",
        "Qua thời gian cùng công tác, tôi xin báo cáo chi bộ những vấn đề chủ yếu về quần chúng Nguyễn Thị Ánh"
        " Tuyết như sau: Những ưu, khuyết điểm chính (về lý lịch; phẩm chất chính trị; đạo đức, lối sống; năng lực"
        " công tác; quan hệ quần chúng):",
        "Đối chiếu tiêu chuẩn và điều kiện kết nạp đảng viên, tôi giới thiệu với chi bộ xem xét, đề nghị kết nạp"
        " quần chúng Nguyễn Thị Ánh Tuyết vào Đảng Cộng sản Việt Nam.",
        "Tôi xin chịu trách nhiệm trước Đảng về sự giới thiệu của mình.",
        "ĐẢNG VIÊN GIỚI THIỆU (Ký, ghi rõ họ tên) Đặng Thị Ngọc Ánh",
    )
    for text in texts:
        assert "tại Chi bộ thôn Nà Lầu." not in text.replace("đang sinh hoạt tại Chi bộ thôn Nà Lầu.", "")


def test_cell_resolution_basis_attendance_chair_and_proposal(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    texts = _both(session, person_id, "6-KNĐ", tmp_path)
    _pinned(
        texts,
        "NGHỊ QUYẾT đề nghị kết nạp đảng viên",
        "Căn cứ Điều 4, Điều lệ Đảng Cộng sản Việt Nam, Ngày 05 tháng 10 năm 2026, Chi bộ thôn Nà Lầu đã họp để"
        " xét, đề nghị kết nạp quần chúng Nguyễn Thị Ánh Tuyết, sinh ngày 10 tháng 5 năm 2000, vào Đảng Cộng sản"
        " Việt Nam.",
        "Tổng số đảng viên của chi bộ: 10 đảng viên, trong đó chính thức 9 đồng chí, dự bị 1 đồng chí.",
        "Có mặt: 9 đảng viên, trong đó chính thức 8 đồng chí, dự bị 1 đồng chí.",
        "Vắng mặt: 1 đảng viên, trong đó chính thức 1 đồng chí, dự bị 0 đồng chí.",
        "Lý do vắng mặt: đi công tác.",
        "Chủ trì hội nghị: Đồng chí Lò Văn Hùng, chức vụ: Bí thư chi bộ.",
        "Thư ký hội nghị: Đồng chí Hà Thị Yến.",
        "2. Về tiêu chuẩn chính trị của quần chúng và gia đình: Lý lịch đã được thẩm tra, chứng nhận; bản"
        " thân và gia đình đủ tiêu chuẩn chính trị.",
        "Số đảng viên chính thức tán thành là 8/9 đồng chí, đạt 88,89%; số không tán thành là 0 đồng chí, chiếm"
        " 0,00% so với tổng số đảng viên chính thức.",
        "Chi bộ đề nghị Ban Thường vụ Đảng ủy xã Phú Lạc xem xét, quyết định kết nạp quần chúng Nguyễn Thị"
        " Ánh Tuyết vào Đảng Cộng sản Việt Nam.",
        "T/M CHI BỘ BÍ THƯ Lò Văn Hùng",
    )
    for text in texts:
        assert "Quy định và Hướng dẫn thi hành" not in text and " 00 " not in text and " 0% " not in text


def test_routed_cell_proposes_to_its_grassroots_committee(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session, cell_name="Chi bộ Giáo viên", routing="chi_bo_truc_thuoc")
    person_id = sample_candidate(session, committee, "Đinh Thị Lụa")
    texts = _both(session, person_id, "6-KNĐ", tmp_path)
    _pinned(
        texts,
        "Chi bộ đề nghị Đảng ủy Trường THPT Phú Lạc xem xét, đề nghị Ban Thường vụ Đảng ủy xã Phú Lạc kết"
        " nạp quần chúng Đinh Thị Lụa vào Đảng Cộng sản Việt Nam.",
    )
    assert all("Đảng ủy Trường THPT Phú Lạc xem xét, kết nạp" not in text for text in texts)


def test_decision_separates_the_workplace_from_the_decision(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    _pinned(
        _both(session, person_id, "9-KNĐ", tmp_path),
        "nghề nghiệp, nơi làm việc: Giáo viên, Trường THCS Phú Lạc; vào Đảng Cộng sản Việt Nam.",
        "- Căn cứ Quy định số 294-QĐ/TW, ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;",
    )


def test_opinions_print_one_block_per_organisation(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    _pinned(
        _both(session, person_id, "5-KNĐ", tmp_path),
        "1. Ý kiến nhận xét của Công đoàn Trường THCS Phú Lạc",
        "Ngày lấy ý kiến: 10 tháng 9 năm 2026; số người được hỏi ý kiến: 22; số người đồng ý: 21 (đạt 95,45%).",
        "2. Ý kiến nhận xét của Chi ủy thôn Nà Lầu",
        "3. Nhận xét chung của chi ủy",
    )


def test_recognition_resolution_follows_the_13_knd_lines(session: Session, tmp_path: Path) -> None:
    person_id = sample_probationary(session, sample_committee(session))
    texts = _both(session, person_id, "13-KNĐ", tmp_path)
    _pinned(
        texts,
        "NGHỊ QUYẾT đề nghị công nhận đảng viên chính thức",
        "Căn cứ Điều 5, Điều lệ Đảng Cộng sản Việt Nam, Ngày 12 tháng 10 năm 2026, Chi bộ thôn Nà Lầu đã họp để"
        " xét, đề nghị công nhận đảng viên dự bị Bế Văn Khánh, sinh ngày 14 tháng 02 năm 1996, được kết nạp vào"
        " Đảng ngày 01 tháng 9 năm 2025 (Quyết định số 12-QĐ/ĐU), lễ kết nạp ngày 01 tháng 10 năm 2025, trở"
        " thành đảng viên chính thức.",
        "Tổng số đảng viên của chi bộ: 10 đảng viên, trong đó chính thức 9 đồng chí, dự bị 1 đồng chí.",
        "Có mặt: 10 đảng viên, trong đó chính thức 9 đồng chí, dự bị 1 đồng chí.",
        "Vắng mặt: 0 đảng viên, trong đó chính thức 0 đồng chí, dự bị 0 đồng chí.",
        "Chủ trì hội nghị: Đồng chí Lò Văn Hùng, chức vụ: Bí thư chi bộ.",
        "Thư ký hội nghị: Đồng chí Hà Thị Yến.",
        "2. Về chấp hành nhiệm vụ đảng viên và tiêu chuẩn chính trị: Đồng chí đã hoàn thành nhiệm vụ đảng"
        " viên, đủ điều kiện công nhận chính thức.",
        "Số đảng viên chính thức tán thành là 9/9 đồng chí, đạt 100,00%; số không tán thành là 0 đồng chí, chiếm"
        " 0,00% so với tổng số đảng viên chính thức.",
    )
    for text in texts:
        assert "Lý do vắng mặt" not in text  # nobody absent


def test_recognition_opinions_print_every_organisation(session: Session, tmp_path: Path) -> None:
    person_id = sample_probationary(session, sample_committee(session))
    organisations = [
        {"name": "Công đoàn Hợp tác xã Phú Lạc", "date": "2026-10-02", "consulted": 12, "agree": 12,
         "summary": "Hoàn thành tốt nhiệm vụ được giao."},
        {"name": "Chi ủy thôn Nà Lầu", "date": "2026-10-03", "consulted": 5, "agree": 5,
         "summary": "Gương mẫu thực hiện quy định nơi cư trú."},
        {"name": "Chi hội Nông dân thôn Nà Lầu", "date": "2026-10-04", "consulted": 22, "agree": 21,
         "summary": "Tích cực giúp hội viên phát triển sản xuất."},
    ]  # fmt: skip
    road_ops.record_step(
        session,
        person_id,
        "recognition_opinions",
        {"date": "2026-10-05", "details": {"organisations": organisations, "conclusion": "Đủ tư cách đảng viên."}},
    )
    texts = _both(session, person_id, "12-KNĐ", tmp_path)
    _pinned(
        texts,
        "1. Ý kiến nhận xét của Công đoàn Hợp tác xã Phú Lạc Ngày lấy ý kiến: 02 tháng 10 năm 2026; số người được"
        " hỏi ý kiến: 12; số người đồng ý: 12 (đạt 100,00%). Nội dung nhận xét: Hoàn thành tốt nhiệm vụ được giao.",
        "2. Ý kiến nhận xét của Chi ủy thôn Nà Lầu Ngày lấy ý kiến: 03 tháng 10 năm 2026; số người được hỏi ý"
        " kiến: 5; số người đồng ý: 5 (đạt 100,00%).",
        "3. Ý kiến nhận xét của Chi hội Nông dân thôn Nà Lầu Ngày lấy ý kiến: 04 tháng 10 năm 2026; số người được"
        " hỏi ý kiến: 22; số người đồng ý: 21 (đạt 95,45%). Nội dung nhận xét: Tích cực giúp hội viên phát triển"
        " sản xuất.",
        "4. Nhận xét chung của chi ủy Đủ tư cách đảng viên.",
    )


def test_youth_union_resolution_is_addressed_and_based_as_the_form(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    road_ops.record_step(
        session,
        person_id,
        "youth_union_resolution",
        {
            "date": "2026-09-02",
            "issuer": "Ban Chấp hành Đoàn xã Phú Lạc",
            "details": {
                "committee_total": 9,
                "committee_present": 9,
                "committee_votes_for": 9,
                "committee_votes_against": 0,
                "strengths": "Gương mẫu trong phong trào thanh niên",
            },
        },
    )
    _pinned(
        _both(session, person_id, "4-KNĐ", tmp_path),
        "NGHỊ QUYẾT giới thiệu đoàn viên ưu tú vào Đảng",
        "Kính gửi: - Chi ủy Chi bộ thôn Nà Lầu - Đảng ủy xã Phú Lạc",
        "- Căn cứ điểm 1, Điều 4, Chương I Điều lệ Đảng Cộng sản Việt Nam về quyền hạn của ban chấp hành đoàn cơ"
        " sở giới thiệu đoàn viên ưu tú vào Đảng;",
        "Tổng số ủy viên Ban Chấp hành: 9 đồng chí; có mặt: 9 đồng chí; vắng mặt: 0 đồng chí.",
        "Số ủy viên Ban Chấp hành tán thành là 9/9 đồng chí, đạt 100,00%",
        "TM. BAN CHẤP HÀNH BÍ THƯ",
    )


def test_recorded_words_end_with_one_full_stop() -> None:
    from commune_app.dossier.knd_forms import _sentence

    assert _sentence({"strengths": "Gần gũi quần chúng."}, "strengths") == "Gần gũi quần chúng."
    assert _sentence({"strengths": "Gần gũi quần chúng"}, "strengths") == "Gần gũi quần chúng."
    assert _sentence({}, "strengths").endswith("......")


def test_sub_committee_appraisal_proposes_and_does_not_admit(session: Session, tmp_path: Path) -> None:
    from commune_app.store import cells as cell_store

    committee = sample_committee(session, cell_name="Chi bộ Giáo viên", routing="chi_bo_truc_thuoc")
    with session.write() as audit:
        cell_store.save(session.store, audit, {"has_sub_committee": 1}, committee["cell_id"])
    person_id = sample_candidate(session, committee, "Đinh Thị Lụa")
    road_ops.record_step(
        session,
        person_id,
        "upper_appraisal",
        {
            "date": "2026-10-12",
            "issuer": "Đảng ủy bộ phận Khối giáo dục",
            "details": {
                "committee_total": 5,
                "committee_present": 5,
                "committee_votes_for": 5,
                "committee_votes_against": 0,
                "conclusion": "Hồ sơ đủ thành phần, đúng thủ tục.",
                "signer": "Lò Văn Hùng",
            },
        },
    )
    texts = _both(session, person_id, "7-KNĐ", tmp_path)
    _pinned(
        texts,
        "BÁO CÁO thẩm định nghị quyết đề nghị kết nạp đảng viên",
        "Số ủy viên đảng ủy bộ phận tán thành là 5/5 đồng chí, đạt 100,00%; số không tán thành là 0 đồng chí,"
        " chiếm 0,00%.",
        "Đảng ủy bộ phận Khối giáo dục đề nghị Đảng ủy Trường THPT Phú Lạc xem xét, đề nghị Ban Thường vụ Đảng ủy"
        " xã Phú Lạc kết nạp quần chúng Đinh Thị Lụa vào Đảng Cộng sản Việt Nam.",
        "T/M ĐẢNG ỦY BỘ PHẬN BÍ THƯ Lò Văn Hùng",
    )


def test_checklist_keeps_the_form_code_of_the_certificate_on_one_line(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    doc_ops.render_person(session, person_id, ["MLHS"], False, tmp_path / "mlhs.pdf")
    lines = [
        line.strip() for page in PdfReader(tmp_path / "mlhs.pdf").pages for line in page.extract_text().splitlines()
    ]
    assert any(line.endswith("CN-NTVĐ") or line.startswith("CN-NTVĐ") or " CN-NTVĐ " in f" {line} " for line in lines)
    assert "Đ" not in lines and not any(line.endswith("CN-NTV") for line in lines)


def test_introduction_never_names_the_party_cell_as_the_place_shared(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    # What the demo and the old picker stored: the cell as the place, for two people living in one village.
    session.store.conn.execute(
        "UPDATE links SET unit = 'Chi bộ thôn Nà Lầu', relation = 'Cùng sinh hoạt, cư trú'"
        " WHERE person_id = ? AND role = 'introducer'",
        [person_id],
    )
    texts = _both(session, person_id, "3-KNĐ", tmp_path)
    _pinned(texts, "đến ngày 01 tháng 9 năm 2026 tại Thôn Nà Lầu, xã Phú Lạc, tỉnh Thái Nguyên.")
    for text in texts:  # the introducer's own cell only
        assert "tại Chi bộ thôn Nà Lầu." not in text.replace("đang sinh hoạt tại Chi bộ thôn Nà Lầu.", "")
