"""Awards (khen thưởng) and party badges (Huy hiệu Đảng) as Biểu 7-BTCTW counts them.

The codes are the rows of the form: a party organisation receives a flag (cờ), a certificate
of merit (bằng khen) or a letter of commendation (giấy khen); a member a bằng khen or a giấy
khen. The badge years allowed are a number of the rule set (``party_badge_years``).
"""

from __future__ import annotations

from typing import Any

ORG_AWARD_LEVELS: dict[str, str] = {"co": "Cờ", "bang_khen": "Bằng khen", "giay_khen": "Giấy khen"}
MEMBER_AWARD_LEVELS: dict[str, str] = {"bang_khen": "Bằng khen", "giay_khen": "Giấy khen"}

# The name of the committee itself where an organisation award has no cell (cell_id NULL).
COMMITTEE_LABEL = "Đảng bộ xã"


def badge_label(years: Any) -> str:
    return f"Huy hiệu {years} năm tuổi Đảng"


def badge_choices(allowed_years: list[int]) -> dict[int, str]:
    """The badges the rule set allows, labelled as the form prints them."""
    return {int(y): badge_label(y) for y in allowed_years}
