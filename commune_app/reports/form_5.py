"""Biểu số 5-BTCTW: grassroots organisations and members by type of unit.

Each organisation takes the row of its unit type (resources/labels/5-BTCTW.json ``kinds``, from
the cell's kind; a đảng bộ cơ sở takes the type most of its cells have). Members are counted in
the organisation of the cell they belonged to at the period's end. The totals are checked
against 2-BTCTW III (organisations) and the list of members (everyone must be in a cell).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from commune_app.reports import labels, population
from commune_app.reports.checks import describe
from commune_app.reports.comparison import heading
from commune_app.reports.context import ReportContext
from commune_app.reports.form_2 import grassroots_organisations
from commune_app.reports.model import HeaderCell, Problem, Row, Table

NAME = "5-BTCTW"
# Columns 2–7: organisations (total, đảng bộ cơ sở, chi bộ cơ sở), under a đảng bộ cơ sở
# (đảng bộ bộ phận: not kept, chi bộ trực thuộc), members.
COLUMNS = ("orgs", "db", "cb", "section", "branch", "members")


def build(ctx: ReportContext) -> Table:
    spec = labels.load(NAME)
    facts, end = ctx.facts, ctx.period.end
    kind_row = spec["kinds"]
    cell_kind = {c["id"]: c["kind"] for c in facts.cells}
    members = population.members_on(facts, end)
    member_cells = facts.member_cells_on(end)
    per_cell = Counter(member_cells)
    counts: dict[str, Counter[str]] = {r["key"]: Counter() for r in spec["rows"]}

    def row_of(cells: set[int]) -> str:
        kinds = Counter(str(kind_row.get(cell_kind[c], "r11")) for c in cells)
        return max(sorted(kinds), key=lambda k: kinds[k])

    orgs = grassroots_organisations(facts, end)
    for cells in orgs["org_db"].values():
        row = counts[row_of(cells)]
        row.update(db=1, branch=len(cells), members=sum(per_cell[c] for c in cells))
    for cells in orgs["org_cb"].values():
        counts[row_of(cells)].update(cb=1, members=sum(per_cell[c] for c in cells))
    parts = {r["key"]: r["sum"] for r in spec["rows"] if "sum" in r}

    def summed(key: str) -> Counter[str]:
        """A row that adds up others ('Cộng (1+….+11)', '6 = a + b'), down to the leaf rows."""
        if key in parts:
            counts[key] = sum((summed(k) for k in parts[key]), Counter())
        return counts[key]

    for key in parts:
        summed(key)
    rows = [
        Row(r["key"], [r["label"], *_values(counts[r["key"]])], r.get("style", "item"), r.get("indent", 0))
        for r in spec["rows"]
    ]
    table = Table(
        code=NAME,
        sheet=spec["sheet"],
        heading=heading(ctx, spec["title"]),
        form_lines=[spec["form_number"], labels.common()["unit"]],
        header=[HeaderCell.from_spec(h) for h in spec["header"]],
        numbers=spec["numbers"],
        widths=spec["widths"],
        rows=rows,
        landscape=True,
    )
    table.notes.append(spec["not_tracked_note"])
    total = counts["total"]
    table.summary = [
        ("Tổ chức cơ sở đảng", total["db"] + total["cb"]),
        ("Chi bộ trực thuộc", total["branch"]),
        ("Đảng viên", total["members"]),
    ]
    table.problems = _checks(
        ctx,
        total,
        len(orgs["org_db"]),
        len(orgs["org_cb"]),
        [p.id for p, cell in zip(members, member_cells, strict=True) if cell is None],
        len(members),
    )
    return table


def _values(counts: Counter[str]) -> list[Any]:
    return [counts["db"] + counts["cb"], counts["db"], counts["cb"], None, counts["branch"], counts["members"]]


def _checks(
    ctx: ReportContext, total: Counter[str], db: int, cb: int, without_cell: list[int], members: int
) -> list[Problem]:
    problems = []
    if (total["db"], total["cb"]) != (db, cb):
        problems.append(
            Problem(
                f"Biểu {NAME}: số tổ chức cơ sở đảng ({total['db']}, {total['cb']}) khác Biểu 2-BTCTW"
                f" mục III ({db}, {cb}): có loại chi bộ chưa có dòng trong mẫu biểu."
            )
        )
    if total["members"] != members:
        problems.append(
            Problem(
                f"Biểu {NAME}: cột tổng số đảng viên ({total['members']}) khác số đảng viên trong danh sách ({members});"
                f" có đảng viên chưa xếp chi bộ: {describe(ctx.facts, without_cell)}.",
                tuple(sorted(without_cell)),
            )
        )
    return problems
