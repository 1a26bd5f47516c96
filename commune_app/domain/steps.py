"""What every step of the road holds: its fields, their choices, the rules between them, the
forms that print them and who may record it. One definition that the ops refuse against, the
window's step forms are built from and the documents, checks and reports read (docs/steps.md
is generated from it).

``validate`` checks only the shape of a step (types, choices, counts, dates in order); the
party's rules (status, deadlines, the 2/3 vote, party age...) stay in ``commune_app.rules``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from commune_app.domain.awards import MEMBER_AWARD_LEVELS
from commune_app.domain.road import KIND_BY_CODE, KINDS, REMOVAL_KINDS, TRANSFER_KINDS


class RuleValues(Protocol):
    """The rule set as the schema reads it (commune_app.rules.ruleset.RuleSet)."""

    def __getitem__(self, key: str) -> Any: ...


FIELD_TYPES = ("text", "long", "int", "date", "choice", "flag", "organisations")
CLERKS = ("admin", "clerk")


@dataclass(frozen=True)
class StepField:
    key: str  # the key in the milestone's details dict
    label: str  # Vietnamese label, names the field in messages
    type: str = "text"  # text | long | int | date | choice | flag | organisations
    required: bool = False  # the step cannot be recorded without it
    prints_in: tuple[str, ...] = ()  # form codes whose FINAL copy needs it filled in
    choices: tuple[tuple[str, str], ...] = ()  # (stored code, Vietnamese label) for type "choice"
    suggestion: str = ""  # the usual wording, OFFERED to the clerk, never stored unless accepted
    unit: str = ""  # "đồng chí", "người", ...
    rule_choices: str = ""  # a rule set key whose numbers are the choices (the party badge years)
    from_records: bool = False  # the program fills it in from the records; the clerk may correct it
    group: str = ""  # "attendance": the meeting's attendance and votes, shown together
    printed_if: str = ""  # a condition of PRINTED_IF: the forms print it only then ("absent": someone was)


@dataclass(frozen=True)
class CrossRule:
    """A rule between fields: ``text`` says it (docs/steps.md), ``check`` finds where it is broken."""

    text: str
    check: Callable[[dict[str, Any], dt.date | None], list[str]]


@dataclass(frozen=True)
class StepSchema:
    kind: str  # a milestone kind code of commune_app.domain.road.KINDS
    label: str
    date_label: str  # "Ngày họp chi bộ"
    has_document: bool  # the step has a document number and issuer
    fields: tuple[StepField, ...]
    feeds: tuple[str, ...]  # the form codes this step's data prints in
    roles: tuple[str, ...]  # roles that may record it ("admin", "clerk")
    checks: tuple[CrossRule, ...] = ()  # the rules between its fields

    def field(self, key: str) -> StepField:
        for item in self.fields:
            if item.key == key:
                return item
        raise KeyError(key)


# --- choice lists ------------------------------------------------------------------------------


def _pairs(mapping: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(mapping.items())


RECOGNITION_OUTCOMES = (
    ("recognize", "Đề nghị công nhận đảng viên chính thức"),
    ("strike_off", "Đề nghị xóa tên trong danh sách đảng viên"),
)
# The values the reports read (resources/labels/REPORTS.md): 1-BTCTW splits transfers by scope,
# 7-BTCTW counts the irregular and forged ones and the party cards by reason.
TRANSFER_SCOPES = (("within_province", "Trong tỉnh"), ("other_province", "Tỉnh, thành phố khác"))
TRANSFER_PURPOSES = (("work", "Công tác, cư trú"), ("study", "Đi học tập trung trong nước"))
CARD_REASONS = (("first", "Phát lần đầu"), ("lost", "Cấp lại do mất"), ("damaged", "Đổi lại do hỏng"))

# The keys of one organisation consulted in an opinions step (5-KNĐ, 12-KNĐ).
ORGANISATION_KEYS: dict[str, tuple[str, str]] = {
    "name": ("Tổ chức lấy ý kiến", "text"),
    "date": ("Ngày lấy ý kiến", "date"),
    "consulted": ("Số người được hỏi ý kiến", "int"),
    "agree": ("Số người đồng ý", "int"),
    "summary": ("Tóm tắt ý kiến", "long"),
}
# Keys an opinions step held before the list of organisations: moved into it when a file is
# opened (migration 0004_step_schema); any left are listed by the check of stored files (``retired``).
RETIRED_KEYS: dict[str, tuple[str, ...]] = {
    kind: ("work_org", "work_opinions", "residence_cell", "residence_opinions")
    for kind in ("opinions_summary", "recognition_opinions")
}


# --- cross-field rules ---------------------------------------------------------------------------


def _int(details: Mapping[str, Any], key: str) -> int | None:
    value = details.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _not_more(details: Mapping[str, Any], part: str, whole: str, text: str) -> list[str]:
    a, b = _int(details, part), _int(details, whole)
    return [text.format(a=a, b=b)] if a is not None and b is not None and a > b else []


def _absent(details: Mapping[str, Any]) -> int:
    """Members absent from a meeting, from the totals and the members present."""
    return sum(
        max(_int(details, t) or 0, 0) - max(_int(details, p) or 0, 0)
        for t, p in (("official_total", "official_present"), ("probationary_total", "probationary_present"))
        if _int(details, t) is not None and _int(details, p) is not None
    )


PRINTED_IF: dict[str, Callable[[Mapping[str, Any]], bool]] = {"absent": lambda details: _absent(details) > 0}


def _attendance_problems(details: dict[str, Any], on: dt.date | None) -> list[str]:
    out = _not_more(
        details,
        "official_present",
        "official_total",
        "Số đảng viên chính thức có mặt lớn hơn tổng số đảng viên chính thức ({a} > {b}).",
    )
    out += _not_more(
        details,
        "probationary_present",
        "probationary_total",
        "Số đảng viên dự bị có mặt lớn hơn tổng số đảng viên dự bị ({a} > {b}).",
    )
    votes, against, present = (_int(details, k) for k in ("votes_for", "votes_against", "official_present"))
    if votes is not None and present is not None and votes + (against or 0) > present:
        out.append(
            f"Tổng số phiếu tán thành và không tán thành ({votes + (against or 0)}) lớn hơn số đảng viên"
            f" chính thức có mặt ({present})."
        )
    absent = _absent(details)
    if absent > 0 and not str(details.get("absent_reasons") or "").strip():
        out.append(f"Chưa nhập lý do vắng mặt: có {absent} đảng viên vắng mặt, mỗi người vắng cần có lý do.")
    return out


def _committee_problems(details: dict[str, Any], on: dt.date | None) -> list[str]:
    out = _not_more(
        details, "committee_present", "committee_total", "Số ủy viên có mặt lớn hơn tổng số ủy viên ({a} > {b})."
    )
    votes, against = _int(details, "committee_votes_for"), _int(details, "committee_votes_against")
    present = _int(details, "committee_present")
    limit, what = (
        (present, "số ủy viên có mặt") if present is not None else (_int(details, "committee_total"), "tổng số ủy viên")
    )
    if votes is not None and limit is not None and votes + (against or 0) > limit:
        out.append(f"Tổng số ủy viên tán thành và không tán thành ({votes + (against or 0)}) lớn hơn {what} ({limit}).")
    return out


def _dates_in_order(text: str, *pairs: tuple[str, str, str]) -> CrossRule:
    """Each (earlier, later, sentence): the two dates in this order; "date" is the step's own date."""

    def check(details: dict[str, Any], on: dt.date | None) -> list[str]:
        out = []
        for first, second, sentence in pairs:
            a = on if first == "date" else _day(details.get(first))
            b = on if second == "date" else _day(details.get(second))
            if a and b and b < a:
                out.append(sentence.format(a=_d(a), b=_d(b)))
        return out

    return CrossRule(text, check)


