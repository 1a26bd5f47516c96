"""The ``commune-app`` command: the window by default, subcommands for automation.

Each subcommand lives in its own module of this package and exposes
``register(subparsers)``, which adds its parser and sets ``func(args) -> int``. Exit codes:
0 success, 1 data or input refused (reasons printed in Vietnamese, one per line), 2 usage
or file errors. Expected failures never print a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from commune_app import APP_NAME, __version__
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
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}


def _vietnamese_argparse(text: str) -> str:
    return _ARGPARSE_WORDS.get(text, text)


# argparse looks its words up through gettext at call time; answer in Vietnamese.
argparse._ = _vietnamese_argparse  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="commune-app", description=f"{APP_NAME}: công cụ dòng lệnh và cửa sổ chương trình.")
    parser.add_argument("--version", action="version", version=f"commune-app {__version__}",
                        help="hiện số phiên bản rồi thoát")
    parser.add_argument("--db", metavar="TỆP", help="tệp dữ liệu để mở trong cửa sổ chương trình")
    parser.add_argument("--self-test", action="store_true",
                        help="mở cửa sổ trên tệp --db (không đăng nhập), tự kiểm tra các trang rồi thoát: "
                             "dùng để kiểm tra bản dựng")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    package = importlib.import_module("commune_app.cli")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"commune_app.cli.{info.name}").register(sub)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
    # The window is loaded by name: the core never depends on the interface package.
    try:
        run_app = importlib.import_module("ui.app").run_app
    except ImportError as exc:
        print(f"Không mở được cửa sổ chương trình: thiếu thư viện giao diện ({exc.name}).", file=sys.stderr)
        return EXIT_USAGE
    return run_app(db, self_test=self_test)


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
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass
