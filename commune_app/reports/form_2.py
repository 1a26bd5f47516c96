"""Biểu số 2-BTCTW: the people admitted in the period, analysed as the form's rows say."""

from __future__ import annotations

from commune_app.reports import labels, population
from commune_app.reports.comparison import comparison_table
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import Counted, evaluate
from commune_app.reports.model import Table
from commune_app.reports.period import Period
from commune_app.store.stats import Facts

NAME = "2-BTCTW"
# Routings of the grassroots organisations the form counts in section III.
ORGANISATION_ROUTINGS = {"org_db": "dang_bo_co_so_duoc_uy_quyen", "org_cb": "chi_bo_co_so"}


def organisations(facts: Facts, period: Period) -> dict[str, Counted]:
    """Grassroots organisations at period end; those that admitted someone; those with no one left on the road."""
    admitting = {p.cell_on(p.admitted_on) for p in population.admitted_in(facts, period.start, period.end)}
    with_source = {p.cell_on(period.end) for p in population.on_the_road(facts, period.end)}
    out: dict[str, Counted] = {}
    for key, routing in ORGANISATION_ROUTINGS.items():
        cells = [c["id"] for c in facts.cells if c["routing"] == routing and c["active"]]
        out[key] = Counted(len(cells))
        out[f"{key}_admitted"] = Counted(sum(1 for c in cells if c in admitting))
        out[f"{key}_no_source"] = Counted(sum(1 for c in cells if c not in with_source))
    return out


def figures(facts: Facts, period: Period) -> dict[str, Counted]:
    spec = labels.load(NAME)
    people = population.admitted_in(facts, period.start, period.end)
    return evaluate(spec["rows"], people, lambda p: p.admitted_on, organisations(facts, period))


def build(ctx: ReportContext) -> Table:
    current = figures(ctx.facts, ctx.period)
    table = comparison_table(ctx, labels.load(NAME), current, figures(ctx.facts, ctx.previous))
    table.summary = [("Kết nạp trong kỳ", current["I"].value), ("Nữ", current["female"].value),
                     ("Đoàn viên", current["youth_union"].value), ("Tuổi bình quân", current["age_avg"].value)]
    return table