def _organisation_date_problems(details: dict[str, Any], on: dt.date | None) -> list[str]:
    out = []
    for row in details.get("organisations") or []:
        day = _day(row.get("date")) if isinstance(row, dict) else None
        if on and day and day > on:
            out.append(f"Ngày lấy ý kiến của {row.get('name') or 'tổ chức'} ({_d(day)}) sau ngày tổng hợp ({_d(on)}).")
    return out


_ATTENDANCE = CrossRule(
    "Có mặt ≤ tổng số (chính thức, dự bị); tán thành + không tán thành ≤ số đảng viên chính"
    " thức có mặt; có người vắng mặt thì phải ghi lý do vắng mặt.",
    _attendance_problems,
)
_COMMITTEE = CrossRule(
    "Số ủy viên có mặt ≤ tổng số ủy viên; tán thành + không tán thành ≤ số ủy viên có mặt.", _committee_problems
)
_ORGANISATIONS = CrossRule(
    "Mỗi tổ chức có tên; số người đồng ý ≤ số người được hỏi; ngày lấy ý kiến không sau ngày tổng hợp.",
    _organisation_date_problems,
)


# --- the fields ------------------------------------------------------------------------------------


def _f(key: str, label: str, type: str = "text", **kw: Any) -> StepField:
    return StepField(key, label, type, **kw)


