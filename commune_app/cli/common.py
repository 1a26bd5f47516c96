"""What every subcommand shares: the --db option, opening the file, printing JSON.

Files are opened by ``commune_app.ops.opening.open_data_file``, the window's path too; here its
questions are answered from the options, never interactively (``CommandLineQuestions``)."""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from commune_app import places
from commune_app.errors import FileRefused, Refused
from commune_app.ops import opening
from commune_app.ops.context import Session
from commune_app.ops.integrity import FileReport
from commune_app.safety import outputs
from commune_app.safety.lock import FileInUse, Holder

if TYPE_CHECKING:
    from commune_app.safety.backups import BackupInfo

CLI_USER = "dòng lệnh"  # who the audit names for a command run without --user
IN_USE = (
    "Tệp dữ liệu đang được mở bởi {holder}: lệnh này ghi vào tệp nên không chạy khi chương trình khác "
    "đang mở tệp. Hãy đợi người đó đóng chương trình rồi chạy lại."
)
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
    parser.add_argument(
        "--recovery-key-file",
        metavar="TỆP",
        help="tệp chứa khóa khôi phục của tệp dữ liệu đã mã hóa (thay cho --user khi quên mật khẩu)",
    )


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


class CommandLineQuestions:
    """``ops.opening.Questions`` answered from the command's options: the file held elsewhere
    refuses a writing command (exit 1, naming who and on which computer); sign-in takes
    --user and --user-password-file."""

    def __init__(self, args: argparse.Namespace, *, writes: bool, admin: bool) -> None:
        self.args = args
        self.writes = writes
        self.admin = admin
        self.signing_in = False  # the file opened; what fails from here on is the credential

    def place_warnings(self, warnings: list[places.PlaceWarning]) -> None:
        for warning in warnings:
            print(warning.message, file=sys.stderr)

    def open_read_only(self, in_use: FileInUse) -> bool:
        raise in_use_refusal(in_use.holder)

    def restore_damaged(self, report: FileReport, latest: BackupInfo | None) -> bool:
        raise FileRefused(report.summary, *report.problems)

    def sign_in(self, request: opening.SignIn) -> bool:
        self.signing_in = True
        user = getattr(self.args, "user", None)
        recovery = getattr(self.args, "recovery_key_file", None)
        if recovery and not user:
            code = read_password(recovery)
            assert code is not None  # read_password refuses an empty file
            request.recover(code)
        elif user:
            password = read_password(getattr(self.args, "user_password_file", None))
            if password is None:
                raise FileRefused("Thiếu --user-password-file TỆP: tệp chứa mật khẩu của tài khoản --user.")
            request.verify(user, password)
        elif not request.first_admin and (self.writes or self.admin):
            raise FileRefused(NEEDS_CREDENTIAL.format(name=request.path.name))
        else:
            request.without_account(CLI_USER)
        return True

    def change_password(self, change: opening.PasswordChange) -> bool:
        return True  # a new password is chosen in the window, which asks at its next start


def in_use_refusal(holder: Holder) -> Refused:
    return Refused(IN_USE.format(holder=holder.describe()))


def open_cli_session(
    args: argparse.Namespace,
    *,
    create: bool = False,
    read_only: bool = False,
    writes: bool = False,
    admin: bool = False,
    questions: CommandLineQuestions | None = None,
) -> Session:
    """Open --db; a missing file is a file error (exit 2) unless the command creates it.

    A command that ``writes`` takes the file's lock for its run (refused while the window holds
    it) and, once the file has accounts, must name its user and password (exit 2 without them),
    as must one that needs an ``admin``; reading commands run beside the window as the read-only
    "dòng lệnh" and are audited under that name. A file on a medium that cannot be written
    opens read-only (said on stderr)."""
    path = Path(args.db)
    if not create and not path.exists():
        raise FileRefused(f"Không tìm thấy tệp dữ liệu {path}.")
    questions = questions or CommandLineQuestions(args, writes=writes, admin=admin)
    opened = opening.open_data_file(path, None, questions, create=create, read_only=read_only, check=False, lock=writes)
    assert opened is not None  # the command line's answers refuse rather than give up
    for notice in opened.notices:
        print(notice.text, file=sys.stderr)
    opened.session.after_close.append(opened.release)
    if admin:
        try:
            opened.session.require_admin()
        except BaseException:
            opened.session.close()
            raise
    return opened.session


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
