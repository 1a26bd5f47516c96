"""Biểu số 2-BTCTW: the people admitted in the period, analysed as the form's rows say."""

from __future__ import annotations

import datetime as dt

from commune_app.reports import labels, population
from commune_app.reports.comparison import comparison_table
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import Counted, evaluate
from commune_app.reports.model import Table
from commune_app.reports.period import Period
from commune_app.store.stats import Facts

NAME = "2-BTCTW"
# Routings of the cells that belong to a đảng bộ cơ sở (grouped by the parent organisation's name).
UNDER_GRASSROOTS_COMMITTEE = ("chi_bo_truc_thuoc", "dang_bo_co_so_duoc_uy_quyen")


def grassroots_organisations(facts: Facts, day: dt.date) -> dict[str, dict[str, set[int]]]:
    """The commune's grassroots organisations on a day, as {"org_db"|"org_cb": {name: cell ids}}.

    A đảng bộ cơ sở is the parent organisation named by its chi bộ trực thuộc (the commune's
    Đảng bộ Cơ quan xã...); a chi bộ cơ sở is its own organisation. The file keeps no dated
    creation or dissolution of cells, so an organisation exists on a day when at least one member
    of the list belonged to it then (by the cell history); see docs/reports.md.
    """
    with_members = set(facts.member_cells_on(day))
    out: dict[str, dict[str, set[int]]] = {"org_db": {}, "org_cb": {}}
    for cell in facts.cells:
        if cell["id"] not in with_members:
            continue
        if cell["routing"] in UNDER_GRASSROOTS_COMMITTEE:
            out["org_db"].setdefault(cell["parent_org"].strip() or cell["name"], set()).add(cell["id"])
        else:
            out["org_cb"][cell["name"]] = {cell["id"]}
    return out


def organisations(facts: Facts, period: Period) -> dict[str, Counted]:
    """Grassroots organisations at period end; those that admitted someone in the period; those
    marked for the period's year as having no one left outside the party."""
    admitting = {p.cell_on(p.admitted_on) for p in population.admitted_in(facts, period.start, period.end)}
    none_left = facts.no_masses.get(period.end.year, set())
    out: dict[str, Counted] = {}
    for key, orgs in grassroots_organisations(facts, period.end).items():
        out[key] = Counted(len(orgs))
        out[f"{key}_admitted"] = Counted(sum(1 for cells in orgs.values() if cells & admitting))
        out[f"{key}_no_source"] = Counted(sum(1 for cells in orgs.values() if cells <= none_left))
    return out


def figures(facts: Facts, period: Period) -> dict[str, Counted]:
    spec = labels.load(NAME)
    people = population.admitted_in(facts, period.start, period.end)
    return evaluate(facts, spec["rows"], people, lambda p: p.admitted_on, organisations(facts, period))


def build(ctx: ReportContext) -> Table:
    current = figures(ctx.facts, ctx.period)
    table = comparison_table(ctx, labels.load(NAME), current, figures(ctx.facts, ctx.previous))
    table.summary = [
        ("Kết nạp trong kỳ", current["I"].value),
        ("Nữ", current["female"].value),
        ("Đoàn viên", current["youth_union"].value),
        ("Tuổi bình quân", current["age_avg"].value),
    ]
    return table
