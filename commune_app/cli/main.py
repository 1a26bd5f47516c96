"""The ``commune-app`` command: the window by default, subcommands for automation.

Each subcommand lives in its own module of this package and exposes
``register(subparsers)``, which adds its parser and sets ``func(args) -> int``. Only the module of
the subcommand that runs is imported (``COMMANDS`` names the others for ``--help``), so the command
line starts without loading what it does not use. Exit codes:
0 success, 1 data or input refused (reasons printed in Vietnamese, one per line), 2 usage
or file errors. Expected failures never print a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from commune_app import APP_NAME, __version__, frontend
from commune_app.errors import FileRefused, Refused

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with its messages in Vietnamese and exit code 2 for usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Lỗi cú pháp lệnh: {message}\n")
        raise SystemExit(EXIT_USAGE)


_ARGPARSE_WORDS = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "giá trị %r không dùng được ở đây",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}


def _vietnamese_argparse(text: str) -> str:
    return _ARGPARSE_WORDS.get(text, text)


# argparse looks its words up through gettext at call time; answer in Vietnamese.
argparse._ = _vietnamese_argparse  # type: ignore[attr-defined]


# (name, module, the line --help shows). The module's own parser must use the same line
# (tests/core/test_cli.py compares the two listings).
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("backup", "cmd_backup", "tạo bản sao lưu đã kiểm tra của tệp dữ liệu"),
    ("bench", "cmd_bench", "đo hiệu năng trên dữ liệu mẫu"),
    ("check", "cmd_check", "kiểm tra tệp dữ liệu và các quy định của Đảng"),
    ("course", "cmd_course", "lớp bồi dưỡng: danh sách lớp, danh sách học viên có điểm danh và kết quả"),
    ("csdl", "cmd_csdl", "bảng chuẩn hóa dữ liệu của CSDL đảng viên: xuất, đối chiếu"),
    ("demo", "cmd_demo", "tạo dữ liệu mẫu trong một tệp mới"),
    ("dossier", "cmd_dossier", "in hồ sơ, văn bản của người vào Đảng, đảng viên dự bị (PDF, Word)"),
    ("export", "cmd_export", "xuất toàn bộ dữ liệu ra tệp JSON"),
    ("find", "cmd_find", "tìm người theo tên, số CCCD hoặc số điện thoại"),
    ("import", "cmd_import", "nhập dữ liệu từ tệp"),
    ("package", "cmd_package", "gói dữ liệu chi bộ: lập, mở, gộp"),
    ("report", "cmd_report", "xuất báo cáo Excel (biểu quý, báo cáo nhanh, danh sách, biểu thống kê BTCTW)"),
    ("restore", "cmd_restore", "khôi phục tệp dữ liệu từ một bản sao lưu"),
    ("rollup", "cmd_rollup", "tổng hợp báo cáo của nhiều đảng ủy xã thành báo cáo của tỉnh"),
    ("step", "cmd_step", "ghi nhận một bước trên quá trình phát triển đảng viên, liệt kê các bước"),
    ("user", "cmd_user", "quản lý tài khoản (dùng khi cài đặt tự động)"),
)
_MODULE_OF = {name: module for name, module, _help in COMMANDS}


def chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the line: the first word that is not an option (or --db's value)."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in _MODULE_OF else None
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog="commune-app", description=f"{APP_NAME}: công cụ dòng lệnh và cửa sổ chương trình.")
    parser.add_argument(
        "--version", action="version", version=f"commune-app {__version__}", help="hiện số phiên bản rồi thoát"
    )
    parser.add_argument("--db", metavar="TỆP", help="tệp dữ liệu để mở trong cửa sổ chương trình")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="mở cửa sổ trên tệp --db (không đăng nhập), tự kiểm tra các trang rồi thoát: dùng để kiểm tra bản dựng",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    for name, module, help_line in COMMANDS:
        if name == command:
            importlib.import_module(f"commune_app.cli.{module}").register(sub)
        else:  # listed for --help and for argparse's choices; never parsed
            sub.add_parser(name, help=help_line)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(chosen_command(argv))
    args = parser.parse_args(argv)
    if not args.command:
        return _start_window(args.db, self_test=args.self_test)
    try:
        return int(args.func(args) or EXIT_OK)
    except FileRefused as exc:
        for reason in exc.reasons:
            print(reason, file=sys.stderr)
        return EXIT_USAGE
    except Refused as exc:
        for reason in exc.reasons:
            print(reason, file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return EXIT_REFUSED


def _start_window(db: str | None, *, self_test: bool = False) -> int:
    # The interface registers itself (commune_app/frontend.py): the core never names it.
    registered = frontend.registered()
    if registered is None:
        print(
            "Không mở được cửa sổ chương trình: hãy chạy lệnh commune-app (hoặc python -m ui); "
            "python -m commune_app chỉ có các lệnh con.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        return registered.start_window(db, self_test)
    except ImportError as exc:
        print(f"Không mở được cửa sổ chương trình: thiếu thư viện giao diện ({exc.name}).", file=sys.stderr)
        return EXIT_USAGE


def main() -> None:
    _utf8_console()
    try:
        code = run()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`find --json | head`): what it wanted was written; exit quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_OK
    raise SystemExit(code)


def gui_main() -> None:
    """The windowed start (no console on Windows): same arguments, no subcommand needed."""
    raise SystemExit(run())


def _utf8_console() -> None:
    """Windows consoles default to a code page that cannot print Vietnamese."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")
