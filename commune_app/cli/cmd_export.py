"""``commune-app export``: the whole data file as one JSON document (docs/data-format.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commune_app.cli.common import add_db, add_force, open_cli_session, output_target
from commune_app.exchange import export_file


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "export",
        help="xuất toàn bộ dữ liệu ra tệp JSON",
        description="Xuất toàn bộ dữ liệu (kể cả nhật ký; tài khoản chỉ khi có --with-accounts) ra"
        " một tệp JSON theo định dạng trao đổi có phiên bản, mô tả trong"
        " docs/data-format.md. Khi tệp đã có tài khoản, cần tài khoản quản trị.",
    )
    add_db(parser)
    parser.add_argument("-o", "--output", required=True, metavar="TỆP.json", help="tệp JSON sẽ ghi")
    parser.add_argument(
        "--with-accounts",
        action="store_true",
        help="kèm cả các tài khoản và mã băm mật khẩu của họ (mặc định: không kèm)",
    )
    add_force(parser)
    parser.set_defaults(func=run)


PLAIN_COPY = (
    "Cảnh báo: tệp dữ liệu đã được mã hóa, nhưng tệp JSON {name} là bản sao KHÔNG mã hóa của toàn bộ hồ sơ: "
    "ai có tệp này đọc được mọi số CCCD, họ tên, địa chỉ. Hãy giữ nó như hồ sơ mật và xóa khi không cần nữa."
)


def run(args: argparse.Namespace) -> int:
    target = output_target(args, args.output)
    session = open_cli_session(args, admin=True)
    try:
        if session.store.key is not None:
            print(PLAIN_COPY.format(name=Path(args.output).name), file=sys.stderr)
        counts = export_file(session, target, with_accounts=args.with_accounts)
    finally:
        session.close()
    people = counts.get("people", 0)
    print(f"Đã xuất {sum(counts.values())} dòng của {len(counts)} bảng ({people} hồ sơ người) ra {args.output}.")
    return 0
