"""Course documents in the party layout (dossier/layout.py): the roster for signing, the
convocation notice with its list of learners (P2) and the list proposing certificates (P3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.domain import courses as course_data
from commune_app.domain.courses import CourseGrid, GridRow
from commune_app.dossier import layout as L
from commune_app.dossier.context import in_sentence
from commune_app.reports.course_roster import class_lines, learner_note, roster_title, score_text, summary_line

RECIPIENT_ARCHIVE = "Lưu Văn phòng Đảng ủy"
ATTENDANCE_GROUP = "Điểm danh các buổi học"


def _committee_text(committee: dict[str, Any]) -> str:
    """'Đảng ủy xã Ba Sơn' for sentences (the profile holds the name in capitals)."""
    name = in_sentence(committee.get("committee_name"))
    if name and name != name.upper():  # a phường or đặc khu keeps its own word
        return name
    commune = vn.nfc(committee.get("commune"))
    if commune.lower().startswith("xã "):
        commune = commune[3:]
    return f"Đảng ủy xã {commune}" if commune else "Đảng ủy"


def _is_committee(body: str, committee: dict[str, Any]) -> bool:
    """Whether a course's organiser or issuer is the committee itself (no political centre)."""
    return vn.fold(body) in {vn.fold(_committee_text(committee)), vn.fold(committee.get("committee_name") or "")}


def _header(committee: dict[str, Any], doc_type: str | None, number: int | None, on: dt.date | None) -> L.Header:
    """The committee's header; ``doc_type`` None for a list that carries no number (the roster)."""
    shown = L.doc_number(number, doc_type, committee.get("short_code") or "ĐU") if doc_type else ""
    return L.Header(
        issuer=committee.get("committee_name") or "ĐẢNG ỦY",
        upper=committee.get("upper_body") or "",
        number=shown,
        place=committee.get("place_name") or "",
        on=on,
    )


def _committee_signature(committee: dict[str, Any]) -> L.Signature:
    return L.Signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", committee.get("secretary") or "")


def _learner_columns(*, attendance_sessions: int = 0, results: bool = False, size_hint: str = "") -> list[L.Column]:
    birth = "Ngày, tháng, năm sinh"
    cols = [
        L.Column("TT", 0.9, "CENTER"),
        L.Column("Họ và tên", 4.3),
        L.Column("Nam", 2.6, "CENTER", birth),
        L.Column("Nữ", 2.6, "CENTER", birth),
    ]
    if size_hint != "narrow":
        cols += [
            L.Column("Dân tộc", 1.5, "CENTER"),
            L.Column("Tôn giáo", 1.5, "CENTER"),
            L.Column("Trình độ học vấn", 1.5, "CENTER"),
            L.Column("Nghề nghiệp, nơi công tác/học tập", 3.6),
        ]
    cols.append(L.Column("Chi bộ giới thiệu", 3.1))
    cols += [L.Column(str(i), 0.65, "CENTER", ATTENDANCE_GROUP) for i in range(1, attendance_sessions + 1)]
    if attendance_sessions:
        cols.append(L.Column("Số buổi vắng", 1.4, "CENTER"))
    if results:
        cols += [L.Column("Điểm", 1.5, "CENTER", "Kết quả"), L.Column("Xếp loại", 1.6, "CENTER", "Kết quả")]
    return cols


def _learner_cells(index: int, row: GridRow, *, full: bool = True) -> list[str]:
    male, female = course_data.birth_cells(row.birth_date, row.gender, row.birth_year_only)
    cells = [str(index), row.full_name, male, female]
    if full:
        cells += [
            row.person.get("ethnicity") or "",
            row.person.get("religion") or "",
            row.person.get("education_general") or "",
            course_data.occupation_text(row.person),
        ]
    cells.append(row.cell_name)
    return cells


def _course_words(course: dict[str, Any]) -> str:
    """'lớp bồi dưỡng nhận thức về Đảng, Khóa I năm 2026' inside a sentence ('Đảng' keeps its capital)."""
    label = course_data.kinds()[course["kind"]]
    words = label[:1].lower() + label[1:]
    return f"{words}, {course['intake']}" if course["intake"] else words


def _class_paragraphs(pdf: L.PartyPdf, grid: CourseGrid) -> None:
    for line in class_lines(grid):
        pdf.para(line, indent=False, align="CENTER", size=13)


def _pdf(path: str | Path, title: str, settings: Any) -> L.PartyPdf:
    return L.PartyPdf(Path(path), title=title, settings=settings)


