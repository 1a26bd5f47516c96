"""``commune-app demo``: fill a new data file with realistic, reproducible demo data."""

from __future__ import annotations

import argparse
import datetime as dt
import time

from commune_app import vn
from commune_app.cli.common import add_db, new_or_empty_file_session
from commune_app.demo.generator import SCALE_LABELS, SCALES, generate
from commune_app.store import cells as cell_store


def iso_day(text: str) -> dt.date:
    """An argparse type: YYYY-MM-DD, refused in Vietnamese."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày “{text}” phải viết dạng năm-tháng-ngày, ví dụ 2026-11-20") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "demo",
        help="tạo dữ liệu mẫu trong một tệp mới",
        description="Tạo dữ liệu mẫu như thật (một xã biên giới của tỉnh Lạng Sơn, hoặc cả tỉnh"
        " để đo hiệu năng). Cùng hạt giống và cùng ngày cho cùng dữ liệu.",
    )
    add_db(parser)
    parser.add_argument(
        "--scale",
        choices=tuple(SCALES),
        default="commune",
        help="quy mô: " + "; ".join(f"{k} = {v}" for k, v in SCALE_LABELS.items()),
    )
    parser.add_argument("--seed", type=int, default=1, metavar="N", help="hạt giống ngẫu nhiên (mặc định 1)")
    parser.add_argument(
        "--today", type=iso_day, metavar="YYYY-MM-DD", help="coi ngày này là hôm nay (mặc định: ngày hiện tại)"
    )
    parser.add_argument(
        "--commune",
        default="Ba Sơn",
        metavar="TÊN",
        help="tên xã: tên đảng ủy, các thôn, đơn vị và người khác theo tên này, để tạo nhiều xã khác"
        " nhau (thử tổng hợp báo cáo; mặc định: Ba Sơn)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    with new_or_empty_file_session(args) as session:
        if args.today:
            session.today_override = args.today
        counts = generate(session, scale=args.scale, seed=args.seed, commune=args.commune)
        by_status: dict[str, int] = {}
        for statuses in cell_store.member_counts(session.store).values():
            for status, number in statuses.items():
                by_status[status] = by_status.get(status, 0) + number
    members = by_status.get("probationary", 0) + by_status.get("official", 0)
    road = by_status.get("source", 0) + by_status.get("candidate", 0)
    seconds = vn.decimal(time.perf_counter() - started, 1)
    print(f"Đã tạo dữ liệu mẫu quy mô {SCALE_LABELS[args.scale]} trong {args.db} ({seconds} giây):")
    print(
        f"  {counts['cells']} chi bộ, {members} đảng viên, {road} người đang trên đường vào Đảng,"
        f" {counts['people']} hồ sơ người;"
    )
    print(
        f"  {counts['milestones']} mốc hồ sơ, {counts['links']} phân công giúp đỡ/giới thiệu,"
        f" {counts['relatives']} người thân, {counts.get('courses', 0)} lớp bồi dưỡng"
        f" với {counts.get('enrolments', 0)} học viên."
    )
    return 0
