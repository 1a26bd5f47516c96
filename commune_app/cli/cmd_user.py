"""`commune-app user add|list|reset-password --db PATH ...` for unattended setups."""

from __future__ import annotations

import argparse

from commune_app.cli.common import add_db, open_cli_session, read_password
from commune_app.errors import Refused
from commune_app.ops import accounts
from commune_app.ops.context import ROLE_LABELS
from commune_app.store import cells as cell_store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("user", help="quản lý tài khoản (dùng khi cài đặt tự động)")
    action = parser.add_subparsers(dest="user_command", metavar="VIỆC", required=True)
    add = action.add_parser("add", help="tạo tài khoản")
    add_db(add)
    add.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
    add.add_argument("--role", choices=sorted(ROLE_LABELS), default="clerk", help="admin, clerk hoặc viewer")
    add.add_argument("--password-file", required=True, metavar="TỆP", help="tệp chứa mật khẩu")
    add.add_argument("--full-name", default="", metavar="HỌ_TÊN")
    add.add_argument("--cell", metavar="TÊN_CHI_BỘ", help="chỉ cho làm việc với chi bộ này")
    add.set_defaults(func=run_add)
    reset = action.add_parser("reset-password", help="đặt lại mật khẩu")
    add_db(reset)
    reset.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
    reset.add_argument("--password-file", required=True, metavar="TỆP")
    reset.set_defaults(func=run_reset)
    show = action.add_parser("list", help="liệt kê tài khoản")
    add_db(show)
    show.set_defaults(func=run_list)


def run_add(args: argparse.Namespace) -> int:
    session = open_cli_session(args, create=True, writes=True)
    try:
        cell_id = None
        if args.cell:
            cell = cell_store.by_name(session.store, args.cell)
            if cell is None:
                raise Refused(f"Không có chi bộ “{args.cell}”")
            cell_id = cell["id"]
        accounts.create_user(
            session,
            args.username,
            read_password(args.password_file) or "",
            args.role,
            full_name=args.full_name,
            cell_id=cell_id,
        )
    finally:
        session.close()
    print(f"Đã tạo tài khoản {args.username} ({ROLE_LABELS[args.role]}).")
    return 0


def run_reset(args: argparse.Namespace) -> int:
    session = open_cli_session(args, writes=True)
    try:
        accounts.reset_password(session, args.username, read_password(args.password_file) or "")
    finally:
        session.close()
    print(f"Đã đặt lại mật khẩu cho {args.username}; người dùng sẽ được yêu cầu đổi mật khẩu khi đăng nhập.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    session = open_cli_session(args, read_only=True)
    try:
        for user in accounts.list_users(session):
            state = "đang dùng" if user["active"] else "đã khóa"
            print(f"{user['username']}\t{ROLE_LABELS[user['role']]}\t{user['full_name']}\t{state}")
    finally:
        session.close()
    return 0