def render_roster(
    grid: CourseGrid, committee: dict[str, Any], on: dt.date, path: str | Path, *, settings: Any = None
) -> int:
    """The roster with attendance and results, landscape, for the organiser to sign. Returns pages."""
    pdf = _pdf(path, roster_title(grid), settings)
    pdf.new_document(landscape=True)
    pdf.header(_header(committee, None, None, on))
    pdf.title(roster_title(grid), rule=True)
    _class_paragraphs(pdf, grid)
    pdf.spacer(2)
    columns = _learner_columns(attendance_sessions=len(grid.sessions), results=True, size_hint="narrow")
    columns += [
        L.Column("Số GCN", 4.0, "CENTER", "Giấy chứng nhận"),
        L.Column("Ngày cấp", 2.6, "CENTER", "Giấy chứng nhận"),
        L.Column("Ghi chú", 1.9),
    ]
    rows = []
    for index, row in enumerate(grid.rows, start=1):
        rows.append(
            [
                *_learner_cells(index, row, full=False),
                *(course_data.mark_roster_symbol(m, pdf=True) for m in row.marks),
                str(row.absent),
                score_text(row.score),
                row.grade,
                row.certificate_no,
                vn.format_date(row.certificate_on),
                learner_note(row, grid),
            ]
        )
    present = [str(c.present) if c.unmarked < len(grid.rows) else "" for c in grid.sessions]
    rows.append(
        ["", L.bold("Số có mặt"), "", "", "", *present, str(sum(r.absent for r in grid.rows)), "", "", "", "", ""]
    )
    # Narrow padding in the one-symbol session columns, so 'Buổi 10' and its marks stay on one line.
    pdf.table(columns, rows, size=10, tight=[i for i, c in enumerate(columns) if c.group == ATTENDANCE_GROUP])
    pdf.para(
        L.italic(f"Ký hiệu điểm danh: {course_data.marks_legend(pdf=True)}."), indent=False, size=12, space_before=4
    )
    pdf.para(summary_line(grid), indent=False, size=12)
    # A no-break space as the preparer's second line keeps both names on the same level.
    pdf.closing(
        [
            L.Signature("NGƯỜI LẬP DANH SÁCH", "\u00a0", committee.get("preparer_name") or ""),
            _committee_signature(committee),
        ]
    )
    return pdf.build()


def render_convocation(
    grid: CourseGrid,
    committee: dict[str, Any],
    on: dt.date,
    path: str | Path,
    *,
    number: int | None = None,
    settings: Any = None,
) -> int:
    """P2: the notice calling the learners to the course, with the attached list."""
    c = grid.course
    what = _course_words(c)
    pdf = _pdf(path, f"Thông báo triệu tập học viên {what}", settings)
    pdf.new_document()
    pdf.header(_header(committee, "TB", number, on))
    pdf.title("THÔNG BÁO", f"triệu tập học viên dự {what}")
    organiser = f", do {c['organiser']} tổ chức" if c["organiser"] else ""
    pdf.para(
        f"Ban Thường vụ {_committee_text(committee)} triệu tập các đồng chí có tên trong danh sách kèm theo"
        f" tham dự {what}{organiser}, cụ thể như sau:"
    )
    first = grid.sessions[0] if grid.sessions else None
    opening = f" Khai giảng vào buổi {first.part.lower()} {L.date_text(first.date)}." if first and first.part else ""
    days = len({s.date for s in grid.sessions})
    pdf.para(
        L.bold("1. Thời gian: "),
        f"{days} ngày, từ {L.date_text(c['start_date'])} đến {L.date_text(c['end_date'])}"
        f" ({len(grid.sessions)} buổi, {c['periods']} tiết).{opening}",
    )
    pdf.para(L.bold("2. Địa điểm: "), f"{c['place'] or '…'}.")
    cells = sorted({r.cell_name for r in grid.rows if r.cell_name})
    who = "quần chúng ưu tú" if c["kind"] == "awareness" else "đảng viên dự bị"
    pdf.para(
        L.bold("3. Thành phần: "), f"{len(grid.rows)} {who} do {len(cells)} chi bộ giới thiệu (có danh sách kèm theo)."
    )
    pdf.para(
        L.bold("4. Yêu cầu: "),
        "Học viên có mặt đúng giờ, tham gia đầy đủ các buổi học, mang theo giấy tờ tùy thân,"
        " sổ ghi chép; cuối khóa viết bài thu hoạch. Các chi bộ thông báo cho học viên của chi bộ mình và"
        " tạo điều kiện để học viên tham gia đầy đủ chương trình lớp học.",
    )
    pdf.closing(
        [_committee_signature(committee)],
        [
            f"{c['organiser']} (phối hợp)" if c["organiser"] and not _is_committee(c["organiser"], committee) else "",
            "Các chi bộ có học viên",
            "Học viên có tên trong danh sách",
            RECIPIENT_ARCHIVE,
        ],
    )
    # The attached list: its own landscape pages, numbered on their own as an annex is.
    pdf.new_document(landscape=True)
    pdf.title("DANH SÁCH HỌC VIÊN", f"dự {what}", rule=True)
    reference = L.doc_number(number, "TB", committee.get("short_code") or "ĐU")
    pdf.para(
        L.italic(
            f"(Kèm theo Thông báo s{reference[1:]} {L.date_text(on)} của Ban Thường vụ {_committee_text(committee)})"
        ),
        indent=False,
        align="CENTER",
        size=13,
    )
    columns = [*_learner_columns(), L.Column("Ghi chú", 2.4)]
    rows = [[*_learner_cells(i, r), ""] for i, r in enumerate(grid.rows, start=1)]
    pdf.table(columns, rows, size=10)
    pdf.para(f"Danh sách có {len(grid.rows)} học viên.", indent=False, size=13, space_before=4)
    return pdf.build()