def _meeting_fields(form: str, recognition: bool) -> tuple[StepField, ...]:
    p = (form,)
    ttr = ("TTr",)  # the standing committee's submission lists each cell's vote
    count: dict[str, Any] = {"type": "int", "required": True, "prints_in": p, "unit": "đồng chí", "group": "attendance"}
    whom = "đồng chí" if recognition else "quần chúng"
    political = (
        "Đồng chí đã hoàn thành nhiệm vụ đảng viên, đủ điều kiện để công nhận đảng viên chính thức."
        if recognition
        else "Lý lịch của quần chúng đã được thẩm tra và chứng nhận; bản thân và gia đình"
        " đủ tiêu chuẩn chính trị để kết nạp vào Đảng."
    )
    return (
        *(
            (_f("outcome", "Chi bộ đề nghị", "choice", required=True, prints_in=p, choices=RECOGNITION_OUTCOMES),)
            if recognition
            else ()
        ),
        _f("official_total", "Tổng số đảng viên chính thức", from_records=True, **{**count, "prints_in": p + ttr}),
        _f("probationary_total", "Tổng số đảng viên dự bị", from_records=True, **count),
        _f("counts_note", "Lý do điều chỉnh số đảng viên so với danh sách", group="attendance"),
        _f("official_present", "Số đảng viên chính thức có mặt", **count),
        _f("probationary_present", "Số đảng viên dự bị có mặt", **count),
        _f("absent_reasons", "Lý do vắng mặt", prints_in=p, group="attendance", printed_if="absent"),
        _f("chair", "Chủ trì", prints_in=p, group="attendance"),
        _f("chair_title", "Chức vụ người chủ trì", prints_in=p, group="attendance", suggestion="Bí thư chi bộ"),
        _f("secretary", "Thư ký", prints_in=p, group="attendance"),
        _f("votes_for", "Số đảng viên chính thức tán thành", **{**count, "prints_in": p + ttr}),
        _f(
            "votes_against",
            "Số đảng viên chính thức không tán thành",
            "int",
            prints_in=p,
            unit="đồng chí",
            group="attendance",
        ),
        _f("against_reasons", "Lý do không tán thành", group="attendance"),
        _f(
            "strengths",
            "Ưu điểm chính",
            "long",
            prints_in=p,
            suggestion=f"Có bản lĩnh chính trị vững vàng, đạo đức, lối sống trong sáng; {whom} hoàn thành tốt"
            " nhiệm vụ được giao, có quan hệ tốt với quần chúng.",
        ),
        _f("weaknesses", "Khuyết điểm, hạn chế", "long", prints_in=p),
        _f(
            "political_conclusion",
            "Kết luận về tiêu chuẩn chính trị" if not recognition else "Kết luận về chấp hành nhiệm vụ đảng viên",
            "long",
            prints_in=p,
            suggestion=political,
        ),
    )


def _committee_fields(form: str, required: bool, conclusion: str, *, meeting: bool) -> tuple[StepField, ...]:
    """A committee's vote (7-, 8-, 14-, 15-KNĐ); a resolution (``meeting``) also prints who chaired
    the meeting, an appraisal report does not."""
    p = (form,)
    count: dict[str, Any] = {"type": "int", "required": required, "prints_in": p, "unit": "đồng chí"}
    return (
        _f("committee_total", "Tổng số ủy viên ban chấp hành", **count),
        _f("committee_present", "Số ủy viên có mặt", **count),
        _f("committee_votes_for", "Số ủy viên tán thành", **count),
        _f("committee_votes_against", "Số ủy viên không tán thành", "int", prints_in=p, unit="đồng chí"),
        _f("chair", "Chủ trì", prints_in=p if meeting else ()),
        _f("conclusion", "Kết luận", "long", prints_in=p, suggestion=conclusion),
        _f("signer", "Người ký", prints_in=p),
    )


