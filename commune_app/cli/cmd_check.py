"""``commune-app check``: the file's integrity first, then the rule findings of everyone on the road."""

from __future__ import annotations

import argparse
import sys

from commune_app.cli.common import add_db, open_cli_session, print_json
from commune_app.cli.table import render
from commune_app.ops import agenda
from commune_app.ops import people as people_ops
from commune_app.ops.integrity import check_file

_SEVERITY = {"blocking": "Chặn", "warning": "Lưu ý"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "check",
        help="kiểm tra tệp dữ liệu và các quy định của Đảng",
        description="Kiểm tra tính toàn vẹn của tệp, rồi kiểm tra quy định với mọi người đang trên"
        " đường vào Đảng và đảng viên dự bị. Vi phạm quy định không làm lệnh thất bại.",
    )
    add_db(parser)
    parser.add_argument(
        "--json", action="store_true", help="in danh sách vi phạm dạng JSON (kết quả kiểm tra tệp in ra stderr)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    session = open_cli_session(args)
    try:
        report = check_file(session)
        print(report.summary, file=sys.stderr if args.json else sys.stdout)
        if not report.sound:
            for problem in report.problems:
                print(f"  {problem}", file=sys.stderr)
            return 2
        findings = agenda.check_all(session)
        names = people_ops.rows(session, sorted({f.person_id for f in findings}))
    finally:
        session.close()
    rows = [
        {**f.as_json(), "full_name": names[f.person_id]["full_name"] if f.person_id in names else ""} for f in findings
    ]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("Không có vi phạm quy định nào.")
        return 0
    print()
    print(
        render(
            ("Mã", "Họ và tên", "Mức", "Quy tắc", "Nội dung"),
            [
                (r["person_id"], r["full_name"], _SEVERITY.get(r["severity"], r["severity"]), r["code"], r["message"])
                for r in rows
            ],
            right=(0,),
        )
    )
    blocking = sum(1 for r in rows if r["severity"] == "blocking")
    print(f"\n{len(rows)} vi phạm ({blocking} chặn, {len(rows) - blocking} lưu ý) ở {len(names)} người.")
    return 0
