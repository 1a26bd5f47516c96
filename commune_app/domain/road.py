"""The road to membership: milestone kinds and how a person's status follows from them.

Status is never edited; it is derived here from the dated milestones (withdrawn ones
ignored), and the store keeps the derived columns in step in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    form: str = ""  # the official form (mẫu) it corresponds to, if any
    stage: str = ""  # the stage a person reaches with it


# In road order. The forms follow HD 12-HD/BTCTW (2022) numbering, see docs/domain.md §4.
KINDS: tuple[Kind, ...] = (
    # The Youth Union's hand-over of its outstanding members, before the cell lists them (counts
    # introduced → admitted); like the helper's periodic review it changes neither status nor stage.
    Kind("youth_union_handover", "Đoàn cơ sở bàn giao danh sách đoàn viên ưu tú", "", ""),
    Kind("source_listed", "Đưa vào danh sách quần chúng ưu tú, phân công đảng viên giúp đỡ", "", "source"),
    Kind("helper_review", "Nhận xét định kỳ của đảng viên được phân công giúp đỡ", "", ""),
    Kind("course_certificate", "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng", "CN-NTVĐ", "course"),
    Kind("application", "Đơn xin vào Đảng", "1-KNĐ", "application"),
    Kind("background_declared", "Lý lịch của người xin vào Đảng", "2-KNĐ", "background"),
    Kind("pages_sealed", "Đóng dấu giáp lai lý lịch", "", "background"),
    Kind("background_certified", "Chứng nhận lý lịch (sau thẩm tra)", "2-KNĐ", "verified"),
    Kind("youth_union_resolution", "Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng", "4-KNĐ", ""),
    Kind("trade_union_resolution", "Nghị quyết giới thiệu đoàn viên công đoàn vào Đảng", "4A-KNĐ", ""),
    Kind("opinions_summary", "Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú", "5-KNĐ", ""),
    Kind("cell_meeting", "Nghị quyết chi bộ đề nghị kết nạp", "6-KNĐ", "cell_approved"),
    Kind("upper_appraisal", "Báo cáo thẩm định của đảng ủy bộ phận", "7-KNĐ", "cell_approved"),
    Kind("grassroots_resolution", "Nghị quyết đảng ủy cơ sở đề nghị kết nạp", "8-KNĐ", "cell_approved"),
    Kind("admission_decision", "Quyết định kết nạp đảng viên", "9-KNĐ", "decided"),
    Kind("ceremony", "Lễ kết nạp đảng viên", "", "probation"),
    Kind("new_member_course", "Giấy chứng nhận lớp lý luận chính trị cho đảng viên mới", "", ""),
    Kind("self_review", "Bản tự kiểm điểm của đảng viên dự bị", "10-KNĐ", ""),
    Kind("mentor_assessment", "Bản nhận xét của đảng viên giúp đỡ", "11-KNĐ", ""),
    Kind("recognition_opinions", "Tổng hợp ý kiến nhận xét đối với đảng viên dự bị", "12-KNĐ", ""),
    Kind(
        "recognition_meeting",
        "Nghị quyết chi bộ đề nghị công nhận đảng viên chính thức",
        "13-KNĐ",
        "recognition_proposed",
    ),
    Kind(
        "recognition_appraisal", "Báo cáo thẩm định của đảng ủy bộ phận (công nhận)", "14-KNĐ", "recognition_proposed"
    ),
    Kind(
        "recognition_grassroots",
        "Nghị quyết đảng ủy cơ sở đề nghị công nhận chính thức",
        "15-KNĐ",
        "recognition_proposed",
    ),
    Kind("recognition_decision", "Quyết định công nhận đảng viên chính thức", "16-KNĐ", "official"),
    Kind("party_card", "Phát thẻ đảng viên", "", ""),
    # Member-level events counted by Biểu 7-BTCTW; they change neither status nor stage.
    Kind("award", "Khen thưởng đảng viên", "", ""),
    Kind("party_badge", "Tặng Huy hiệu Đảng", "", ""),
    Kind("transfer_out", "Chuyển sinh hoạt đảng đi", "", ""),
    Kind("transfer_in", "Tiếp nhận sinh hoạt đảng chuyển đến", "", ""),
    Kind("removal", "Ra khỏi Đảng (xóa tên, khai trừ, xin ra)", "", ""),
    Kind("restoration", "Phục hồi đảng tịch", "", ""),
    Kind("death", "Từ trần", "", ""),
)
KIND_BY_CODE: dict[str, Kind] = {k.code: k for k in KINDS}
KIND_ORDER: dict[str, int] = {k.code: i for i, k in enumerate(KINDS)}

STAGE_LABELS: dict[str, str] = {
    "source": "Quần chúng ưu tú",
    "course": "Đã có giấy chứng nhận NTVĐ",
    "application": "Đã có đơn xin vào Đảng",
    "background": "Đang thẩm tra lý lịch",
    "verified": "Đã chứng nhận lý lịch",
    "introduced": "Đã có người giới thiệu",
    "cell_approved": "Chi bộ đã đề nghị kết nạp",
    "decided": "Có quyết định, chờ lễ kết nạp",
    "probation": "Đang dự bị",
    "recognition_proposed": "Chi bộ đã đề nghị công nhận chính thức",
    "official": "Đảng viên chính thức",
    "transferred_out": "Đã chuyển đi",
    "removed": "Đã ra khỏi Đảng",
    "deceased": "Đã từ trần",
}
ROAD_STAGES = ("source", "course", "application", "background", "verified", "introduced", "cell_approved", "decided")

TRANSFER_KINDS = {"temporary": "Tạm thời", "official": "Chính thức"}
REMOVAL_KINDS = {"strike_off": "Xóa tên", "expulsion": "Khai trừ", "resignation": "Xin ra khỏi Đảng"}


@dataclass(frozen=True)
class Derived:
    """What a person's milestones say about them now."""

    status: str
    stage: str
    admitted_on: str | None
    ceremony_on: str | None
    official_on: str | None
    certificate_on: str | None

    def as_columns(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "stage": self.stage,
            "admitted_on": self.admitted_on,
            "ceremony_on": self.ceremony_on,
            "official_on": self.official_on,
            "certificate_on": self.certificate_on,
        }


