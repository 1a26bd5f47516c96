"""``commune-app course list|roster``: the courses, and one course's roster as text, Excel or PDF."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from commune_app import vn
from commune_app.cli.common import add_db, add_force, open_cli_session, output_target, print_json
from commune_app.errors import Refused

if TYPE_CHECKING:
    from commune_app.domain.courses import CourseGrid


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "course",
        help="lớp bồi dưỡng: danh sách lớp, danh sách học viên có điểm danh và kết quả",
        description="list: liệt kê các lớp (mã, loại, khóa, thời gian, số học viên). roster: danh sách học viên"
        " của một lớp với điểm danh và kết quả; với -o ghi ra tệp .xlsx (mẫu E10), .pdf"
        " hoặc .docx (Word) (để ký; --document convocation: thông báo triệu tập kèm danh sách; --document certificates:"
        " danh sách đề nghị cấp giấy chứng nhận).",
    )
    parser.add_argument("action", choices=("list", "roster"), metavar="VIỆC", help="list hoặc roster")
    add_db(parser)
    parser.add_argument("--course", type=int, metavar="MÃ", help="mã lớp (bắt buộc với roster)")
    parser.add_argument("--year", type=int, metavar="NĂM", help="chỉ các lớp khai giảng trong năm này (với list)")
    parser.add_argument("-o", "--output", metavar="TỆP", help="tệp .xlsx, .pdf hoặc .docx để ghi (với roster)")
    add_force(parser)
    parser.add_argument(
        "--document",
        choices=("roster", "convocation", "certificates"),
        default="roster",
        metavar="LOẠI",
        help="roster (mặc định), convocation hoặc certificates (chỉ .pdf, .docx)",
    )
    parser.add_argument("--number", type=int, metavar="SỐ", help="số văn bản đã vào sổ (mặc định để trống)")
    parser.add_argument(
        "--date",
        metavar="NGÀY",
        help="ngày ghi trên văn bản (dd/mm/yyyy); mặc định ngày khai giảng"
        " (danh sách đề nghị cấp giấy chứng nhận: ngày bế giảng)",
    )
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from commune_app.ops import courses

    if args.action == "roster" and args.course is None:
        raise Refused("Cần cho biết mã lớp: --course MÃ (xem mã bằng lệnh course list)")
    session = open_cli_session(args)
    try:
        if args.action == "list":
            rows = courses.list_courses(session, args.year)
            if args.json:
                print_json(
                    [
                        {
                            k: r[k]
                            for k in (
                                "id",
                                "kind",
                                "kind_label",
                                "name",
                                "intake",
                                "organiser",
                                "place",
                                "start_date",
                                "end_date",
                                "periods",
                                "session_count",
                                "enrolled",
                                "certified",
                            )
                        }
                        for r in rows
                    ]
                )
            else:
                _print_courses(rows)
            return 0
        if args.output:
            try:
                on = vn.parse_date(args.date) if args.date else None
            except vn.DateError as exc:
                raise Refused(str(exc)) from None
            path = courses.export_course(
                session,
                args.course,
                output_target(args, args.output),
                document=args.document,
                number=args.number,
                on=on,
            )
            print(f"Đã ghi {courses.DOCUMENTS[args.document].lower()}: {path}")
            return 0
        grid = courses.course_grid(session, args.course)
        if args.json:
            print_json(_grid_json(grid))
        else:
            _print_grid(grid)
        return 0
    finally:
        session.close()


def _print_courses(rows: list[dict[str, Any]]) -> None:
    from commune_app.domain import courses as course_data

    if not rows:
        print("Chưa có lớp nào.")
        return
    for r in rows:
        own = course_data.own_name(r["name"], r["kind_label"], r["intake"])
        name = f" ({own})" if own else ""
        print(
            f"{r['id']:>4}  {vn.format_date(r['start_date'])}–{vn.format_date(r['end_date'])}  {r['kind_label']}"
            f"{', ' + r['intake'] if r['intake'] else ''}{name}: {r['enrolled']} học viên,"
            f" {r['certified']} đã cấp giấy chứng nhận"
        )


def _grid_json(grid: CourseGrid) -> dict[str, Any]:
    return {
        "course": {
            k: grid.course[k]
            for k in ("id", "kind", "name", "intake", "organiser", "place", "start_date", "end_date", "periods")
        },
        "threshold": grid.threshold,
        "sessions": [
            {
                "id": c.session_id,
                "seq": c.seq,
                "date": c.date,
                "part": c.part,
                "topic": c.topic,
                "present": c.present,
                "excused": c.excused,
                "unexcused": c.unexcused,
            }
            for c in grid.sessions
        ],
        "learners": [
            {
                "enrolment_id": r.enrolment_id,
                "person_id": r.person_id,
                "full_name": r.full_name,
                "cell": r.cell_name,
                "marks": r.marks,
                "present": r.present,
                "excused": r.excused,
                "unexcused": r.unexcused,
                "under_threshold": r.under_threshold,
                "score": r.score,
                "grade": r.grade,
                "certificate_no": r.certificate_no,
                "certificate_on": r.certificate_on,
                "expires_on": r.expires_on,
            }
            for r in grid.rows
        ],
        "left": [
            {"enrolment_id": e["id"], "full_name": e["full_name"], "status": e["status"], "reason": e["status_reason"]}
            for e in grid.left
        ],
    }


def _print_grid(grid: CourseGrid) -> None:
    from commune_app.domain import courses as course_data
    from commune_app.reports.course_roster import score_text

    c = grid.course
    print(
        f"{c['kind_label']}{', ' + c['intake'] if c['intake'] else ''}: {c['name']}"
        f" ({vn.format_date(c['start_date'])}–{vn.format_date(c['end_date'])})"
    )
    print(f"Ký hiệu: {course_data.marks_legend()}; ! = dự dưới {grid.threshold * 100:g}% số buổi")
    for i, r in enumerate(grid.rows, start=1):
        marks = " ".join(course_data.mark_roster_symbol(m) or "." for m in r.marks)
        flag = "!" if r.under_threshold else " "
        result = f"{r.grade} {score_text(r.score)}".strip()
        cert = f" GCN {r.certificate_no} {vn.format_date(r.certificate_on)}" if r.certificate_no else ""
        print(f"{i:>3}{flag} {r.full_name:<28} {r.cell_name:<26} {marks}  {result}{cert}")
    held = [str(s.present) if s.unmarked < len(grid.rows) else "-" for s in grid.sessions]
    print("    Có mặt theo buổi: " + " ".join(held))
    for e in grid.left:
        print(f"    (không còn trong lớp) {e['full_name']}: {e['status_reason']}")