def _union_fields(form: str) -> tuple[StepField, ...]:
    """The Youth Union's or trade union's executive committee introducing a member (4-, 4A-KNĐ)."""
    p = (form,)
    count: dict[str, Any] = {"type": "int", "prints_in": p, "unit": "đồng chí"}
    return (
        _f("committee_total", "Tổng số ủy viên ban chấp hành", **count),
        _f("committee_present", "Số ủy viên có mặt", **count),
        _f("committee_votes_for", "Số ủy viên tán thành", **count),
        _f("committee_votes_against", "Số ủy viên không tán thành", **count),
        _f("strengths", "Ban Chấp hành nhận xét", "long", prints_in=p),
        _f("signer", "Người ký", prints_in=p),
    )


def _opinions_fields(form: str, recognition: bool) -> tuple[StepField, ...]:
    who = "đồng chí" if recognition else "quần chúng"
    return (
        _f("organisations", "Ý kiến của các tổ chức", "organisations", prints_in=(form,)),
        _f(
            "conclusion",
            "Nhận xét chung của chi ủy",
            "long",
            prints_in=(form,),
            suggestion=f"Các ý kiến nhận xét đều ghi nhận {who} chấp hành tốt chủ trương, đường lối của Đảng,"
            " chính sách, pháp luật của Nhà nước và quy định nơi cư trú.",
        ),
    )


_TRANSFER = (
    _f("transfer_kind", "Hình thức chuyển", "choice", required=True, choices=_pairs(TRANSFER_KINDS)),
    _f("scope", "Phạm vi chuyển", "choice", required=True, choices=TRANSFER_SCOPES),
    _f("from_unit", "Nơi chuyển đi (đảng bộ, chi bộ)"),
    _f("to_unit", "Nơi chuyển đến (đảng bộ, chi bộ)"),
    _f("trigger_decision_on", "Ngày quyết định thay đổi công tác, nơi cư trú có hiệu lực", "date"),
    _f("letter_on", "Ngày giấy giới thiệu sinh hoạt đảng", "date"),
    _f("until", "Tạm thời đến ngày", "date"),
    _f("purpose", "Mục đích chuyển tạm thời", "choice", choices=TRANSFER_PURPOSES),
    _f("reason", "Lý do chuyển"),
    _f("irregular", "Chuyển chưa đúng quy định", "flag"),
    _f("forged", "Phát hiện giả mạo", "flag"),
)
_TRANSFER_ORDER = _dates_in_order(
    "Tạm thời đến ngày không trước ngày chuyển.", ("date", "until", "Tạm thời đến ngày {b} trước ngày chuyển {a}.")
)
_COURSE_ORDER = _dates_in_order(
    "Học từ ngày ≤ đến ngày ≤ ngày cấp giấy chứng nhận.",
    ("course_from", "course_to", "Ngày kết thúc lớp {b} trước ngày bắt đầu {a}."),
    ("course_to", "date", "Ngày cấp giấy chứng nhận {b} trước ngày kết thúc lớp {a}."),
)


def _s(
    kind: str,
    date_label: str,
    fields: tuple[StepField, ...] = (),
    *,
    document: bool = True,
    checks: tuple[CrossRule, ...] = (),
    feeds: tuple[str, ...] | None = None,
) -> StepSchema:
    road_kind = KIND_BY_CODE[kind]
    printed = tuple(dict.fromkeys(code for f in fields for code in f.prints_in))
    default_feeds = (road_kind.form,) if road_kind.form else ()
    return StepSchema(
        kind,
        road_kind.label,
        date_label,
        document,
        fields,
        feeds if feeds is not None else tuple(dict.fromkeys(default_feeds + printed)),
        CLERKS,
        checks,
    )


