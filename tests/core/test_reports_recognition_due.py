"""DS-CT: probationary members due for official recognition in a period, in Excel and PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from commune_app import vn
from commune_app.ops import reports
from commune_app.reports.e9_list import earliest_ceremony_due
from tests.core.reports_sample import add, build
from tests.factories import make_person


@pytest.fixture
def due(session):
    ids = build(session)
    village = ids["village"]

    def member(name, admitted, ceremony, gender="M"):
        pid = make_person(session, name, cell_id=village, gender=gender, birth_date="1996-02-02")
        add(session, pid, "admission_decision", admitted, "30-QĐ/ĐU")
        add(session, pid, "ceremony", ceremony)
        return pid

    ids["august"] = member("Triệu Kim Vần", "2025-08-01", "2025-08-20", "F")
    ids["recognised"] = member("Bế Văn Đạt", "2025-07-01", "2025-07-10")
    add(session, ids["recognised"], "recognition_decision", "2026-07-15", "41-QĐ/ĐU")
    ids["struck"] = member("Hoàng Văn Bỏ", "2025-08-01", "2025-08-05")
    add(session, ids["struck"], "removal", "2026-03-01", removal_kind="strike_off")
    ids["december"] = member("Nông Thị Chờ", "2025-11-20", "2025-12-05", "F")
    return ids


def _due_from_rows(session, start, end):
    """Ceremony + 12 months within [start, end], and not removed, dead or moved away before that day."""
    out = set()
    for row in session.store.query("SELECT person_id, date FROM milestones WHERE kind = 'ceremony'"):
        day = vn.add_months(dt.date.fromisoformat(row["date"]), 12)
        gone = session.store.one(
            "SELECT 1 FROM milestones WHERE person_id = ? AND kind IN ('removal', 'death',"
            " 'transfer_out') AND date <= ?",
            [row["person_id"], min(day, dt.date(2026, 11, 20)).isoformat()],
        )
        if start <= day <= end and not gone:
            out.add(row["person_id"])
    return out


def test_due_in_a_past_quarter(session, due):
    table = next(t for t in reports.figures(session, "2026-Q3", ["DS-CT"]).tables)
    listed = {int(r.key.split(":")[1]) for r in table.rows}
    assert (
        listed
        == _due_from_rows(session, dt.date(2026, 7, 1), dt.date(2026, 9, 30))
        == {due["august"], due["recognised"]}
    )
    rows = {r.values[1]: r.values for r in table.rows}
    assert rows["Bế Văn Đạt"][8] == "10/07/2026" and rows["Bế Văn Đạt"][9] == "Đã công nhận chính thức ngày 15/07/2026"
    assert rows["Triệu Kim Vần"][8] == "20/08/2026"
    assert rows["Triệu Kim Vần"][9] == "Đã hết thời gian dự bị, chưa xét công nhận"
    assert rows["Triệu Kim Vần"][3] == "02/02/1996" and rows["Triệu Kim Vần"][2] == ""


def test_running_quarter_lists_the_whole_quarter_ahead(session, due, tmp_path):
    table = next(t for t in reports.figures(session, "2026-Q4", ["DS-CT"]).tables)
    assert [r.values[1] for r in table.rows] == ["Nông Thị Chờ"]
    assert table.rows[0].values[9] == "Đến hạn ngày 05/12/2026"
    assert "tình hình tính đến ngày 20/11/2026" in table.heading[2]
    pdf = reports.export(session, "2026-Q4", ["DS-CT"], tmp_path / "ds-ct.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "DANH SÁCH ĐẢNG VIÊN DỰ BỊ ĐẾN HẠN XÉT CÔNG NHẬN CHÍNH THỨC" in text
    assert "Nông Thị Chờ" in text and "05/12/2026" in text
    book = reports.export(session, "2026-Q4", ["DS-CT"], tmp_path / "ds-ct.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(book)["DS đến hạn chính thức"]
    assert any(c.value == "Nông Thị Chờ" for row in ws.iter_rows() for c in row)


def test_cli_writes_the_pdf(session, due, db_path, tmp_path):
    from commune_app.cli.main import run

    out = tmp_path / "ds.pdf"
    assert run(["report", "--db", str(db_path), "--period", "2026-Q3", "--forms", "DS-CT", "-o", str(out)]) == 0
    assert "Triệu Kim Vần" in "".join(p.extract_text() for p in PdfReader(out).pages)
    assert (
        run(["report", "--db", str(db_path), "--period", "2026-Q3", "--forms", "DS-CT", "-o", str(tmp_path / "ds.txt")])
        == 2
    )


@pytest.mark.parametrize("months", [1, 6, 12, 18])
def test_earliest_ceremony_due_is_the_first_ceremony_whose_probation_ends_by_the_day(months):
    """DS-CT passes over members whose ceremony came before this day: it must be the first
    ceremony day whose end falls on or after the period's start, for every start (month ends,
    29/02 and the days the clamping of ``add_months`` moves)."""
    day = dt.date(2023, 1, 1)
    while day < dt.date(2029, 1, 1):
        earliest = earliest_ceremony_due(day, months)
        assert vn.add_months(earliest, months) >= day
        assert vn.add_months(earliest - dt.timedelta(days=1), months) < day
        day += dt.timedelta(days=1)


def test_due_list_with_ceremonies_before_the_period_and_a_stored_end(session, due):
    """A ceremony long before the period with a probation end stored in the period is still listed;
    a ceremony recorded before the decision is worked out from the decision (not passed over)."""
    early = make_person(session, "Lục Văn Lưu", cell_id=due["village"], gender="M", birth_date="1990-01-01")
    add(session, early, "admission_decision", "2024-01-10", "5-QĐ/ĐU")
    add(session, early, "ceremony", "2024-01-20", probation_end="2026-08-10")
    odd = make_person(session, "Ma Thị Sớm", cell_id=due["village"], gender="F", birth_date="1991-01-01")
    add(session, odd, "admission_decision", "2025-08-04", "6-QĐ/ĐU")
    add(session, odd, "ceremony", "2024-01-05")  # before the decision: the latest day is used
    table = next(t for t in reports.figures(session, "2026-Q3", ["DS-CT"]).tables)
    listed = {row.key for row in table.rows}
    assert f"person:{early}" in listed
    assert f"person:{odd}" in listed
