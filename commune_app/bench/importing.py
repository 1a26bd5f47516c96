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


def measure(folder: Path, rows: int = 10_000) -> list[tuple[str, float]]:
    from commune_app.ops import importing
    from commune_app.ops.context import SYSTEM, open_session

    sheet = write_member_sheet(folder / "danh-sach-dang-vien.xlsx", rows)
    session = open_session(folder / "nhap.sqlite", actor=SYSTEM)
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
