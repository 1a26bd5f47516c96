"""``commune-app report``: the Excel reports for the level above, for any period."""

from __future__ import annotations

import argparse

from commune_app.cli.common import add_db, add_force, open_cli_session, output_target
from commune_app.reports.definitions import ALL_CODES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "report",
        help="xuất báo cáo Excel (biểu quý, báo cáo nhanh, danh sách, biểu thống kê BTCTW)",
        description="Xuất báo cáo Excel cho cấp trên. Kỳ báo cáo: 2026-Q1 (quý), 2026-03 (tháng), "
        "2026-H1 (6 tháng), 2026-9M (9 tháng đầu năm), 2026 (năm) hoặc 2026-01-01..2026-03-31"
        " (từ ngày..đến ngày)."
        " Kỳ chưa kết thúc được tính đến hôm nay; kỳ chưa bắt đầu bị từ chối.",
    )
    add_db(parser)
    parser.add_argument("--period", required=True, metavar="KỲ", help="kỳ báo cáo, ví dụ 2026-Q1")
    parser.add_argument(
        "--forms", nargs="+", metavar="BIỂU", help=f"các biểu cần xuất (mặc định tất cả): {' '.join(ALL_CODES)}"
    )
    parser.add_argument("-o", "--output", required=True, metavar="TỆP.xlsx", help="tệp sẽ ghi: .xlsx (Excel) hoặc .pdf")
    add_force(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from commune_app.ops import reports

    forms = [f for item in (args.forms or []) for f in item.split(",") if f.strip()]
    target = output_target(args, args.output)
    session = open_cli_session(args, read_only=False)
    try:
        path = reports.export(session, args.period, forms or None, target)
    finally:
        session.close()
    print(f"Đã xuất báo cáo: {path}")
    return 0
