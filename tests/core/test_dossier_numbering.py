"""Document numbers: per issuing body and type, restarting with a new term, never reused;
batches; and the ``commune-app dossier`` command."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from commune_app.bench.dossier import MEETING_DAY, sample_candidate, sample_committee
from commune_app.cli.main import run
from commune_app.errors import Refused
from commune_app.ops import documents as doc_ops
from commune_app.ops.context import Session
from commune_app.store import cells as cell_store
from commune_app.store import documents as doc_store
from commune_app.store import profile as profile_store
from tests.core.test_dossier_layout import flat


def test_numbers_run_per_issuer_and_type_and_restart_with_a_new_term(session: Session) -> None:
    committee = sample_committee(session)
    first = sample_candidate(session, committee, "Nguyễn Thị Ánh Tuyết")
    second = sample_candidate(session, committee, "Lê Văn Đông")
    assert doc_ops.issue_document(session, first, "6-KNĐ") == "01-NQ/CB"
    assert doc_ops.issue_document(session, second, "6-KNĐ") == "02-NQ/CB"
    assert doc_ops.issue_document(session, first, "TTLL") == "01-CV/CB"  # another type: its own counter
    assert doc_ops.issue_document(session, first, "9-KNĐ") == "01-QĐ/ĐU"  # another body: its own counter
    with session.write() as audit:
        other_cell = cell_store.save(session.store, audit, {"name": "Chi bộ Trường THCS Phú Lạc", "short_code": "CB"})
        cell_store.move_person(session.store, audit, second, other_cell, session.today, "Chuyển sinh hoạt")
    third = sample_candidate(session, {**committee, "cell_id": other_cell}, "Hà Thị Mơ")
    assert doc_ops.issue_document(session, third, "6-KNĐ") == "01-NQ/CB"  # another cell
    with session.write() as audit:
        profile_store.save_profile(session.store, audit, {"party_term": "2030-2035"})
    fourth = sample_candidate(session, committee, "Đàm Văn Lộc")
    assert doc_ops.issue_document(session, fourth, "6-KNĐ") == "01-NQ/CB"  # a new term starts at 01
    assert doc_store.last_number(session.store, f"cell:{committee['cell_id']}", "NQ", "2025-2030") == 2
    rows = session.store.query("SELECT form_code, doc_number, term FROM documents ORDER BY id")
    assert [r["doc_number"] for r in rows] == ["01-NQ/CB", "02-NQ/CB", "01-CV/CB", "01-QĐ/ĐU", "01-NQ/CB", "01-NQ/CB"]
    assert session.store.scalar("SELECT count(*) FROM audit WHERE action = 'issue'") == 6
    milestone = session.store.one(
        "SELECT doc_number FROM milestones WHERE person_id = ? AND kind = 'cell_meeting'", [first]
    )
    assert milestone == {"doc_number": "01-NQ/CB"}


def test_a_number_is_never_given_twice(session: Session) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    doc_ops.issue_document(session, person_id, "6-KNĐ")
    with pytest.raises(Refused, match="đã có số 01-NQ/CB"):
        doc_ops.issue_document(session, person_id, "6-KNĐ")
    assert doc_store.last_number(session.store, f"cell:{committee['cell_id']}", "NQ", "2025-2030") == 1


def test_issuing_is_refused_while_blocked_and_leaves_nothing(session: Session) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    with pytest.raises(Refused, match="6-KNĐ"):
        doc_ops.issue_document(session, person_id, "9-KNĐ")  # the cell's resolution has no number yet
    with pytest.raises(Refused, match="không do cấp ủy cấp số"):
        doc_ops.issue_document(session, person_id, "3-KNĐ")
    assert session.store.scalar("SELECT count(*) FROM documents") == 0
    assert session.store.scalar("SELECT count(*) FROM doc_counters") == 0


def test_failed_vote_gives_no_resolution(session: Session) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee, votes_for=5)
    states = {s.code: s for s in doc_ops.available_forms(session, person_id)}
    assert not states["6-KNĐ"].issuable
    assert any("không đạt" in r for r in states["6-KNĐ"].reasons)


def test_cell_meeting_batch_one_file_and_one_file_each(session: Session, tmp_path: Path) -> None:
    committee = sample_committee(session)
    ids = [sample_candidate(session, committee, name) for name in ("Nguyễn Thị Ánh Tuyết", "Lê Văn Đông")]
    doc_ops.issue_document(session, ids[0], "6-KNĐ")
    selection = doc_ops.parse_selection(f"cell:{committee['cell_id']}:{MEETING_DAY.isoformat()}")
    combined = doc_ops.render_batch(session, selection, tmp_path / "hop.pdf", True)
    assert combined.people == 2 and combined.drafts == 1
    text = flat(" ".join(p.extract_text() for p in PdfReader(tmp_path / "hop.pdf").pages))
    assert "Nguyễn Thị Ánh Tuyết" in text and "Lê Văn Đông" in text and "Số 01-NQ/CB" in text
    folder = tmp_path / "tung-nguoi" / "hop-chi-bo"  # a folder not made yet is created
    each = doc_ops.render_batch(session, selection, folder, False)
    assert sorted(p.name for p in each.files) == sorted(p.name for p in folder.iterdir())
    assert len(each.files) == 2


def test_cancelled_batch_leaves_no_file(session: Session, tmp_path: Path) -> None:
    from commune_app.progress import Cancelled, Progress

    committee = sample_committee(session)
    sample_candidate(session, committee)
    progress = Progress()
    progress.cancel()
    selection = doc_ops.Selection("cell", MEETING_DAY, committee["cell_id"])
    with pytest.raises(Cancelled):
        doc_ops.render_batch(session, selection, tmp_path / "huy.pdf", True, progress)
    assert not (tmp_path / "huy.pdf").exists()


def test_selection_text(session: Session) -> None:
    assert doc_ops.parse_selection("cell:3:2026-11-12") == doc_ops.Selection(
        "cell", MEETING_DAY.replace(month=11, day=12), 3
    )
    assert doc_ops.parse_selection("committee:20/11/2026").kind == "committee"
    with pytest.raises(Refused, match="không đúng dạng"):
        doc_ops.parse_selection("hop:ngay-mai")


def test_command_line(session: Session, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    committee = sample_committee(session)
    person_id = sample_candidate(session, committee)
    out = tmp_path / "cli.pdf"
    assert (
        run(
            [
                "dossier",
                "--db",
                str(db_path),
                "--person",
                str(person_id),
                "--forms",
                "6-KNĐ,9",
                "--draft",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert "6-KNĐ: DỰ THẢO" in capsys.readouterr().out
    assert len(PdfReader(out).pages) >= 2
    assert run(["dossier", "--db", str(db_path), "--person", str(person_id), "--issue", "9-KNĐ"]) == 1
    assert "6-KNĐ" in capsys.readouterr().err
    assert (
        run(["dossier", "--db", str(db_path), "--person", str(person_id), "--issue", "6-KNĐ", "--date", "20/11/2026"])
        == 0
    )
    assert "01-NQ/CB" in capsys.readouterr().out
    assert run(["dossier", "--db", str(db_path), "--meeting", "cell:x", "--out", str(tmp_path)]) == 1
    assert run(["dossier", "--db", str(tmp_path / "khong-co.sqlite"), "--person", "1", "-o", str(out)]) == 2
    assert run(["dossier", "--db", str(db_path), "--register", "-o", str(tmp_path / "so.pdf")]) == 0


def test_without_committee_profile_or_cell_nothing_is_issued(session: Session) -> None:
    from tests.factories import make_person

    person_id = make_person(session, "Lò Thị Xuân")
    states = {s.code: s for s in doc_ops.available_forms(session, person_id)}
    assert not states["6-KNĐ"].issuable
    assert "Chưa khai báo tên đảng ủy và địa danh trong thông tin đảng ủy." in states["6-KNĐ"].reasons
    assert "Lò Thị Xuân chưa được phân công về chi bộ nào." in states["6-KNĐ"].reasons
    with pytest.raises(Refused, match="chưa được phân công về chi bộ"):
        doc_ops.issue_document(session, person_id, "TTLL")


def test_routed_cell_needs_the_grassroots_resolution_with_its_own_numbers(session: Session, tmp_path: Path) -> None:
    from commune_app.ops import road as road_ops

    committee = sample_committee(session, cell_name="Chi bộ Giáo viên", routing="chi_bo_truc_thuoc")
    person_id = sample_candidate(session, committee, "Đinh Thị Lụa")
    codes = [s.code for s in doc_ops.available_forms(session, person_id)]
    assert "8-KNĐ" in codes and "7-KNĐ" not in codes  # no đảng ủy bộ phận in this đảng bộ
    doc_ops.issue_document(session, person_id, "6-KNĐ")
    with pytest.raises(Refused, match="8-KNĐ"):
        doc_ops.issue_document(session, person_id, "9-KNĐ")
    road_ops.record_step(
        session,
        person_id,
        "grassroots_resolution",
        {
            "date": "2026-10-20",
            "details": {
                "committee_total": 7,
                "committee_present": 7,
                "committee_votes_for": 6,
                "committee_votes_against": 1,
                "chair": "Lò Văn Hùng",
                "conclusion": "Quần chúng có đủ tiêu chuẩn, điều kiện để kết nạp vào Đảng.",
                "signer": "Lò Văn Hùng",
            },
        },
    )
    assert doc_ops.issue_document(session, person_id, "8-KNĐ") == "01-NQ/ĐU"
    assert doc_ops.issue_document(session, person_id, "9-KNĐ") == "01-QĐ/ĐU"
    path = tmp_path / "dang-uy-co-so.pdf"
    doc_ops.render_person(session, person_id, ["8-KNĐ"], False, path)
    text = flat(" ".join(p.extract_text() for p in PdfReader(path).pages))
    assert "ĐẢNG ỦY TRƯỜNG THPT PHÚ LẠC" in text and "Số 01-NQ/ĐU" in text
    assert "Số ủy viên tán thành là 6/7 đồng chí, đạt 85,71%" in text
    assert "Căn cứ Điều 4, Điều lệ Đảng Cộng sản Việt Nam, Xét Nghị quyết" in text  # as 6-KNĐ and 13-KNĐ