def _sorted_live(milestones: list[dict[str, Any]]) -> list[dict[str, Any]]:
    live = [m for m in milestones if not m.get("withdrawn_at")]
    return sorted(live, key=lambda m: (m["date"], KIND_ORDER.get(m["kind"], 999), m.get("id") or 0))


def _passed(milestone: dict[str, Any]) -> bool:
    """A meeting or resolution counts as a step forward only if it passed (details.passed);
    a cell's proposal to strike a probationary member off (outcome 'strike_off') is not one."""
    details = milestone.get("details") or {}
    return details.get("passed", True) is not False and details.get("outcome") != "strike_off"


def derive(milestones: list[dict[str, Any]], has_introducers: bool = False) -> Derived:
    """Status, stage and the key dates from the milestones (dicts with kind, date, details)."""
    ordered = _sorted_live(milestones)
    latest: dict[str, dict[str, Any]] = {}
    for m in ordered:
        latest[m["kind"]] = m

    def date_of(kind: str) -> str | None:
        return latest[kind]["date"] if kind in latest else None

    admitted_on = date_of("admission_decision")
    ceremony_on = date_of("ceremony")
    official_on = None
    if "recognition_decision" in latest:
        details = latest["recognition_decision"].get("details") or {}
        official_on = details.get("official_on") or latest["recognition_decision"]["date"]
    certificate_on = date_of("course_certificate")

    stage = "source"
    for m in ordered:
        kind = KIND_BY_CODE.get(m["kind"])
        if kind and kind.stage and _passed(m) and _stage_rank(kind.stage) > _stage_rank(stage):
            stage = kind.stage
    if stage in ("verified", "background", "application", "course") and has_introducers:
        stage = "introduced" if _stage_rank("introduced") > _stage_rank(stage) else stage

    if official_on:
        status = "official"
    elif admitted_on:
        status = "probationary"
    elif any(k in latest for k in ("application", "background_declared", "cell_meeting")):
        status = "candidate"
    else:
        status = "source"

    # Leaving events override, in date order: the last one standing decides. A restoration
    # (phục hồi đảng tịch) brings a removed member back as what they were when removed.
    before_removal = status
    for m in ordered:
        if m["kind"] == "death":
            status = stage = "deceased"
        elif m["kind"] == "removal" and status != "deceased":
            before_removal = status if status != "removed" else before_removal
            status = stage = "removed"
        elif m["kind"] == "restoration" and status == "removed":
            status = "official" if before_removal == "official" else "probationary"
            stage = "official" if status == "official" else "probation"
        elif m["kind"] == "transfer_out" and status not in ("deceased", "removed"):
            details = m.get("details") or {}
            if details.get("transfer_kind", "official") == "official":
                status = stage = "transferred_out"
        elif m["kind"] == "transfer_in" and status == "transferred_out":
            status = "official" if official_on else ("probationary" if admitted_on else "candidate")
            stage = "official" if official_on else ("probation" if admitted_on else stage)
    if status == "probationary" and stage not in ("probation", "recognition_proposed"):
        stage = "decided" if not ceremony_on else "probation"
    if status == "official":
        stage = "official"
    return Derived(status, stage, admitted_on, ceremony_on, official_on, certificate_on)


_STAGE_RANK = {
    s: i
    for i, s in enumerate(
        (
            "source",
            "course",
            "application",
            "background",
            "verified",
            "introduced",
            "cell_approved",
            "decided",
            "probation",
            "recognition_proposed",
            "official",
        )
    )
}


def _stage_rank(stage: str) -> int:
    return _STAGE_RANK.get(stage, -1)
