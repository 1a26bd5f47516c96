"""`commune-app import --db PATH FILE.xlsx|.xls|.csv`: the spreadsheet side of the import command.

``--dry-run`` prints the summary and one line per refused row and exits 1 when a row is
refused. Without it, a sheet with refused rows is not imported at all (exit 1) unless
``--valid-only`` is given, which imports the accepted rows and reports the others.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from commune_app.importing.preview import Preview
from commune_app.importing.reader import SUFFIXES

EXIT_OK, EXIT_REFUSED = 0, 1


SHEET_SUFFIXES = (*SUFFIXES, ".txt")


def is_sheet(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SHEET_SUFFIXES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sheet", metavar="TÊN", help="tên trang tính (mặc định: trang đầu tiên)")
    parser.add_argument(
        "--kind",
        choices=("members", "candidates"),
        default=None,
        help="members: danh sách đảng viên; candidates: quần chúng ưu tú, người xin vào Đảng"
        " (mặc định: nhận ra từ tiêu đề, tên trang tính và các cột)",
    )
    parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra và báo cáo, không ghi gì")
    parser.add_argument("--valid-only", action="store_true", help="nhập các dòng hợp lệ, báo cáo các dòng bị từ chối")
    parser.add_argument("--mapping", metavar="TÊN", help="dùng cách ghép cột đã lưu với tên này")
    parser.add_argument(
        "--keep-old-fonts",
        action="store_true",
        help="giữ nguyên chữ viết bằng bảng mã cũ (TCVN3, VNI), không chuyển sang Unicode",
    )


def _report_rows(preview: Preview) -> list[str]:
    lines = [f"Dòng {number} bỏ qua: {reason}" for number, reason in preview.skipped]
    refused = [row for row in preview.rows if row.status == "refused"]
    noted = [row for row in preview.rows if row.status != "refused" and (row.warnings or row.conversions)]
    return lines + [
        f"Dòng {row.row_number}{f' ({row.full_name})' if row.full_name else ''} {row.described_text()}"
        for row in refused + noted
    ]


def run(args: argparse.Namespace) -> int:
    from commune_app.cli.common import open_cli_session
    from commune_app.ops import importing

    db = Path(args.db)
    scratch: Path | None = None
    if args.dry_run and not db.exists():
        # A dry run writes nothing, not even a new data file: check against an empty scratch file.
        scratch = Path(tempfile.mkdtemp(prefix="thu-nhap-"))
        args = argparse.Namespace(**{**vars(args), "db": str(scratch / "thu.sqlite")})
    session = open_cli_session(args, create=True, writes=True)
    try:
        preview = importing.preview(
            session,
            args.file,
            args.sheet,
            args.kind,
            saved=args.mapping,
            keep_as_written=bool(getattr(args, "keep_old_fonts", False)),
        )
        for line in preview.summary_lines():
            print(line)
        for line in _report_rows(preview):
            print(line)
        refused = preview.counts()["refused"]
        if args.dry_run:
            print("Chạy thử: chưa ghi gì vào tệp dữ liệu.")
            return EXIT_REFUSED if refused else EXIT_OK
        if refused and not args.valid_only:
            print(
                f"Không nhập gì vì có {refused} dòng bị từ chối. Hãy sửa bảng tính, "
                "hoặc dùng --valid-only để chỉ nhập các dòng hợp lệ."
            )
            return EXIT_REFUSED
        if not preview.accepted_default():
            print("Không có dòng hợp lệ nào để nhập.")
            return EXIT_REFUSED
        summary = importing.commit(session, preview)
        for line in summary.lines():
            print(line)
        return EXIT_OK
    finally:
        session.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
