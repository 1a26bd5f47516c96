"""Internal checks run before a workbook is written.

A statistical form that does not add up is sent back by the province; so the export stops
and names the records that cause the difference: D = A + B − C, breakdowns not above their
total, parts adding up to their whole, per-cell rows adding up to the total.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from commune_app.errors import Refused
from commune_app.reports.counting import Counted
from commune_app.reports.model import Problem, Table
from commune_app.store.stats import Facts

NAMED_AT_MOST = 20


def _label(rows: list[dict[str, Any]], key: str) -> str:
    for spec in rows:
        if spec["key"] == key:
            return spec["label"].strip()
    return key


def check_rows(form: str, rows: list[dict[str, Any]], counted: dict[str, Counted]) -> list[Problem]:
    """Breakdowns not above their parent; sums equal to their parts; groups within their total."""
    problems: list[Problem] = []
    for spec in rows:
        key, value = spec["key"], counted[spec["key"]]
        parent = spec.get("parent")
        if (
            parent
            and value.value is not None
            and counted[parent].value is not None
            and value.value > counted[parent].value
        ):
            extra = (
                (value.ids - counted[parent].ids)
                if value.ids is not None and counted[parent].ids is not None
                else frozenset()
            )
            problems.append(
                Problem(
                    f"Biểu {form}: dòng “{_label(rows, key)}” ({value.value}) lớn hơn dòng "
                    f"“{_label(rows, parent)}” ({counted[parent].value}).",
                    tuple(sorted(extra)),
                )
            )
        if "sum" in spec and value.value is not None:
            parts = [counted[k] for k in spec["sum"]]
            total = sum(p.value or 0 for p in parts)
            if total != value.value:
                union = frozenset().union(*(p.ids or frozenset() for p in parts))
                odd = (value.ids ^ union) if value.ids is not None else frozenset()
                problems.append(
                    Problem(
                        f"Biểu {form}: dòng “{_label(rows, key)}” ({value.value}) khác tổng các dòng chi tiết ({total}).",
                        tuple(sorted(odd)),
                    )
                )
        if "parts" in spec:
            whole = counted[spec["parts_of"]]
            total = sum(counted[k].value or 0 for k in spec["parts"])
            if whole.value is not None and total > whole.value:
                problems.append(
                    Problem(
                        f"Biểu {form}: các dòng của mục “{_label(rows, key)}” cộng lại ({total}) lớn hơn "
                        f"“{_label(rows, spec['parts_of'])}” ({whole.value}).",
                        (),
                    )
                )
    return problems


def check_cells_add_up(table: Table, total_key: str = "total") -> list[Problem]:
    """Per-cell rows add up to the total row, column by column."""
    total = table.row(total_key)
    body = [r for r in table.rows if r.key.startswith("cell:")]
    problems = []
    for col, value in enumerate(total.values):
        if col in table.percent_cols or not isinstance(value, int) or isinstance(value, bool):
            continue
        summed = sum(r.values[col] or 0 for r in body if isinstance(r.values[col], int))
        if summed != value:
            head = next((h.text for h in table.header if h.col == col and h.colspan == 1), str(col + 1))
            problems.append(
                Problem(f"{table.sheet}: cột “{head}” các chi bộ cộng lại {summed} nhưng dòng tổng cộng là {value}.")
            )
    return problems


def describe(facts: Facts, person_ids: Iterable[int]) -> str:
    ids = list(person_ids)
    names = []
    for pid in ids[:NAMED_AT_MOST]:
        person = facts.people.get(pid)
        names.append(f"{person['full_name']} (mã {pid})" if person else f"mã {pid}")
    more = f" và {len(ids) - NAMED_AT_MOST} người khác" if len(ids) > NAMED_AT_MOST else ""
    return ", ".join(names) + more


def refuse_if_problems(facts: Facts, tables: Iterable[Table]) -> None:
    """Stop the export with every failed check and the records behind it."""
    reasons = []
    for table in tables:
        for problem in table.problems:
            reason = problem.message
            if problem.person_ids:
                reason += f" Hồ sơ cần xem lại: {describe(facts, problem.person_ids)}."
            reasons.append(reason)
    if reasons:
        raise Refused("Số liệu không khớp nên chưa xuất báo cáo:", *reasons)
