"""What every subcommand shares: the --db option, opening the file, printing JSON."""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from commune_app.errors import FileRefused
from commune_app.ops.context import Actor, Session, open_session
from commune_app.safety import outputs
from commune_app.safety.lock import FileInUse, is_stale, read_holder
from commune_app.store.db import writable

CLI_USER = "dòng lệnh"  # who the audit names for a command run without --user
NEEDS_CREDENTIAL = (
    "Tệp {name} đã có tài khoản: lệnh này cần --user TÊN --user-password-file TỆP "
    "(tài khoản và tệp chứa mật khẩu của người thực hiện)."
)


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="TỆP", help="tệp dữ liệu SQLite")
    parser.add_argument(
        "--user", metavar="TÊN", help="tài khoản thực hiện lệnh (bắt buộc với lệnh ghi khi tệp đã có tài khoản)"
    )
    parser.add_argument("--user-password-file", metavar="TỆP", help="tệp chứa mật khẩu của tài khoản --user")


def add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help="ghi đè tệp kết quả đã có (không bao giờ ghi đè tệp dữ liệu hay bản sao lưu)",
    )


def output_target(args: argparse.Namespace, value: str) -> Path:
    """The checked -o of a command: never the data file or a backup, an existing file only with --force."""
    return outputs.check_target(Path(value), data_file=Path(args.db), force=bool(getattr(args, "force", False)))


def read_password(path: str | None) -> str | None:
    """The password in a text file, as Notepad saves it: UTF-8 (with or without its BOM) or
    UTF-16 with its BOM; one line, the line break not included. An empty file is refused."""
    if not path:
        return None
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise FileRefused(f"Không đọc được tệp mật khẩu {path}: {exc.strerror}") from None
    try:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = raw.decode("utf-16")
        else:
            text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            f"Tệp mật khẩu {path} không phải văn bản UTF-8 hay UTF-16: hãy mở bằng Notepad, "
            "chọn Lưu thành với mã hóa UTF-8 rồi thử lại."
        ) from None
    password = text.strip("\r\n")
    if not password:
        raise FileRefused(f"Tệp mật khẩu {path} trống: mật khẩu không được để trống.")
    return password


def open_cli_session(
    args: argparse.Namespace,
    *,
    create: bool = False,
    read_only: bool = False,
    writes: bool = False,
    admin: bool = False,
) -> Session:
    """Open --db; a missing file is a file error (exit 2) unless the command creates it.

    Once a file has accounts, a command that ``writes`` (or needs an ``admin``) must name its
    user and password (exit 2 without them) and is refused while the window holds the file's
    lock; reading commands run as the read-only "dòng lệnh" and are audited under that name."""
    path = Path(args.db)
    if not create and not path.exists():
        raise FileRefused(f"Không tìm thấy tệp dữ liệu {path}.")
    if path.exists() and not read_only and not writable(path):
        # A CD, a write-protected stick, a read-only share: reading works without switching to WAL.
        print(f"Tệp {path.name} nằm ở nơi không ghi được: mở ở chế độ chỉ đọc (không ghi nhật ký).", file=sys.stderr)
        read_only = True
    if writes and path.exists():
        holder = read_holder(path)
        if holder and not is_stale(holder):
            raise FileInUse(holder)
    session = open_session(path, create=create, read_only=read_only, actor=Actor(username=CLI_USER, role="admin"))
    try:
        authorise(session, args, writes=writes, admin=admin)
    except BaseException:
        session.close()
        raise
    return session


def authorise(session: Session, args: argparse.Namespace, *, writes: bool, admin: bool) -> None:
    """Sign the command's --user in, or refuse a writing command on a file that has accounts."""
    from commune_app.ops import accounts

    user = getattr(args, "user", None)
    if user:
        password = read_password(getattr(args, "user_password_file", None))
        if password is None:
            raise FileRefused("Thiếu --user-password-file TỆP: tệp chứa mật khẩu của tài khoản --user.")
        session.actor = accounts.authenticate(session, user, password)
    elif not accounts.needs_first_admin(session.store):
        if writes or admin:
            raise FileRefused(NEEDS_CREDENTIAL.format(name=session.store.path.name))
        session.actor = Actor(username=CLI_USER, role="viewer")
    if admin:
        session.require_admin()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


@contextmanager
def new_or_empty_file_session(args: argparse.Namespace) -> Iterator[Session]:
    """Open --db for a command that fills a new file (demo, import); when the command fails
    on a file it created itself, that file is removed again, so nothing half-made is left."""
    path = Path(args.db)
    existed = path.exists()
    session = open_cli_session(args, create=True, writes=True)
    try:
        yield session
    except BaseException:
        session.close()
        if not existed:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    session.close()
