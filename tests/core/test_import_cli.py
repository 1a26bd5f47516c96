"""`commune-app import` for spreadsheets: dry run, all-or-nothing, --valid-only, exit codes."""

from __future__ import annotations

import argparse

import pytest

from commune_app.cli import sheet_import as command
from commune_app.errors import FileRefused
from commune_app.ops.context import SYSTEM, open_session
from tests.core.import_sheets import commune_member_list, write_xlsx


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("file")
    command.add_arguments(parser)
    return command.run(parser.parse_args(argv))


def _people(db_path):
    session = open_session(db_path, actor=SYSTEM)
    try:
        return [r["full_name"] for r in session.store.query("SELECT full_name FROM people ORDER BY id")]
    finally:
        session.close()


def test_dry_run_prints_the_summary_and_refused_rows_and_writes_nothing(tmp_path, capsys):
    sheet = commune_member_list(tmp_path / "dang-vien.xlsx")
    db = tmp_path / "moi.sqlite"
    assert _run(["--db", str(db), str(sheet), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "3 thêm mới" in out and "1 bị từ chối" in out
    assert "Dòng 13 (Mùa A Dính) bị từ chối: Ngày sinh: ngày “30/02/1985” không có trong lịch" in out
    assert "Chạy thử" in out
    assert not db.exists()


def test_refused_rows_stop_the_whole_import_unless_valid_only(tmp_path, capsys):
    sheet = commune_member_list(tmp_path / "dang-vien.xlsx")
    db = tmp_path / "moi.sqlite"
    assert _run(["--db", str(db), str(sheet)]) == 1
    assert "Không nhập gì" in capsys.readouterr().out
    assert _people(db) == []
    assert _run(["--db", str(db), str(sheet), "--valid-only"]) == 0
    out = capsys.readouterr().out
    assert "3 người thêm mới" in out and "Dòng 13" in out
    assert _people(db) == ["Nguyễn Văn An", "Hoàng thị Bích", "Lò Văn Cường"]


def test_a_clean_sheet_imports_into_a_new_file_and_a_dry_run_then_passes(tmp_path, capsys):
    sheet = write_xlsx(
        tmp_path / "ds.xlsx",
        {"Quần chúng": [["Họ và tên", "Giới tính", "Ngày sinh"], ["Lê Thị Hoa", "Nữ", "01/03/1999"]]},
    )
    db = tmp_path / "moi.sqlite"
    assert _run(["--db", str(db), str(sheet), "--kind", "candidates", "--sheet", "Quần chúng"]) == 0
    assert _people(db) == ["Lê Thị Hoa"]
    assert _run(["--db", str(db), str(sheet), "--kind", "candidates", "--dry-run"]) == 0
    assert "1 đã có trong dữ liệu" in capsys.readouterr().out


def test_a_file_that_is_not_a_spreadsheet_is_a_file_error(tmp_path):
    bad = tmp_path / "ds.xlsx"
    bad.write_text("không phải bảng tính", encoding="utf-8")
    with pytest.raises(FileRefused):
        _run(["--db", str(tmp_path / "a.sqlite"), str(bad), "--dry-run"])


def test_suffixes_the_sheet_import_handles():
    assert command.is_sheet("a.XLSX") and command.is_sheet("b.xls") and command.is_sheet("c.csv")
    assert not command.is_sheet("du-lieu.json")


def test_the_import_subcommand_dispatches_spreadsheets_by_suffix(tmp_path, capsys):
    from commune_app.cli.main import run

    sheet = commune_member_list(tmp_path / "dang-vien.xlsx")
    db = tmp_path / "moi.sqlite"
    assert run(["import", "--db", str(db), str(sheet), "--dry-run"]) == 1
    assert "Dòng 13 (Mùa A Dính) bị từ chối" in capsys.readouterr().out
    assert run(["import", "--db", str(db), str(sheet), "--valid-only", "--kind", "members"]) == 0
    assert len(_people(db)) == 3
    picture = tmp_path / "anh.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    assert run(["import", "--db", str(db), str(picture)]) == 2
    assert "không phải bảng tính" in capsys.readouterr().err
    other = tmp_path / "ghichu.docx"
    other.write_text("x", encoding="utf-8")
    assert run(["import", "--db", str(db), str(other)]) == 2


def test_a_candidates_list_without_kind_and_its_skipped_and_converted_rows_are_printed(tmp_path, capsys):
    rows = [
        ["DANH SÁCH QUẦN CHÚNG ƯU TÚ ĐỀ NGHỊ BỒI DƯỠNG NĂM 2026"],
        ["Họ và tên", "Giới tính", "Ngày sinh"],
        ["Tống Văn Tân", "Nam", "02/03/1998"],
        ["Hoµng ThÞ BÝch", "Nữ", "03/04/1999"],
        ["Tổng cộng: 2 người", None, None],
    ]
    sheet = write_xlsx(tmp_path / "qc.xlsx", {"DS quần chúng": rows})
    db = tmp_path / "moi.sqlite"
    assert _run(["--db", str(db), str(sheet), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Loại danh sách nhận ra: danh sách quần chúng ưu tú" in out and "2 thêm mới" in out
    assert "Dòng 5 bỏ qua: Dòng cộng, tổng số: “Tổng cộng: 2 người”" in out
    assert "Dòng 4 (Hoàng Thị Bích) đã chuyển: Chuyển từ bảng mã TCVN3 (.VnTime)" in out
    assert _run(["--db", str(db), str(sheet), "--keep-old-fonts", "--dry-run"]) == 0
    assert "giữ nguyên như đã ghi" in capsys.readouterr().out
