"""``commune-app csdl``: the national party-member database's standardisation sheet (docs/exchange.md)."""

from __future__ import annotations

import argparse
import datetime as dt

from commune_app import vn
from commune_app.cli.common import add_db, open_cli_session


def _day(text: str) -> dt.date:
    try:
        return vn.parse_date(text)
    except vn.DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "csdl",
        help="bảng chuẩn hóa dữ liệu của CSDL đảng viên: xuất, đối chiếu",
        description="Biểu chuẩn hóa dữ liệu đảng viên của CSDL đảng viên (28 cột, tiêu đề hai "
        "dòng, các trang danh mục ẩn).",
    )
    actions = parser.add_subparsers(dest="action", metavar="VIỆC", required=True)
    export = actions.add_parser(
        "export",
        help="xuất biểu chuẩn hóa của các đảng viên",
        description="Xuất mọi đảng viên (cả người đã chuyển đi, ra khỏi Đảng, từ trần), giữ "
        "cột ID đã nhập từ CSDL; --since: chỉ những người thay đổi từ ngày đó.",
    )
    add_db(export)
    export.add_argument("-o", "--output", required=True, metavar="BANG.xlsx", help="tệp Excel sẽ ghi")
    export.add_argument("--since", type=_day, metavar="DD/MM/YYYY", help="chỉ những người thay đổi từ ngày này")
    export.set_defaults(func=run_export)
    new = actions.add_parser(
        "new-members",
        help="mỗi đảng viên mới kết nạp một trang, theo thứ tự trang thêm đảng viên",
        description="Mỗi đảng viên mới kết nạp (mặc định: mọi đảng viên dự bị; --since: kết nạp "
        "từ ngày đó) một trang, các trường theo thứ tự của trang thêm đảng viên của "
        "CSDL (trạng thái, phân loại, tổ chức Đảng, số lý lịch, số thẻ, rồi nhân thân,"
        " địa chỉ, các ngày) để chép từng ô hoặc đưa vào công cụ điền tự động.",
    )
    add_db(new)
    new.add_argument("-o", "--output", required=True, metavar="MOI.xlsx", help="tệp Excel sẽ ghi")
    new.add_argument("--since", type=_day, metavar="DD/MM/YYYY", help="những người kết nạp từ ngày này")
    new.set_defaults(func=run_new_members)
    compare = actions.add_parser(
        "compare",
        help="đối chiếu một biểu chuẩn hóa với dữ liệu của chương trình",
        description="Liệt kê người chỉ có trong bảng, chỉ có trong chương trình, hoặc khác "
        "nhau từng trường; không thay đổi gì. Thoát 1 khi có khác biệt.",
    )
    add_db(compare)
    compare.add_argument("file", metavar="BANG.xlsx", help="biểu chuẩn hóa cần đối chiếu")
    compare.set_defaults(func=run_compare)


def run_export(args: argparse.Namespace) -> int:
    from commune_app.ops import csdl

    session = open_cli_session(args)
    try:
        count = csdl.export(session, args.output, args.since)
    finally:
        session.close()
    print(f"Đã xuất biểu chuẩn hóa của {count} đảng viên: {args.output}")
    return 0


def run_new_members(args: argparse.Namespace) -> int:
    from commune_app.ops import csdl

    session = open_cli_session(args)
    try:
        count = csdl.new_members(session, args.output, args.since)
    finally:
        session.close()
    print(f"Đã ghi {count} trang (mỗi đảng viên mới một trang): {args.output}")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    from commune_app.ops import csdl

    session = open_cli_session(args)
    try:
        result = csdl.compare(session, args.file)
    finally:
        session.close()
    for line in result.lines():
        print(line)
    return 1 if result.differs else 0
