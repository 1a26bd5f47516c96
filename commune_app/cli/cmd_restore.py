"""`commune-app restore --db PATH FILE [--password-file F]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from commune_app.cli.common import CommandLineQuestions, add_db, in_use_refusal, open_cli_session, read_password
from commune_app.errors import FileRefused, Refused
from commune_app.ops import backup as backup_ops
from commune_app.safety import backups
from commune_app.safety.lock import is_stale, read_holder
from commune_app.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("restore", help="khôi phục tệp dữ liệu từ một bản sao lưu")
    add_db(parser)
    parser.add_argument("file", metavar="BẢN_SAO_LƯU", help="tệp sao lưu (.sqlite hoặc .ptdv)")
    parser.add_argument("--password-file", metavar="TỆP", help="tệp chứa mật khẩu của bản sao lưu")
    parser.set_defaults(func=run)


def _authorise_over(db: Path, args: argparse.Namespace) -> bytes | None:
    """Restoring replaces everyone's data: an administrator of the file being replaced. A file
    too damaged to open has no readable accounts; it is kept byte for byte before the restore.
    Returns the data key of an encrypted file, which the restored file keeps."""
    if not db.exists():
        return None
    questions = CommandLineQuestions(args, writes=True, admin=True)
    try:
        current = open_cli_session(args, read_only=True, admin=True, questions=questions)
    except Refused:
        if questions.signing_in:
            raise  # the file opened: the credential is what is missing or wrong
        return None
    key = current.store.key
    current.close()
    return key


def run(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.exists():
        raise FileRefused(f"Không tìm thấy tệp sao lưu {source}.")
    holder = read_holder(Path(args.db))
    if holder and not is_stale(holder):
        raise in_use_refusal(holder)
    key = _authorise_over(Path(args.db), args)
    password = read_password(args.password_file)
    info = backups.inspect(source, password, key=key)
    saved = backup_ops.restore(Path(args.db), source, Settings(), password=password, key=key).saved
    print(
        f"Đã khôi phục từ {source} (tạo lúc {info.created:%H:%M ngày %d/%m/%Y}): "
        f"{info.summary.get('people', 0)} người, {info.summary.get('members', 0)} đảng viên."
    )
    if saved:
        print(f"Tệp trước khi khôi phục đã được sao lưu tại: {saved}")
    return 0
