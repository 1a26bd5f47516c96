"""`commune-app backup --db PATH [-o FILE_OR_FOLDER] [--password-file F]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from commune_app.cli.common import add_db, open_cli_session, output_target, read_password
from commune_app.errors import FileRefused
from commune_app.ops import backup as backup_ops
from commune_app.ops import encryption
from commune_app.safety import backups
from commune_app.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("backup", help="tạo bản sao lưu đã kiểm tra của tệp dữ liệu")
    add_db(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="ĐÍCH",
        help="tệp (.sqlite, hoặc .ptdv khi có mật khẩu) hoặc thư mục để ghi bản sao lưu;"
        " mặc định: thư mục sao lưu trong cài đặt",
    )
    parser.add_argument("--password-file", metavar="TỆP", help="tệp chứa mật khẩu bảo vệ bản sao lưu")
    parser.add_argument(
        "--no-password",
        action="store_true",
        help="cho phép ghi bản không mật khẩu ra ổ tháo rời (USB); mặc định ở đó phải có mật khẩu",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    password = read_password(args.password_file)
    output = Path(args.output) if args.output else None
    named = output if output is not None and output.suffix in (backups.PLAIN_SUFFIX, backups.ENCRYPTED_SUFFIX) else None
    if named is not None:
        output_target(args, str(named))  # a backup never replaces anything
    target_folder = named.parent if named is not None else output
    if (
        target_folder is not None
        and not password
        and not args.no_password
        and not encryption.is_encrypted(Path(args.db))  # its copies are encrypted by the file's own key
        and backup_ops.removable_drive(target_folder)
    ):
        raise FileRefused(
            f"{target_folder} nằm trên ổ tháo rời: ai nhặt được ổ sẽ đọc được toàn bộ hồ sơ. Hãy đặt "
            "mật khẩu (--password-file TỆP), hoặc thêm --no-password nếu vẫn muốn ghi bản không mã hóa."
        )
    session = open_cli_session(args)
    try:
        folder = named.parent if named is not None else (output or backup_ops.backup_folder(Settings()))
        info = backup_ops.manual_backup(session, folder, password, file=named)
    finally:
        session.close()
    kind = "có mật khẩu" if password else "mã hóa bằng khóa của tệp dữ liệu" if info.keyed else "không đặt mật khẩu"
    print(f"Đã sao lưu ({kind}, đã kiểm tra toàn vẹn): {info.path}")
    print(
        f"{info.summary.get('people', 0)} người, {info.summary.get('members', 0)} đảng viên, "
        f"{info.summary.get('documents', 0)} văn bản; {info.size} byte."
    )
    return 0
