"""The figures users found wrong (issue 17, problems 1–8), each counted a second way here from
the rows of the file, without the report code."""

from __future__ import annotations

import datetime as dt

import pytest

from commune_app import vn
from commune_app.errors import Refused
from commune_app.ops import courses, reports
from commune_app.reports import labels
from tests.core.reports_sample import add, build
from tests.factories import make_cell, make_person

COURSE = {
    "kind": "awareness",
    "name": "Lớp bồi dưỡng nhận thức về Đảng",
    "intake": "Khóa III/2026",
    "organiser": "Trung tâm Chính trị xã Phú Lương",
    "place": "Hội trường Đảng ủy xã",
    "certificate_issuer": "Trung tâm Chính trị xã Phú Lương",
}


@pytest.fixture
def sample(session):
    return build(session)


def _table(session, period, code):
    return next(t for t in reports.figures(session, period, [code]).tables if t.code == code)


def _total(table, column):
    columns = labels.load(table.code)["columns"]
    return table.row("total").values[columns.index(column)]


def _learners(session, start, end):
    """Certificates recorded on people in the window, and learners with a result in a course that ended in it."""
    people = {
        r["person_id"]
        for r in session.store.query(
            "SELECT person_id FROM milestones WHERE kind = 'course_certificate' AND withdrawn_at IS NULL"
            " AND date BETWEEN ? AND ?",
            [start, end],
        )
    }
    for row in session.store.query(
        "SELECT e.person_id, e.score, e.grade, e.certificate_on, c.end_date FROM enrolments e"
        " JOIN courses c ON c.id = e.course_id WHERE e.status = 'enrolled'"
    ):
        finished = row["score"] is not None or row["grade"] or row["certificate_on"]
        if finished and start <= row["end_date"] <= end:
            people.add(row["person_id"])
    return people


def test_course_column_counts_certificates_and_finished_learners(session, sample):
    village = sample["village"]
    learners = [
        make_person(session, name, cell_id=village) for name in ("Hoàng Văn Học", "Hoàng Thị Hiền", "Nông Văn Tú")
    ]
    # A course of Q3 with results for two of three, and a certificate recorded on someone outside it.
    done = courses.create_course(session, {**COURSE, "start_date": "2026-08-03"})
    enrolments = courses.enrol(session, done, learners)
    courses.set_result(
        session, enrolments[0], score=8, grade="Giỏi", certificate_no="12/GCN", certificate_on="2026-08-20"
    )
    courses.set_result(session, enrolments[1], score=6, grade="Khá", certificate_no=None, certificate_on=None)
    outside = make_person(session, "Triệu Kim Thư", cell_id=village)
    add(session, outside, "course_certificate", "2026-09-10", "15/GCN")
    # A course ending on 04/12 run on 20/11: enrolled, no results, not counted.
    later = courses.create_course(session, {**COURSE, "intake": "Khóa IV/2026", "start_date": "2026-11-16"})
    courses.enrol(
        session,
        later,
        [
            make_person(session, name, cell_id=village)
            for name in ("Lý Văn Chờ", "Lý Thị Đợi", "Lý Văn Mong", "Lý Thị Ngóng")
        ],
    )
    q3 = _table(session, "2026-Q3", "E7")
    expected = _learners(session, "2026-07-01", "2026-09-30")
    assert _total(q3, "course") == len(expected) == 3  # enrolment 0 and its certificate count once
    q4 = _table(session, "2026-Q4", "E7")
    assert _total(q4, "course") == len(_learners(session, "2026-10-01", "2026-11-20")) == 0
    # The overview's course box counts the same people for the year.
    year = _learners(session, "2026-01-01", "2026-12-31")
    assert courses.attendance_indicator(session, 2026).total.attended == len(year)
    assert _total(_table(session, "2026", "E7"), "course") == len(year)


def _organisations(session, day):
    """Grassroots organisations on a day from the raw rows: cells with a member in the list then,
    chi bộ trực thuộc grouped under their đảng bộ cơ sở."""
    members = {}
    for row in session.store.query(
        "SELECT person_id, kind, date FROM milestones WHERE withdrawn_at IS NULL AND date <= ? AND kind IN"
        " ('admission_decision', 'transfer_in', 'death', 'removal', 'transfer_out') ORDER BY date, id",
        [day],
    ):
        members[row["person_id"]] = row["kind"] in ("admission_decision", "transfer_in")
    inside = {pid for pid, yes in members.items() if yes}
    cells = {}
    for pid in inside:
        assignment = session.store.one(
            "SELECT cell_id FROM cell_assignments WHERE person_id = ? AND from_date <= ? ORDER BY from_date DESC"
            " LIMIT 1",
            [pid, day],
        ) or session.store.one(
            "SELECT cell_id FROM cell_assignments WHERE person_id = ? ORDER BY from_date LIMIT 1", [pid]
        )
        cells.setdefault(assignment["cell_id"], 0)
    db, cb = set(), set()
    for cell in session.store.query("SELECT id, name, routing, parent_org FROM cells"):
        if cell["id"] in cells:
            (db.add(cell["parent_org"]) if cell["routing"] != "chi_bo_co_so" else cb.add(cell["name"]))
    return db, cb


