"""What the demo's meetings record: who the cell had on the day, who came, who chaired, how they voted.

The counts are taken from the generated people once all of them exist (a cell's later members
are built after its earlier meetings), so every 6-KNĐ and 13-KNĐ states the cell as it was on
the meeting day: official members are those recognised by then, probationary members those
admitted and not yet recognised, less those who had died, moved away or left the party.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from typing import Any

from commune_app import rules as party_rules
from commune_app.rules.common import percent
from commune_app.rules.ruleset import RuleSet

_LEAVING = ("death", "transfer_out", "removal")
ABSENCE_REASONS = ("đi làm ăn xa", "ốm", "đi công tác", "việc gia đình", "tuổi cao, sức yếu")
STRENGTHS = (
    "Có lập trường tư tưởng chính trị vững vàng; chấp hành tốt chủ trương, đường lối của Đảng, chính sách,"
    " pháp luật của Nhà nước; có đạo đức, lối sống lành mạnh; hoàn thành tốt nhiệm vụ được giao;"
    " gần gũi, được quần chúng tín nhiệm."
)
WEAKNESSES = (
    "Kinh nghiệm công tác còn ít; chưa mạnh dạn phát biểu ý kiến trong các cuộc họp.",
    "Việc nghiên cứu, học tập nghị quyết của Đảng chưa thường xuyên.",
    "Tham gia hoạt động phong trào ở khu dân cư có lúc chưa đều.",
)
POLITICAL_CONCLUSION = "Đủ tiêu chuẩn chính trị để kết nạp vào Đảng theo quy định."


@dataclass(frozen=True)
class Membership:
    """When one person was a member of their cell: admitted, recognised official, left (ISO dates)."""

    admitted: str
    official: str | None
    left: str | None


def memberships(
    people: list[dict[str, Any]], milestones: dict[int, list[dict[str, Any]]]
) -> dict[int, list[Membership]]:
    """Every admitted person by cell (people never change cells in the demo except by leaving)."""
    by_cell: dict[int, list[Membership]] = {}
    for person in people:
        dates = {m["kind"]: m["date"] for m in milestones[person["id"]]}
        if "admission_decision" not in dates:
            continue
        left = min((dates[k] for k in _LEAVING if k in dates), default=None)
        by_cell.setdefault(person["cell_id"], []).append(
            Membership(dates["admission_decision"], dates.get("recognition_decision"), left)
        )
    return by_cell


def members_on(members: list[Membership], day: str) -> tuple[int, int]:
    """(official, probationary) members of the cell on ``day``."""
    official = probationary = 0
    for m in members:
        if m.admitted > day or (m.left is not None and m.left <= day):
            continue
        if m.official is not None and m.official <= day:
            official += 1
        else:
            probationary += 1
    return official, probationary


class Meetings:
    """The cell meetings and the committees' meetings waiting for their numbers of the day."""

    def __init__(self, seed: int, rules: RuleSet) -> None:
        self.rng = random.Random(f"meetings-{seed}")
        self.rules = rules
        self.pending: list[tuple[dict[str, Any], dict[str, Any], int, str, str]] = []

    def add(self, row: dict[str, Any], details: dict[str, Any], cell_id: int, chair: str, secretary: str) -> None:
        """A cell meeting (6-KNĐ) or recognition meeting (13-KNĐ) row whose ``details`` dict is
        completed by :meth:`fill`; ``details`` is the same object the road derivation reads."""
        self.pending.append((row, details, cell_id, chair, secretary))

    def fill(self, by_cell: dict[int, list[Membership]], encode: Any) -> None:
        sorted_cells = {cell: sorted(ms, key=lambda m: m.admitted) for cell, ms in by_cell.items()}
        admitted_days = {cell: [m.admitted for m in ms] for cell, ms in sorted_cells.items()}
        for row, details, cell_id, chair, secretary in self.pending:
            members = sorted_cells.get(cell_id, [])
            cut = bisect.bisect_right(admitted_days.get(cell_id, []), row["date"])
            official, probationary = members_on(members[:cut], row["date"])
            details.update(self.numbers(official, probationary, recognition=row["kind"] == "recognition_meeting"))
            details.update(chair=chair, chair_title="Bí thư chi bộ", secretary=secretary)
            row["details"] = encode(details)

    def numbers(self, official: int, probationary: int, *, recognition: bool) -> dict[str, Any]:
        rng, rules = self.rng, self.rules
        needed = party_rules.vote_threshold(official, rules)
        official_absent = rng.randint(0, min(3, max(official - needed, 0)))
        probationary_absent = 1 if probationary > (1 if recognition else 0) and rng.random() < 0.2 else 0
        present = official - official_absent
        against = 1 if present - 1 >= needed and rng.random() < 0.15 else 0
        votes = present - against
        details: dict[str, Any] = {
            "official_total": official,
            "official_present": present,
            "probationary_total": probationary,
            "probationary_present": probationary - probationary_absent,
            "votes_for": votes,
            "votes_against": against,
            "passed": party_rules.vote_passes(votes, official, rules),
            "votes_needed": needed,
            "percent_for": percent(votes, official),
            "percent_against": percent(against, official),
            "strengths": STRENGTHS,
            "weaknesses": rng.choice(WEAKNESSES),
        }
        absent = official_absent + probationary_absent
        details["absent_reasons"] = "Không có đồng chí nào vắng mặt."
        if absent:
            reasons = [rng.choice(ABSENCE_REASONS) for _ in range(absent)]
            details["absent_reasons"] = (
                f"{absent} đồng chí vắng mặt có lý do: "
                + "; ".join(f"{reason} ({reasons.count(reason)})" for reason in dict.fromkeys(reasons))
                + "."
            )
        if against:
            details["against_reasons"] = (
                "Đề nghị quần chúng tiếp tục phấn đấu thêm về kinh nghiệm công tác."
                if not recognition
                else "Đề nghị đồng chí tích cực hơn trong sinh hoạt chi bộ."
            )
        if recognition:
            details["outcome"] = "recognize"
            details["political_conclusion"] = "Đủ tư cách đảng viên, đủ điều kiện công nhận đảng viên chính thức."
        else:
            details["political_conclusion"] = POLITICAL_CONCLUSION
        return details


def committee_meeting(rng: random.Random, total: int, chair: str, conclusion: str) -> dict[str, Any]:
    """The details of a committee's resolution or appraisal (8-, 15-, 7-, 14-KNĐ)."""
    present = total - rng.randint(0, 1)
    return {
        "committee_total": total,
        "committee_present": present,
        "committee_votes_for": present,
        "committee_votes_against": 0,
        "chair": chair,
        "signer": chair,
        "conclusion": conclusion,
        "passed": True,
        "percent_for": percent(present, total),
    }
