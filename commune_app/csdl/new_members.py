"""One sheet per newly admitted member, in the order the national database's add-member page asks
for its fields (status, classification, organisation, lý lịch number, card number, then identity,
addresses and dates), so the clerk copies it field by field or feeds it to an autofill tool."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from commune_app.csdl import sheet
from commune_app.domain.codes import STATUS_LABELS
from commune_app.domain.person import FIELD_BY_NAME

# (label, field) in the page's order; labels are the record's own unless the page says otherwise.
ORDER: tuple[tuple[str, str], ...] = (
    ("Trạng thái", "status"),
    ("Phân loại", "registry_class"),
    ("Tổ chức Đảng đang sinh hoạt", "cell"),
    ("Số lý lịch", "lylich_number"),
    ("Số thẻ Đảng", "party_card_new"),
    ("Nơi cấp thẻ Đảng", "party_card_place"),
    ("Ngày cấp thẻ Đảng", "party_card_date"),
    *(
        (FIELD_BY_NAME[f].label, f)
        for f in (
            "full_name",
            "other_names",
            "gender",
            "birth_date",
            "ethnicity",
            "religion",
            "cccd",
            "cmnd_old",
            "birth_reg_country",
            "birth_reg_province",
            "birth_reg_detail",
            "hometown_country",
            "hometown_province",
            "hometown_detail",
            "permanent_country",
            "permanent_province",
            "permanent_detail",
        )
    ),
    ("Ngày vào Đảng", "admitted_on"),
    ("Ngày vào Đảng chính thức", "official_on"),
)


def _sheet_name(person: dict[str, Any], taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", person["full_name"])[:24].strip()
    name, number = base, 2
    while name.lower() in taken:
        name, number = f"{base} ({number})", number + 1
    taken.add(name.lower())
    return name


def value(person: dict[str, Any], field: str) -> Any:
    if field == "status":
        return STATUS_LABELS.get(person["status"], person["status"])
    return sheet.value(person, field, 0)


def write(people: list[dict[str, Any]], path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for person in people:
        ws = book.create_sheet(_sheet_name(person, taken))
        ws.append(["Trường trên trang thêm đảng viên", "Giá trị"])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for label, field in ORDER:
            ws.append([label, value(person, field)])
        ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 36, 40
    if not people:
        book.create_sheet("Không có ai").append(["Không có đảng viên mới kết nạp trong khoảng đã chọn."])
    return sheet.save(book, Path(path))
