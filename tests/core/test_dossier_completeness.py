"""One decision of what is final: a paper is final only when every field and fact it prints is
known and every paper it cites is final; ``dossier --issue`` refuses otherwise, numbering nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from commune_app.bench.dossier import sample_candidate, sample_committee
from commune_app.cli.main import run
from commune_app.ops import documents as doc_ops
from commune_app.ops.context import Session
from tests.core.dossier_samples import sample_probationary
from tests.core.test_dossier_layout import flat


def _issued(session: Session) -> int:
    return session.store.one("SELECT COUNT(*) AS n FROM documents")["n"]


def _sql(session: Session, sql: str, params: list[object]) -> None:
    """A change made behind the program's back (as an old file or a bad import would hold it)."""
    session.store.conn.execute(sql, params)
    session.store.conn.commit()


def _issue(db: Path, person_id: int, form: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = run(["dossier", "--db", str(db), "--person", str(person_id), "--issue", form, *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_decision_refused_while_the_home_town_is_empty(
    session: Session, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    doc_ops.issue_document(session, person_id, "6-KNĐ")
    _sql(session, "UPDATE people SET hometown = '' WHERE id = ?", [person_id])
    before = _issued(session)
    code, text = _issue(db_path, person_id, "9-KNĐ", capsys)
    assert code == 1 and "Chưa ghi quê quán của Nguyễn Thị Ánh Tuyết." in text
    assert "Đã ban hành" not in text and _issued(session) == before
    state = next(s for s in doc_ops.available_forms(session, person_id) if s.code == "9-KNĐ")
    assert not state.issuable and not state.ready


def test_decision_refused_over_a_draft_cell_resolution(
    session: Session, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    code, text = _issue(db_path, person_id, "9-KNĐ", capsys)
    assert code == 1 and "(6-KNĐ) còn là dự thảo" in text and _issued(session) == 0
    # An issued 6-KNĐ whose chair is then erased is a draft again, and so is what rests on it.
    doc_ops.issue_document(session, person_id, "6-KNĐ")
    _sql(
        session,
        "UPDATE milestones SET details = json_remove(details, '$.chair') WHERE person_id = ? AND kind = 'cell_meeting'",
        [person_id],
    )
    code, text = _issue(db_path, person_id, "9-KNĐ", capsys)
    assert code == 1 and "(6-KNĐ) còn là dự thảo" in text and _issued(session) == 1
    states = {s.code: s for s in doc_ops.available_forms(session, person_id)}
    assert "Chưa ghi chủ trì." in states["6-KNĐ"].reasons and not states["6-KNĐ"].ready


def test_recognition_refused_over_a_draft_recognition_resolution(
    session: Session, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person_id = sample_probationary(session, sample_committee(session))
    before = _issued(session)
    code, text = _issue(db_path, person_id, "16-KNĐ", capsys)
    assert code == 1 and "(13-KNĐ) còn là dự thảo" in text and _issued(session) == before
    _sql(
        session,
        "UPDATE milestones SET details = json_remove(details, '$.political_conclusion')"
        " WHERE person_id = ? AND kind = 'recognition_meeting'",
        [person_id],
    )
    code, text = _issue(db_path, person_id, "13-KNĐ", capsys)
    assert code == 1 and "Chưa ghi kết luận về chấp hành nhiệm vụ đảng viên." in text
    assert _issued(session) == before


def test_issue_with_output_writes_the_paper_just_issued(
    session: Session, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    doc_ops.issue_document(session, person_id, "6-KNĐ")
    target = tmp_path / "QD.pdf"
    code, text = _issue(db_path, person_id, "9-KNĐ", capsys, "-o", str(target))
    assert code == 0 and "01-QĐ/ĐU" in text
    pages = [flat(p.extract_text()) for p in PdfReader(target).pages]
    whole = " ".join(pages)
    assert "QUYẾT ĐỊNH kết nạp đảng viên" in whole and "Số 01-QĐ/ĐU" in whole and "DỰ THẢO" not in whole
    assert "MỤC LỤC HỒ SƠ" not in whole and "Nghị quyết đề nghị kết nạp" not in whole.replace("NGHỊ QUYẾT", "")


def test_introducer_unit_naming_the_cell_twice_keeps_the_introduction_a_draft(session: Session) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    _sql(session, "UPDATE links SET unit = 'Chi bộ thôn Nà LầuThôn Nà Lầu' WHERE person_id = ?", [person_id])
    state = next(s for s in doc_ops.available_forms(session, person_id) if s.code == "3-KNĐ")
    assert not state.ready and any("hai lần" in r for r in state.reasons)


def test_submission_states_no_appraisal_the_ban_did_not_write(session: Session, tmp_path: Path) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    doc_ops.issue_document(session, person_id, "6-KNĐ")
    target = tmp_path / "btv.pdf"
    doc_ops.render_batch(session, doc_ops.parse_selection("committee:2026-11-20"), target, True)
    text = flat(" ".join(p.extract_text() for p in PdfReader(target).pages))
    assert "TỜ TRÌNH" in text and "Kết quả thẩm định: ......" in text
    assert "đúng thủ tục" not in text.lower()


def test_meeting_papers_issued_in_one_action_each_refusal_named(
    session: Session, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    committee = sample_committee(session)
    first = sample_candidate(session, committee)
    second = sample_candidate(session, committee, "Hoàng Văn Bảo")
    _sql(
        session,
        "UPDATE milestones SET details = json_remove(details, '$.secretary')"
        " WHERE person_id = ? AND kind = 'cell_meeting'",
        [second],
    )
    meeting = f"cell:{committee['cell_id']}:2026-10-05"
    code = run(["dossier", "--db", str(db_path), "--meeting", meeting, "--issue-all"])
    captured = capsys.readouterr()
    assert code == 1
    assert "Nguyễn Thị Ánh Tuyết: 6-KNĐ số 01-NQ/CB" in captured.out
    assert "Hoàng Văn Bảo: 6-KNĐ chưa ban hành:\n  Chưa ghi thư ký." in captured.err
    numbers = session.store.query("SELECT person_id, doc_number FROM documents ORDER BY id")
    assert numbers == [{"person_id": first, "doc_number": "01-NQ/CB"}]
    # Run again: the issued paper is named as issued already, nothing is numbered twice.
    assert run(["dossier", "--db", str(db_path), "--meeting", meeting, "--issue-all"]) == 1
    assert "đã có số 01-NQ/CB" in capsys.readouterr().err
    assert len(session.store.query("SELECT id FROM documents")) == 1


def test_register_lists_current_probationary_members_by_default(
    session: Session, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    committee = sample_committee(session)
    sample_probationary(session, committee)
    _sql(session, "UPDATE people SET lylich_number = 'LL-0457' WHERE full_name = 'Bế Văn Khánh'", [])
    default, everyone, period = tmp_path / "du-bi.pdf", tmp_path / "tat-ca.pdf", tmp_path / "ky.pdf"
    assert run(["dossier", "--db", str(db_path), "--register", "-o", str(default)]) == 0
    assert "(1 người)" in capsys.readouterr().out
    text = flat(" ".join(p.extract_text() for p in PdfReader(default).pages))
    assert "Bế Văn Khánh" in text and "LL-0457" in text and "Lò Văn Hùng" not in text
    assert "Danh sách: đảng viên đang dự bị." in text
    # Every member ever admitted: the nine of the cell (imported) and the probationary member,
    # each row keeping its number in the whole register.
    assert run(["dossier", "--db", str(db_path), "--register", "--status", "all", "-o", str(everyone)]) == 0
    assert "(10 người)" in capsys.readouterr().out
    assert (
        run(
            [
                "dossier",
                "--db",
                str(db_path),
                "--register",
                "--status",
                "all",
                "--from",
                "01/01/2010",
                "--to",
                "31/12/2025",
                "-o",
                str(period),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    text = flat(" ".join(p.extract_text() for p in PdfReader(period).pages))
    assert "10 Bế Văn Khánh" in text and "kết nạp từ 01/01/2010 đến 31/12/2025" in text and "người)" in out
    assert (
        run(
            [
                "dossier",
                "--db",
                str(db_path),
                "--register",
                "--from",
                "01/01/2026",
                "--to",
                "01/01/2025",
                "-o",
                str(period),
                "--force",
            ]
        )
        == 1
    )


def test_where_the_papers_are_on_the_checklist_and_the_missing_list(
    session: Session, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    assert (
        run(
            [
                "dossier",
                "--db",
                str(db_path),
                "--person",
                str(person_id),
                "--paper",
                "6-knđ",
                "--present",
                "co",
                "--where",
                "Tủ hồ sơ số 2",
            ]
        )
        == 0
    )
    assert (
        run(["dossier", "--db", str(db_path), "--person", str(person_id), "--paper", "99-KNĐ", "--present", "co"]) == 1
    )
    capsys.readouterr()
    assert run(["dossier", "--db", str(db_path), "--person", str(person_id), "--papers"]) == 0
    listing = capsys.readouterr().out
    assert "6-KNĐ\tNghị quyết của chi bộ đề nghị kết nạp đảng viên\tCó (Tủ hồ sơ số 2)" in listing
    assert "5-KNĐ\tTổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú\tChưa có" in listing
    path = tmp_path / "muc-luc.pdf"
    doc_ops.render_person(session, person_id, ["MLHS"], False, path)
    text = flat(" ".join(p.extract_text() for p in PdfReader(path).pages))
    assert "Bản giấy, nơi lưu" in text and "Có (Tủ hồ sơ số 2)" in text and "Chưa có" in text
    assert run(["dossier", "--db", str(db_path), "--missing-papers"]) == 0
    missing = capsys.readouterr().out
    assert "Nguyễn Thị Ánh Tuyết" in missing and "5-KNĐ" in missing and "6-KNĐ;" not in missing
    audit = session.store.one("SELECT summary FROM audit WHERE entity = 'document_paper'")
    assert audit["summary"] == "Bản giấy 6-KNĐ: có, lưu tại Tủ hồ sơ số 2"


def test_committee_batch_has_a_submission_for_admissions_and_one_for_recognitions(
    session: Session, tmp_path: Path
) -> None:
    from commune_app.ops import settings as settings_ops

    committee = sample_committee(session)
    candidate = sample_candidate(session, committee)
    doc_ops.issue_document(session, candidate, "6-KNĐ")
    member = sample_probationary(session, committee)
    doc_ops.issue_document(session, member, "13-KNĐ")
    settings_ops.save_commune_settings(
        session,
        {"submission_numbered": False, "submission_signer": "Nông Văn Quý", "submission_signer_title": "Trưởng ban"},
    )
    target = tmp_path / "btv.pdf"
    doc_ops.render_batch(session, doc_ops.parse_selection("committee:2026-11-20"), target, True)
    text = flat(" ".join(p.extract_text() for p in PdfReader(target).pages))
    assert "TỜ TRÌNH đề nghị kết nạp đảng viên" in text
    assert "TỜ TRÌNH đề nghị công nhận đảng viên chính thức" in text
    assert "đảng viên dự bị đề nghị công nhận đảng viên chính thức (kèm theo Tờ trình)" in text
    assert "T/M BAN XÂY DỰNG ĐẢNG TRƯỞNG BAN Nông Văn Quý" in text and "-TTr/BXDĐ" not in text
    settings_ops.save_commune_settings(session, {"submission_numbered": True})
    doc_ops.render_batch(session, doc_ops.parse_selection("committee:2026-11-20"), target, True)
    assert "Số ......-TTr/BXDĐ" in flat(" ".join(p.extract_text() for p in PdfReader(target).pages))


def test_cell_resolution_waits_for_the_verification_replies(session: Session) -> None:
    person_id = sample_candidate(session, sample_committee(session))
    _sql(session, "UPDATE relatives SET verify_replied_on = NULL WHERE full_name = 'Lục Thị Nhàn'", [])
    states = {s.code: s for s in doc_ops.available_forms(session, person_id)}
    assert "Chưa có kết quả thẩm tra lý lịch của: Lục Thị Nhàn." in states["6-KNĐ"].reasons
    assert not states["6-KNĐ"].issuable and not states["9-KNĐ"].issuable