def test_grassroots_committee_counted_and_last_year_as_it_stood(session, sample):
    parent = "Đảng bộ Cơ quan xã Phú Lương"
    office = make_cell(
        session, "Chi bộ Cơ quan Ủy ban nhân dân xã", kind="agency", routing="chi_bo_truc_thuoc", parent_org=parent
    )
    party = make_cell(
        session, "Chi bộ Cơ quan Đảng - Đoàn thể xã", kind="agency", routing="chi_bo_truc_thuoc", parent_org=parent
    )
    for n, (cell, name) in enumerate(((office, "Ma Văn Công"), (party, "Ma Thị Đảng"), (office, "Ma Văn Mới"))):
        pid = make_person(session, name, cell_id=cell, birth_date="1980-04-04")
        add(session, pid, "admission_decision", "2026-02-02" if n == 2 else "2010-01-01", "3-QĐ/ĐU")
    # A cell whose first member came in 2026 did not exist as an organisation a year earlier.
    new_cell = make_cell(session, "Chi bộ Hợp tác xã Phú Lương", kind="enterprise", routing="chi_bo_co_so")
    newcomer = make_person(session, "Hứa Văn Mới", cell_id=new_cell, birth_date="1985-01-01")
    add(session, newcomer, "transfer_in", "2026-03-03", transfer_kind="official", scope="other_province")
    table = _table(session, "2026-H1", "2-BTCTW")
    now_db, now_cb = _organisations(session, "2026-06-30")
    before_db, before_cb = _organisations(session, "2025-06-30")
    assert table.row("org_db").values[1:3] == [len(now_db), len(before_db)] == [1, 1]
    assert table.row("org_cb").values[1:3] == [len(now_cb), len(before_cb)] == [3, 2]
    # The committee admitted someone in the half-year through its office cell.
    assert table.row("org_db_admitted").values[1] == 1


def test_no_masses_follows_the_marks_of_each_year(session, sample):
    reports.mark_no_masses(session, sample["school"], 2026)
    table = _table(session, "2026-H1", "2-BTCTW")
    marked = {
        r["cell_id"]
        for r in session.store.query("SELECT cell_id FROM cell_targets WHERE no_masses = 1 AND year = 2026")
    }
    assert table.row("org_cb_no_source").values[1:3] == [len(marked), 0] == [1, 0]
    reports.mark_no_masses(session, sample["school"], 2026, False)
    assert _table(session, "2026-H1", "2-BTCTW").row("org_cb_no_source").values[1] == 0


def test_probation_ends_twelve_months_after_the_ceremony(session, sample):
    pao = sample["Lò Văn Páo"]
    add(session, pao, "ceremony", "2026-04-21", "")
    table = _table(session, "2026-Q1", "E9")
    row = table.row(f"person:{pao}")
    ceremony = dt.date(2026, 4, 21)
    assert row.values[15] == vn.format_date(ceremony.replace(year=ceremony.year + 1)) == "21/04/2027"


def test_unfinished_period_says_how_far_it_goes(session, sample, tmp_path):
    from openpyxl import load_workbook

    # Today is 20/11/2026 in the tests.
    result = reports.figures(session, "2026-Q4", ["1-BTCTW", "E7"])
    assert result.period.end == dt.date(2026, 11, 20)
    assert result.period.label == "quý IV năm 2026 (đến ngày 20/11/2026)"
    assert reports.suggested_file_name(session, "2026-Q4") == "bao-cao-2026-Q4-den-ngay-2026-11-20.xlsx"
    path = reports.export(session, "2026-Q4", ["1-BTCTW", "E7"], tmp_path / "q4.xlsx")
    book = load_workbook(path)
    texts = [c.value for ws in book for row in ws.iter_rows(max_row=8) for c in row if isinstance(c.value, str)]
    assert any("QUÝ IV NĂM 2026 (ĐẾN NGÀY 20/11/2026)" in t for t in texts)
    assert any("đến ngày 20/11/2026" in t and "31/12/2026" not in t for t in texts)


