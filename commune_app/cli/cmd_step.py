"""``commune-app step``: record a step of the road and list a person's steps through the same
operations and step schema as the window (docs/steps.md lists every kind and its fields)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from commune_app import vn
from commune_app.cli.common import add_db, open_cli_session, print_json
from commune_app.cli.table import render
from commune_app.domain import road, steps
from commune_app.domain.steps_markdown import render_markdown
from commune_app.errors import Refused
from commune_app.ops import road as road_ops
from commune_app.ops.context import Session


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "step",
        help="ghi nhận một bước trên quá trình phát triển đảng viên, liệt kê các bước",
        description="Ghi nhận và liệt kê các bước qua cùng các kiểm tra như cửa sổ chương trình."
        " Các loại bước và mục của chúng: docs/steps.md.",
    )
    actions = parser.add_subparsers(dest="step_command", metavar="VIỆC", required=True)

    add = actions.add_parser("add", help="ghi nhận một bước")
    add_db(add)
    add.add_argument("--person", type=int, required=True, metavar="MÃ", help="mã hồ sơ của người")
    add.add_argument(
        "--kind",
        required=True,
        metavar="LOẠI",
        help="loại bước, ví dụ cell_meeting, party_card, transfer_out (xem step schema)",
    )
    add.add_argument("--date", required=True, metavar="NGÀY", help="ngày của bước, dd/mm/yyyy")
    add.add_argument("--number", default="", metavar="SỐ", help="số văn bản (nếu bước có văn bản)")
    add.add_argument("--issuer", default="", metavar="CƠ_QUAN", help="cơ quan ban hành (nếu bước có văn bản)")
    add.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="TÊN=GIÁ_TRỊ",
        help="một mục của bước, lặp lại cho mỗi mục; ngày dd/mm/yyyy, lựa chọn bằng mã hoặc tên,"
        ' organisations=\'[{"name": ..., "date": ..., "consulted": ..., "agree": ...,'
        ' "summary": ...}]\'',
    )
    add.set_defaults(func=run_add)

    listing = actions.add_parser("list", help="liệt kê các bước đã ghi nhận của một người")
    add_db(listing)
    listing.add_argument("--person", type=int, required=True, metavar="MÃ", help="mã hồ sơ của người")
    listing.add_argument("--json", action="store_true", help="in dạng JSON")
    listing.set_defaults(func=run_list)

    schema = actions.add_parser("schema", help="các loại bước và mục của chúng")
    schema.add_argument("--markdown", action="store_true", help="in dạng Markdown (nội dung của docs/steps.md)")
    schema.set_defaults(func=run_schema)


def _fields(kind: str, items: list[str], session: Session) -> dict[str, Any]:
    """The --field NAME=VALUE pairs as the schema stores them; Refused with every problem."""
    details: dict[str, Any] = {}
    problems = []
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            problems.append(f"--field “{item}”: cần dạng TÊN=GIÁ_TRỊ.")
            continue
        if name in details:
            problems.append(f"--field: mục “{name}” được ghi hai lần.")
            continue
        try:
            value = steps.parse_value(kind, name, text, session.rules)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if value is not None:
            details[name] = value
    if problems:
        raise Refused(*problems)
    return details


def run_add(args: argparse.Namespace) -> int:
    if args.kind not in steps.SCHEMAS:
        raise Refused(f"Không có loại bước “{args.kind}”. Các loại: " + ", ".join(steps.SCHEMAS) + ".")
    session = open_cli_session(args)
    try:
        details = _fields(args.kind, args.field, session)
        milestone_id = road_ops.record_step(
            session,
            args.person,
            args.kind,
            {"date": args.date, "doc_number": args.number, "issuer": args.issuer, "details": details},
        )
        recorded = next(m for m in road_ops.steps_of(session, args.person) if m["id"] == milestone_id)
    finally:
        session.close()
    print(
        f"Đã ghi nhận bước “{road.KIND_BY_CODE[args.kind].label}” ngày {vn.format_date(recorded['date'])}"
        f" (mã bước {milestone_id})."
    )
    for warning in recorded["details"].get("warnings") or []:
        print(f"Lưu ý: {warning['message']}")
    return 0


def _summary(kind: str, details: dict[str, Any], session: Session) -> str:
    if kind not in steps.SCHEMAS:
        return ""
    parts = []
    for item in steps.schema(kind).fields:
        value = details.get(item.key)
        if value in (None, "", []):
            continue
        if item.type == "choice":
            value = steps.choice_label(kind, item.key, value, session.rules)
        elif item.type == "date":
            value = vn.format_date(value)
        elif item.type == "flag":
            value = "có"
        elif item.type == "organisations":
            value = "; ".join(str(row.get("name") or "") for row in value if isinstance(row, dict))
        parts.append(f"{item.label}: {value}")
    return "; ".join(parts)


def run_list(args: argparse.Namespace) -> int:
    session = open_cli_session(args, read_only=True)
    try:
        milestones = road_ops.steps_of(session, args.person)
        rows = [
            {
                "id": m["id"],
                "kind": m["kind"],
                "label": road.KIND_BY_CODE[m["kind"]].label if m["kind"] in road.KIND_BY_CODE else m["kind"],
                "date": m["date"],
                "doc_number": m["doc_number"] or "",
                "issuer": m["issuer"] or "",
                "details": m["details"],
                "summary": _summary(m["kind"], m["details"], session),
            }
            for m in milestones
        ]
    finally:
        session.close()
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("Chưa ghi nhận bước nào.")
        return 0
    print(
        render(
            ("Mã bước", "Ngày", "Bước", "Số văn bản", "Nội dung"),
            [(r["id"], vn.format_date(r["date"]), r["label"], r["doc_number"], r["summary"]) for r in rows],
            right=(0,),
        )
    )
    return 0


def run_schema(args: argparse.Namespace) -> int:
    if args.markdown:
        sys.stdout.write(render_markdown())
        return 0
    for item in steps.SCHEMAS.values():
        print(f"{item.kind}: {item.label}")
        for field in item.fields:
            print(f"  {field.key} ({field.type}{', bắt buộc' if field.required else ''}): {field.label}")
    return 0