def render_certificate_list(
    grid: CourseGrid,
    committee: dict[str, Any],
    on: dt.date,
    path: str | Path,
    *,
    number: int | None = None,
    settings: Any = None,
) -> int:
    """P3: the learners proposed for a certificate (passing result, enough attendance), with the results."""
    c = grid.course
    what = _course_words(c)
    proposed = [r for r in grid.rows if r.eligible]
    others = [r for r in grid.rows if not r.eligible]
    pdf = _pdf(path, f"Danh sách đề nghị cấp giấy chứng nhận {what}", settings)
    pdf.new_document()
    pdf.header(_header(committee, "DS", number, on))
    # 'Khóa' and its numeral stay on one line of the title.
    pdf.title("DANH SÁCH", f"học viên đề nghị cấp giấy chứng nhận {what}".replace("Khóa ", "Khóa\u00a0"))
    organiser = f" do {c['organiser']} tổ chức" if c["organiser"] else ""
    issuer = vn.nfc(c["certificate_issuer"] or c["organiser"]) or "cơ quan có thẩm quyền"
    # The committee itself issuing (no political centre): it grants, it does not ask itself.
    own = _is_committee(issuer, committee)
    action = "xét, cấp giấy" if own else f"đề nghị {issuer} cấp giấy"
    pdf.para(
        f"Căn cứ kết quả học tập của học viên {what}{organiser} từ {L.date_text(c['start_date'])} đến "
        f"{L.date_text(c['end_date'])}, Ban Thường vụ {_committee_text(committee)} {action}"
        f" chứng nhận cho {len(proposed)} học viên có tên dưới đây (tham gia từ {grid.threshold * 100:g}% số"
        " buổi học trở lên, bài thu hoạch đạt yêu cầu):"
    )
    # Widths in millimetres of the portrait text block (165 mm with the default margins); at 10 pt a
    # certificate number ('10/2026/CN-NTVĐ') breaks only once, 'Trung bình' not at all.
    columns = [
        L.Column("TT", 8, "CENTER"),
        L.Column("Họ và tên", 30),
        L.Column("Nam", 20, "CENTER", "Ngày, tháng, năm sinh"),
        L.Column("Nữ", 20, "CENTER", "Ngày, tháng, năm sinh"),
        L.Column("Chi bộ giới thiệu", 24),
        L.Column("Số buổi có mặt", 12, "CENTER"),
        L.Column("Điểm", 11, "CENTER", "Kết quả"),
        L.Column("Xếp loại", 20, "CENTER", "Kết quả"),
        L.Column("Ghi chú", 20),
    ]
    rows = []
    for index, row in enumerate(proposed, start=1):
        male, female = course_data.birth_cells(row.birth_date, row.gender, row.birth_year_only)
        rows.append(
            [
                str(index),
                row.full_name,
                male,
                female,
                row.cell_name,
                f"{row.present}/{len(grid.sessions)}",
                score_text(row.score),
                row.grade,
                row.certificate_no,
            ]
        )
    pdf.table(columns, rows, size=10)
    counts = {g.code: sum(1 for r in proposed if r.grade == g.code) for g in course_data.grades() if g.passed}
    pdf.para(
        f"Tổng số học viên của lớp: {len(grid.rows)}; đề nghị cấp giấy chứng nhận: {len(proposed)} ("
        + ", ".join(f"{code}: {n}" for code, n in counts.items())
        + ").",
        indent=False,
        space_before=4,
    )
    if others:
        reasons = "; ".join(f"{r.full_name} ({_why_not(r, grid)})" for r in others)
        pdf.para(f"Không đủ điều kiện cấp giấy chứng nhận: {len(others)} học viên: {reasons}.", indent=False)
    pdf.closing(
        [_committee_signature(committee)], ["Học viên có tên trong danh sách" if own else issuer, RECIPIENT_ARCHIVE]
    )
    return pdf.build()


def _why_not(row: GridRow, grid: CourseGrid) -> str:
    reasons = []
    if row.passed is None:
        reasons.append("chưa có kết quả")
    elif not row.passed:
        reasons.append(f"xếp loại {row.grade}")
    if row.under_threshold:
        reasons.append(f"dự {row.present}/{grid.held} buổi")
    return ", ".join(reasons)
