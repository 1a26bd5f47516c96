"""Reading the cells of a spreadsheet as they are: .xlsx, .xls and .csv.

Only reading happens here, with a clear Vietnamese refusal for what cannot be read (not a
spreadsheet, password-protected, empty, too big). Finding the header and understanding the
values is the job of ``preview``/``values``.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commune_app.errors import FileRefused
from commune_app.importing import xlsx_fast
from commune_app.importing.registry import is_dictionary_sheet
from commune_app.progress import Progress

MAX_ROWS = 50_000  # non-blank rows in one sheet; more is split by the clerk
MAX_BYTES = 100 * 1024 * 1024
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PASSWORD = (
    "Tệp {name} được đặt mật khẩu. Hãy mở tệp bằng Excel, gỡ mật khẩu "
    "(Tệp → Thông tin → Bảo vệ sổ làm việc), lưu lại rồi nhập lại."
)


@dataclass
class RawSheet:
    """The cells of one sheet: rows[i][j] is row i+1, column j+1 of the sheet."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 (0-based, inclusive)


def _kind(path: Path) -> str:
    if not path.exists() or not path.is_file():
        raise FileRefused(f"Không tìm thấy tệp {path}.")
    size = path.stat().st_size
    if size == 0:
        raise FileRefused(f"Tệp {path.name} trống, không có dữ liệu.")
    if size > MAX_BYTES:
        raise FileRefused(
            f"Tệp {path.name} quá lớn ({size // (1024 * 1024)} MB); "
            f"chỉ nhận tệp đến {MAX_BYTES // (1024 * 1024)} MB. Hãy chia danh sách thành nhiều tệp."
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    suffix = path.suffix.lower()
    if head.startswith(_ZIP):
        return "xlsx"
    if head == _OLE:
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise FileRefused(_PASSWORD.format(name=path.name))
        return "xls"
    if suffix in (".csv", ".txt"):
        return "csv"
    raise FileRefused(f"Tệp {path.name} không phải bảng tính. Chỉ nhận tệp Excel (.xlsx, .xls) hoặc tệp văn bản .csv.")


def sheet_names(path: str | Path) -> list[str]:
    """The sheets that can hold the list: hidden sheets and the dictionary sheets that come with
    the national database's standardisation sheet (DANTOC, TONGIAO, TINH) are left out."""
    path = Path(path)
    kind = _kind(path)
    if kind == "csv":
        return [path.stem]
    if kind == "xls":
        book = _open_xls(path)
        try:
            names = list(book.sheet_names())
            hidden = {
                n for n, visibility in zip(names, getattr(book, "_sheet_visibility", []), strict=False) if visibility
            }
        finally:
            book.release_resources()
    elif (listed := xlsx_fast.sheets(path)) is not None:
        names, hidden = [n for n, _, _ in listed], {n for n, state, _ in listed if state != "visible"}
    else:
        workbook = _open_xlsx(path)
        try:
            names, hidden = list(workbook.sheetnames), _hidden_xlsx_sheets(workbook)
        finally:
            workbook.close()
    shown = [n for n in names if n not in hidden and not is_dictionary_sheet(n)]
    return shown or names


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb'\b(name|state)="([^"]*)"')


def _hidden_xlsx_sheets(workbook: Any) -> set[str]:
    xml = workbook._archive.read("xl/workbook.xml")
    hidden = set()
    for tag in _SHEET_TAG.findall(xml):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if attributes.get(b"state", b"visible") != b"visible" and b"name" in attributes:
            hidden.add(html.unescape(attributes[b"name"].decode("utf-8")))
    return hidden


def read_sheet(path: str | Path, sheet: str | None = None, progress: Progress | None = None) -> RawSheet:
    """The named sheet (the first one when None), trailing blank rows dropped."""
    path = Path(path)
    kind = _kind(path)
    reader = {"csv": _read_csv, "xls": _read_xls, "xlsx": _read_xlsx}[kind]
    raw = reader(path, sheet if sheet is not None else sheet_names(path)[0], progress or Progress())
    while raw.rows and _blank(raw.rows[-1]):
        raw.rows.pop()
    if not raw.rows:
        raise FileRefused(f"Trang “{raw.name}” của tệp {path.name} trống, không có dòng nào để nhập.")
    return raw


