"""Benchmark of the spreadsheet import: a 10,000-row member list, previewed then committed.

The sheet has what real lists have: title rows, a two-row header with merged cells (birth
dates under 'Nam' / 'Nữ'), CCCD numbers, cells by name (created by the import), admission
and recognition dates. Target: preview ≤ 10 s and commit ≤ 10 s. Importing this module
registers the measurement "import_sheet" with ``commune_app.bench`` (list the module in its
``MEASUREMENT_MODULES``); it works in its own data file, never in the generated demo file.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

from commune_app.bench import BenchRun, Result, measurement

TARGET_SECONDS = 10.0
FAMILIES = ("Nguyễn", "Hoàng", "Lò", "Đặng", "Triệu", "Vi", "Hà", "Lương", "Bế", "Ma", "Nông", "Lục")
MIDDLES = ("Văn", "Thị", "Đức", "Thị Ngọc", "Minh", "Xuân", "Thu", "Quang")
GIVENS = ("An", "Ánh", "Bích", "Cường", "Dũng", "Hằng", "Huệ", "Hùng", "Lan", "Mai", "Ngọc", "Quý", "Sơn",
          "Thắng", "Tú", "Tuyết", "Yến", "Đức", "Hải", "Long")
ETHNICITIES = ("Kinh", "Tày", "Nùng", "Dao", "H'Mông", "Thái")


def write_member_sheet(path: Path, rows: int) -> Path:
    """A member list of ``rows`` people, as a commune would keep it in Excel."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đảng viên"
    sheet.append(["DANH SÁCH ĐẢNG VIÊN ĐẢNG BỘ XÃ"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Dân tộc", "Tôn giáo", "Số CCCD",
                  "Chi bộ", "Ngày vào Đảng", None, "Quê quán"])
    sheet.append([None, None, "Nam", "Nữ", None, None, None, None, "Dự bị", "Chính thức", None])
    for cell_range in ("A1:K1", "A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4", "G3:G4", "H3:H4", "I3:J3", "K3:K4"):
        sheet.merge_cells(cell_range)
    first_birth = dt.date(1950, 1, 1)
    for i in range(rows):
        female = i % 3 == 0
        born = first_birth + dt.timedelta(days=i + i // 2)
        name = f"{FAMILIES[i % len(FAMILIES)]} {MIDDLES[(i // 7) % len(MIDDLES)]} {GIVENS[(i // 3) % len(GIVENS)]}"
        digit = (2 if born.year >= 2000 else 0) + (1 if female else 0)
        cccd = f"001{digit}{born.year % 100:02d}{i:06d}"
        admitted = born.replace(day=1) + dt.timedelta(days=365 * 25)
        official = admitted + dt.timedelta(days=366)
        sheet.append([i + 1, name, None if female else born.strftime("%d/%m/%Y"), born if female else None,
                      ETHNICITIES[i % len(ETHNICITIES)], "Không", cccd, f"Chi bộ thôn {GIVENS[i % 12]}",
                      dt.datetime(admitted.year, admitted.month, admitted.day),
                      official.strftime("%d/%m/%Y") if i % 4 else None, "Thái Nguyên"])
    workbook.save(path)
    return path


# The national database's standardisation sheet: 14 single columns, three addresses of three parts, 5 more.
REGISTRY_FIRST = ("STT", "ID", "Họ và tên *", "Tên gọi khác", "Giới tính *", "Sinh ngày *", "Dân tộc *", "Tôn giáo *",
                  "Số định danh cá nhân *", "Số thẻ Đảng * (12 số theo HD38-HD/BTCTW)", "Nơi cấp thẻ Đảng",
                  "Ngày cấp thẻ Đảng", "Số thẻ theo quyết định 85", "Tổ chức Đảng đang sinh hoạt * (không sửa)")
REGISTRY_GROUPS = ("Nơi đăng ký khai sinh", "Quê quán (theo mô hình 2 cấp)", "Thường trú (theo mô hình 2 cấp)")
REGISTRY_PARTS = ("Quốc gia", "Tỉnh", "Địa chỉ chi tiết")
REGISTRY_LAST = ("Ngày vào Đảng *", "Ngày vào Đảng chính thức *", "Số CMND cũ", "Trạng thái hoạt động",
                 "Ngày rời khỏi / Ngày mất / Ngày miễn sinh hoạt Đảng")
REGISTRY_FIELDS = ("row", "id", "name", "other", "gender", "birth", "ethnicity", "religion", "cccd", "card",
                   "card_place", "card_date", "card_85", "cell", "reg_country", "reg_province", "reg_detail",
                   "home_country", "home_province", "home_detail", "perm_country", "perm_province", "perm_detail",
                   "admitted", "official", "cmnd", "status", "left")


def write_registry_sheet(path: Path, people: list[dict[str, Any]], *, two_row_header: bool = False) -> Path:
    """A standardisation sheet of the national database (28 columns), with its hidden dictionary
    sheets; ``people`` give values by the keys of ``REGISTRY_FIELDS`` (missing keys: blank)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "DuLieu"
    first = len(REGISTRY_FIRST)
    if two_row_header:
        upper: list[Any] = list(REGISTRY_FIRST)
        lower: list[Any] = [None] * first
        for group in REGISTRY_GROUPS:
            upper += [group, None, None]
            lower += list(REGISTRY_PARTS)
        upper += list(REGISTRY_LAST)
        lower += [None] * len(REGISTRY_LAST)
        sheet.append(upper)
        sheet.append(lower)
        singles = [*range(1, first + 1), *range(first + 10, first + 10 + len(REGISTRY_LAST))]
        for column in singles:
            letter = get_column_letter(column)
            sheet.merge_cells(f"{letter}1:{letter}2")
        for index in range(len(REGISTRY_GROUPS)):
            start = first + 1 + 3 * index
            sheet.merge_cells(f"{get_column_letter(start)}1:{get_column_letter(start + 2)}1")
    else:
        sheet.append([*REGISTRY_FIRST, *(f"{g.split(' (')[0]} - {p}" for g in REGISTRY_GROUPS for p in REGISTRY_PARTS),
                      *REGISTRY_LAST])
    for index, person in enumerate(people):
        sheet.append([person.get(key, index + 1 if key == "row" else None) for key in REGISTRY_FIELDS])
    for name, values in (("DANTOC", ["Kinh", "Tày", "Nùng"]), ("TONGIAO", ["Không", "Phật giáo"]),
                         ("TINH", ["Cao Bằng", "Thái Nguyên"])):
        dictionary = workbook.create_sheet(name)
        for value in values:
            dictionary.append([value])
        dictionary.sheet_state = "hidden"
    workbook.save(path)
    return path


def registry_people(rows: int) -> list[dict[str, Any]]:
    """``rows`` members as the database lists them: Vietnamese dates as text, every column filled."""
    people = []
    first_birth = dt.date(1950, 1, 1)
    for i in range(rows):
        female = i % 3 == 0
        born = first_birth + dt.timedelta(days=i + i // 2)
        digit = (2 if born.year >= 2000 else 0) + (1 if female else 0)
        admitted = born.replace(day=1) + dt.timedelta(days=365 * 25)
        people.append({
            "id": f"DV{i:07d}", "gender": "Nữ" if female else "Nam", "birth": born.strftime("%d/%m/%Y"),
            "name": f"{FAMILIES[i % len(FAMILIES)]} {MIDDLES[(i // 7) % len(MIDDLES)]} {GIVENS[(i // 3) % len(GIVENS)]}",
            "ethnicity": ETHNICITIES[i % len(ETHNICITIES)], "religion": "Không", "cccd": f"004{digit}{born.year % 100:02d}{i:06d}",
            "card": f"{i:012d}", "card_place": "Tỉnh ủy Cao Bằng", "card_date": "19/05/2020", "card_85": f"{i:08d}",
            "cell": f"Chi bộ Thôn {GIVENS[i % 12]}", "reg_country": "Việt Nam", "reg_province": "Cao Bằng",
            "reg_detail": "Xã Bằng Thành", "home_country": "Việt Nam", "home_province": "Cao Bằng",
            "home_detail": "Xã Nà Lầu", "perm_country": "Việt Nam", "perm_province": "Cao Bằng",
            "perm_detail": f"Thôn {GIVENS[i % 12]}, xã Bằng Thành", "admitted": admitted.strftime("%d/%m/%Y"),
            "official": (admitted + dt.timedelta(days=366)).strftime("%d/%m/%Y"), "status": "Đang sinh hoạt",
        })
    return people


def measure(folder: Path, rows: int = 10_000) -> list[tuple[str, float]]:
    from commune_app.ops import importing
    from commune_app.ops.context import open_session

    sheet = write_member_sheet(folder / "danh-sach-dang-vien.xlsx", rows)
    session = open_session(folder / "nhap.sqlite")
    try:
        started = time.perf_counter()
        preview = importing.preview(session, sheet, kind="members")
        previewed = time.perf_counter() - started
        if preview.counts()["new"] != rows:
            raise AssertionError(f"benchmark sheet not fully accepted: {preview.counts()}")
        started = time.perf_counter()
        importing.commit(session, preview)
        committed = time.perf_counter() - started
    finally:
        session.close()
    return [(f"Nhập danh sách: xem trước {rows:,} dòng".replace(",", "."), previewed),
            (f"Nhập danh sách: ghi {rows:,} dòng".replace(",", "."), committed)]


@measurement("import_sheet")
def measure_import(run: BenchRun) -> list[Result]:
    folder = run.workdir / "nhap-bang-tinh"
    folder.mkdir(parents=True, exist_ok=True)
    (preview_label, previewed), (commit_label, committed) = measure(folder)
    return [Result("import_preview", preview_label, previewed, "s", TARGET_SECONDS),
            Result("import_commit", commit_label, committed, "s", TARGET_SECONDS, note="một giao dịch")]


def run() -> list[tuple[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        return measure(Path(folder))


if __name__ == "__main__":
    for label, seconds in run():
        print(f"{label:50s} {seconds:7.2f} s")