_DECISION_SIGNER = (
    _f("signer", "Người ký", prints_in=("9-KNĐ",)),
    _f("signer_title", "Chức vụ người ký", prints_in=("9-KNĐ",), suggestion="Bí thư"),
)
_RECOGNITION_SIGNER = (
    _f("signer", "Người ký", prints_in=("16-KNĐ",)),
    _f("signer_title", "Chức vụ người ký", prints_in=("16-KNĐ",), suggestion="Bí thư"),
)

_LIST: tuple[StepSchema, ...] = (
    _s("source_listed", "Ngày đưa vào danh sách", (_f("notes", "Ghi chú", "long"),)),
    _s(
        "course_certificate",
        "Ngày cấp giấy chứng nhận",
        (
            _f("course_name", "Tên lớp, khóa"),
            _f("course_from", "Học từ ngày", "date"),
            _f("course_to", "Đến ngày", "date"),
            _f("result", "Kết quả, xếp loại"),
        ),
        checks=(_COURSE_ORDER,),
    ),
    _s("application", "Ngày viết đơn", document=False),
    _s("background_declared", "Ngày khai lý lịch", document=False),
    _s("pages_sealed", "Ngày đóng dấu giáp lai", document=False),
    _s(
        "background_certified",
        "Ngày chứng nhận",
        (
            _f("comment_on", "Ngày chi ủy nhận xét lý lịch", "date"),
            _f("certifier", "Người ký chứng nhận"),
        ),
        checks=(
            _dates_in_order(
                "Ngày chi ủy nhận xét không sau ngày chứng nhận.",
                ("comment_on", "date", "Ngày chứng nhận {b} trước ngày chi ủy nhận xét {a}."),
            ),
        ),
    ),
    _s("youth_union_resolution", "Ngày ra nghị quyết", _union_fields("4-KNĐ"), checks=(_COMMITTEE,)),
    _s("trade_union_resolution", "Ngày ra nghị quyết", _union_fields("4A-KNĐ"), checks=(_COMMITTEE,)),
    _s("opinions_summary", "Ngày tổng hợp", _opinions_fields("5-KNĐ", False), checks=(_ORGANISATIONS,)),
    _s("cell_meeting", "Ngày họp chi bộ", _meeting_fields("6-KNĐ", False), checks=(_ATTENDANCE,)),
    _s(
        "upper_appraisal",
        "Ngày thẩm định",
        _committee_fields(
            "7-KNĐ",
            False,
            "Hồ sơ đủ thành phần theo quy định; nghị quyết của chi bộ đúng thủ tục, số đảng viên chính"
            " thức tán thành đạt từ hai phần ba trở lên so với tổng số đảng viên chính thức của chi bộ.",
            meeting=False,
        ),
        checks=(_COMMITTEE,),
    ),
    _s(
        "grassroots_resolution",
        "Ngày họp đảng ủy",
        _committee_fields("8-KNĐ", True, "Quần chúng có đủ tiêu chuẩn, điều kiện để kết nạp vào Đảng.", meeting=True),
        checks=(_COMMITTEE,),
    ),
    _s(
        "admission_decision",
        "Ngày ký quyết định",
        (
            *_DECISION_SIGNER,
            _f("received_on", "Ngày chi bộ nhận quyết định", "date"),
        ),
        checks=(
            _dates_in_order(
                "Ngày chi bộ nhận quyết định không trước ngày ký.",
                ("date", "received_on", "Ngày chi bộ nhận quyết định {b} trước ngày ký {a}."),
            ),
        ),
    ),
    _s(
        "ceremony",
        "Ngày tổ chức lễ kết nạp",
        (
            _f("place", "Địa điểm"),
            _f("upper_consent_ref", "Văn bản đồng ý của cấp ủy cấp trên (khi tổ chức quá hạn)"),
        ),
        document=False,
    ),
    _s(
        "new_member_course",
        "Ngày cấp giấy chứng nhận",
        (
            _f("course_name", "Tên lớp, khóa"),
            _f("result", "Kết quả, xếp loại"),
        ),
    ),
    _s("self_review", "Ngày viết bản tự kiểm điểm", document=False),
    _s("mentor_assessment", "Ngày nhận xét", document=False),
    _s("recognition_opinions", "Ngày tổng hợp", _opinions_fields("12-KNĐ", True), checks=(_ORGANISATIONS,)),
    _s("recognition_meeting", "Ngày họp chi bộ", _meeting_fields("13-KNĐ", True), checks=(_ATTENDANCE,)),
    _s(
        "recognition_appraisal",
        "Ngày thẩm định",
        _committee_fields(
            "14-KNĐ",
            False,
            "Hồ sơ đủ thành phần theo quy định; nghị quyết của chi bộ đúng thủ tục, số đảng viên chính"
            " thức tán thành đạt từ hai phần ba trở lên so với tổng số đảng viên chính thức của chi bộ.",
            meeting=False,
        ),
        checks=(_COMMITTEE,),
    ),
    _s(
        "recognition_grassroots",
        "Ngày họp đảng ủy",
        _committee_fields(
            "15-KNĐ",
            True,
            "Đồng chí đã hoàn thành nhiệm vụ đảng viên trong thời gian dự bị, đủ điều kiện để công nhận"
            " đảng viên chính thức.",
            meeting=True,
        ),
        checks=(_COMMITTEE,),
    ),
    _s("recognition_decision", "Ngày ký quyết định", _RECOGNITION_SIGNER),
    _s(
        "party_card",
        "Ngày phát thẻ",
        (
            _f("card_reason", "Lý do phát thẻ", "choice", required=True, choices=CARD_REASONS),
            _f("card_number", "Số thẻ đảng viên"),
        ),
    ),
    _s(
        "award",
        "Ngày quyết định khen thưởng",
        (
            _f("level", "Hình thức khen thưởng", "choice", required=True, choices=_pairs(MEMBER_AWARD_LEVELS)),
            _f("reason", "Thành tích được khen thưởng", "long"),
        ),
    ),
    _s(
        "party_badge",
        "Ngày quyết định tặng huy hiệu",
        (_f("years", "Loại huy hiệu", "choice", required=True, rule_choices="party_badge_years"),),
    ),
    _s("transfer_out", "Ngày chuyển đi", _TRANSFER, checks=(_TRANSFER_ORDER,)),
    _s(
        "transfer_in",
        "Ngày tiếp nhận",
        _TRANSFER,
        checks=(
            _TRANSFER_ORDER,
            _dates_in_order(
                "Ngày giấy giới thiệu sinh hoạt đảng không sau ngày tiếp nhận.",
                ("letter_on", "date", "Ngày tiếp nhận {b} trước ngày giấy giới thiệu sinh hoạt đảng {a}."),
            ),
        ),
    ),
    _s(
        "removal",
        "Ngày quyết định",
        (
            _f("removal_kind", "Hình thức", "choice", required=True, choices=_pairs(REMOVAL_KINDS)),
            _f("reason", "Lý do", "long", required=True),
        ),
    ),
    _s("restoration", "Ngày quyết định phục hồi", (_f("reason", "Lý do phục hồi", "long", required=True),)),
    _s("death", "Ngày mất", (_f("notes", "Ghi chú", "long"),), document=False),
    _s(
        "helper_review",
        "Ngày nhận xét",
        (
            _f("reviewer", "Đảng viên nhận xét (người được phân công giúp đỡ)", required=True),
            _f("period", "Kỳ nhận xét (ví dụ: Quý III/2026)", required=True),
            _f("ideology", "Tư tưởng chính trị", "long"),
            _f("awareness", "Nhận thức về Đảng", "long"),
            _f("ethics", "Phẩm chất đạo đức, lối sống", "long"),
            _f("tasks", "Thực hiện nhiệm vụ được giao", "long"),
            _f("recommendation", "Đề nghị với chi bộ", "long"),
        ),
        document=False,
    ),
    _s(
        "youth_union_handover",
        "Ngày bàn giao danh sách",
        (
            _f("youth_org", "Đoàn cơ sở bàn giao", required=True),
            _f("list_ref", "Số, ký hiệu danh sách đoàn viên ưu tú"),
        ),
        document=False,
    ),
)