def _blank(row: list[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


class _RowCounter:
    """Counts non-blank rows, refuses a sheet over the limit, reports progress now and then."""

    def __init__(self, path: Path, sheet: str, progress: Progress) -> None:
        self.path, self.sheet, self.progress = path, sheet, progress
        self.count = 0

    def add(self, row: list[Any]) -> None:
        if not _blank(row):
            self.count += 1
            if self.count > MAX_ROWS:
                limit = f"{MAX_ROWS:,}".replace(",", ".")
                raise FileRefused(
                    f"Trang “{self.sheet}” của tệp {self.path.name} có hơn {limit} dòng dữ liệu; "
                    "hãy chia danh sách thành nhiều tệp nhỏ hơn rồi nhập lần lượt."
                )
        if self.count % 1000 == 0:
            self.progress(self.count, 0, f"Đang đọc bảng tính: {self.count} dòng")


def _pick(names: list[str], sheet: str | None, path: Path) -> str:
    if sheet is None:
        return names[0]
    if sheet in names:
        return sheet
    raise FileRefused(f"Tệp {path.name} không có trang “{sheet}”. Các trang có trong tệp: {', '.join(names)}.")


# --- .xlsx ---------------------------------------------------------------------------------


def _open_xlsx(path: Path):
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileRefused(
            f"Tệp {path.name} không đọc được như một bảng tính Excel ({type(exc).__name__}). "
            "Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx."
        ) from None


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _column_index(letters: bytes) -> int:
    number = 0
    for ch in letters.decode("ascii"):
        number = number * 26 + (ord(ch) - 64)
    return number - 1


def _merged_ranges(xml: bytes) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet's XML, looked for only from the tag before the first 'mergeCell'
    (they follow the cells: matching the pattern over a whole 16 MB sheet took a third of a second)."""
    first = xml.find(b"mergeCell")
    if first < 0:
        return []
    start = max(xml.rfind(b"<", 0, first), 0)
    return [
        (int(r1) - 1, _column_index(c1), int(r2) - 1, _column_index(c2))
        for c1, r1, c2, r2 in _MERGE.findall(xml, start)
    ]


def _read_xlsx(path: Path, sheet: str | None, progress: Progress) -> RawSheet:
    listed = xlsx_fast.sheets(path)
    if listed is not None:
        name = _pick([n for n, _, _ in listed], sheet, path)
        part = next(p for n, _, p in listed if n == name)
        if "chartsheet" in part:
            raise FileRefused(f"Trang “{name}” là biểu đồ, không có bảng số liệu để nhập.")
        counter = _RowCounter(path, name, progress)
        found = xlsx_fast.read_rows(path, part, counter.add)
        if found is not None:
            rows, xml = found
            return RawSheet(name, rows, _merged_ranges(xml))
    return _read_xlsx_openpyxl(path, sheet, progress)


def _read_xlsx_openpyxl(path: Path, sheet: str | None, progress: Progress) -> RawSheet:
    workbook = _open_xlsx(path)
    try:
        name = _pick(list(workbook.sheetnames), sheet, path)
        worksheet = workbook[name]
        if not hasattr(worksheet, "iter_rows"):
            raise FileRefused(f"Trang “{name}” là biểu đồ, không có bảng số liệu để nhập.")
        worksheet.reset_dimensions()  # some programs write a wrong size; read every row present
        counter = _RowCounter(path, name, progress)
        rows: list[list[Any]] = []
        for values in worksheet.iter_rows(values_only=True):
            row = list(values)
            counter.add(row)
            rows.append(row)
        part = getattr(worksheet, "_worksheet_path", None)
        return RawSheet(name, rows, _merged_ranges(workbook._archive.read(part)) if part else [])
    finally:
        workbook.close()


# --- .xls --------------------------------------------------------------------------------


def _open_xls(path: Path):
    try:
        import xlrd
    except ImportError:
        raise FileRefused(
            f"Không đọc được tệp Excel 97-2003 {path.name} vì máy thiếu thư viện xlrd. "
            "Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi nhập lại."
        ) from None

    try:
        return xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise FileRefused(_PASSWORD.format(name=path.name)) from None
        raise FileRefused(
            f"Tệp {path.name} không đọc được như một bảng tính Excel 97-2003 ({exc}). "
            "Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx."
        ) from None
    except Exception as exc:  # - xlrd has no common base for a corrupt file's many errors
        raise FileRefused(f"Tệp {path.name} bị hỏng hoặc không phải bảng tính ({type(exc).__name__}).") from None


def _read_xls(path: Path, sheet: str | None, progress: Progress) -> RawSheet:
    import xlrd

    book = _open_xls(path)
    try:
        name = _pick(list(book.sheet_names()), sheet, path)
        worksheet = book.sheet_by_name(name)
        counter = _RowCounter(path, name, progress)
        rows: list[list[Any]] = []
        for r in range(worksheet.nrows):
            row: list[Any] = []
            for cell in worksheet.row(r):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        row.append(cell.value)
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    row.append(None)
                else:
                    row.append(cell.value)
            counter.add(row)
            rows.append(row)
        merged = [(r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in worksheet.merged_cells]
        return RawSheet(name, rows, merged)
    finally:
        book.release_resources()


# --- .csv --------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else Windows-1258 (Vietnamese Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


def _read_csv(path: Path, sheet: str | None, progress: Progress) -> RawSheet:
    text = decode_text(path.read_bytes())
    if "\x00" in text:
        raise FileRefused(f"Tệp {path.name} không phải tệp văn bản .csv.")
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    counter = _RowCounter(path, path.stem, progress)
    rows: list[list[Any]] = []
    for values in csv.reader(io.StringIO(text), delimiter=delimiter):
        row: list[Any] = [v if v.strip() else None for v in values]
        counter.add(row)
        rows.append(row)
    return RawSheet(path.stem, rows)


def excel_serial_to_date(value: float) -> dt.date | None:
    """An Excel day number (1900 system) as a date, when it is a plausible one."""
    if not 1 <= value < 2958466:
        return None
    return (dt.datetime(1899, 12, 30) + dt.timedelta(days=int(value))).date()
