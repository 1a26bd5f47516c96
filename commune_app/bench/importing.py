"""Benchmark of the spreadsheet import: a 10,000-row member list, previewed then committed.

The sheet has what real lists have: title rows, a two-row header with merged cells (birth
dates under 'Nam' / 'Nữ'), CCCD numbers, cells by name (created by the import), admission
and recognition dates. Target: preview ≤ 10 s and commit ≤ 10 s. The national database's
standardisation sheet (28 columns, two-row header) of 10,000 rows: preview ≤ 3 s and commit ≤ 3 s;
the merge preview of a 1,000-person package: ≤ 2 s. Importing this module
registers the measurement "import_sheet" with ``commune_app.bench`` (list the module in its
``MEASUREMENT_MODULES``); it works in its own data file, never in the generated demo file.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from commune_app.bench import BenchRun, Result, measurement
from commune_app.importing.registry import REGISTRY_FIRST, REGISTRY_GROUPS, REGISTRY_LAST, REGISTRY_PARTS
from commune_app.importing.values import count_text

TARGET_SECONDS = 10.0
REGISTRY_TARGET_SECONDS = 3.0  # preview and commit of a 10,000-row standardisation sheet, each
MERGE_TARGET_SECONDS = 2.0  # merge preview of a 1,000-person package
FAMILIES = ("Nguyễn", "Hoàng", "Lò", "Đặng", "Triệu", "Vi", "Hà", "Lương", "Bế", "Ma", "Nông", "Lục")
MIDDLES = ("Văn", "Thị", "Đức", "Thị Ngọc", "Minh", "Xuân", "Thu", "Quang")
GIVENS = (
    "An",
    "Ánh",
    "Bích",
    "Cường",
    "Dũng",
    "Hằng",
    "Huệ",
    "Hùng",
    "Lan",
    "Mai",
    "Ngọc",
    "Quý",
    "Sơn",
    "Thắng",
    "Tú",
    "Tuyết",
    "Yến",
    "Đức",
    "Hải",
    "Long",
)
ETHNICITIES = ("Kinh", "Tày", "Nùng", "Dao", "H'Mông", "Thái")


def write_member_sheet(path: Path, rows: int) -> Path:
    """A member list of ``rows`` people, as a commune would keep it in Excel."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đảng viên"
    sheet.append(["DANH SÁCH ĐẢNG VIÊN ĐẢNG BỘ XÃ"])
    sheet.append([])
    sheet.append(
        [
            "STT",
            "Họ và tên",
            "Ngày, tháng, năm sinh",
            None,
            "Dân tộc",
            "Tôn giáo",
            "Số CCCD",
            "Chi bộ",
            "Ngày vào Đảng",
            None,
            "Quê quán",
        ]
    )
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
        sheet.append(
            [
                i + 1,
                name,
                None if female else born.strftime("%d/%m/%Y"),
                born if female else None,
                ETHNICITIES[i % len(ETHNICITIES)],
                "Không",
                cccd,
                f"Chi bộ thôn {GIVENS[i % 12]}",
                dt.datetime(admitted.year, admitted.month, admitted.day),
                official.strftime("%d/%m/%Y") if i % 4 else None,
                "Thái Nguyên",
            ]
        )
    workbook.save(path)
    return path


REGISTRY_FIELDS = (
    "row",
    "id",
    "name",
    "other",
    "gender",
    "birth",
    "ethnicity",
    "religion",
    "cccd",
    "card",
    "card_place",
    "card_date",
    "card_85",
    "cell",
    "reg_country",
    "reg_province",
    "reg_detail",
    "home_country",
    "home_province",
    "home_detail",
    "perm_country",
    "perm_province",
    "perm_detail",
    "admitted",
    "official",
    "cmnd",
    "status",
    "left",
)


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
        sheet.append(
            [
                *REGISTRY_FIRST,
                *(f"{g.split(' (')[0]} - {p}" for g in REGISTRY_GROUPS for p in REGISTRY_PARTS),
                *REGISTRY_LAST,
            ]
        )
    for index, person in enumerate(people):
        sheet.append([person.get(key, index + 1 if key == "row" else None) for key in REGISTRY_FIELDS])
    for name, values in (
        ("DANTOC", ["Kinh", "Tày", "Nùng"]),
        ("TONGIAO", ["Không", "Phật giáo"]),
        ("TINH", ["Cao Bằng", "Thái Nguyên"]),
    ):
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
        people.append(
            {
                "id": f"DV{i:07d}",
                "gender": "Nữ" if female else "Nam",
                "birth": born.strftime("%d/%m/%Y"),
                "name": f"{FAMILIES[i % len(FAMILIES)]} {MIDDLES[(i // 7) % len(MIDDLES)]} {GIVENS[(i // 3) % len(GIVENS)]}",
                "ethnicity": ETHNICITIES[i % len(ETHNICITIES)],
                "religion": "Không",
                "cccd": f"004{digit}{born.year % 100:02d}{i:06d}",
                "card": f"{i:012d}",
                "card_place": "Tỉnh ủy Cao Bằng",
                "card_date": "19/05/2020",
                "card_85": f"{i:08d}",
                "cell": f"Chi bộ Thôn {GIVENS[i % 12]}",
                "reg_country": "Việt Nam",
                "reg_province": "Cao Bằng",
                "reg_detail": "Xã Bằng Thành",
                "home_country": "Việt Nam",
                "home_province": "Cao Bằng",
                "home_detail": "Xã Nà Lầu",
                "perm_country": "Việt Nam",
                "perm_province": "Cao Bằng",
                "perm_detail": f"Thôn {GIVENS[i % 12]}, xã Bằng Thành",
                "admitted": admitted.strftime("%d/%m/%Y"),
                "official": (admitted + dt.timedelta(days=366)).strftime("%d/%m/%Y"),
                "status": "Đang sinh hoạt",
            }
        )
    return people


