"""``commune-app find``: the same search the window uses, in Vietnamese name order."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from commune_app import vn
from commune_app.cli.common import add_db, open_cli_session, print_json
from commune_app.cli.table import render
from commune_app.domain.codes import GENDER_LABELS, STATUS_LABELS
from commune_app.ops import people as people_ops
from commune_app.store.people import PeopleFilter


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "find",
        help="tìm người theo tên, số CCCD hoặc số điện thoại",
        description="Tìm không cần dấu, các phần của tên theo thứ tự bất kỳ; kết quả xếp theo"
        " tên như danh sách của văn phòng.",
    )
    add_db(parser)
    parser.add_argument(
        "text", nargs="?", default="", metavar="CHỮ", help="tên (hoặc một phần), số CCCD, số điện thoại"
    )
    parser.add_argument(
        "--status",
        metavar="TRẠNG_THÁI",
        help="lọc theo trạng thái: " + ", ".join(f"{k} ({v})" for k, v in STATUS_LABELS.items()),
    )
    parser.add_argument("--cell", metavar="CHI_BỘ", help="lọc theo tên chi bộ (một phần, không cần dấu)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument("--limit", type=int, metavar="N", help="chỉ in N người đầu tiên")
    parser.set_defaults(func=run)


def as_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "full_name": row["full_name"],
        "birth_date": row["birth_date"],
        "gender": GENDER_LABELS.get(row["gender"], row["gender"]),
        "cell": row["cell"],
        "status": row["status"],
        "stage": row["stage"],
        "admitted_on": row["admitted_on"],
        "official_on": row["official_on"],
        "cccd": row["cccd"],
        "phone": row["phone"],
    }


def run(args: argparse.Namespace) -> int:
    if args.status and args.status not in STATUS_LABELS:
        print(
            f"Trạng thái “{args.status}” không có. Dùng một trong: "
            + "; ".join(f"{k} ({v})" for k, v in STATUS_LABELS.items()),
            file=sys.stderr,
        )
        return 2
    if args.limit is not None and args.limit <= 0:
        print("--limit phải là số nguyên dương.", file=sys.stderr)
        return 2
    session = open_cli_session(args)
    try:
        rows = people_ops.find(session, args.text, status=args.status, cell=args.cell, limit=args.limit)
        total = (
            len(rows)
            if args.limit is None or len(rows) < args.limit
            else people_ops.count(
                session,
                PeopleFilter(text=args.text, statuses=(args.status,) if args.status else (), cell_name=args.cell),
            )
        )
    finally:
        session.close()
    if args.json:
        print_json([as_json(r) for r in rows])
        return 0
    if not rows:
        print("Không tìm thấy ai.")
        return 0
    print(
        render(
            ("Mã", "Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ", "Trạng thái"),
            [
                (
                    r["id"],
                    r["full_name"],
                    vn.format_date(r["birth_date"]),
                    GENDER_LABELS.get(r["gender"], ""),
                    r["cell"] or "",
                    STATUS_LABELS.get(r["status"], r["status"]),
                )
                for r in rows
            ],
            right=(0,),
        )
    )
    shown = f"{len(rows)} trong số {total}" if total > len(rows) else str(total)
    print(f"\nTìm thấy {shown} người.")
    return 0
