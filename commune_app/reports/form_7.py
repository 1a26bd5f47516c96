"""Biểu số 7-BTCTW: party cards and transfers of the period.

Awards and badges are not recorded by the program; their rows stay blank with a note.
Party cards come from 'party_card' milestones (``details.card_reason``: first | lost |
damaged, first when missing); transfers from 'transfer_in'/'transfer_out' (``transfer_kind``
temporary | official; ``irregular`` and ``forged`` flags).
"""

from __future__ import annotations

from collections import defaultdict

from commune_app.reports import labels
from commune_app.reports.comparison import comparison_table
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import Counted
from commune_app.reports.model import Table
from commune_app.reports.period import Period
from commune_app.store.stats import Facts

NAME = "7-BTCTW"
_CARD_ROWS = {"first": "card_first", "lost": "card_lost", "damaged": "card_damaged"}


def figures(facts: Facts, period: Period) -> dict[str, Counted]:
    counts: dict[str, int] = defaultdict(int)
    ids: dict[str, set[int]] = defaultdict(set)

    def add(key: str, person_id: int) -> None:
        counts[key] += 1
        ids[key].add(person_id)

    for person, event in facts.events_of("party_card"):
        if period.contains(event.date):
            add(_CARD_ROWS.get(event.details.get("card_reason", "first"), "card_first"), person.id)
    for kind, way in (("transfer_in", "in"), ("transfer_out", "out")):
        for person, event in facts.events_of(kind):
            if not period.contains(event.date):
                continue
            add(f"{'official' if event.official_move else 'temp'}_{way}", person.id)
            if event.details.get("irregular"):
                add(f"irregular_{way}", person.id)
            if event.details.get("forged"):
                add("forged", person.id)
    found = {key: Counted(counts[key], frozenset(ids[key])) for key in
             ("card_first", "card_lost", "card_damaged", "temp_in", "temp_out", "official_in", "official_out",
              "irregular_in", "irregular_out", "forged")}
    out: dict[str, Counted] = {}
    for row in labels.load(NAME)["rows"]:
        out[row["key"]] = found.get(row.get("figure", ""), Counted(None))
    for row in reversed(labels.load(NAME)["rows"]):
        if "sum" in row:
            out[row["key"]] = Counted(sum(out[k].value or 0 for k in row["sum"]))
    return out


def build(ctx: ReportContext) -> Table:
    current = figures(ctx.facts, ctx.period)
    table = comparison_table(ctx, labels.load(NAME), current, figures(ctx.facts, ctx.previous))
    table.summary = [("Phát thẻ đảng viên", current["III"].value),
                     ("Chuyển đi chính thức", current["official_out"].value),
                     ("Chuyển đến chính thức", current["official_in"].value)]
    return table
