"""The indicators the province quotes, worked out from the same facts as the forms (docs/reports.md).

- new members of the year as a share of the members at the start of the year;
- progress against the whole-term target (``term_admission_target`` in the file's settings, for
  the committee's ``party_term``);
- the year's course learners (E7's definition) against the course target (twice the admission
  target by default);
- the Youth Union's hand-overs of the year and how many of those people are admitted;
- admissions month by month, this year against last year and the target;
- in the second half of the year, a forecast per cell of who can still be admitted by 31/12.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from commune_app import vn
from commune_app.domain.courses import course_target
from commune_app.reports import population
from commune_app.reports.context import ReportContext
from commune_app.reports.counting import percent
from commune_app.store import cells as cell_store
from commune_app.store import profile, stats
from commune_app.store.stats import PersonFacts

# People whose dossier waits only for the committee's decision: admitted within its deadline.
AWAITING_DECISION = ("cell_approved",)
# People with a complete dossier and their introducers: the cell can still meet and the committee
# decide, when at least FORECAST_WORKING_DAYS working days are left before 31/12 (an assumption,
# docs/reports.md: a cell meeting, the opinions, the appraisal and the decision).
READY_FOR_CELL = ("verified", "introduced")
FORECAST_WORKING_DAYS = 20


@dataclass(frozen=True)
class CellForecast:
    cell_id: int | None
    name: str
    target: int
    admitted: int
    awaiting_decision: int  # the cell has proposed them: decided before 31/12 within the deadlines
    ready: int  # dossier complete: can still go through the cell before 31/12

    @property
    def remaining(self) -> int:
        return max(self.target - self.admitted, 0)

    @property
    def reachable(self) -> int:
        return self.admitted + self.awaiting_decision + self.ready


@dataclass
class Indicators:
    year: int
    as_of: dt.date
    members_start: int
    admitted_ytd: int
    year_target: int
    term: str
    term_target: int | None
    term_admitted: int
    course_learners: int
    course_target: int
    youth_introduced: int
    youth_admitted: int
    monthly: list[int]  # admissions of each month of the year, up to ``as_of``
    monthly_last_year: list[int]
    forecast: list[CellForecast] = field(default_factory=list)  # second half of the year only

    @property
    def share_of_members(self) -> float | None:
        return percent(self.admitted_ytd, self.members_start)

    @property
    def term_percent(self) -> float | None:
        return percent(self.term_admitted, self.term_target)

    @property
    def course_percent(self) -> float | None:
        return percent(self.course_learners, self.course_target)

    @property
    def youth_percent(self) -> float | None:
        return percent(self.youth_admitted, self.youth_introduced)

    def lines(self) -> list[tuple[str, str]]:
        """(indicator, figure) as the screen and E8 print them."""

        term = (
            f"{self.term_admitted}/{self.term_target}, đạt {vn.percent(self.term_percent)} chỉ tiêu cả nhiệm kỳ"
            if self.term_target
            else f"{self.term_admitted} (chưa đặt chỉ tiêu cả nhiệm kỳ)"
        )
        out = [
            (
                f"Kết nạp năm {self.year} so với đảng viên đầu năm ({self.members_start})",
                f"{self.admitted_ytd}, bằng {vn.percent(self.share_of_members)}"
                if self.members_start
                else f"{self.admitted_ytd} (chưa có đảng viên đầu năm)",
            ),
            (f"Kết nạp nhiệm kỳ {self.term}" if self.term else "Kết nạp cả nhiệm kỳ", term),
            (
                f"Học lớp nhận thức về Đảng năm {self.year} so với chỉ tiêu cử đi học ({self.course_target})",
                f"{self.course_learners}, đạt {vn.percent(self.course_percent)}"
                if self.course_target
                else str(self.course_learners),
            ),
            (
                f"Đoàn viên ưu tú Đoàn cơ sở giới thiệu năm {self.year}: đã kết nạp",
                f"{self.youth_admitted}/{self.youth_introduced} ({vn.percent(self.youth_percent)})"
                if self.youth_introduced
                else f"{self.youth_admitted} (chưa có đoàn viên được giới thiệu)",
            ),
        ]
        if self.forecast:
            reachable = sum(f.reachable for f in self.forecast)
            out.append(
                (
                    f"Dự kiến kết nạp được đến 31/12/{self.year} (đã kết nạp, chờ quyết định, đủ hồ sơ)",
                    f"{reachable} so với chỉ tiêu {self.year_target}",
                )
            )
        return out


def _monthly(people: list[PersonFacts], year: int) -> list[int]:
    months = [0] * 12
    for p in people:
        if p.admitted_on is not None and p.admitted_on.year == year:
            months[p.admitted_on.month - 1] += 1
    return months


def _term(text: str) -> tuple[int, int] | None:
    parts = (text or "").split("-")
    return (int(parts[0]), int(parts[1])) if len(parts) == 2 and all(p.isdigit() for p in parts) else None


def compute(ctx: ReportContext) -> Indicators:
    facts, as_of = ctx.facts, ctx.period.end
    year = as_of.year
    first = dt.date(year, 1, 1)
    admitted = population.admitted_in(facts, first, as_of)
    targets = facts.targets.get(year, {})
    term_text = ctx.profile.get("party_term") or ""
    term_years = _term(term_text)
    term_admitted = len(population.admitted_in(facts, dt.date(term_years[0], 1, 1), as_of)) if term_years else 0
    term_target = profile.get_setting(ctx.store, "term_admission_target")
    multiplier = float(profile.get_setting(ctx.store, "course_multiplier"))
    course_goal = sum(
        course_target(row.get("course_target"), row.get("admission_target"), multiplier)
        for row in cell_store.targets(ctx.store, year).values()
    )
    handed_over = {p.id: e.date for p, e in facts.events_between("youth_union_handover", first, as_of)}
    youth_admitted = sum(
        1
        for pid, day in handed_over.items()
        if (p := facts.people[pid]).admitted_on is not None and day <= p.admitted_on <= as_of
    )
    everyone = list(facts.people.values())
    out = Indicators(
        year=year,
        as_of=as_of,
        members_start=len(facts.members_on(first - dt.timedelta(days=1))),
        admitted_ytd=len(admitted),
        year_target=sum(targets.values()),
        term=term_text,
        term_target=int(term_target) if term_target else None,
        term_admitted=term_admitted,
        course_learners=len(stats.course_learners(ctx.store, first, as_of)),
        course_target=course_goal,
        youth_introduced=len(handed_over),
        youth_admitted=youth_admitted,
        monthly=_monthly(admitted, year),
        monthly_last_year=_monthly(everyone, year - 1),
    )
    if as_of.month >= 7:
        out.forecast = _forecast(ctx, admitted, targets)
    return out


def _forecast(ctx: ReportContext, admitted: list[PersonFacts], targets: dict[int, int]) -> list[CellForecast]:
    """Per cell: admitted so far, and who can still be admitted by 31/12 within the deadlines (a
    course certificate still valid on 31/12 is one of them)."""
    facts, as_of = ctx.facts, ctx.period.end
    year_end = dt.date(as_of.year, 12, 31)
    time_for_cell = ctx.calendar.add_working_days(as_of, FORECAST_WORKING_DAYS) <= year_end
    awaiting: dict[int | None, int] = {}
    ready: dict[int | None, int] = {}
    for person in population.on_the_road(facts, as_of):
        if not population.valid_certificate(person, year_end, ctx.certificate_valid_months):
            continue
        cell = person.cell_on(as_of)
        if person["stage"] in AWAITING_DECISION:
            awaiting[cell] = awaiting.get(cell, 0) + 1
        elif person["stage"] in READY_FOR_CELL and time_for_cell:
            ready[cell] = ready.get(cell, 0) + 1
    done: dict[int | None, int] = {}
    for p in admitted:
        cell = p.cell_on(p.admitted_on) if p.admitted_on else None
        done[cell] = done.get(cell, 0) + 1
    rows = []
    for row in facts.cells:
        cid = row["id"]
        if row["active"] or done.get(cid) or awaiting.get(cid) or ready.get(cid):
            rows.append(
                CellForecast(
                    cid, row["name"], targets.get(cid, 0), done.get(cid, 0), awaiting.get(cid, 0), ready.get(cid, 0)
                )
            )
    return rows
