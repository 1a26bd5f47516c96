"""Reading real files, and a clear refusal for the ones that cannot be read."""

from __future__ import annotations

import zipfile

import pytest

from commune_app.errors import FileRefused
from commune_app.importing import reader
from tests.core.import_sheets import to_cp1258, write_csv, write_xlsx

ROWS = [["Họ và tên", "Ngày sinh", "Giới tính"], ["Hoàng Thị Bích", "12/07/1990", "Nữ"]]


def test_several_sheets_are_listed_and_the_chosen_one_is_read(tmp_path):
    path = write_xlsx(tmp_path / "ds.xlsx", {"Bìa": [["Danh sách"]], "Đảng viên": ROWS})
    assert reader.sheet_names(path) == ["Bìa", "Đảng viên"]
    sheet = reader.read_sheet(path, "Đảng viên")
    assert sheet.name == "Đảng viên" and sheet.rows[1][0] == "Hoàng Thị Bích"
    with pytest.raises(FileRefused, match="không có trang “Khác”"):
        reader.read_sheet(path, "Khác")


def test_merged_cells_are_reported(tmp_path):
    path = write_xlsx(tmp_path / "ds.xlsx", {"DS": [["Tiêu đề", None, None], *ROWS]}, {"DS": ["A1:C1"]})
    assert reader.read_sheet(path).merged == [(0, 0, 0, 2)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_csv_in_utf8_with_or_without_bom_and_in_windows_1258(tmp_path, encoding):
    path = write_csv(tmp_path / "ds.csv", ROWS, encoding=encoding, delimiter=";")
    sheet = reader.read_sheet(path)
    import unicodedata

    assert [unicodedata.normalize("NFC", v) for v in sheet.rows[1]] == ["Hoàng Thị Bích", "12/07/1990", "Nữ"]
    assert reader.sheet_names(path) == ["ds"]


def test_windows_1258_decoding_is_chosen_only_when_utf8_fails():
    assert reader.decode_text("Nữ".encode()) == "Nữ"
    import unicodedata

    assert unicodedata.normalize("NFC", reader.decode_text(to_cp1258("Nữ"))) == "Nữ"


def test_a_file_that_is_not_a_spreadsheet(tmp_path):
    picture = tmp_path / "anh.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(FileRefused, match="không phải bảng tính"):
        reader.read_sheet(picture)
    document = tmp_path / "vanban.docx"
    document.write_text("Không phải bảng tính", encoding="utf-8")
    with pytest.raises(FileRefused, match="không phải bảng tính"):
        reader.sheet_names(document)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ghichu.txt", "xin chào")
    with pytest.raises(FileRefused, match="không đọc được như một bảng tính Excel"):
        reader.read_sheet(path)


def test_a_password_protected_workbook(tmp_path):
    # What Excel writes for an encrypted .xlsx: an OLE container with an EncryptionInfo stream.
    path = tmp_path / "matkhau.xlsx"
    body = bytearray(4096)
    name = "EncryptionInfo".encode("utf-16-le")
    body[1024 : 1024 + len(name)] = name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(body))
    with pytest.raises(FileRefused, match="đặt mật khẩu"):
        reader.read_sheet(path)


def test_a_damaged_xls(tmp_path):
    path = tmp_path / "cu.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(FileRefused, match=r"cu\.xls"):
        reader.read_sheet(path)


def test_empty_files_and_sheets(tmp_path):
    empty = tmp_path / "rong.csv"
    empty.write_bytes(b"")
    with pytest.raises(FileRefused, match="trống"):
        reader.read_sheet(empty)
    blank_sheet = write_xlsx(tmp_path / "rong.xlsx", {"Trang 1": [[None, None], [None, "  "]]})
    with pytest.raises(FileRefused, match="trống"):
        reader.read_sheet(blank_sheet)


def test_a_huge_sheet_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    path = write_xlsx(tmp_path / "lon.xlsx", {"DS": [*ROWS] + [["Nguyễn Văn An", "01/01/1990", "Nam"]] * 10})
    with pytest.raises(FileRefused, match="chia danh sách"):
        reader.read_sheet(path)


def test_a_missing_file(tmp_path):
    with pytest.raises(FileRefused, match="Không tìm thấy"):
        reader.read_sheet(tmp_path / "khongco.xlsx")


def test_xls_cells_dates_and_merges_are_read_through_xlrd(tmp_path, monkeypatch):
    """xlrd's book, faked (no .xls writer is installed): dates come back as dates, merges as ranges."""
    import datetime as dt
    from typing import ClassVar

    import xlrd
    from xlrd.sheet import Cell

    class Sheet:
        nrows = 2
        merged_cells: ClassVar[list[tuple[int, int, int, int]]] = [
            (0, 1, 0, 3)
        ]  # xlrd: rlo, rhi, clo, chi (exclusive ends)
        _rows: ClassVar[list[list[Cell]]] = [
            [Cell(xlrd.XL_CELL_TEXT, "Họ và tên"), Cell(xlrd.XL_CELL_EMPTY, ""), Cell(xlrd.XL_CELL_EMPTY, "")],
            [
                Cell(xlrd.XL_CELL_TEXT, "Lò Văn Cường"),
                Cell(xlrd.XL_CELL_DATE, 32909.0),
                Cell(xlrd.XL_CELL_NUMBER, 19190001234.0),
            ],
        ]

        def row(self, index):
            return self._rows[index]

    class Book:
        datemode = 0

        def sheet_names(self):
            return ["Sheet1"]

        def sheet_by_name(self, name):
            return Sheet()

        def release_resources(self):
            pass

    monkeypatch.setattr(xlrd, "open_workbook", lambda *a, **k: Book())
    path = tmp_path / "cu.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    sheet = reader.read_sheet(path)
    assert sheet.rows[1] == ["Lò Văn Cường", dt.datetime(1990, 2, 5), 19190001234.0]
    assert sheet.rows[0][1] is None and sheet.merged == [(0, 0, 0, 2)]
    assert reader.sheet_names(path) == ["Sheet1"]
