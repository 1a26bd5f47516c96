"""The national database's standardisation sheet: export → import into a new file → compare shows nothing."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from commune_app.cli.main import run as cli
from commune_app.demo.generator import generate
from commune_app.importing.registry import REGISTRY_FIRST, REGISTRY_GROUPS
from commune_app.ops import csdl
from commune_app.ops import people as people_ops
from commune_app.ops.context import SYSTEM, Session, open_session

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("csdl") / "xa.sqlite"
    session = open_session(path, actor=SYSTEM)
    session.today_override = TODAY
    generate(session, scale="commune", seed=4)
    session.close()
    return path


@pytest.fixture
def commune(demo_file: Path, tmp_path: Path) -> Iterator[Session]:
    shutil.copy(demo_file, tmp_path / "xa.sqlite")
    session = open_session(tmp_path / "xa.sqlite", actor=SYSTEM)
    session.today_override = TODAY
    yield session
    session.close()


def test_export_import_compare_shows_no_difference(commune: Session, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    member = commune.store.scalar("SELECT id FROM people WHERE status = 'official' ORDER BY id LIMIT 1")
    people_ops.update_person(commune, member, {"registry_id": "DV0042", "party_card_place": "Tỉnh ủy Lạng Sơn"})
    out = tmp_path / "chuan-hoa.xlsx"
    count = csdl.export(commune, out)
    book = load_workbook(out)
    sheet = book["DuLieu"]
    assert [c.value for c in sheet[1]][: len(REGISTRY_FIRST)] == list(REGISTRY_FIRST)
    assert [c.value for c in sheet[1]][len(REGISTRY_FIRST) :: 3][:3] == list(REGISTRY_GROUPS)
    assert [c.value for c in sheet[2]][len(REGISTRY_FIRST) : len(REGISTRY_FIRST) + 3] == [
        "Quốc gia",
        "Tỉnh",
        "Địa chỉ chi tiết",
    ]
    assert sheet.max_column == 28 and sheet.max_row == count + 2
    assert [ws.sheet_state for ws in book.worksheets[1:]] == ["hidden"] * 3
    assert any(r[1] == "DV0042" for r in sheet.iter_rows(min_row=3, values_only=True))  # the ID column is kept
    assert commune.store.scalar("SELECT count(*) FROM people WHERE status IN ('deceased', 'transferred_out')") > 0
    assert csdl.compare(commune, out).lines()[0].startswith(f"Giống nhau: {count} người; khác nhau: 0;")

    fresh = tmp_path / "moi.sqlite"
    assert cli(["import", "--db", str(fresh), str(out)]) == 0
    assert cli(["csdl", "compare", "--db", str(fresh), str(out)]) == 0
    session = open_session(fresh, actor=SYSTEM)
    try:
        result = csdl.compare(session, out)
        assert not result.differs and result.same == count
        again = session.store.one("SELECT registry_id, party_card_place FROM people WHERE registry_id = 'DV0042'")
        assert again == {"registry_id": "DV0042", "party_card_place": "Tỉnh ủy Lạng Sơn"}
    finally:
        session.close()


def test_compare_lists_who_is_only_on_one_side_or_different(commune: Session, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "chuan-hoa.xlsx"
    csdl.export(commune, out)
    book = load_workbook(out)
    sheet = book["DuLieu"]
    dropped = sheet.cell(row=3, column=3).value
    sheet.delete_rows(3)
    sheet.cell(row=3, column=7, value="Sán Chay")  # another ethnicity for the (new) first person
    changed = sheet.cell(row=3, column=3).value
    row = [c.value for c in sheet[4]]
    row[1], row[2], row[8] = "DV9999", "Lục Văn Mới", None
    sheet.append(row)
    book.save(out)
    before = commune.store.scalar("SELECT count(*) FROM audit")
    result = csdl.compare(commune, out)
    assert commune.store.scalar("SELECT count(*) FROM audit") == before  # nothing written
    assert len(result.only_sheet) == 1 and result.only_sheet[0].startswith("Lục Văn Mới")
    assert len(result.only_program) == 1 and result.only_program[0].startswith(dropped)
    assert len(result.different) == 1 and result.different[0].startswith(changed)
    assert "Dân tộc: chương trình" in result.different[0] and "bảng “Sán Chay”" in result.different[0]
    assert cli(["csdl", "compare", "--db", str(commune.store.path), str(out)]) == 1


def test_since_a_day_only_those_changed(commune: Session, tmp_path: Path) -> None:
    member = commune.store.scalar("SELECT id FROM people WHERE status = 'official' ORDER BY id DESC LIMIT 1")
    people_ops.update_person(commune, member, {"cmnd_old": "080123456"})
    out = tmp_path / "moi-sua.xlsx"
    since = dt.date.today().strftime("%d/%m/%Y")
    assert cli(["csdl", "export", "--db", str(commune.store.path), "-o", str(out), "--since", since]) == 0
    from openpyxl import load_workbook

    rows = list(load_workbook(out)["DuLieu"].iter_rows(min_row=3, values_only=True))
    assert len(rows) == 1 and rows[0][25] == "080123456"
    with pytest.raises(SystemExit) as usage:  # argparse's exit for a usage error
        cli(["csdl", "export", "--db", str(commune.store.path), "-o", str(out), "--since", "31/02/2026"])
    assert usage.value.code == 2


def test_one_sheet_per_new_member_in_the_add_member_pages_order(commune: Session, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from commune_app.csdl.new_members import ORDER

    probationers = commune.store.query(
        "SELECT p.*, c.name AS cell_name FROM people p JOIN cells c ON c.id = p.cell_id"
        " WHERE p.status = 'probationary' AND p.deleted_at IS NULL"
        " ORDER BY p.admitted_on, p.id"
    )
    out = tmp_path / "moi.xlsx"
    assert cli(["csdl", "new-members", "--db", str(commune.store.path), "-o", str(out)]) == 0
    book = load_workbook(out)
    assert len(book.worksheets) == len(probationers) > 0
    first, sheet = probationers[0], book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [r[0] for r in rows][:5] == [
        "Trạng thái",
        "Phân loại",
        "Tổ chức Đảng đang sinh hoạt",
        "Số lý lịch",
        "Số thẻ Đảng",
    ]
    assert len(rows) == len(ORDER)
    shown = {r[0]: r[1] for r in rows}
    assert shown["Trạng thái"] == "Đảng viên dự bị" and shown["Tổ chức Đảng đang sinh hoạt"] == first["cell_name"]
    assert shown["Họ và tên"] == first["full_name"] and sheet.title.startswith(first["full_name"][:24].strip())
    assert shown["Ngày vào Đảng"] == dt.date.fromisoformat(first["admitted_on"]).strftime("%d/%m/%Y")


def test_the_sheet_never_lands_on_the_data_file(commune: Session) -> None:
    from commune_app.errors import FileRefused

    before = commune.store.path.read_bytes()[:16]
    with pytest.raises(FileRefused):
        csdl.export(commune, commune.store.path)
    assert commune.store.path.read_bytes()[:16] == before