def _timed(action: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def measure(folder: Path, rows: int = 10_000) -> list[tuple[str, float]]:
    from commune_app.ops import importing
    from commune_app.ops.context import SYSTEM, open_session

    sheet = write_member_sheet(folder / "danh-sach-dang-vien.xlsx", rows)
    registry = write_registry_sheet(folder / "chuan-hoa.xlsx", registry_people(rows), two_row_header=True)
    out: list[tuple[str, float]] = []
    for name, path, what in (("nhap.sqlite", sheet, "danh sách"), ("chuan-hoa.sqlite", registry, "biểu chuẩn hóa")):
        session = open_session(folder / name, actor=SYSTEM)
        try:
            preview, previewed = _timed(lambda s=session, p=path: importing.preview(s, p, kind="members"))
            if preview.counts()["new"] != rows:
                raise AssertionError(f"benchmark sheet not fully accepted: {preview.counts()}")
            _, committed = _timed(lambda s=session, p=preview: importing.commit(s, p))
        finally:
            session.close()
        out += [
            (f"Nhập {what}: xem trước {count_text(rows)} dòng", previewed),
            (f"Nhập {what}: ghi {count_text(rows)} dòng", committed),
        ]
    return out


def measure_merge(folder: Path, people: int = 1_000) -> tuple[str, float]:
    """Merge preview of a package of ``people`` into a file that has them all, a tenth changed."""
    from commune_app.exchange import export_file
    from commune_app.ops import importing
    from commune_app.ops.context import SYSTEM, open_session

    session = open_session(folder / "chuan-hoa.sqlite", actor=SYSTEM)
    try:
        export_file(session, folder / "goi.json")
    finally:
        session.close()
    document = json.loads((folder / "goi.json").read_text(encoding="utf-8"))
    document["tables"]["people"] = document["tables"]["people"][:people]
    for row in document["tables"]["people"][::10]:
        row["phone"] = "0912345678"
    (folder / "goi.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    session = open_session(folder / "chuan-hoa.sqlite", actor=SYSTEM)
    try:
        preview, seconds = _timed(lambda: importing.merge_preview(session, folder / "goi.json"))
        if preview.counts()["changed"] != len(document["tables"]["people"][::10]):
            raise AssertionError(f"benchmark package not understood: {preview.counts()}")
    finally:
        session.close()
    return f"Gộp tệp JSON: xem trước {count_text(people)} hồ sơ", seconds


@measurement("import_sheet")
def measure_import(run: BenchRun) -> list[Result]:
    folder = run.workdir / "nhap-bang-tinh"
    folder.mkdir(parents=True, exist_ok=True)
    rows = measure(folder)
    merge_label, merged = measure_merge(folder)
    keys = ("import_preview", "import_commit", "import_registry_preview", "import_registry_commit")
    results = [
        Result(
            key,
            label,
            seconds,
            "s",
            REGISTRY_TARGET_SECONDS if "registry" in key else TARGET_SECONDS,
            note="một giao dịch" if key.endswith("commit") else "",
        )
        for key, (label, seconds) in zip(keys, rows, strict=True)
    ]
    return [*results, Result("merge_preview", merge_label, merged, "s", MERGE_TARGET_SECONDS)]


def run() -> list[tuple[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        return [*measure(Path(folder)), measure_merge(Path(folder))]


if __name__ == "__main__":
    for label, seconds in run():
        print(f"{label:50s} {seconds:7.2f} s")
