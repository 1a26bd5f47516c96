"""Biểu 2B: the people admitted in the period by ethnicity and by religion, two groups side by side.

The same frame serves Biểu 3B (the members in the list at the period's end): ``ethnicity_table``.
"""

from __future__ import annotations

from typing import Any

from commune_app.domain import codes
from commune_app.reports import labels, population
from commune_app.reports.comparison import heading
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import percent
from commune_app.reports.model import HeaderCell, Problem, Row, Table
from commune_app.store.stats import PersonFacts

NAME = "2B-BTCTW"


def _groups(
    entries: list[dict[str, Any]], people: list[PersonFacts], field: str
) -> list[tuple[str, list[PersonFacts]]]:
    """People per entry of the list (by stored value); those with a value no entry lists go to the
    entry marked ``other``. One pass over the people: the stock of a province is 150,000."""
    where = {v: i for i, e in enumerate(entries) for v in e.get("values", ())}
    other = next((i for i, e in enumerate(entries) if e.get("other")), None)
    chosen: list[list[PersonFacts]] = [[] for _ in entries]
    for person in people:
        index = where.get(person[field], other)
        if index is not None:
            chosen[index].append(person)
    return [(entry["label"], group) for entry, group in zip(entries, chosen, strict=False)]


def build(ctx: ReportContext) -> Table:
    table = ethnicity_table(ctx, labels.load(NAME), population.admitted_in(ctx.facts, ctx.period.start, ctx.period.end))
    table.summary[0] = ("Kết nạp trong kỳ", table.summary[0][1])
    return table


def ethnicity_table(ctx: ReportContext, spec: dict[str, Any], people: list[PersonFacts]) -> Table:
    """People by ethnicity (section I) and the religious among them by religion (section II)."""
    groups = labels.load(spec["groups_from"]) if "groups_from" in spec else spec
    religious = [p for p in people if codes.is_religious(p["religion"])]
    items: list[tuple[str, list[Any]]] = []  # (style, [TT, label, total, female, %])

    def line(tt: str, label: str, group: list[PersonFacts], base: int, style: str) -> None:
        female = sum(1 for p in group if p["gender"] == "F")
        items.append((style, [tt, label, len(group), female, percent(len(group), base)]))

    line("I", spec["ethnicity_section"], people, len(people), "section")
    ethnic = _groups(groups["ethnicities"], people, "ethnicity")
    for number, (label, group) in enumerate(ethnic, start=1):
        line(str(number), label, group, len(people), "item")
    line("II", spec["religion_section"], religious, len(religious), "section")
    faiths = _groups(groups["religions"], religious, "religion")
    for number, (label, group) in enumerate(faiths, start=1):
        line(str(number), label, group, len(religious), "item")

    half = (len(items) + 1) // 2
    left, right = items[:half], items[half:]
    rows = []
    for i, (style, values) in enumerate(left):
        other = right[i][1] if i < len(right) else [None] * 5
        styles = {c: "section" for c in range(5) if style == "section"}
        if i < len(right) and right[i][0] == "section":
            styles.update({c: "section" for c in range(5, 10)})
        rows.append(Row(f"r{i}", values + other, "item", cell_styles=styles))
    header = [HeaderCell.from_spec(h) for h in spec["header"]] + [HeaderCell.from_spec(h, 5) for h in spec["header"]]
    code = spec["code"]
    table = Table(
        code=code,
        sheet=spec["sheet"],
        heading=heading(ctx, spec["title"]),
        form_lines=[spec["form_number"], labels.common()["unit"]],
        header=header,
        numbers=spec["numbers"] * 2,
        widths=spec["widths"] * 2,
        rows=rows,
        landscape=True,
        percent_cols=frozenset({4, 9}),
        text_cols=frozenset({1, 6}),
        one_page=True,
    )
    share = percent(len(religious), len(people))
    table.notes.append(spec["footnote"].format(percent="" if share is None else f"{share:.2f}".replace(".", ",")))
    table.summary = [
        ("Tổng số", len(people)),
        ("Dân tộc thiểu số", sum(1 for p in people if codes.is_ethnic_minority(p["ethnicity"]))),
        ("Người theo tôn giáo", len(religious)),
    ]
    counted = sum(len(g) for _, g in ethnic)
    if counted != len(people):
        table.problems.append(Problem(f"Biểu {code}: các dân tộc cộng lại {counted} khác tổng số {len(people)}."))
    counted = sum(len(g) for _, g in faiths)
    if counted != len(religious):
        table.problems.append(Problem(f"Biểu {code}: các tôn giáo cộng lại {counted} khác tổng số {len(religious)}."))
    return table
