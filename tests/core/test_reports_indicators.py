"""The indicators of Tổng quan and E8, counted again here from the rows of the scenario file."""

from __future__ import annotations

import datetime as dt

import pytest

from commune_app.ops import reports
from commune_app.ops.context import Actor, open_session
from tests.conftest import TODAY
from tests.core import reports_scenario
from tests.core.test_reports_scenario import Raw


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    path = tmp_path_factory.mktemp("chi-so") / "dulieu.sqlite"
    session = open_session(path, actor=Actor(username="kiemthu", role="admin"))
    session.today_override = TODAY
    ids = reports_scenario.build(session)
    yield session, ids
    session.close()


def test_indicators_of_the_year(scenario):
    session, _ids = scenario
    raw, today = Raw(session), TODAY.isoformat()
    figures = reports.indicators(session)
    admitted = raw.admitted("2026-01-01", today)
    members_start = raw.members("2025-12-31")
    assert (figures.admitted_ytd, figures.members_start) == (len(admitted), len(members_start))
    assert figures.share_of_members == pytest.approx(round(100 * len(admitted) / len(members_start), 2))
    assert figures.term_admitted == len(raw.admitted("2025-01-01", today)) and figures.term_target == 120
    targets = session.store.query("SELECT admission_target, course_target FROM cell_targets WHERE year = 2026")
    assert figures.course_target == sum(r["course_target"] or 2 * r["admission_target"] for r in targets)
    certified = {e["person_id"] for e in raw.of("course_certificate", "2026-01-01", today)}
    finished = {
        r["person_id"]
        for r in session.store.query(
            "SELECT e.person_id FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE e.status = 'enrolled'"
            " AND c.end_date BETWEEN '2026-01-01' AND ? AND e.score IS NOT NULL",
            [today],
        )
    }
    assert figures.course_learners == len(certified | finished)
    handed = raw.of("youth_union_handover", "2026-01-01", today)
    admitted_after = [
        e
        for e in handed
        if raw.people[e["person_id"]]["admitted_on"] and raw.people[e["person_id"]]["admitted_on"] >= e["date"]
    ]
    assert (figures.youth_introduced, figures.youth_admitted) == (len(handed), len(admitted_after)) == (3, 2)
    months = [0] * 12
    for pid in admitted:
        months[int(raw.people[pid]["admitted_on"][5:7]) - 1] += 1
    assert figures.monthly == months
    last = [0] * 12
    for e in raw.of("admission_decision", "2025-01-01", "2025-12-31"):
        last[int(e["date"][5:7]) - 1] += 1
    assert figures.monthly_last_year == last


def test_second_half_forecast_per_cell(scenario):
    session, ids = scenario
    figures = reports.indicators(session)
    by_cell = {f.cell_id: f for f in figures.forecast}
    village, school = ids["cells"][:2]
    assert by_cell[village].awaiting_decision == 1 and by_cell[school].ready == 1
    raw = Raw(session)
    for cell, row in by_cell.items():
        assert row.admitted == sum(
            1
            for pid in raw.admitted("2026-01-01", TODAY.isoformat())
            if raw.cell_on(pid, raw.people[pid]["admitted_on"]) == cell
        )
    assert sum(f.reachable for f in figures.forecast) == figures.admitted_ytd + 2
    # No forecast in the first half of the year.
    session.today_override = dt.date(2026, 5, 20)
    try:
        assert reports.indicators(session).forecast == []
    finally:
        session.today_override = TODAY


def test_e8_prints_the_indicators(scenario, tmp_path):
    session, _ids = scenario
    table = next(t for t in reports.figures(session, "2026-Q3", ["E8"]).tables)
    lines = dict(table.blocks[0].rows)
    assert any(k.startswith("Kết nạp năm 2026 so với đảng viên đầu năm") for k in lines)
    assert lines["Kết nạp nhiệm kỳ 2025-2030"].endswith("chỉ tiêu cả nhiệm kỳ")
    assert lines["Đoàn viên ưu tú Đoàn cơ sở giới thiệu năm 2026: đã kết nạp"] == "2/3 (66,67%)"
    from openpyxl import load_workbook

    ws = load_workbook(reports.export(session, "2026-Q3", ["E8"], tmp_path / "e8.xlsx"))["Báo cáo nhanh"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("CÁC CHỈ SỐ PHÁT TRIỂN ĐẢNG VIÊN") for t in texts)


def test_a_year_without_youth_union_introductions_says_so(session):
    """It printed "0/0" on the screen and in E8."""
    lines = dict(reports.indicators(session).lines())
    assert (
        lines["Đoàn viên ưu tú Đoàn cơ sở giới thiệu năm 2026: đã kết nạp"] == "0 (chưa có đoàn viên được giới thiệu)"
    )