_BY_KIND = {s.kind: s for s in _LIST}
assert set(_BY_KIND) == {k.code for k in KINDS}, "every milestone kind needs its step schema"
SCHEMAS: dict[str, StepSchema] = {k.code: _BY_KIND[k.code] for k in KINDS}  # in road order


def schema(kind: str) -> StepSchema:
    """The schema of a milestone kind (KeyError for an unknown kind)."""
    return SCHEMAS[kind]


def form_kinds(form_code: str) -> tuple[str, ...]:
    """The kinds whose data a form prints."""
    return tuple(s.kind for s in SCHEMAS.values() if form_code in s.feeds)


# --- validating ------------------------------------------------------------------------------------


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _organisation_problems(label: str, rows: Any) -> list[str]:
    if not isinstance(rows, list):
        return [f"{label}: phải là danh sách các tổ chức."]
    out = []
    for number, row in enumerate(rows, 1):
        where = f"{label}, dòng {number}"
        if not isinstance(row, dict):
            out.append(f"{where}: không đúng dạng.")
            continue
        unknown = sorted(set(row) - set(ORGANISATION_KEYS))
        if unknown:
            out.append(f"{where}: mục không có trong mẫu: {', '.join(unknown)}.")
        if not str(row.get("name") or "").strip():
            out.append(f"{where}: chưa nhập tên tổ chức.")
        for key in ("consulted", "agree"):
            value = row.get(key)
            if value is not None and (not _is_int(value) or value < 0):
                out.append(f"{where}: {_lower(ORGANISATION_KEYS[key][0])} phải là số không âm.")
        if _is_int(row.get("agree")) and _is_int(row.get("consulted")) and row["agree"] > row["consulted"]:
            out.append(
                f"{where}: số người đồng ý ({row['agree']}) lớn hơn số người được hỏi ý kiến ({row['consulted']})."
            )
        if row.get("date") not in (None, "") and _day(row.get("date")) is None:
            out.append(f"{where}: ngày lấy ý kiến “{row.get('date')}” không đúng dạng ngày.")
        for key in ("name", "summary"):
            if row.get(key) is not None and not isinstance(row.get(key), str):
                out.append(f"{where}: {_lower(ORGANISATION_KEYS[key][0])} phải là chữ.")
    return out


