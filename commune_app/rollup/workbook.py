"""The province's workbook: a list of the communes added up, then per form one row per commune
and the totals (a two-level header: the form's row, then its column). openpyxl is imported here only."""

from __future__ import annotations

from copy import copy
from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.errors import FileRefused
from commune_app.rollup.province import FormRollup, Rollup
from commune_app.safety import outputs

FONT = "Times New Roman"
FIRST_COLUMNS = ("TT", "Đảng ủy", "Số liệu chốt ngày")


def _date(iso: str) -> str:
    try:
        return vn.format_date(iso)
    except (ValueError, TypeError):
        return iso


class _Writer:
    def __init__(self) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, Side

        self.book = Workbook()
        self.book.remove(self.book.active)
        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.bold, self.plain = Font(name=FONT, size=11, bold=True), Font(name=FONT, size=11)
        self.title = Font(name=FONT, size=13, bold=True)
        self.wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.styles: dict[tuple[bool, bool], Any] = {}

    def cell(self, ws: Any, row: int, col: int, value: Any, *, bold: bool = False, left: bool = False) -> None:
        cell = ws.cell(row=row, column=col, value=value)
        key = (bold, left)
        if key in self.styles:  # copying a finished style is far cheaper than openpyxl hashing new ones
            cell._style = copy(self.styles[key])
            return
        cell.font = self.bold if bold else self.plain
        cell.alignment = self.left if left else self.wrap
        cell.border = self.border
        self.styles[key] = copy(cell._style)

    def heading(self, ws: Any, lines: list[str], width: int) -> None:
        for i, text in enumerate(lines, start=1):
            ws.cell(row=i, column=1, value=text).font = self.title if i == 1 else self.plain
            ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=max(width, 1))

    def communes(self, rollup: Rollup) -> None:
        ws = self.book.create_sheet("Các đảng ủy")
        header = [
            "TT",
            "Tệp",
            "Tỉnh",
            "Xã, phường",
            "Đảng ủy",
            "Kỳ báo cáo",
            "Số liệu chốt ngày",
            "Phiên bản chương trình",
        ]
        self.heading(ws, ["CÁC ĐẢNG ỦY ĐƯỢC TỔNG HỢP", f"Báo cáo {rollup.period_label}"], len(header))
        for col, text in enumerate(header, start=1):
            self.cell(ws, 4, col, text, bold=True)
        for index, commune in enumerate(rollup.communes, start=1):
            meta = commune.data.meta
            values = [
                index,
                commune.path.name,
                meta.get("province"),
                meta.get("commune"),
                meta.get("committee"),
                meta.get("period_label"),
                _date(meta.get("cutoff", "")),
                meta.get("app_version"),
            ]
            for col, value in enumerate(values, start=1):
                self.cell(ws, 4 + index, col, value, left=col in (2, 3, 4, 5))
        for col, width in enumerate((5, 30, 14, 18, 28, 18, 14, 12), start=1):
            ws.column_dimensions[_letter(col)].width = width
        if rollup.left_out:
            ws.cell(
                row=6 + len(rollup.communes),
                column=1,
                value="Không tổng hợp các biểu không có ở mọi tệp: " + ", ".join(rollup.left_out),
            ).font = self.plain

    def form(self, rollup: Rollup, form: FormRollup) -> None:
        code = form.form.code
        ws = self.book.create_sheet(code[:31])
        cells = form.cells()
        single_row = len(form.form.rows) == 1  # E7, E8: the commune's total row
        width = len(FIRST_COLUMNS) + len(cells)
        self.heading(
            ws,
            [
                f"TỔNG HỢP {form.form.title.upper()}",
                f"Báo cáo {rollup.period_label}",
                f"Số liệu của {len(form.communes)} đảng ủy (mã mẫu biểu {form.form.version})",
            ],
            width,
        )
        top = 5
        for col, text in enumerate(FIRST_COLUMNS, start=1):
            self.cell(ws, top, col, text, bold=True)
            ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
        col = len(FIRST_COLUMNS) + 1
        for key, label, in_row in form.form.rows:
            shown = [c for c, v in enumerate(in_row) if v is not None]
            if not shown:
                continue
            if single_row:
                for offset, c in enumerate(shown):
                    self.cell(ws, top, col + offset, form.form.columns[c], bold=True)
                    ws.merge_cells(start_row=top, start_column=col + offset, end_row=top + 1, end_column=col + offset)
            else:
                self.cell(ws, top, col, label or key, bold=True)
                if len(shown) > 1:
                    ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + len(shown) - 1)
                for offset, c in enumerate(shown):
                    self.cell(ws, top + 1, col + offset, form.form.columns[c].split(": ")[-1], bold=True)
            col += len(shown)
        row = top + 2
        for index, (commune, found) in enumerate(form.communes, start=1):
            values = [index, commune.name, _date(commune.data.meta.get("cutoff", ""))]
            values += [found.get((key, c)) for key, _, c, _ in cells]
            for c, value in enumerate(values, start=1):
                self.cell(ws, row, c, value, left=c == 2)
            row += 1
        totals = [None, "Tổng cộng", None] + [form.total.get((key, c)) for key, _, c, _ in cells]
        for c, value in enumerate(totals, start=1):
            self.cell(ws, row, c, value, bold=True, left=c == 2)
        ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 5, 28
        ws.column_dimensions["C"].width = 12
        for c in range(len(FIRST_COLUMNS) + 1, width + 1):
            ws.column_dimensions[_letter(c)].width = 12
        ws.freeze_panes = f"D{top + 2}"

    def save(self, path: Path) -> None:
        """Beside the target and renamed, never over a data file or a backup (safety/outputs.py)."""
        with outputs.replacing(path, suffix=".xlsx") as temporary:
            self.book.save(temporary)


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(col))


def write(rollup: Rollup, path: str | Path) -> Path:
    """Write the province's workbook; the file appears only when complete."""
    target = Path(path)
    if not target.parent.is_dir():
        raise FileRefused(f"Thư mục {target.parent} không tồn tại.")
    writer = _Writer()
    writer.communes(rollup)
    for form in rollup.forms:
        writer.form(rollup, form)
    writer.save(target)
    return target
