"""Demo awards and party badges over the ten years of history, so Biểu 7-BTCTW I and II show.

Drawn from their own random stream (seeded from the demo's seed), after everything else is
built: the rest of the demo file stays exactly what it was before awards existed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from commune_app import vn

if TYPE_CHECKING:
    from commune_app.demo.generator import DemoBuilder

PROVINCE_STANDING = "Ban Thường vụ Tỉnh ủy Lạng Sơn"
# The occasions badges are presented on: 3/2, 19/5, 2/9 and 7/11.
BADGE_OCCASIONS = ((2, 3), (5, 19), (9, 2), (11, 7))
AWARD_REASONS = (
    "Hoàn thành xuất sắc nhiệm vụ năm {year}",
    "Có thành tích xuất sắc trong phong trào thi đua năm {year}",
)


def _occasion_on_or_after(day: dt.date) -> dt.date:
    for year in (day.year, day.year + 1):
        for month, dom in BADGE_OCCASIONS:
            occasion = dt.date(year, month, dom)
            if occasion >= day:
                return occasion
    raise AssertionError(day)  # 7/11 of the next year is always later


def _official_since(builder: DemoBuilder, person_id: int) -> dt.date:
    milestones = builder.out.milestones_by_person[person_id]
    return dt.date.fromisoformat(next(m["date"] for m in milestones if m["kind"] == "recognition_decision"))


def add_awards(builder: DemoBuilder, seed: int, badge_years: list[int], first_year: int, committee: str) -> None:
    rng = random.Random(f"awards-{seed}")
    today = builder.today
    _badges(builder, rng, badge_years, dt.date(first_year, 1, 1))
    org_rows: list[dict[str, Any]] = builder.out.tables["org_awards"]

    # The committee commends a whole year's cells and members in one decision at the year's review,
    # numbered in its own series; the province's decisions carry the province's numbers.
    def series(issuer: str, day: dt.date) -> dict[str, Any]:
        if issuer == PROVINCE_STANDING:
            return {"numbered": "QĐ/TU", "group": f"TU-{day.isoformat()}", "gaps": (3, 40)}
        return {"numbered": "QĐ/ĐU", "group": f"review-{day.isoformat()}", "counters": (("committee", "QĐ"),)}

    def org_award(cell_id: int | None, level: str, day: dt.date, issuer: str, reason: str) -> None:
        row = {
            "id": len(org_rows) + 1,
            "cell_id": cell_id,
            "level": level,
            "awarded_on": day.isoformat(),
            "doc_number": "",
            "issuer": issuer,
            "reason": reason,
            "created_at": builder.stamp,
            "withdrawn_at": None,
            "withdrawn_reason": "",
        }
        org_rows.append(row)
        options = series(issuer, day)
        builder.numbering.add(issuer, options.pop("numbered"), row, day=day.isoformat(), **options)

    for year in range(first_year, today.year):
        # The year's review (tổng kết năm) early the next year: commendations for cells and members.
        review = builder._working(dt.date(year + 1, 1, rng.randint(10, 25)))
        if review > today:
            continue
        reason = rng.choice(AWARD_REASONS).format(year=year)
        for cell_id, members in builder.old_members.items():
            if rng.random() < 0.12:
                org_award(cell_id, "giay_khen", review, committee, "Chi bộ " + reason[0].lower() + reason[1:])
            elif rng.random() < 0.02:
                org_award(cell_id, "bang_khen", review, PROVINCE_STANDING, "Chi bộ " + reason[0].lower() + reason[1:])
            for level, chance, issuer in (("giay_khen", 0.25, committee), ("bang_khen", 0.02, PROVINCE_STANDING)):
                if members and rng.random() < chance:
                    person_id = rng.choice(members)
                    if _official_since(builder, person_id) < review:
                        builder.milestone(
                            person_id,
                            "award",
                            review,
                            issuer=issuer,
                            **series(issuer, review),
                            details={"level": level, "reason": reason},
                        )
        if rng.random() < 0.3:  # the committee itself
            level = "co" if rng.random() < 0.25 else "bang_khen"
            org_award(None, level, review, PROVINCE_STANDING, "Đảng bộ " + reason[0].lower() + reason[1:])


def _badges(builder: DemoBuilder, rng: random.Random, badge_years: list[int], start: dt.date) -> None:
    """Every member from before the history who reached a badge's party age within it gets the
    badge at the next occasion."""
    for members in builder.old_members.values():
        for person_id in members:
            milestones = builder.out.milestones_by_person[person_id]
            admitted = dt.date.fromisoformat(milestones[0]["date"])  # admission_decision comes first
            for years in badge_years:
                if admitted.year + years < start.year:
                    continue
                if admitted.year + years > builder.today.year:
                    break
                day = _occasion_on_or_after(vn.add_months(admitted, 12 * years))
                if start <= day <= builder.today:
                    builder.milestone(
                        person_id,
                        "party_badge",
                        day,
                        issuer=PROVINCE_STANDING,
                        numbered="QĐ/TU",
                        group=f"TU-{day.isoformat()}",
                        gaps=(3, 40),
                        details={"years": years},
                    )