def _field_problems(item: StepField, value: Any, rules: RuleValues | None) -> list[str]:
    label = item.label
    if item.type in ("text", "long"):
        return [] if isinstance(value, str) else [f"{label}: phải là chữ."]
    if item.type == "int":
        if not _is_int(value):
            return [f"{label}: “{value}” không phải là một số."]
        return [] if value >= 0 else [f"{label}: không được là số âm ({value})."]
    if item.type == "date":
        return [] if _day(value) is not None else [f"{label}: ngày “{value}” không đúng dạng ngày."]
    if item.type == "flag":
        return [] if isinstance(value, bool) else [f"{label}: chỉ ghi có hoặc không."]
    if item.type == "organisations":
        return _organisation_problems(label, value)
    if item.rule_choices:  # which of them the rule set allows is a party rule (commune_app.rules)
        return [] if _is_int(value) and value > 0 else [f"{label}: “{value}” không phải là một lựa chọn."]
    if value in [code for code, _ in item.choices]:
        return []
    listed = "; ".join(text for _, text in item.choices)
    return [f"{label}: “{value}” không phải là một lựa chọn (chọn một trong: {listed})."]


def choices_of(item: StepField, rules: RuleValues | None = None) -> tuple[tuple[Any, str], ...]:
    """A choice field's (code, label) pairs; those named by ``rule_choices`` come from the rule set."""
    if item.rule_choices:
        if rules is None:
            return ()
        from commune_app.domain.awards import badge_label

        return tuple((int(y), badge_label(y)) for y in rules[item.rule_choices])
    return item.choices


def choice_label(kind: str, key: str, code: Any, rules: RuleValues | None = None) -> str:
    """The Vietnamese label of a stored choice ('' for none, the code itself when unknown)."""
    if _empty(code):
        return ""
    return str(dict(choices_of(schema(kind).field(key), rules)).get(code, code))


