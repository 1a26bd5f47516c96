"""The papers of a person's file: exact text, drafts while blocked, the checklist."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from commune_app.bench.dossier import sample_candidate, sample_committee
from commune_app.dossier.checklist import HANDWRITTEN, checklist_entries
from commune_app.errors import Refused
from commune_app.ops import documents as doc_ops
from commune_app.ops.context import Session
from tests.core.dossier_samples import sample_probationary
from tests.core.test_dossier_layout import flat

NAME = "Nguyễn Thị Ánh Tuyết"


def _pages(path: Path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(path).pages]


def _documents(path: Path) -> list[str]:
    """The text of each document of a PDF: a document starts on a page with a header."""
    docs: list[str] = []
    for text in _pages(path):
        if "ĐẢNG CỘNG SẢN VIỆT NAM" in text or "ĐOÀN TNCS HỒ CHÍ MINH" in text or not docs:
            docs.append(text)
        else:
            docs[-1] += " " + text
    return docs


def test_candidate_admission_set_text_is_exact(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    path = tmp_path / "ho-so.pdf"
    printed = dict(doc_ops.render_person(session, person_id, None, False, path))
    assert set(printed) == {"MLHS", "TTLL", "3-KNĐ", "5-KNĐ", "6-KNĐ", "9-KNĐ"}
    assert printed["MLHS"] is False and printed["3-KNĐ"] is False and printed["5-KNĐ"] is False
    assert printed["6-KNĐ"] is True  # not issued yet: a draft
    text = " ".join(_pages(path))
    for expected in (
        NAME,
        "Đặng Thị Ngọc Ánh",
        "Triệu Văn Thắng",
        "Lò Văn Hùng",
        "CHI BỘ THÔN NÀ LẦU",
        "sinh ngày 10 tháng 5 năm 2000",
        "Ngày 05 tháng 10 năm 2026",
        "Tổng số đảng viên của chi bộ: 10 đảng viên, trong đó chính thức 9 đồng chí, dự bị 1 đồng chí.",
        "Số đảng viên chính thức tán thành là 8/9 đồng chí, đạt 88,89%",
        "số không tán thành là 0 đồng chí, chiếm 0,00%",
        "Nguyễn Văn Thành",
        "Lục Thị Nhàn",
    ):
        assert expected in text, expected


def test_issued_resolution_and_decision_print_final_with_their_numbers(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    assert doc_ops.issue_document(session, person_id, "6-KNĐ") == "01-NQ/CB"
    assert doc_ops.issue_document(session, person_id, "9-KNĐ") == "01-QĐ/ĐU"
    path = tmp_path / "qd.pdf"
    printed = doc_ops.render_person(session, person_id, ["6-KNĐ", "9-KNĐ"], False, path)
    assert printed == [("6-KNĐ", False), ("9-KNĐ", False)]
    resolution, decision = _documents(path)
    assert "Số 01-NQ/CB" in resolution and "DỰ THẢO" not in resolution
    assert "Phú Lạc, ngày 05 tháng 10 năm 2026" in resolution
    assert "Số 01-QĐ/ĐU" in decision and "DỰ THẢO" not in decision
    assert "Phú Lạc, ngày 20 tháng 11 năm 2026" in decision
    assert f"Điều 1. Kết nạp quần chúng {NAME}, sinh ngày 10 tháng 5 năm 2000" in decision
    assert "Xét Nghị quyết số 01-NQ/CB ngày 05 tháng 10 năm 2026 của Chi bộ thôn Nà Lầu" in decision
    assert "T/M BAN THƯỜNG VỤ" in decision and "Hoàng Thị Hằng" in decision
    record = session.store.one("SELECT status, admitted_on FROM people WHERE id = ?", [person_id])
    assert record == {"status": "probationary", "admitted_on": "2026-11-20"}


def test_a_blocked_person_gets_only_drafts(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee, "Vi Thị Ngân", meeting=False, birth_date="2009-03-01")
    states = {s.code: s for s in doc_ops.available_forms(session, person_id)}
    for code in ("6-KNĐ", "9-KNĐ"):
        assert not states[code].ready and not states[code].issuable
        assert any("Chưa đủ 18 tuổi" in reason for reason in states[code].reasons)
    path = tmp_path / "du-thao.pdf"
    printed = dict(doc_ops.render_person(session, person_id, ["MLHS", "6-KNĐ", "9-KNĐ"], False, path))
    assert printed == {"MLHS": False, "6-KNĐ": True, "9-KNĐ": True}
    with pytest.raises(Refused, match="Chưa đủ 18 tuổi"):
        doc_ops.issue_document(session, person_id, "9-KNĐ")
    docs = _documents(path)
    assert len(docs) == 3 and all("DỰ THẢO" in doc for doc in docs[1:])
    checklist = docs[0]
    assert "Chưa đủ 18 tuổi" in checklist and "Vi Thị Ngân" in checklist


def test_checklist_lists_the_handwritten_papers(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    path = tmp_path / "muc-luc.pdf"
    doc_ops.render_person(session, person_id, ["MLHS"], False, path)
    text = " ".join(_pages(path))
    assert "MỤC LỤC HỒ SƠ" in text
    assert "Đơn xin vào Đảng 1-KNĐ" in text and "Lý lịch của người xin vào Đảng 2-KNĐ" in text
    assert "Người vào Đảng tự viết tay (Đã nộp 01/04/2026)" in text
    assert "Các tài liệu 1-KNĐ, 2-KNĐ do người vào Đảng tự viết tay" in text
    from commune_app.store.record import load

    ctx = doc_ops.build_context(session, load(session.store, person_id))
    entries = checklist_entries(ctx, session.rules)
    assert {e.code for e in entries if e.state == HANDWRITTEN} == {"1-KNĐ", "2-KNĐ"}
    course = next(e for e in entries if e.code == "CN-NTVĐ")
    assert course.state == "present" and course.valid_until.isoformat() == "2031-03-01"


def test_expired_paper_is_marked_in_the_checklist(session: Session) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee, meeting=False)
    session.store.conn.execute("UPDATE people SET planned_meeting_on = '2027-04-01' WHERE id = ?", [person_id])
    from commune_app.store.record import load

    ctx = doc_ops.build_context(session, load(session.store, person_id))
    states = {e.code: e.state for e in checklist_entries(ctx, session.rules)}
    assert states["5-KNĐ"] == "expired"  # 15/09/2026 + 6 months < 01/04/2027
    assert states["6-KNĐ"] == "missing"


def test_recognition_set_of_a_probationary_member(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session)
    person_id = sample_probationary(session, committee)
    codes = [s.code for s in doc_ops.available_forms(session, person_id)]
    assert codes[:4] == ["11-KNĐ", "12-KNĐ", "13-KNĐ", "16-KNĐ"] and "6-KNĐ" in codes[4:]
    # The term's numbers typed for the admission (05-NQ/CB, 12-QĐ/ĐU) are not given again.
    assert doc_ops.issue_document(session, person_id, "13-KNĐ") == "06-NQ/CB"
    assert doc_ops.issue_document(session, person_id, "16-KNĐ") == "13-QĐ/ĐU"
    path = tmp_path / "cong-nhan.pdf"
    printed = dict(doc_ops.render_person(session, person_id, None, False, path))
    assert printed == {"MLHS": False, "11-KNĐ": False, "12-KNĐ": False, "13-KNĐ": False, "16-KNĐ": False}
    decision = _documents(path)[-1]
    assert (
        "Công nhận đồng chí Bế Văn Khánh, sinh ngày 14 tháng 02 năm 1996" in decision
        and "là đảng viên chính thức kể từ ngày 01 tháng 10 năm 2026" in decision
    )
    assert "Tuổi đảng của đồng chí Bế Văn Khánh được tính từ ngày 01 tháng 9 năm 2025" in decision
    assert "(Quyết định số 12-QĐ/ĐU)" in decision and "Số 13-QĐ/ĐU" in decision
    row = session.store.one("SELECT status, official_on FROM people WHERE id = ?", [person_id])
    assert row == {"status": "official", "official_on": "2026-10-01"}
