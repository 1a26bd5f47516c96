"""The registry of the papers the program prints for one person: code, title, which body
issues it (and so which counter numbers it), which milestone it belongs to, and how it is
rendered and checked. Form codes and titles follow HD 12-HD/BTCTW (docs/domain.md §4)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from commune_app import vn
from commune_app.dossier import completeness, lists
from commune_app.dossier import knd_forms as K
from commune_app.dossier import layout as L
from commune_app.dossier.context import DocContext

# Issuing bodies whose papers the clerk numbers from a counter.
NUMBERED_ISSUERS = ("cell", "committee", "grassroots", "subcommittee")


@dataclass(frozen=True)
class FormSpec:
    code: str
    title: str
    phase: str  # admission | recognition
    issuer: str  # cell | committee | grassroots | subcommittee | union | member
    doc_type: str  # NQ, QĐ, BC, CV...; '' for papers without a number
    kind: str  # the milestone the paper records ('' when none)
    render: Callable[[L.PartyPdf, DocContext], None]
    missing: Callable[[DocContext], list[str]]
    applies: Callable[[DocContext], bool] = lambda ctx: True

    @property
    def signed_elsewhere(self) -> bool:
        """Drafts prepared for a member or a union to sign: never numbered here."""
        return self.issuer in ("union", "member")

    @property
    def numbered(self) -> bool:
        return bool(self.doc_type) and self.issuer in NUMBERED_ISSUERS


def _introducers(ctx: DocContext) -> list[dict[str, Any]]:
    return [link for link in ctx.record.links_with_role("introducer") if link.get("member_id")]


def _render_3(pdf: L.PartyPdf, ctx: DocContext) -> None:
    for i, link in enumerate(_introducers(ctx)):
        if i:
            pdf.new_document(draft=pdf.current_draft)
        K.render_3(pdf, ctx, link)


def _missing_3(ctx: DocContext) -> list[str]:
    links = _introducers(ctx)
    if not links:
        return ["Chưa phân công đảng viên chính thức giới thiệu."]
    return [reason for link in links for reason in K.missing_3(ctx, link) + completeness.introducer_gaps(ctx, link)]


def _routed(ctx: DocContext) -> bool:
    return ctx.routing == "chi_bo_truc_thuoc"


def _sub_committee(ctx: DocContext) -> bool:
    return _routed(ctx) and bool(ctx.cell.get("has_sub_committee"))


def _union_needed(ctx: DocContext) -> bool:
    """A union resolution replaces one member introducer (Charter Art. 4.1)."""
    return len(_introducers(ctx)) < int(ctx.extra.get("introducers_required", 2))


def _youth(ctx: DocContext) -> bool:
    return bool(ctx.milestone("youth_union_resolution") or (ctx.person.get("youth_union") and _union_needed(ctx)))


def _trade(ctx: DocContext) -> bool:
    return bool(
        ctx.milestone("trade_union_resolution")
        or (ctx.person.get("trade_union") and not ctx.person.get("youth_union") and _union_needed(ctx))
    )


FORMS: tuple[FormSpec, ...] = (
    FormSpec(
        "TTLL",
        "Công văn đề nghị thẩm tra lý lịch",
        "admission",
        "cell",
        "CV",
        "",
        lists.render_verification,
        lists.missing_verification,
    ),
    FormSpec(
        "3-KNĐ",
        "Giấy giới thiệu người vào Đảng (bản để người giới thiệu ký)",
        "admission",
        "member",
        "",
        "",
        _render_3,
        _missing_3,
    ),
    FormSpec(
        "4-KNĐ",
        "Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng (bản để Đoàn ký)",
        "admission",
        "union",
        "",
        "youth_union_resolution",
        lambda pdf, ctx: K.render_union(pdf, ctx, "4-KNĐ"),
        lambda ctx: K.missing_union(ctx, "4-KNĐ"),
        _youth,
    ),
    FormSpec(
        "4A-KNĐ",
        "Nghị quyết giới thiệu đoàn viên công đoàn vào Đảng (bản để Công đoàn ký)",
        "admission",
        "union",
        "",
        "trade_union_resolution",
        lambda pdf, ctx: K.render_union(pdf, ctx, "4A-KNĐ"),
        lambda ctx: K.missing_union(ctx, "4A-KNĐ"),
        _trade,
    ),
    FormSpec(
        "5-KNĐ",
        "Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú",
        "admission",
        "cell",
        "",
        "opinions_summary",
        lambda pdf, ctx: K.render_opinions(pdf, ctx, "opinions_summary", probationary=False),
        lambda ctx: K.missing_opinions(ctx, "opinions_summary", "bản tổng hợp ý kiến nhận xét"),
    ),
    FormSpec(
        "6-KNĐ",
        "Nghị quyết chi bộ đề nghị kết nạp đảng viên",
        "admission",
        "cell",
        "NQ",
        "cell_meeting",
        lambda pdf, ctx: K.render_cell_resolution(pdf, ctx, "cell_meeting", recognition=False),
        lambda ctx: K.missing_cell_resolution(ctx, "cell_meeting", "kết quả họp chi bộ xét kết nạp"),
    ),
    FormSpec(
        "7-KNĐ",
        "Báo cáo thẩm định của đảng ủy bộ phận",
        "admission",
        "subcommittee",
        "BC",
        "upper_appraisal",
        lambda pdf, ctx: K.render_appraisal(pdf, ctx, "upper_appraisal", "cell_meeting", recognition=False),
        lambda ctx: K.missing_committee(ctx, "upper_appraisal", "kết quả thẩm định của đảng ủy bộ phận"),
        _sub_committee,
    ),
    FormSpec(
        "8-KNĐ",
        "Nghị quyết đảng ủy cơ sở đề nghị kết nạp đảng viên",
        "admission",
        "grassroots",
        "NQ",
        "grassroots_resolution",
        lambda pdf, ctx: K.render_grassroots(pdf, ctx, "grassroots_resolution", "cell_meeting", recognition=False),
        lambda ctx: K.missing_committee(ctx, "grassroots_resolution", "kết quả họp đảng ủy cơ sở"),
        _routed,
    ),
    FormSpec(
        "9-KNĐ",
        "Quyết định kết nạp đảng viên",
        "admission",
        "committee",
        "QĐ",
        "admission_decision",
        K.render_9,
        K.missing_9,
    ),
    FormSpec(
        "11-KNĐ",
        "Bản nhận xét đảng viên dự bị (bản để đảng viên giúp đỡ ký)",
        "recognition",
        "member",
        "",
        "",
        K.render_11,
        K.missing_11,
    ),
    FormSpec(
        "12-KNĐ",
        "Tổng hợp ý kiến nhận xét đối với đảng viên dự bị",
        "recognition",
        "cell",
        "",
        "recognition_opinions",
        lambda pdf, ctx: K.render_opinions(pdf, ctx, "recognition_opinions", probationary=True),
        lambda ctx: K.missing_opinions(ctx, "recognition_opinions", "bản tổng hợp ý kiến nhận xét"),
    ),
    FormSpec(
        "13-KNĐ",
        "Nghị quyết chi bộ đề nghị công nhận đảng viên chính thức",
        "recognition",
        "cell",
        "NQ",
        "recognition_meeting",
        lambda pdf, ctx: K.render_cell_resolution(pdf, ctx, "recognition_meeting", recognition=True),
        lambda ctx: K.missing_cell_resolution(ctx, "recognition_meeting", "kết quả họp chi bộ xét công nhận"),
    ),
    FormSpec(
        "14-KNĐ",
        "Báo cáo thẩm định của đảng ủy bộ phận (công nhận chính thức)",
        "recognition",
        "subcommittee",
        "BC",
        "recognition_appraisal",
        lambda pdf, ctx: K.render_appraisal(pdf, ctx, "recognition_appraisal", "recognition_meeting", recognition=True),
        lambda ctx: K.missing_committee(ctx, "recognition_appraisal", "kết quả thẩm định của đảng ủy bộ phận"),
        _sub_committee,
    ),
    FormSpec(
        "15-KNĐ",
        "Nghị quyết đảng ủy cơ sở đề nghị công nhận đảng viên chính thức",
        "recognition",
        "grassroots",
        "NQ",
        "recognition_grassroots",
        lambda pdf, ctx: K.render_grassroots(
            pdf, ctx, "recognition_grassroots", "recognition_meeting", recognition=True
        ),
        lambda ctx: K.missing_committee(ctx, "recognition_grassroots", "kết quả họp đảng ủy cơ sở"),
        _routed,
    ),
    FormSpec(
        "16-KNĐ",
        "Quyết định công nhận đảng viên chính thức",
        "recognition",
        "committee",
        "QĐ",
        "recognition_decision",
        K.render_16,
        K.missing_16,
    ),
)
FORM_BY_CODE: dict[str, FormSpec] = {f.code: f for f in FORMS}
CHECKLIST = "MLHS"  # the dossier cover and checklist, printed with every person's set
SUBMISSION = "TTr"  # the standing committee's submission with its list (for a batch)
REGISTER = "18-KNĐ"


def normalise_code(code: str) -> str:
    """'6-knd', '6-KNĐ', '6' → '6-KNĐ'; other codes as known, case-insensitive."""
    text = vn.nfc(code).upper().replace("KND", "KNĐ")
    if text.isdigit() or (text[:-1].isdigit() and text[-1:] == "A"):
        text = f"{text}-KNĐ"
    for known in (*FORM_BY_CODE, CHECKLIST, SUBMISSION, REGISTER):
        if vn.fold(known) == vn.fold(text):
            return known
    return text


def issuer_key(spec: FormSpec, ctx: DocContext) -> tuple[str, str, str]:
    """(counter key of the issuing body, its code in the number, its name) for a numbered form."""
    cell_id = ctx.cell.get("id")
    if spec.issuer == "cell":
        return f"cell:{cell_id}", ctx.cell_code, ctx.cell_name
    if spec.issuer == "committee":
        return "committee", ctx.committee_code, ctx.committee
    if spec.issuer == "grassroots":
        return f"grassroots:{vn.fold(ctx.grassroots)}", "ĐU", ctx.grassroots_committee
    return f"subcommittee:{cell_id}", "ĐUBP", "Đảng ủy bộ phận"
