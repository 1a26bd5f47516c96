"""Export of the list on screen (its rows, order and columns) to an Excel workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from commune_app import xlsx_cells
from commune_app.errors import FileRefused, Refused
from commune_app.ops import audit as audit_ops
from commune_app.ops import people as people_ops
from commune_app.ops.context import Session
from commune_app.ops.list_columns import COLUMNS, ListColumn
from commune_app.progress import Progress
from commune_app.safety import outputs

_BATCH = 500


def export_people(
    session: Session,
    path: str | Path,
    ids: list[int],
    column_keys: list[str],
    *,
    title: str = "Danh sách",
    progress: Progress | None = None,
) -> Path:
    """Write the people ``ids`` in this order with these columns: title row, header, one row each.

    The workbook is written to a temporary file first and renamed, so a cancelled or failed
    export never leaves a half-written file under the chosen name.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, Side

    columns = [COLUMNS[k] for k in column_keys if k in COLUMNS]
    if not columns:
        raise Refused("Chưa chọn cột nào để xuất")
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    if not path.parent.is_dir():
        raise FileRefused(f"Thư mục {path.parent} không tồn tại.")
    outputs.refuse_protected(path, session.store.path)  # before any row is written

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "3:3"  # the header row repeats on every printed page
    for index, column in enumerate([None, *columns], start=1):
        letter = _letter(index)
        sheet.column_dimensions[letter].width = 6 if column is None else max(column.width / 7, 8)

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    plain, bold = Font(name="Times New Roman", size=12), Font(name="Times New Roman", size=12, bold=True)

    def cell(value: Any, *, font: Any = plain, date: bool = False, center: bool = False) -> Any:
        c = xlsx_cells.put(WriteOnlyCell(sheet), value)
        c.font = font
        c.border = border
        if date:
            c.number_format = "dd/mm/yyyy"
        if center or date:
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        return c

    title_cell = xlsx_cells.put(WriteOnlyCell(sheet), title)
    title_cell.font = Font(name="Times New Roman", size=14, bold=True)
    sheet.append([title_cell])
    ids = _listed(session, ids)  # the total counts the rows that will really be written
    note = WriteOnlyCell(sheet, value=f"Tổng số: {len(ids)} người; lập ngày {session.today.strftime('%d/%m/%Y')}")
    note.font = Font(name="Times New Roman", size=12, italic=True)
    sheet.append([note])
    sheet.append([cell("STT", font=bold, center=True)] + [cell(c.title, font=bold, center=True) for c in columns])

    try:
        _write_rows(session, sheet, ids, columns, cell, progress)
    except BaseException:
        sheet.close()  # ends openpyxl's row writer; nothing is saved under the chosen name
        raise

    with outputs.replacing(path, data_file=session.store.path, suffix=".xlsx") as temporary:
        workbook.save(temporary)
    audit_ops.record_copy(session, f"Xuất danh sách “{title}”", len(ids), path)
    return path


def _listed(session: Session, ids: list[int]) -> list[int]:
    """The ids, in order, of the people that exist and this account may see."""
    seen: set[int] = set()
    for start in range(0, len(ids), _BATCH):
        seen.update(people_ops.rows(session, ids[start : start + _BATCH]))
    return [i for i in ids if i in seen]


def _write_rows(
    session: Session,
    sheet: Any,
    ids: list[int],
    columns: list[ListColumn],
    cell: Callable[..., Any],
    progress: Progress | None,
) -> None:
    today = session.today
    total = len(ids)
    number = 0
    for start in range(0, total, _BATCH):
        if progress:
            progress(start, total, f"Đang ghi {start}/{total} người...")
        chunk = ids[start : start + _BATCH]
        rows = people_ops.rows(session, chunk)
        for person_id in chunk:
            row = rows.get(person_id)
            if row is None:
                continue
            number += 1
            values = [col.value(row, today) for col in columns]
            sheet.append([cell(number, center=True)] + [cell(v, date=isinstance(v, dt.date)) for v in values])
    if progress:
        progress(total, total, "Đang lưu tệp...")


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))
