"""Reading a commune workbook's data sheet back (the province's side of the roll-up); kept apart
from the writer, which the reports use, so that the reports need none of the import's readers."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from commune_app.errors import FileRefused, Refused
from commune_app.rollup.data_sheet import FORMAT, SHEET, VERSION, DataSheet, FormData, _trim, checksum


def _sheet_rows(path: Path) -> list[list[Any]] | None:
    """The data sheet's rows (None when the workbook has none); fast path through the XML."""
    from commune_app.importing import xlsx_fast

    listed = xlsx_fast.sheets(path)
    if listed is not None:
        part = next((p for name, _, p in listed if name == SHEET), None)
        if part is None:
            return None
        found = xlsx_fast.read_rows(path, part)
        if found is not None:
            return [r for r in found[0] if r]
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as exc:
        raise FileRefused(f"{path.name}: không đọc được tệp Excel ({exc}).") from None
    try:
        if SHEET not in book.sheetnames:
            return None
        return [list(r) for r in book[SHEET].iter_rows(values_only=True) if any(v is not None for v in r)]
    finally:
        book.close()


def read(path: str | Path) -> DataSheet:
    """Read and verify a workbook's data sheet; refused (naming the file) when missing or altered."""
    path = Path(path)
    if not path.is_file():
        raise FileRefused(f"Không tìm thấy tệp {path}.")
    rows = _sheet_rows(path)
    if rows is None:
        raise Refused(
            f"{path.name}: không có trang dữ liệu tổng hợp; chỉ tổng hợp được báo cáo do chương trình "
            "Phát triển Đảng viên xuất."
        )
    rows = [_trim(r) for r in rows]
    if not rows or rows[0][:2] != ["format", FORMAT]:
        raise Refused(f"{path.name}: trang dữ liệu tổng hợp không đúng định dạng.")
    if len(rows[0]) < 3 or not isinstance(rows[0][2], int) or rows[0][2] > VERSION:
        raise Refused(
            f"{path.name}: trang dữ liệu tổng hợp phiên bản {rows[0][2:3]}, mới hơn phiên bản "
            f"{VERSION} mà chương trình này đọc được. Hãy cài phiên bản mới của chương trình."
        )
    last = rows[-1]
    if last[:1] != ["sha256"] or len(last) < 2 or checksum(rows[:-1]) != last[1]:
        raise Refused(
            f"{path.name}: trang dữ liệu tổng hợp đã bị sửa hoặc hỏng (mã kiểm tra SHA-256 không "
            "khớp). Hãy xin đảng ủy xã xuất lại báo cáo."
        )
    try:
        return _parse(rows[1:-1])
    except (ValueError, KeyError, IndexError, TypeError):
        raise Refused(f"{path.name}: trang dữ liệu tổng hợp không đúng định dạng.") from None


def _parse(rows: list[list[Any]]) -> DataSheet:
    meta: dict[str, str] = {}
    forms: dict[str, FormData] = {}
    for row in rows:
        kind = row[0]
        if kind == "meta":
            meta[str(row[1])] = str(row[2]) if len(row) > 2 else ""
        elif kind == "form":
            forms[row[1]] = FormData(str(row[1]), str(row[2]), str(row[3]) if len(row) > 3 else "", [], [])
        elif kind == "columns":
            forms[row[1]].columns = [str(t) for t in json.loads(row[2])]
        elif kind == "row":
            figures = json.loads(row[4])
            forms[row[1]].rows.append((str(row[2]), str(row[3]), [v if isinstance(v, int) else None for v in figures]))
        elif kind == "checks":
            forms[row[1]].checks = [(str(k), str(key), terms) for k, key, terms in json.loads(row[2])]
        else:
            raise ValueError(kind)
    return DataSheet(meta, forms)
