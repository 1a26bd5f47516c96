"""Wording of the printed papers with the data a clerk really keeps: the committee name typed in
capitals (as the first-start wizard fills it) and the introducer picker's own words."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from commune_app.bench.dossier import PROFILE, sample_candidate, sample_committee
from commune_app.dossier.context import in_sentence
from commune_app.ops import documents as doc_ops
from commune_app.ops.context import Session
from tests.core.test_dossier_layout import flat


def _text(path: Path) -> str:
    return " ".join(flat(page.extract_text()) for page in PdfReader(path).pages)


def test_committee_name_in_capitals_reads_normally_inside_sentences(session: Session, tmp_path: Path) -> None:
    from commune_app.store import profile as profile_store

    committee = sample_committee(session)
    with session.write() as audit:
        profile_store.save_profile(session.store, audit, {**PROFILE, "committee_name": "ĐẢNG ỦY XÃ PHÚ LẠC"})
    person_id = sample_candidate(session, committee)
    path = tmp_path / "qd.pdf"
    doc_ops.render_person(session, person_id, ["TTLL", "9-KNĐ"], False, path)
    text = _text(path)
    assert "ĐẢNG ỦY XÃ PHÚ LẠC" in text  # the header keeps its capitals
    for sentence in (
        "Căn cứ Quy chế làm việc của Đảng ủy xã Phú Lạc",
        "Xét đề nghị của Ban Xây dựng Đảng Đảng ủy xã Phú Lạc",
        "Văn phòng Đảng ủy xã Phú Lạc, Chi bộ thôn Nà Lầu",
        "Kính gửi: Đảng ủy xã Phú Lạc",
    ):
        assert sentence in text, sentence
    # The verification request is addressed to the committee: it is not copied to it again.
    assert "(để b/c)" not in text
    assert "của ĐẢNG ỦY" not in text and "Văn phòng ĐẢNG ỦY" not in text
    # The decision cites the regulations in the usual form, not by the rule set's short code.
    assert (
        "- Căn cứ Quy định số 294-QĐ/TW, ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ"
        " Đảng; Hướng dẫn số 06-HD/TW, ngày 09/6/2025 của Ban Bí thư"
    ) in text
    assert session.rules.version not in text


def test_in_sentence_keeps_what_it_cannot_read() -> None:
    assert in_sentence("ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ") == "Đảng ủy phường Hoàng Văn Thụ"
    assert in_sentence("Đảng ủy xã Ba Sơn") == "Đảng ủy xã Ba Sơn"
    assert in_sentence("ĐẢNG ỦY CÔNG TY CAO SU") == "ĐẢNG ỦY CÔNG TY CAO SU"


def test_introduction_with_the_picker_words_and_an_open_period(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee, meeting=False)
    # What the picker saves: its own 'Cùng công tác' and no end date ('để trống nếu đến nay').
    session.store.conn.execute(
        "UPDATE links SET relation = 'Cùng công tác', together_to = NULL WHERE person_id = ? AND role = 'introducer'",
        [person_id],
    )
    state = next(s for s in doc_ops.available_forms(session, person_id) if s.code == "3-KNĐ")
    assert not any("cùng công tác" in r for r in state.reasons), state.reasons
    path = tmp_path / "gt.pdf"
    doc_ops.render_person(session, person_id, ["3-KNĐ"], False, path)
    text = _text(path)
    assert "Tôi đã cùng công tác với quần chúng Nguyễn Thị Ánh Tuyết từ ngày 01 tháng 01 năm 2020 đến nay" in text
    assert "Qua thời gian cùng công tác, tôi xin báo cáo chi bộ" in text
    assert "Cùng công tác" not in text


def test_a_meeting_reprinted_after_it_decided_keeps_its_admission_papers(session: Session, tmp_path: Path) -> None:
    from commune_app.bench.dossier import MEETING_DAY

    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    doc_ops.issue_document(session, person_id, "6-KNĐ")
    doc_ops.issue_document(session, person_id, "9-KNĐ")  # admitted today: probationary from now on
    decided = doc_ops.parse_selection(f"committee:{session.today.isoformat()}")
    doc_ops.render_batch(session, decided, tmp_path / "btv.pdf", True)
    text = _text(tmp_path / "btv.pdf")
    assert "Số 01-QĐ/ĐU" in text and "Kết nạp quần chúng Nguyễn Thị Ánh Tuyết" in text
    assert "công nhận đảng viên chính thức" not in text
    assert "TỜ TRÌNH" in text and "Danh sách có 1 người" in text
    cell = doc_ops.parse_selection(f"cell:{committee['cell_id']}:{MEETING_DAY.isoformat()}")
    doc_ops.render_batch(session, cell, tmp_path / "cb.pdf", True)
    text = _text(tmp_path / "cb.pdf")
    assert "Số 01-NQ/CB" in text and "đề nghị kết nạp đảng viên" in text
    assert "công nhận đảng viên chính thức" not in text


def test_issued_numbers_go_past_the_numbers_typed_by_hand(session: Session) -> None:
    committee = sample_committee(session)
    earlier = sample_candidate(session, committee, "Lê Văn Đông")
    person_id = sample_candidate(session, committee)
    # The clerk typed the numbers of the papers issued before the program numbered anything.
    session.store.conn.execute(
        "UPDATE milestones SET doc_number = '03-NQ/CB' WHERE person_id = ? AND kind = 'cell_meeting'", [earlier]
    )
    from commune_app.ops import road as road_ops

    road_ops.record_step(
        session, earlier, "admission_decision", {"date": "2026-10-20", "doc_number": "07-QĐ/ĐU", "details": {}}
    )
    assert doc_ops.issue_document(session, person_id, "6-KNĐ") == "04-NQ/CB"
    assert doc_ops.issue_document(session, person_id, "9-KNĐ") == "08-QĐ/ĐU"


def test_recognition_meeting_without_probationary_members_is_not_final(session: Session) -> None:
    from tests.core.dossier_samples import sample_probationary

    committee = sample_committee(session)
    person_id = sample_probationary(session, committee)
    ready = next(s for s in doc_ops.available_forms(session, person_id) if s.code == "13-KNĐ")
    assert not any("0 đảng viên dự bị" in r for r in ready.reasons)
    session.store.conn.execute(
        "UPDATE milestones SET details = json_set(details, '$.probationary_total', 0,"
        " '$.probationary_present', 0) WHERE person_id = ? AND kind = 'recognition_meeting'",
        [person_id],
    )
    state = next(s for s in doc_ops.available_forms(session, person_id) if s.code == "13-KNĐ")
    assert not state.issuable
    assert any("ghi chi bộ có 0 đảng viên dự bị, nhưng đồng chí Bế Văn Khánh" in r for r in state.reasons)


def test_verification_letter_subject_keeps_vao_dang_together(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    path = tmp_path / "ttll.pdf"
    doc_ops.render_person(session, person_id, ["TTLL"], True, path)
    lines = [line.strip() for line in PdfReader(path).pages[0].extract_text().splitlines()]
    assert "Đảng" not in lines  # the subject's last word never stands alone on its line
    assert any(line.startswith("V/v đề nghị thẩm tra lý lịch") for line in lines)
