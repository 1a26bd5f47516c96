"""The province roll-up: every report workbook carries its figures; many communes add up.

The expected province figures are the sums of each commune's own report, computed afresh from
its data file. That is sound because every whole-number figure counts people or events of one
commune only (the communes share nobody), so a count over their union is the sum of the counts.
Building the union as one data file instead would not be the same data: the JSON merge carries
people, their steps and cells but not targets, courses or awards, and same-named cells of two
communes ("Chi bộ thôn Nà Lầu") would fold into one.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commune_app.cli.main import run as cli
from commune_app.demo.generator import generate
from commune_app.errors import Refused
from commune_app.ops import reports
from commune_app.ops.context import SYSTEM, open_session
from commune_app.ops.rollup import rollup
from commune_app.reports.model import Table
from commune_app.rollup import data_sheet, reading

TODAY = dt.date(2026, 11, 20)
PERIOD = "2026-Q3"
COMMUNES = (("Ba Sơn", 1, TODAY), ("Mẫu Sơn", 1, TODAY + dt.timedelta(days=5)), ("Cao Lộc", 2, TODAY))


def _expected(tables: list[Table]) -> dict[str, dict[tuple[str, int], int]]:
    """The whole numbers of each form, straight from the report model (single cells' rows left out)."""
    out: dict[str, dict[tuple[str, int], int]] = {}
    for table in tables:
        titles = table.column_titles()
        figures = {}
        for row in table.rows:
            if row.key.startswith("cell:"):
                continue
            for col, value in enumerate(row.values):
                if col in table.text_cols or col in table.percent_cols or titles[col] == "TT":
                    continue
                if isinstance(value, int) and not isinstance(value, bool):
                    figures[(row.key, col)] = value
        if figures:
            out[table.code] = figures
    return out


@pytest.fixture(scope="module")
def communes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("rollup")
    files, expected = [], []
    for name, seed, today in COMMUNES:
        session = open_session(folder / f"{name}.sqlite", actor=SYSTEM)
        session.today_override = today
        generate(session, scale="commune", seed=seed, commune=name)
        files.append(reports.export(session, PERIOD, None, folder / f"{name}.xlsx"))
        expected.append(_expected(reports.figures(session, PERIOD).tables))
        if name == "Cao Lộc":
            files.append(reports.export(session, "2026-Q2", None, folder / "Cao Lộc quý II.xlsx"))
        session.close()
    yield {"folder": folder, "files": files, "expected": expected}


def _edit_data_sheet(source: Path, target: Path, change: Any, *, rehash: bool) -> Path:
    """A hand edit of the hidden sheet; ``rehash``: the checksum recomputed as a careful forger would."""
    from openpyxl import load_workbook

    book = load_workbook(source)
    sheet = book[data_sheet.SHEET]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    for index, row in enumerate(rows):
        if change(row):
            for col, value in enumerate(row, start=1):
                sheet.cell(row=index + 1, column=col, value=value)
    if rehash:
        records = [list(r) for r in sheet.iter_rows(values_only=True)][:-1]
        sheet.cell(row=len(rows), column=2, value=data_sheet.checksum(records))
    book.save(target)
    return target


def test_every_report_workbook_carries_a_hidden_checked_data_sheet(communes: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    book = load_workbook(communes["files"][0], read_only=True)
    assert book[data_sheet.SHEET].sheet_state == "hidden"
    data = reading.read(communes["files"][1])
    assert data.identity == ("Lạng Sơn", "Mẫu Sơn", "ĐẢNG ỦY XÃ MẪU SƠN")
    assert (data.meta["period"], data.meta["period_start"], data.meta["period_end"]) == (
        PERIOD,
        "2026-07-01",
        "2026-09-30",
    )
    assert data.meta["cutoff"] == "2026-11-25"
    assert {"E7", "E8", "1-BTCTW", "2-BTCTW", "3-BTCTW", "7-BTCTW"} <= set(data.forms)
    assert all(len(form.version) == 16 for form in data.forms.values())


def test_the_roll_up_equals_the_communes_reports_figure_by_figure(communes: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    out = communes["folder"] / "tinh.xlsx"
    added = rollup(communes["files"][:3], out)
    assert [c.data.meta["commune"] for c in added.communes] == ["Ba Sơn", "Mẫu Sơn", "Cao Lộc"]
    assert {f.form.code for f in added.forms} == set(communes["expected"][0])
    book = load_workbook(out, read_only=True)
    for form in added.forms:
        code = form.form.code
        per_commune = [e[code] for e in communes["expected"]]
        summed = {key: sum(e.get(key, 0) for e in per_commune) for key in per_commune[0]}
        assert form.total == summed, code
        assert [figures for _, figures in form.communes] == per_commune, code
        # The workbook shows those numbers: one row per commune, then the totals.
        rows = [list(r) for r in book[code].iter_rows(min_row=7, values_only=True)]
        cells = form.cells()
        assert [r[1] for r in rows] == ["ĐẢNG ỦY XÃ BA SƠN", "ĐẢNG ỦY XÃ MẪU SƠN", "ĐẢNG ỦY XÃ CAO LỘC", "Tổng cộng"]
        assert rows[-1][3:] == [summed.get((key, col)) for key, _, col, _ in cells], code
        assert rows[1][3:] == [per_commune[1].get((key, col)) for key, _, col, _ in cells], code
    first = [list(r) for r in book["1-BTCTW"].iter_rows(min_row=5, max_row=6, values_only=True)]
    assert first[0][3].startswith("A - Tổng số đảng viên") and first[1][3:5] == ["Kỳ này", "Cùng kỳ năm trước"]
    # Same period, other cut-off dates: accepted, and each commune's shown.
    assert [r[2] for r in book["E7"].iter_rows(min_row=7, max_row=9, values_only=True)] == [
        "20/11/2026",
        "25/11/2026",
        "20/11/2026",
    ]


def test_mixed_periods_the_same_commune_twice_and_a_missing_file(communes: dict[str, Any]) -> None:
    files, folder = communes["files"], communes["folder"]
    with pytest.raises(Refused) as caught:
        rollup([files[0], files[3]], folder / "x.xlsx")
    assert any(
        "Cao Lộc quý II.xlsx: báo cáo quý II năm 2026, khác kỳ của Ba Sơn.xlsx" in r for r in caught.value.reasons
    )
    copy = shutil.copy(files[1], folder / "ban sao.xlsx")
    with pytest.raises(Refused) as caught:
        rollup([files[0], files[1], copy], folder / "x.xlsx")
    assert any(r.startswith("ban sao.xlsx: cùng một đảng ủy với Mẫu Sơn.xlsx") for r in caught.value.reasons)
    assert not (folder / "x.xlsx").exists()
    assert cli(["rollup", "-o", str(folder / "x.xlsx"), str(files[0]), str(copy), str(files[1])]) == 1
    assert cli(["rollup", "-o", str(folder / "x.xlsx"), str(files[0]), str(folder / "khong-co.xlsx")]) == 2


def test_a_hand_edited_data_sheet_is_refused(communes: dict[str, Any]) -> None:
    folder = communes["folder"]

    def bump_a(row: list[Any]) -> bool:
        if row[:3] == ["row", "1-BTCTW", "A"]:
            figures = json.loads(row[4])
            figures[1] += 1
            row[4] = json.dumps(figures)
            return True
        return False

    # Opened and saved again without a change (as Excel or Calc do when the clerk looks at it): still good.
    untouched = _edit_data_sheet(communes["files"][1], folder / "mo lai.xlsx", lambda row: False, rehash=False)
    assert len(rollup([communes["files"][0], untouched], folder / "x.xlsx").communes) == 2
    edited = _edit_data_sheet(communes["files"][1], folder / "sua tay.xlsx", bump_a, rehash=False)
    with pytest.raises(Refused) as caught:
        rollup([communes["files"][0], edited], folder / "x.xlsx")
    assert any(r.startswith("sua tay.xlsx: trang dữ liệu tổng hợp đã bị sửa") for r in caught.value.reasons)
    # Even with the checksum recomputed, the figures must still pass the form's checks.
    forged = _edit_data_sheet(communes["files"][1], folder / "tinh lai ma.xlsx", bump_a, rehash=True)
    with pytest.raises(Refused) as caught:
        rollup([communes["files"][0], forged], folder / "x.xlsx")
    assert any(
        r.startswith("tinh lai ma.xlsx, biểu 1-BTCTW, cột “Thực hiện: Kỳ này”: D = A + B − C không đúng")
        for r in caught.value.reasons
    )


def test_another_version_of_a_form_is_refused(communes: dict[str, Any]) -> None:
    folder = communes["folder"]

    def older_form(row: list[Any]) -> bool:
        if row[:2] == ["form", "3-BTCTW"]:
            row[2] = "0123456789abcdef"
            return True
        return False

    older = _edit_data_sheet(communes["files"][2], folder / "mau cu.xlsx", older_form, rehash=True)
    with pytest.raises(Refused) as caught:
        rollup([communes["files"][0], older], folder / "x.xlsx")
    assert any(
        r.startswith("mau cu.xlsx: biểu 3-BTCTW khác mẫu với biểu 3-BTCTW của Ba Sơn.xlsx")
        for r in caught.value.reasons
    )


def test_a_workbook_without_a_data_sheet_is_refused(communes: dict[str, Any], tmp_path: Path) -> None:
    from openpyxl import Workbook

    plain = tmp_path / "tu lam.xlsx"
    Workbook().save(plain)
    with pytest.raises(Refused) as caught:
        rollup([communes["files"][0], plain], tmp_path / "x.xlsx")
    assert any(r.startswith("tu lam.xlsx: không có trang dữ liệu tổng hợp") for r in caught.value.reasons)


def test_demo_commune_names_the_committee(tmp_path: Path) -> None:
    assert cli(["demo", "--db", str(tmp_path / "x.sqlite"), "--commune", "Đồng Đăng", "--today", "2026-11-20"]) == 0
    session = open_session(tmp_path / "x.sqlite", actor=SYSTEM)
    try:
        profile = session.store.one("SELECT commune, committee_name FROM committee_profile")
        cells = [r["name"] for r in session.store.query("SELECT name FROM cells WHERE kind = 'school'")]
    finally:
        session.close()
    assert profile == {"commune": "Đồng Đăng", "committee_name": "ĐẢNG ỦY XÃ ĐỒNG ĐĂNG"}
    assert "Chi bộ Trường Tiểu học Đồng Đăng" in cells
