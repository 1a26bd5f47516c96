"""``commune-app bench``: generate a demo file and time what the clerk waits for."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from commune_app.cli.cmd_demo import iso_day
from commune_app.cli.table import render
from commune_app.demo.generator import SCALE_LABELS, SCALES
from commune_app.errors import FileRefused

_VERDICT = {True: "đạt", False: "CHƯA ĐẠT", None: ""}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "bench",
        help="đo hiệu năng trên dữ liệu mẫu",
        description="Tạo tệp dữ liệu mẫu rồi đo thời gian mở tệp, tìm kiếm, xuất dữ liệu.",
    )
    parser.add_argument(
        "--scale",
        choices=tuple(SCALES),
        default="commune",
        help="quy mô: " + "; ".join(f"{k} = {v}" for k, v in SCALE_LABELS.items()),
    )
    parser.add_argument("--json", metavar="TỆP", help="ghi kết quả ra tệp JSON")
    parser.add_argument("--keep", metavar="THƯ_MỤC", help="giữ tệp dữ liệu mẫu trong thư mục này")
    parser.add_argument("--seed", type=int, default=1, metavar="N", help="hạt giống ngẫu nhiên (mặc định 1)")
    parser.add_argument("--today", type=iso_day, metavar="YYYY-MM-DD", help="coi ngày này là hôm nay")
    parser.add_argument(
        "--only",
        metavar="PHÉP_ĐO,...",
        help="chỉ chạy các phép đo này (ngăn cách bằng dấu phẩy), ví dụ: open,find,export,gui",
    )
    parser.set_defaults(func=run)


def _value(value: float, unit: str) -> str:
    """Vietnamese numbers: a decimal comma."""
    if unit in ("ms", "MB"):
        text = f"{value:.1f} {unit}"
    else:
        text = f"{value:.3f} giây" if value < 1 else f"{value:.2f} giây"
    return text.replace(".", ",")


def run(args: argparse.Namespace) -> int:
    try:
        from commune_app.bench import as_json, run_benchmark
    except ImportError as exc:  # the built program ships without the benchmark (build.spec)
        raise FileRefused("Bản chương trình này không có bộ đo hiệu năng; hãy chạy từ mã nguồn.") from exc
    results = run_benchmark(
        args.scale,
        seed=args.seed,
        keep=Path(args.keep) if args.keep else None,
        today=args.today,
        only={k.strip() for k in args.only.split(",") if k.strip()} if args.only else None,
    )
    print(f"Kết quả đo hiệu năng, quy mô {SCALE_LABELS[args.scale]}:\n")
    print(
        render(
            ("Phép đo", "Kết quả", "Mục tiêu", "Đánh giá", "Ghi chú"),
            [
                (
                    r.label,
                    _value(r.value, r.unit),
                    _value(r.target, r.unit) if r.target is not None else "",
                    _VERDICT[r.passed],
                    r.note,
                )
                for r in results
            ],
            right=(1, 2),
        )
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(as_json(results, args.scale), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"\nĐã ghi kết quả ra {args.json}.")
    return 0
