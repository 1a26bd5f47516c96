"""Course outputs: the E10 workbook, the roster/P2/P3 PDFs and the `course` command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from commune_app.cli.main import run
from commune_app.errors import FileRefused
from commune_app.ops import courses
from commune_app.ops.context import Session
from commune_app.settings import Settings
from commune_app.store import profile
from tests.factories import make_cell, make_person

NAMES = ("Hoàng Văn Ân", "Nông Thị Bích", "Lương Đức Cường", "Triệu Thị Dung")


@pytest.fixture
def course(session: Session) -> int:
    with session.write() as audit:
        profile.save_profile(
            session.store,
            audit,
            {
                "upper_body": "Đảng bộ tỉnh Lạng Sơn",
                "committee_name": "Đảng ủy xã Ba Sơn",
                "commune": "Ba Sơn",
                "place_name": "Ba Sơn",
                "secretary": "Hoàng Văn Thắng",
                "preparer_name": "Lăng Thị Hoa",
            },
        )
    cell = make_cell(session, "Chi bộ thôn Nà Lầu")
    people = [
        make_person(session, n, cell_id=cell, gender="F" if " Thị " in n else "M", birth_date=f"199{i}-0{i + 1}-1{i}")
        for i, n in enumerate(NAMES)
    ]
    course_id = courses.create_course(
        session,
        {
            "kind": "awareness",
            "name": "Lớp bồi dưỡng nhận thức về Đảng",
            "intake": "Khóa I năm 2026",
            "organiser": "Trung tâm Chính trị xã Ba Sơn",
            "place": "Hội trường Đảng ủy xã",
            "start_date": "2026-03-09",
        },
    )
    enrolments = courses.enrol(session, course_id, people)
    grid = courses.course_grid(session, course_id)
    for column in grid.sessions:
        courses.mark_all_present(session, course_id, column.session_id)
    by_name = dict(zip(NAMES, enrolments, strict=True))
    # Bích: 2 unexcused + 1 excused → 7/10, under the 80 % threshold.
    courses.set_marks(
        session,
        course_id,
        {
            (by_name["Nông Thị Bích"], grid.sessions[3].session_id): "U",
            (by_name["Nông Thị Bích"], grid.sessions[4].session_id): "U",
            (by_name["Nông Thị Bích"], grid.sessions[5].session_id): "E",
        },
    )
    courses.set_result(
        session, by_name["Hoàng Văn Ân"], score=8.5, grade="Giỏi", certificate_no="01/GCN", certificate_on="2026-03-20"
    )
    courses.set_result(session, by_name["Nông Thị Bích"], score=4.0, grade="Không đạt")
    courses.set_result(
        session,
        by_name["Lương Đức Cường"],
        score=7.0,
        grade="Khá",
        certificate_no="02/GCN",
        certificate_on="2026-03-20",
    )
    return course_id


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    # Table cells and wrapped lines come back on separate lines: compare with single spaces.
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def _settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "cai-dat.json")


def test_roster_workbook_has_names_marks_and_results(session: Session, course: int, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = courses.export_course(session, course, tmp_path / "danh-sach.xlsx")
    ws = load_workbook(path).active
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)}
    assert list(rows) == ["Hoàng Văn Ân", "Nông Thị Bích", "Lương Đức Cường", "Triệu Thị Dung"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "TT")
    sub = next(r for r in ws.iter_rows(values_only=True) if r[2] == "Nam")
    assert header[2] == "Ngày, tháng, năm sinh" and sub[3] == "Nữ"
    first_session = sub.index("Buổi 1")
    assert sub[first_session : first_session + 10] == tuple(f"Buổi {i}" for i in range(1, 11))
    bich = rows["Nông Thị Bích"]
    assert bich[2] is None and bich[3] == "11/02/1991"  # a woman's birth date in the Nữ column
    assert bich[first_session : first_session + 10] == ("✓", "✓", "✓", "K", "K", "P", "✓", "✓", "✓", "✓")
    absences = first_session + 10
    assert bich[absences] == 3 and bich[absences + 1] == 4 and bich[absences + 2] == "Không đạt"
    assert bich[-1].startswith("Dự 7/10 buổi")
    an = rows["Hoàng Văn Ân"]
    assert an[2] == "10/01/1990" and an[absences + 1] == 8.5 and an[absences + 2] == "Giỏi"
    assert an[absences + 3] == "x" and an[absences + 4] == "01/GCN"
    assert an[absences + 5] == "20/03/2026" and an[absences + 6] == "20/03/2031"
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows and ws.freeze_panes
    assert ws["A1"].font.name == "Times New Roman"
    title = next(r[0] for r in ws.iter_rows(values_only=True) if r[0] and str(r[0]).startswith("DANH SÁCH"))
    assert title == "DANH SÁCH HỌC VIÊN LỚP BỒI DƯỠNG NHẬN THỨC VỀ ĐẢNG, KHÓA I NĂM 2026"


def test_roster_pdf_for_signing(session: Session, course: int, tmp_path: Path) -> None:
    from pypdf import PdfReader

    path = courses.export_course(session, course, tmp_path / "danh-sach.pdf", settings=_settings(tmp_path))
    reader = PdfReader(str(path))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape A4
    text = _pdf_text(path)
    assert "Nông Thị Bích 11/02/1991 Chi bộ thôn Nà Lầu √ √ √ K K P √ √ √ √ 3 4,0 Không đạt" in text
    for name in NAMES:
        assert name in text
    assert "√ √ √ K K P √ √ √ √" in text
    assert "DANH SÁCH HỌC VIÊN LỚP BỒI DƯỠNG NHẬN THỨC VỀ ĐẢNG, KHÓA I NĂM 2026" in text
    assert "Không đạt" in text and "01/GCN" in text and "Hoàng Văn Thắng" in text


def test_convocation_and_certificate_list(session: Session, course: int, tmp_path: Path) -> None:
    convocation = _pdf_text(
        courses.export_course(
            session,
            course,
            tmp_path / "tb.pdf",
            document="convocation",
            number=7,
            on=dt.date(2026, 2, 25),
            settings=_settings(tmp_path),
        )
    )
    assert "Số 07-TB/ĐU" in convocation
    assert "ngày 25 tháng 02 năm 2026" in convocation
    assert "triệu tập học viên dự lớp bồi dưỡng nhận thức về Đảng, Khóa I năm 2026" in convocation
    assert all(name in convocation for name in NAMES)
    proposal = _pdf_text(
        courses.export_course(
            session, course, tmp_path / "gcn.pdf", document="certificates", settings=_settings(tmp_path)
        )
    )
    # Proposed: the passing learners with enough attendance (Ân, Cường); Dung has no result yet.
    listed = proposal.split("Không đủ điều kiện")[0]
    assert "Hoàng Văn Ân" in listed and "Lương Đức Cường" in listed
    assert "Nông Thị Bích" not in listed and "Triệu Thị Dung" not in listed
    assert "Nông Thị Bích (xếp loại Không đạt, dự 7/10 buổi)" in proposal
    assert "Triệu Thị Dung (chưa có kết quả)" in proposal


def test_export_refuses_wrong_suffix(session: Session, course: int, tmp_path: Path) -> None:
    with pytest.raises(FileRefused, match=r"\.pdf"):
        courses.export_course(session, course, tmp_path / "tb.xlsx", document="convocation")
    with pytest.raises(FileRefused, match="không tồn tại"):
        courses.export_course(session, course, tmp_path / "khong-co" / "a.xlsx")


def test_cli_list_and_roster(session: Session, course: int, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = str(session.store.path)
    assert run(["course", "list", "--db", db]) == 0
    assert "Khóa I năm 2026" in capsys.readouterr().out
    assert run(["course", "roster", "--db", db, "--course", str(course)]) == 0
    out = capsys.readouterr().out
    assert "Nông Thị Bích" in out and "✓ ✓ ✓ K K P ✓ ✓ ✓ ✓" in out
    assert run(["course", "roster", "--db", db, "--course", str(course), "--json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    bich = next(r for r in data["learners"] if r["full_name"] == "Nông Thị Bích")
    assert bich["marks"][3:6] == ["U", "U", "E"] and bich["under_threshold"] and bich["grade"] == "Không đạt"
    target = tmp_path / "ra.xlsx"
    assert run(["course", "roster", "--db", db, "--course", str(course), "-o", str(target)]) == 0
    assert target.exists()
    assert run(["course", "roster", "--db", db]) == 1
    assert "--course" in capsys.readouterr().err
    assert run(["course", "roster", "--db", db, "--course", "999"]) == 1
    assert run(["course", "roster", "--db", db, "--course", str(course), "-o", str(tmp_path / "a.doc")]) == 2
    assert run(["course", "list", "--db", str(tmp_path / "khong-co.sqlite")]) == 2


def test_an_empty_new_member_course_still_prints(session: Session, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    course_id = courses.create_course(
        session, {"kind": "new_member", "name": "Lớp đảng viên mới", "start_date": "2026-12-07"}
    )
    book = courses.export_course(session, course_id, tmp_path / "ds.xlsx")
    titles = [r[0] for r in load_workbook(book).active.iter_rows(values_only=True) if r[0]]
    assert "DANH SÁCH HỌC VIÊN LỚP BỒI DƯỠNG LÝ LUẬN CHÍNH TRỊ CHO ĐẢNG VIÊN MỚI" in titles
    text = _pdf_text(
        courses.export_course(
            session, course_id, tmp_path / "tb.pdf", document="convocation", settings=_settings(tmp_path)
        )
    )
    assert "0 đảng viên dự bị" in text
    for document in ("roster", "certificates"):
        assert (
            courses.export_course(
                session, course_id, tmp_path / f"{document}.pdf", document=document, settings=_settings(tmp_path)
            )
            .stat()
            .st_size
            > 0
        )


def test_certificate_list_of_a_course_the_committee_runs_itself(session: Session, course: int, tmp_path: Path) -> None:
    session.store.conn.execute("UPDATE courses SET organiser = 'Đảng ủy xã Ba Sơn' WHERE id = ?", [course])
    proposal = _pdf_text(
        courses.export_course(
            session, course, tmp_path / "gcn.pdf", document="certificates", settings=_settings(tmp_path)
        )
    )
    # The committee grants the certificates: it does not propose them to itself.
    assert "Ban Thường vụ Đảng ủy xã Ba Sơn xét, cấp giấy chứng nhận cho 2 học viên" in proposal
    assert "đề nghị Đảng ủy xã Ba Sơn cấp" not in proposal
    convocation = _pdf_text(
        courses.export_course(
            session, course, tmp_path / "tb.pdf", document="convocation", settings=_settings(tmp_path)
        )
    )
    assert "Các chi bộ có học viên" in convocation and "(phối hợp)" not in convocation


def test_roster_workbook_rows_grow_with_wrapped_text(session: Session, course: int, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    session.store.conn.execute("UPDATE cells SET name = 'Chi bộ Trường Trung học cơ sở xã Ba Sơn'")
    ws = load_workbook(courses.export_course(session, course, tmp_path / "danh-sach.xlsx")).active
    body = [r[0].row for r in ws.iter_rows() if isinstance(r[0].value, int)]
    # Two printed lines at least; a row left at the default height would print over the next one.
    assert body and all(ws.row_dimensions[row].height >= 30 for row in body)


def test_a_class_name_that_repeats_kind_and_intake_is_not_printed_twice(
    session: Session, course: int, tmp_path: Path
) -> None:
    from commune_app.domain.courses import own_name

    kind = "Lớp bồi dưỡng nhận thức về Đảng"
    assert own_name("Lớp bồi dưỡng nhận thức về Đảng khóa I năm 2026", kind, "Khóa I năm 2026") == ""
    assert own_name("Lớp ghép xã Ba Sơn - Bình Trung", kind, "Khóa I năm 2026") == "Lớp ghép xã Ba Sơn - Bình Trung"
    session.store.conn.execute("UPDATE courses SET name = 'Lớp bồi dưỡng nhận thức về Đảng khóa I năm 2026'")
    text = _pdf_text(courses.export_course(session, course, tmp_path / "ds.pdf", settings=_settings(tmp_path)))
    assert "Tên lớp:" not in text and "KHÓA I NĂM 2026" in text


@pytest.mark.parametrize("document", ["roster", "convocation", "certificates"])
def test_course_documents_in_word_say_what_the_pdf_says(
    session: Session, course: int, tmp_path: Path, document: str
) -> None:
    from tests.core.test_dossier_docx import same_text

    made = [
        courses.export_course(
            session,
            course,
            tmp_path / f"{document}.{suffix}",
            document=document,
            on=dt.date(2026, 2, 25),
            settings=_settings(tmp_path),
        )
        for suffix in ("pdf", "docx")
    ]
    same_text(*made)


def test_course_documents_take_the_course_date_or_the_one_given(
    session: Session, course: int, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = str(session.store.path)
    target = tmp_path / "tb.pdf"
    # By default the convocation carries the course's first day (09/03/2026), not today's date.
    assert (
        run(["course", "roster", "--db", db, "--course", str(course), "--document", "convocation", "-o", str(target)])
        == 0
    )
    assert "ngày 09 tháng 3 năm 2026" in _pdf_text(target)
    assert (
        run(
            [
                "course",
                "roster",
                "--db",
                db,
                "--course",
                str(course),
                "--document",
                "convocation",
                "--date",
                "25/02/2026",
                "-o",
                str(target),
                "--force",
            ]
        )
        == 0
    )
    assert "ngày 25 tháng 02 năm 2026" in _pdf_text(target)
    assert (
        run(
            [
                "course",
                "roster",
                "--db",
                db,
                "--course",
                str(course),
                "--document",
                "convocation",
                "--date",
                "31/02/2026",
                "-o",
                str(target),
                "--force",
            ]
        )
        == 1
    )
    capsys.readouterr()
