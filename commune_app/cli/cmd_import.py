"""``commune-app import``: read a file into the data file; the reader is chosen by the suffix.

Each supported suffix maps to one reader function in ``READERS``; other kinds of file (a
spreadsheet, a CSV) are added there next to JSON.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from commune_app.cli import sheet_import
from commune_app.cli.common import add_db, new_or_empty_file_session
from commune_app.errors import FileRefused
from commune_app.exchange import import_file
from commune_app.importing.merge import merged_text


def _merge_json(args: argparse.Namespace) -> int:
    """--merge: into a file that already has data; conflicts are listed and never merged."""
    from commune_app.cli.common import open_cli_session
    from commune_app.ops import importing

    session = open_cli_session(args)
    try:
        preview = importing.merge_preview(session, args.file)
        for line in [*preview.summary_lines(), *preview.detail_lines()]:
            print(line)
        conflicts = preview.counts()["conflict"]
        if args.dry_run:
            print("Chạy thử: chưa ghi gì vào tệp dữ liệu.")
            return 1 if conflicts else 0
        if conflicts and not args.valid_only:
            print(
                f"Không gộp gì vì có {conflicts} hồ sơ mâu thuẫn. Hãy sửa hồ sơ, hoặc dùng --valid-only để chỉ"
                " gộp các hồ sơ không mâu thuẫn."
            )
            return 1
        counts = importing.merge_commit(session, preview)
        print(merged_text(counts))
        return 0
    finally:
        session.close()


def _import_json(args: argparse.Namespace) -> int:
    if getattr(args, "merge", False):
        return _merge_json(args)
    with new_or_empty_file_session(args) as session:
        counts = import_file(session, args.file)
    print(
        f"Đã nhập {sum(counts.values())} dòng của {len(counts)} bảng ({counts.get('people', 0)} hồ sơ người)"
        f" từ {args.file} vào {args.db}."
    )
    return 0


READERS: dict[str, Callable[[argparse.Namespace], int]] = {
    ".json": _import_json,
    **{suffix: sheet_import.run for suffix in sheet_import.SHEET_SUFFIXES},
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "import",
        help="nhập dữ liệu từ tệp",
        description="Nhập dữ liệu từ tệp JSON theo định dạng trao đổi (docs/data-format.md) vào"
        " một tệp dữ liệu mới hoặc chưa có gì; hoặc nhập danh sách người từ"
        " bảng tính .xlsx, .xls, .csv (xem trước bằng --dry-run).",
    )
    add_db(parser)
    parser.add_argument("file", metavar="TỆP", help="tệp cần nhập (" + ", ".join(READERS) + ")")
    sheet_import.add_arguments(parser)  # options of the spreadsheet import (.xlsx, .xls, .csv)
    parser.add_argument(
        "--merge", action="store_true", help="tệp JSON: gộp vào tệp dữ liệu đã có dữ liệu (xem trước bằng --dry-run)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    suffix = Path(args.file).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise FileRefused(
            f"Không nhập được tệp “{Path(args.file).name}”: chỉ nhận các loại tệp " + ", ".join(READERS) + "."
        )
    if not Path(args.file).is_file():
        raise FileRefused(f"Không tìm thấy tệp {args.file}.")
    return reader(args)
