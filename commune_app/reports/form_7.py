"""Biểu số 7-BTCTW: awards, party badges, party cards and transfers of the period.

Organisations' awards come from the ``org_awards`` rows (``level`` co | bang_khen | giay_khen,
a cell or the committee itself), counted apart from members' awards in the form's four tiers:
a) the committee itself (the level directly above the grassroots), b) a chi bộ cơ sở,
c) a đảng bộ bộ phận (not kept by the program: blank), d) a chi bộ trực thuộc; an award of a
level the form has no row for is refused by a check. Members' awards from 'award' milestones (``details.level``
bang_khen | giay_khen) and badges from 'party_badge' milestones (``details.years``); withdrawn
ones are not counted. Party cards come from 'party_card' milestones (``details.card_reason``:
first | lost | damaged, first when missing); transfers from 'transfer_in'/'transfer_out' (``transfer_kind``
temporary | official; ``irregular`` and ``forged`` flags).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from commune_app.domain.awards import ORG_AWARD_LEVELS
from commune_app.reports import labels
from commune_app.reports.assumed import note_assumed
from commune_app.reports.comparison import comparison_table
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import Counted
from commune_app.reports.model import Problem, Table
from commune_app.reports.period import Period
from commune_app.store import stats
from commune_app.store.db import Store
from commune_app.store.stats import Facts

NAME = "7-BTCTW"
_CARD_ROWS = {"first": "card_first", "lost": "card_lost", "damaged": "card_damaged"}


def figures(facts: Facts, store: Store, period: Period) -> tuple[dict[str, Counted], list[str]]:
    """The form's figures, and the organisations' award kinds of the period it has no row for."""
    counts: dict[str, int] = defaultdict(int)
    ids: dict[str, set[int]] = defaultdict(set)

    def add(key: str, person_id: int) -> None:
        counts[key] += 1
        ids[key].add(person_id)

    org_counts: dict[str, int] = defaultdict(int)
    routing = {c["id"]: c["routing"] for c in facts.cells}
    for award in facts.org_awards:
        if period.contains(dt.date.fromisoformat(award["awarded_on"])):
            org_counts[f"org_{_tier(award['cell_id'], routing)}_{award['level']}"] += 1
    for person_id, details in stats.events_in_window(store, "award", period.start, period.end):
        add(f"member_{details.get('level', '')}", person_id)
    for person_id, details in stats.events_in_window(store, "party_badge", period.start, period.end):
        add(f"badge_{details.get('years', '')}", person_id)
    for person_id, details in stats.events_in_window(store, "party_card", period.start, period.end):
        add(_CARD_ROWS.get(details.get("card_reason", "first"), "card_first"), person_id)
    for kind, way in (("transfer_in", "in"), ("transfer_out", "out")):
        for person, event in facts.events_between(kind, period.start, period.end):
            add(f"{'official' if event.official_move else 'temp'}_{way}", person.id)
            if event.details.get("irregular"):
                add(f"irregular_{way}", person.id)
            if event.details.get("forged"):
                add("forged", person.id)
    out: dict[str, Counted] = {}
    for row in labels.load(NAME)["rows"]:
        figure = row.get("figure")
        if figure is None or row.get("not_tracked"):
            out[row["key"]] = Counted(None)
        elif figure.startswith("org_"):  # organisations, not people: nobody to name
            out[row["key"]] = Counted(org_counts[figure], frozenset())
        else:
            out[row["key"]] = Counted(counts[figure], frozenset(ids[figure]))
    for row in reversed(labels.load(NAME)["rows"]):
        if "sum" in row and not row.get("not_tracked"):
            out[row["key"]] = Counted(sum(out[k].value or 0 for k in row["sum"]))
    printed = {row["figure"] for row in labels.load(NAME)["rows"] if "figure" in row and not row.get("not_tracked")}
    return out, sorted(f for f in org_counts if f not in printed)


_TIER_NAMES = {"upper": "Đảng bộ xã", "grassroots": "Chi bộ cơ sở", "branch": "Chi bộ trực thuộc"}


def _tier(cell_id: int | None, routing: dict[int, str]) -> str:
    """Which tier of section I.1 an organisation's award counts in."""
    if cell_id is None:
        return "upper"
    return "grassroots" if routing.get(cell_id) == "chi_bo_co_so" else "branch"


def build(ctx: ReportContext) -> Table:
    current, unprinted = figures(ctx.facts, ctx.store, ctx.period)
    previous, _ = figures(ctx.facts, ctx.store, ctx.previous)
    table = comparison_table(ctx, labels.load(NAME), current, previous)
    names = {
        f"org_{tier}_{level}": f"{who}: {what}"
        for tier, who in _TIER_NAMES.items()
        for level, what in ORG_AWARD_LEVELS.items()
    }
    table.problems.extend(
        Problem(
            f"Biểu {NAME}: có khen thưởng “{names.get(f, f)}” mà mẫu biểu không có dòng;"
            " hãy xem lại cấp khen hoặc hình thức khen."
        )
        for f in unprinted
    )
    table.summary = [
        ("Khen thưởng tổ chức đảng", current["I1"].value),
        ("Đảng viên được khen", current["I2"].value),
        ("Tặng Huy hiệu Đảng", current["II"].value),
        ("Phát thẻ đảng viên", current["III"].value),
        ("Chuyển đi chính thức", current["official_out"].value),
        ("Chuyển đến chính thức", current["official_in"].value),
    ]
    no_reason = [
        ctx.facts.people[person_id]
        for person_id, details in stats.events_in_window(ctx.store, "party_card", ctx.period.start, ctx.period.end)
        if not details.get("card_reason") and person_id in ctx.facts.people
    ]
    note_assumed(table, no_reason, "thẻ đảng viên", "lý do phát thẻ", "phát thẻ lần đầu")
    return table
