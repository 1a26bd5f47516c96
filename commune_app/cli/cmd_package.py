"""``commune-app package``: a cell's work to its secretary and back, encrypted (docs/exchange.md)."""

from __future__ import annotations

import argparse

from commune_app.cli.common import add_db, new_or_empty_file_session, open_cli_session
from commune_app.errors import FileRefused
from commune_app.importing.merge import merged_text


def _password(path: str) -> str:
    from commune_app.cli.common import read_password

    password = read_password(path)
    if not password:
        raise FileRefused(f"Tệp mật khẩu {path} trống.")
    return password


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "package",
        help="gói dữ liệu chi bộ: lập, mở, gộp",
        description="Trao đổi công việc của một chi bộ với đảng ủy qua tệp (USB), mã hóa như bản "
        "sao lưu có mật khẩu (AES-GCM, khóa sinh bằng scrypt).",
    )
    actions = parser.add_subparsers(dest="action", metavar="VIỆC", required=True)
    export = actions.add_parser(
        "export",
        help="lập gói: của một chi bộ (tệp đảng ủy) hoặc gói gửi về (tệp chi bộ)",
        description="Từ tệp của đảng ủy với --cell: gói của chi bộ đó (người đang trên đường "
        "vào Đảng, các bước, người giới thiệu/giúp đỡ, đảng viên, chỉ tiêu). Từ "
        "tệp chi bộ: gói gửi về, gồm những gì đã thay đổi từ khi nhận gói.",
    )
    add_db(export)
    export.add_argument("--cell", metavar="TÊN", help="tên chi bộ (chỉ với tệp của đảng ủy)")
    export.add_argument("-o", "--output", required=True, metavar="GOI.ptdv", help="tệp gói sẽ ghi")
    export.add_argument("--password-file", required=True, metavar="TỆP", help="tệp chứa mật khẩu của gói")
    export.set_defaults(func=run_export)
    opened = actions.add_parser(
        "open",
        help="mở gói của chi bộ thành một tệp dữ liệu chi bộ mới",
        description="Tạo tệp dữ liệu chi bộ (chỉ làm việc với chi bộ đó) từ gói đảng ủy gửi.",
    )
    opened.add_argument("file", metavar="GOI.ptdv", help="gói đảng ủy gửi")
    add_db(opened)
    opened.add_argument("--password-file", required=True, metavar="TỆP", help="tệp chứa mật khẩu của gói")
    opened.set_defaults(func=run_open)
    merge = actions.add_parser(
        "merge",
        help="gộp gói chi bộ gửi về vào tệp của đảng ủy",
        description="Xem trước người thêm mới, thay đổi từng trường, mâu thuẫn với những gì "
        "đảng ủy đã sửa sau khi gửi gói (không gộp) và người chi bộ đã xóa; ghi tất "
        "cả hoặc không gì, nhật ký ghi nguồn gốc của gói.",
    )
    add_db(merge)
    merge.add_argument("file", metavar="GOI.ptdv", help="gói chi bộ gửi về")
    merge.add_argument("--password-file", required=True, metavar="TỆP", help="tệp chứa mật khẩu của gói")
    merge.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
    merge.set_defaults(func=run_merge)


def run_export(args: argparse.Namespace) -> int:
    from commune_app.ops import packages

    password = _password(args.password_file)
    session = open_cli_session(args)
    try:
        manifest = packages.export_package(session, args.output, password, args.cell)
    finally:
        session.close()
    what = "Gói gửi về đảng ủy" if manifest["kind"] == "return" else "Gói dữ liệu"
    print(f"{what} của {manifest['cell']} ({manifest['commune']['committee']}) đã ghi: {args.output}")
    return 0


def run_open(args: argparse.Namespace) -> int:
    from commune_app.ops import packages

    password = _password(args.password_file)
    with new_or_empty_file_session(args) as session:
        manifest = packages.open_package(session, args.file, password)
    print(f"Đã mở gói của {manifest['cell']} ({manifest['commune']['committee']}) thành tệp chi bộ {args.db}.")
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from commune_app.ops import packages

    password = _password(args.password_file)
    session = open_cli_session(args)
    try:
        preview = packages.merge_preview(session, args.file, password)
        for line in preview.lines():
            print(line)
        conflicts = preview.merge.counts()["conflict"]
        if args.dry_run:
            print("Chạy thử: chưa ghi gì vào tệp dữ liệu.")
            return 1 if conflicts else 0
        if conflicts:
            print(
                f"Không gộp gì vì có {conflicts} hồ sơ mâu thuẫn với những gì đảng ủy đã sửa sau khi gửi gói. "
                "Hãy xem lại các hồ sơ đó (giữ giá trị đúng) rồi gộp lại."
            )
            return 1
        counts = packages.merge_commit(session, preview)
    finally:
        session.close()
    print(merged_text(counts))
    return 0