def validate(kind: str, values: dict[str, Any], *, on: Any = None, rules: RuleValues | None = None) -> list[str]:
    """What the schema refuses in a step's details (``values``), in Vietnamese, each naming its
    field; [] when acceptable. ``on`` is the step's own date for the dates-in-order rules;
    ``rules`` the rule set for the choices it gives. A step imported from earlier papers
    (``from_papers``) need not carry the required fields: the paper exists, its data may not."""
    if kind not in SCHEMAS:
        return [f"Không có bước “{kind}” trên quá trình phát triển đảng viên."]
    step = SCHEMAS[kind]
    lenient = values.get("from_papers") is True
    missing = [
        f"Chưa nhập {_lower(item.label)}."
        for item in step.fields
        if item.required and not lenient and _empty(values.get(item.key))
    ]
    shape = [
        problem
        for item in step.fields
        if not _empty(values.get(item.key))
        for problem in _field_problems(item, values[item.key], rules)
    ]
    # The rules between fields compare the values present, once each of them has its right type.
    crossed = [] if shape else [problem for rule in step.checks for problem in rule.check(values, _day(on))]
    return missing + shape + crossed


def retired(kind: str, details: dict[str, Any]) -> list[str]:
    """The keys of a stored step that the schema no longer holds (the opinions kept before the
    list of organisations), each with what to do; for the check of stored files."""
    if kind not in RETIRED_KEYS:
        return []
    target = _lower(schema(kind).field("organisations").label)
    return [
        f"Mục cũ “{key}” không còn dùng: hãy ghi lại vào {target}."
        for key in RETIRED_KEYS[kind]
        if not _empty(details.get(key))
    ]


def missing_for_form(kind: str, details: dict[str, Any], form_code: str) -> list[str]:
    """'Chưa ghi <label>' for each field the form prints that is empty (for a list of
    organisations, also each organisation's missing date, counts or summary)."""
    out = []
    for item in schema(kind).fields:
        if form_code not in item.prints_in or (item.printed_if and not PRINTED_IF[item.printed_if](details)):
            continue
        value = details.get(item.key)
        if _empty(value):
            out.append(f"Chưa ghi {_lower(item.label)}.")
        elif item.type == "organisations" and isinstance(value, list):
            for row in value:
                name = str((row or {}).get("name") or "tổ chức") if isinstance(row, dict) else "tổ chức"
                for key, (label, _type) in ORGANISATION_KEYS.items():
                    if key != "name" and (not isinstance(row, dict) or _empty(row.get(key))):
                        out.append(f"Chưa ghi {_lower(label)} của {name}.")
    return out


# --- reading typed text (the command line) -----------------------------------------------------------


def parse_value(kind: str, key: str, text: str, rules: RuleValues | None = None) -> Any:
    """A field's value from text ('12/10/2026', '9', a choice's code or label, JSON for the
    organisations); ValueError with a Vietnamese message naming the field."""
    import json

    from commune_app import vn

    step = schema(kind)
    try:
        item = step.field(key)
    except KeyError:
        known = ", ".join(f.key for f in step.fields) or "không có"
        raise ValueError(f"Bước “{step.label}” không có mục “{key}” (các mục: {known}).") from None
    text = vn.nfc(text).strip()
    if text == "":
        return None
    if item.type == "int":
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{item.label}: “{text}” không phải là một số.") from None
    if item.type == "date":
        try:
            return vn.parse_date(text).isoformat()
        except vn.DateError as exc:
            raise ValueError(f"{item.label}: {exc}") from None
    if item.type == "flag":
        folded = vn.fold(text)
        if folded in ("co", "1", "true", "x"):
            return True
        if folded in ("khong", "0", "false"):
            return None
        raise ValueError(f"{item.label}: ghi “có” hoặc “không”.")
    if item.type == "choice":
        for code, label in choices_of(item, rules):
            if text == str(code) or vn.fold(text) == vn.fold(label):
                return code
        return int(text) if item.rule_choices and text.isdigit() else text  # validate names the bad choice
    if item.type == "organisations":
        try:
            rows = json.loads(text)
        except json.JSONDecodeError:
            raise ValueError(f"{item.label}: không đọc được danh sách (cần dạng JSON).") from None
        if isinstance(rows, list):
            for row in rows:
                if isinstance(row, dict) and row.get("date"):
                    with contextlib.suppress(vn.DateError):  # kept as typed: validate names the bad date
                        row["date"] = vn.parse_date(str(row["date"])).isoformat()
        return rows
    return text
