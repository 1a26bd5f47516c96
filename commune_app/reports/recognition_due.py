"""DS-CT: probationary members whose probation ends within the period (due for official recognition).

The due day is E9's (12 months from the ceremony, by the probation rule). A running period lists
everyone due up to its own last day, so the clerk sees the whole quarter ahead. People who left
the list before their due day (struck off, died, moved away) are not listed.
"""

from __future__ import annotations

from commune_app import vn
from commune_app.reports import labels
from commune_app.reports.context import ReportContext
from commune_app.reports.e9_list import (
    birth_text,
    decision_number,
    earliest_ceremony_due,
    ended_before,
    probation_end,
)
from commune_app.reports.model import HeaderCell, Row, Table

NAME = "DS-CT"


def build(ctx: ReportContext) -> Table:
    spec = labels.load(NAME)
    status = spec["status"]
    period, today = ctx.period, ctx.today
    due = []
    # Only those whose probation can end in the period are worked out: not a province's 150,000
    # members whose ceremony, at or after their decision, ended it before the period began.
    earliest = earliest_ceremony_due(period.start, ctx.probation_months)
    for person in ctx.facts.admitted_between(None, period.end):
        if ended_before(ctx, person, earliest):
            continue
        day, fixed = probation_end(ctx, person)
        if period.start <= day <= period.full_end and person.in_list_on(min(day, today)):
            due.append((day, fixed, person))
    due.sort(key=lambda item: (item[0], item[2]["sort_key"]))
    rows, recognised, overdue = [], 0, 0
    for number, (day, fixed, p) in enumerate(due, start=1):
        admitted_on = p.admitted_on or day  # everyone listed has a decision
        decided = [e.date for e in p.events if e.kind == "recognition_decision" and e.date >= admitted_on]
        if decided:
            state, recognised = status["recognised"].format(day=vn.format_date(decided[-1])), recognised + 1
        elif day < today:
            state, overdue = status["overdue"], overdue + 1
        else:
            state = status["due" if fixed else "not_fixed"].format(day=vn.format_date(day))
        cell = p.cell_on(min(day, today))
        birth = birth_text(p)
        rows.append(
            Row(
                f"person:{p.id}",
                [
                    number,
                    p["full_name"],
                    birth if p["gender"] == "M" else "",
                    birth if p["gender"] == "F" else "",
                    ctx.facts.cell_names.get(cell, "") if cell else "",
                    decision_number(p),
                    vn.format_date(p.admitted_on),
                    vn.format_date(p["ceremony_on"]),
                    vn.format_date(day),
                    state,
                    None,
                ],
            )
        )
    table = Table(
        code=NAME,
        sheet=spec["sheet"],
        heading=[
            spec["heading"],
            f"{period.full_label.upper()}",
            f"(Hạn xét từ ngày {vn.format_date(period.start)} đến ngày {vn.format_date(period.full_end)};"
            f" tình hình tính đến ngày {vn.format_date(min(today, period.full_end))})",
        ],
        form_lines=[spec["form_number"]],
        party_header=True,
        header=[HeaderCell.from_spec(h) for h in spec["header"]],
        numbers=spec["numbers"],
        widths=spec["widths"],
        rows=rows,
        landscape=True,
        text_cols=frozenset({1, 4, 9}),
    )
    table.notes.append(spec["summary"].format(total=len(rows), recognised=recognised, overdue=overdue))
    table.summary = [
        ("Đến hạn xét trong kỳ", len(rows)),
        ("Đã công nhận", recognised),
        ("Đã hết thời gian dự bị, chưa xét", overdue),
    ]
    return table
