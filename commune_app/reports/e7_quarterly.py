"""E7: the commune's quarterly report on party development, one row per cell."""

from __future__ import annotations

from commune_app.reports import labels
from commune_app.reports.cell_figures import compute
from commune_app.reports.commune_table import commune_table
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import percent
from commune_app.reports.model import Block, Table
from commune_app.reports.period import period_words

NAME = "E7"


def build(ctx: ReportContext) -> Table:
    spec = labels.load(NAME)
    current = compute(ctx, ctx.period)
    previous = compute(ctx, ctx.previous)
    table = commune_table(ctx, spec, current)
    rows = []
    words = period_words(ctx.period)
    for key, label in spec["compare_rows"].items():
        label = label.format(**words)
        now, before = current.total[key], previous.total[key]
        rows.append([label, now, before, now - before, percent(now, before)])
    table.blocks.append(Block(f"{spec['compare_title']} ({ctx.previous.label})", spec["compare_header"], rows))
    total = current.total
    table.summary = [
        ("Đảng viên đầu năm", total["members_start"]),
        ("Chỉ tiêu kết nạp năm", total["target"]),
        ("Kết nạp trong kỳ", total["admitted_period"]),
        (f"Kết nạp lũy kế {ctx.period.cumulative_text}", total["admitted_ytd"]),
        ("% so chỉ tiêu", percent(total["admitted_ytd"], total["target"])),
        ("Cùng kỳ năm trước", previous.total["admitted_period"]),
        ("Công nhận chính thức", total["recognised"]),
        ("Học lớp NTVĐ trong kỳ", total["course"]),
        ("Cảm tình Đảng có GCN còn hiệu lực", total["certificate_valid"]),
        ("Hồ sơ đang thẩm tra lý lịch", total["verifying"]),
    ]
    return table