def test_future_period_is_refused(session, sample, tmp_path):
    with pytest.raises(Refused) as caught:
        reports.figures(session, "2027-Q1")
    assert "chưa bắt đầu" in str(caught.value)


def test_cli_refuses_a_future_period(session, db_path, tmp_path, capsys):
    from commune_app.cli.main import run

    out = tmp_path / "tuonglai.xlsx"
    assert run(["report", "--db", str(db_path), "--period", "2099-Q1", "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert "chưa bắt đầu" in captured.out + captured.err
    assert not out.exists()


def test_cumulative_figures_say_from_which_first_of_january(session, sample):
    table = _table(session, "2025-12-01..2026-03-31", "E7")
    assert "Lũy kế từ 01/01/2026" in [h.text for h in table.header]
    admitted = [
        r["person_id"]
        for r in session.store.query(
            "SELECT person_id FROM milestones WHERE kind = 'admission_decision' AND date BETWEEN ? AND ?",
            ["2026-01-01", "2026-03-31"],
        )
    ]
    assert _total(table, "admitted_ytd") == len(admitted)
    assert any(label.startswith("Kết nạp lũy kế từ 01/01/2026") for label, _ in table.summary)


def _age(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def test_ages_are_counted_to_the_day(session, sample):
    # Turns 31 on 20/06/2026, admitted on 10/06: still 30 (by month it would be 31).
    pid = make_person(session, "Lục Văn Tuổi", cell_id=sample["village"], birth_date="1995-06-20")
    add(session, pid, "admission_decision", "2026-06-10", "20-QĐ/ĐU")
    table = _table(session, "2026-H1", "2-BTCTW")
    people = session.store.query(
        "SELECT p.birth_date, m.date FROM milestones m JOIN people p ON p.id = m.person_id"
        " WHERE m.kind = 'admission_decision' AND m.date BETWEEN '2026-01-01' AND '2026-06-30'"
    )
    ages = [_age(dt.date.fromisoformat(p["birth_date"]), dt.date.fromisoformat(p["date"])) for p in people]
    assert table.row("age_18_30").values[1] == sum(18 <= a <= 30 for a in ages) == 3
    assert table.row("age_avg").values[1] == pytest.approx(sum(ages) / len(ages), abs=0.051)
    e7 = _table(session, "2026-H1", "E7")
    assert _total(e7, "age_18_30") == 3


def test_a_figure_counted_under_an_assumption_says_so(session, sample, tmp_path):
    """A transfer without its scope was counted as within the province and a card without its
    reason as a first card, without a word; now the form says how many and the screen says who."""
    from openpyxl import load_workbook

    add(session, sample["candidate"], "party_card", "2026-03-05")  # no card_reason
    add(session, sample["old2"], "party_card", "2026-01-15", card_reason="lost")
    one = _table(session, "2026-Q1", "1-BTCTW")
    # Counted independently: the one official transfer out of Q1 without a scope (the mover's).
    movers = [
        r["person_id"]
        for r in session.store.query(
            "SELECT person_id, details FROM milestones WHERE kind IN ('transfer_in', 'transfer_out')"
            " AND date BETWEEN '2026-01-01' AND '2026-03-31' AND json_extract(details, '$.scope') IS NULL"
            " AND json_extract(details, '$.transfer_kind') = 'official'"
        )
    ]
    assert movers == [sample["mover"]]
    assert (
        "Ghi chú: 1 lượt chuyển sinh hoạt đảng chính thức chưa ghi trong tỉnh hay ngoài tỉnh, đã tính là "
        "chuyển trong tỉnh; đơn vị kiểm tra lại hồ sơ." in one.notes
    )
    assert (
        "Chưa ghi trong tỉnh hay ngoài tỉnh (tính là chuyển trong tỉnh)",
        "Phạm Văn Chuyển",
    ) in one.summary
    seven = _table(session, "2026-Q1", "7-BTCTW")
    assert any(n.startswith("Ghi chú: 1 thẻ đảng viên chưa ghi lý do phát thẻ") for n in seven.notes)
    assert (
        "Chưa ghi lý do phát thẻ (tính là phát thẻ lần đầu)",
        "Đinh Thị Lan",
    ) in seven.summary
    # The note reaches the sheet the province receives.
    path = reports.export(session, "2026-Q1", ["1-BTCTW"], tmp_path / "bc.xlsx")
    texts = {str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value}
    assert any("chưa ghi trong tỉnh hay ngoài tỉnh" in t for t in texts)
    # A complete record needs no note.
    assert not [n for n in _table(session, "2026-Q2", "1-BTCTW").notes if "đã tính là" in n]
