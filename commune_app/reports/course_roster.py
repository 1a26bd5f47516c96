"""E10: the course roster with attendance and results as an Excel workbook.

Layout (docs/domain.md §5, E10 and the Excel conventions): Times New Roman; the committee block at the
left and the party title at the right; the title and the class header lines; a two-level
header ('Ngày, tháng, năm sinh' over Nam/Nữ, 'Điểm danh' over Buổi 1…N, result and certificate
groups) with a column-number row; one row per learner; a totals row; the legend, the summary
and the signature blocks. A4 landscape, fit to width, header rows repeated, panes frozen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from commune_app import vn, xlsx_cells
from commune_app.domain import courses as course_data
from commune_app.domain.courses import CourseGrid, GridRow
from commune_app.reports.xlsx_writer import LINE_HEIGHT, ROW_HEIGHT, _lines
from commune_app.safety import outputs

FONT = "Times New Roman"


@dataclass(frozen=True)
class RosterColumn:
    title: str
    width: float
    group: str = ""
    align: str = "center"


def roster_columns(grid: CourseGrid) -> list[RosterColumn]:
    birth = "Ngày, tháng, năm sinh"
    attendance = "Điểm danh các buổi học"
    result = "Kết quả học tập"
    certificate = "Giấy chứng nhận"
    return [
        RosterColumn("TT", 5),
        RosterColumn("Họ và tên", 22, align="left"),
        RosterColumn("Nam", 11, birth),
        RosterColumn("Nữ", 11, birth),
        RosterColumn("Dân tộc", 8),
        RosterColumn("Tôn giáo", 8),
        RosterColumn("Trình độ học vấn", 8),
        RosterColumn("Nghề nghiệp, nơi công tác/học tập", 18, align="left"),
        RosterColumn("Chi bộ giới thiệu", 20, align="left"),
        *(RosterColumn(c.heading, 4.5, attendance) for c in grid.sessions),
        RosterColumn("Số buổi vắng", 6),
        RosterColumn("Điểm bài thu hoạch", 7, result),
        RosterColumn("Xếp loại", 10, result),
        RosterColumn("Đủ ĐK cấp GCN", 7, result),
        RosterColumn("Số GCN", 17, certificate),
        RosterColumn("Ngày cấp", 11, certificate),
        RosterColumn("Hết hạn", 11, certificate),
        RosterColumn("Ghi chú", 14, align="left"),
    ]


def learner_note(row: GridRow, grid: CourseGrid) -> str:
    if row.under_threshold:
        return f"Dự {row.present}/{grid.held} buổi, dưới {grid.threshold * 100:g}%"
    return ""


def score_text(score: float | None) -> str:
    return vn.score(score)


def roster_row(index: int, row: GridRow, grid: CourseGrid) -> list[Any]:
    male, female = course_data.birth_cells(row.birth_date, row.gender, row.birth_year_only)
    eligible = "x" if row.eligible else ""
    return [
        index,
        row.full_name,
        male,
        female,
        row.person.get("ethnicity") or "",
        row.person.get("religion") or "",
        row.person.get("education_general") or "",
        course_data.occupation_text(row.person),
        row.cell_name,
        *(course_data.mark_roster_symbol(m) for m in row.marks),
        row.absent,
        row.score,
        row.grade,
        eligible,
        row.certificate_no,
        vn.format_date(row.certificate_on),
        vn.format_date(row.expires_on),
        learner_note(row, grid),
    ]


def class_lines(grid: CourseGrid) -> list[str]:
    """The class header: organiser, place, dates, periods and sessions."""
    c = grid.course
    lines = []
    if course_data.own_name(c["name"], course_data.kinds()[c["kind"]], c["intake"]):
        lines.append(f"Tên lớp: {c['name']}")
    first = f"Đơn vị tổ chức: {c['organiser'] or '…'}"
    if c["place"]:
        first += f"; địa điểm: {c['place']}"
    lines.append(first)
    lines.append(
        f"Thời gian học: từ ngày {vn.format_date(c['start_date'])} đến ngày {vn.format_date(c['end_date'])};"
        f" số tiết: {c['periods']} ({len(grid.sessions)} buổi)"
    )
    return lines


def roster_title(grid: CourseGrid) -> str:
    c = grid.course
    title = f"DANH SÁCH HỌC VIÊN {course_data.programme(c['kind']).title_caps}"
    return f"{title}, {vn.nfc(c['intake']).upper()}" if c["intake"] else title


def summary_line(grid: CourseGrid) -> str:
    counts = {g.code: 0 for g in course_data.grades()}
    for r in grid.rows:
        if r.grade in counts:
            counts[r.grade] += 1
    graded = ", ".join(f"{code} {n}" for code, n in counts.items())
    eligible = sum(1 for r in grid.rows if r.eligible)
    certified = sum(1 for r in grid.rows if r.certificate_no)
    return (
        f"Tổng số: {len(grid.rows)} học viên. Xếp loại: {graded}. "
        f"Đủ điều kiện cấp giấy chứng nhận: {eligible}; đã cấp: {certified}."
    )


def write_roster(grid: CourseGrid, committee: dict[str, Any], today: dt.date, path: str | Path) -> Path:
    """Write the E10 workbook to ``path``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    columns = roster_columns(grid)
    ncols = len(columns)
    last = get_column_letter(ncols)
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách học viên"
    thin = Side(style="thin", color="000000")
    grid_border = Border(left=thin, right=thin, top=thin, bottom=thin)

    def put(
        row: int,
        col: int,
        value: Any,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float = 12,
        align: str = "center",
        wrap: bool = True,
        underline: bool = False,
        border: bool = False,
    ) -> Any:
        cell = xlsx_cells.put(ws.cell(row=row, column=col), value)
        cell.font = Font(name=FONT, size=size, bold=bold, italic=italic, underline="single" if underline else None)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
        if border:
            cell.border = grid_border
        return cell

    def merge_put(row: int, first: int, last_col: int, value: Any, **kw: Any) -> None:
        if last_col > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last_col)
        put(row, first, value, **kw)

    # Committee block (left) and party title (right).
    left_end = min(5, ncols)
    right_start = max(ncols - 8, left_end + 1)
    merge_put(1, 1, left_end, (committee.get("upper_body") or "").upper(), size=13)
    merge_put(2, 1, left_end, (committee.get("committee_name") or "").upper(), bold=True, size=13)
    merge_put(3, 1, left_end, "*", size=13)
    merge_put(1, right_start, ncols, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=14)
    merge_put(2, right_start, ncols, vn.date_words(today, committee.get("place_name") or None), italic=True, size=13)
    merge_put(5, 1, ncols, roster_title(grid), bold=True, size=14)
    row = 6
    for line in class_lines(grid):
        merge_put(row, 1, ncols, line, italic=True, size=12)
        row += 1
    row += 1

    # Two-level header and the column numbers.
    top, sub, numbers = row, row + 1, row + 2
    col = 1
    while col <= ncols:
        column = columns[col - 1]
        if column.group:
            end = col
            while end < ncols and columns[end].group == column.group:
                end += 1
            merge_put(top, col, end, column.group, bold=True, border=True)
            for c in range(col, end + 1):
                put(sub, c, columns[c - 1].title, bold=True, border=True)
                ws.cell(row=top, column=c).border = grid_border
            col = end + 1
        else:
            ws.merge_cells(start_row=top, start_column=col, end_row=sub, end_column=col)
            put(top, col, column.title, bold=True, border=True)
            ws.cell(row=sub, column=col).border = grid_border
            col += 1
    for c in range(1, ncols + 1):
        put(numbers, c, f"({c})", italic=True, size=10, border=True)
    ws.row_dimensions[top].height = 22
    ws.row_dimensions[sub].height = 48

    # Learners.
    first_body = numbers + 1
    row = first_body
    for index, learner in enumerate(grid.rows, start=1):
        values = roster_row(index, learner, grid)
        for c, value in enumerate(values, start=1):
            cell = put(row, c, value, align=columns[c - 1].align, border=True, size=12)
            if isinstance(value, float):
                cell.number_format = "0.0#"
        # Neither Excel nor LibreOffice grows a row for wrapped text written by openpyxl.
        lines = max(_lines(str(v), col.width) for v, col in zip(values, columns, strict=False) if isinstance(v, str))
        ws.row_dimensions[row].height = LINE_HEIGHT * lines + 2 if lines > 1 else ROW_HEIGHT
        row += 1
    # Totals: present per session, absences in all.
    session_first = 10
    put(row, 1, "", border=True)
    merge_put(row, 2, session_first - 1, "Tổng số có mặt theo buổi", bold=True, border=True)
    for c in range(3, session_first):
        ws.cell(row=row, column=c).border = grid_border
    for i, column in enumerate(grid.sessions):
        held = column.unmarked < len(grid.rows)
        put(row, session_first + i, column.present if held else "", bold=True, border=True)
    absences_col = session_first + len(grid.sessions)
    put(row, absences_col, sum(r.absent for r in grid.rows), bold=True, border=True)
    for c in range(absences_col + 1, ncols + 1):
        put(row, c, "", border=True)
    row += 2
    merge_put(
        row,
        1,
        ncols,
        f"Ký hiệu điểm danh: {course_data.marks_legend()}. Đủ ĐK cấp GCN: x = đủ điều kiện cấp giấy chứng nhận.",
        italic=True,
        size=11,
        align="left",
    )
    row += 1
    merge_put(row, 1, ncols, summary_line(grid), size=12, align="left")
    row += 2

    # Signatures: the preparer at the left, the committee at the right.
    merge_put(row, right_start, ncols, vn.date_words(today, committee.get("place_name") or None), italic=True)
    row += 1
    merge_put(row, 1, left_end + 3, "NGƯỜI LẬP BIỂU", bold=True)
    merge_put(row, right_start, ncols, "T/M BAN THƯỜNG VỤ", bold=True)
    merge_put(row + 1, right_start, ncols, "BÍ THƯ", bold=True)
    merge_put(row + 5, 1, left_end + 3, committee.get("preparer_name") or "", bold=True)
    merge_put(row + 5, right_start, ncols, committee.get("secretary") or "", bold=True)
    if committee.get("preparer_phone"):
        merge_put(row + 6, 1, left_end + 3, f"Điện thoại: {committee['preparer_phone']}", size=11)

    for c, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = column.width
    ws.freeze_panes = f"C{first_body}"
    ws.print_title_rows = f"{top}:{numbers}"
    ws.print_area = f"A1:{last}{row + 6}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "Trang &P / &N"
    ws.oddFooter.center.font = FONT
    out = Path(path)
    with outputs.replacing(out, suffix=".xlsx") as temporary:
        wb.save(temporary)
    return out
