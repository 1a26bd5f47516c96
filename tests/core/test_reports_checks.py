"""The checks run before writing: inconsistent records stop the export and are named."""

import pytest

from commune_app.errors import Refused
from commune_app.ops import reports
from commune_app.reports import checks, labels
from commune_app.reports.counting import Counted
from tests.core.reports_sample import add, build


def test_double_departure_refuses_and_names_the_person(session, tmp_path):
    ids = build(session)
    # A second official transfer out of someone who already left: D = A + B - C breaks.
    add(session, ids["mover"], "transfer_out", "2026-03-25", transfer_kind="official")
    target = tmp_path / "bao-cao.xlsx"
    with pytest.raises(Refused) as caught:
        reports.export(session, "2026-Q1", ["1-BTCTW"], target)
    text = "\n".join(caught.value.reasons)
    assert "D = A + B - C" in text and "Phạm Văn Chuyển" in text and f"mã {ids['mover']}" in text
    assert not target.exists()
    assert not list(tmp_path.glob(".bao-cao-*"))
    # The same data is still shown on screen, with the problem listed.
    figures = reports.figures(session, "2026-Q1", ["1-BTCTW"])
    assert figures.problems


def test_admission_of_someone_already_in_the_list_is_caught(session, tmp_path):
    ids = build(session)
    add(session, ids["old0"], "transfer_in", "2026-02-02", transfer_kind="official")
    with pytest.raises(Refused) as caught:
        reports.export(session, "2026-Q1", None, tmp_path / "x.xlsx")
    assert "Trần Văn Bình" in "\n".join(caught.value.reasons)


def test_breakdown_above_its_total_is_refused():
    rows = labels.load("2-BTCTW")["rows"]
    counted = {r["key"]: Counted(0, frozenset()) for r in rows}
    counted["I"] = Counted(1, frozenset({1}))
    counted["female"] = Counted(2, frozenset({1, 2}))
    problems = checks.check_rows("2-BTCTW", rows, counted)
    assert any("“- Nữ” (2) lớn hơn" in p.message and p.person_ids == (2,) for p in problems)


def test_sum_rows_must_equal_their_parts():
    rows = labels.load("1-BTCTW")["rows"]
    counted = {r["key"]: Counted(0, frozenset()) for r in rows}
    counted["B1"] = Counted(3, frozenset({5}))
    assert any("khác tổng các dòng chi tiết" in p.message for p in checks.check_rows("1-BTCTW", rows, counted))


def test_cells_must_add_up_to_the_total(session):
    build(session)
    table = reports.figures(session, "2026-Q1", ["E7"]).tables[0]
    assert not checks.check_cells_add_up(table)
    table.row("total").values[4] += 1
    problems = checks.check_cells_add_up(table)
    assert problems and "Trong kỳ" in problems[0].message


def test_every_label_row_has_a_figure(session):
    """A row added to a label file without a way to count it would print an empty cell."""
    build(session)
    result = reports.figures(session, "2026")
    for table in result.tables:
        if table.code not in ("2-BTCTW", "3-BTCTW", "1-BTCTW"):
            continue
        spec = labels.load(table.code)
        for row_spec, row in zip(spec["rows"], table.rows, strict=True):
            assert row.key == row_spec["key"]
            countable = any(k in row_spec for k in ("count", "figure", "sum", "measure"))
            assert (row.values[1] is not None) or not countable or row_spec.get("measure"), row_spec["key"]
