"""The national party-member database's standardisation sheet, written from the program's records.

Its 28 columns are the import's own (commune_app.importing.registry), with the two-row header
(the three two-level addresses split into country / province / detail) and the hidden dictionary
sheets beside it. Each column's field is what the import reads it as, so that a sheet written here
imports back into the same values. openpyxl is imported here only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.domain.codes import ETHNICITIES, GENDER_LABELS, RELIGIONS
from commune_app.errors import FileRefused
from commune_app.importing import headers
from commune_app.importing.registry import REGISTRY_FIRST, REGISTRY_GROUPS, REGISTRY_LAST, REGISTRY_PARTS
from commune_app.safety import outputs

SHEET = "DuLieu"
DATES = frozenset({"birth_date", "party_card_date", "admitted_on", "official_on", "left_on"})
# The database's words for a membership that ended, as the import reads them back.
LEFT_STATUS = {"deceased": "Đã mất", "transferred_out": "Chuyển sinh hoạt đi", "removed": "Ra khỏi Đảng"}
EXEMPT_STATUS = "Miễn sinh hoạt đảng"
PROVINCE_COLUMNS = ("birth_reg_province", "hometown_province", "permanent_province")


def columns() -> list[tuple[str, str, str]]:
    """(upper header, lower header, import field) of every column, in the sheet's order."""
    pairs = (
        [(h, "") for h in REGISTRY_FIRST]
        + [(g, p) for g in REGISTRY_GROUPS for p in REGISTRY_PARTS]
        + [(h, "") for h in REGISTRY_LAST]
    )
    out = []
    for upper, lower in pairs:
        found = headers.match_header(upper, lower)
        if found is None:  # the import's header file and the sheet's columns must agree
            raise FileRefused(f"Tệp tên cột nhập liệu không nhận ra cột “{upper} {lower}”.")
        out.append((upper, lower, found))
    return out


def status_text(person: dict[str, Any]) -> str:
    if person["status"] in LEFT_STATUS:
        return LEFT_STATUS[person["status"]]
    if person.get("exempt_from_activities"):
        return EXEMPT_STATUS
    return str(person.get("activity_status") or "")  # as recorded: the program never guesses a status


def value(person: dict[str, Any], field: str, index: int) -> Any:
    """A person's value in a column, as the database writes it."""
    if field == "row_number":
        return index
    if field == "cell":
        return person.get("cell_name") or ""
    if field == "gender":
        return GENDER_LABELS.get(person.get("gender") or "", "")
    if field == "activity_status":
        return status_text(person)
    raw = person.get(field)
    if field == "left_on":
        raw = person.get("left_on") or person.get("left_step_on")
    if field == "birth_date" and raw and person.get("birth_year_only"):
        return str(raw)[:4]
    if field in DATES:
        return vn.format_date(raw) if raw else ""
    return "" if raw is None else raw


def write(people: list[dict[str, Any]], provinces: list[str], path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    target = Path(path)
    spec = columns()
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    bold = Font(bold=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    grouped = {g for g in REGISTRY_GROUPS}
    for col, (upper, lower, _) in enumerate(spec, start=1):
        if upper not in grouped:
            sheet.cell(row=1, column=col, value=upper)
            sheet.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
        else:
            if lower == REGISTRY_PARTS[0]:
                sheet.cell(row=1, column=col, value=upper)
                sheet.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + len(REGISTRY_PARTS) - 1)
            sheet.cell(row=2, column=col, value=lower)
        for row in (1, 2):
            sheet.cell(row=row, column=col).font, sheet.cell(row=row, column=col).alignment = bold, centred
        sheet.column_dimensions[get_column_letter(col)].width = 16
    for index, person in enumerate(people, start=1):
        sheet.append([value(person, field, index) for _, _, field in spec])
    for name, values in (("DANTOC", ETHNICITIES), ("TONGIAO", RELIGIONS), ("TINH", provinces)):
        dictionary = book.create_sheet(name)
        for item in values:
            dictionary.append([item])
        dictionary.sheet_state = "hidden"
    return save(book, target)


def save(book: Any, target: Path) -> Path:
    """Write a workbook the one way every output is written (commune_app/safety/outputs.py):
    beside the target and renamed, never over a data file or a backup."""
    with outputs.replacing(target, suffix=".xlsx") as temporary:
        book.save(temporary)
    return target
