"""The dossier cover and checklist (mục lục hồ sơ): every paper of the file with its date,
number, validity at the planned cell meeting and state; and what is still missing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from commune_app import vn
from commune_app.dossier import layout as L
from commune_app.dossier.context import DocContext, as_date

PRESENT, MISSING, EXPIRED, HANDWRITTEN = "present", "missing", "expired", "handwritten"
STATE_LABELS = {PRESENT: "Đã có", MISSING: "Còn thiếu", EXPIRED: "Quá hạn", HANDWRITTEN: "Người vào Đảng tự viết tay"}
# Papers the person writes by hand; the program never prints them filled in (docs/domain.md §4).
HANDWRITTEN_FORMS = ("1-KNĐ", "2-KNĐ", "10-KNĐ")


@dataclass(frozen=True)
class ChecklistEntry:
    code: str
    title: str
    date: dt.date | None
    number: str
    valid_until: dt.date | None
    state: str
    note: str = ""
    key: str = ""  # names the paper in the record of where the papers are (unique in one dossier)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def paper_text(paper: dict[str, Any] | None) -> str:
    """'Có (Tủ hồ sơ số 2)' or 'Chưa có' for the paper copy of one entry."""
    if not paper or not paper.get("present"):
        return "Chưa có"
    location = vn.nfc(paper.get("location"))
    return f"Có ({location})" if location else "Có"


def reference_date(ctx: DocContext) -> dt.date:
    """The day validity is judged on: the cell meeting (held or planned), else today."""
    return ctx.date_of("cell_meeting") or ctx.planned_meeting() or ctx.today


def _entry(
    code: str, title: str, date: dt.date | None, number: str, months: int | None, reference: dt.date, note: str = ""
) -> ChecklistEntry:
    if date is None:
        return ChecklistEntry(code, title, None, number, None, MISSING, note)
    until = vn.add_months(date, months) if months else None
    state = EXPIRED if until and until < reference else PRESENT
    return ChecklistEntry(code, title, date, number, until, state, note)


def _handwritten(code: str, title: str, date: dt.date | None) -> ChecklistEntry:
    note = f"Đã nộp {vn.format_date(date)}" if date else "Chưa nộp"
    return ChecklistEntry(code, title, date, "", None, HANDWRITTEN, note)


def checklist_entries(ctx: DocContext, rules: Any) -> list[ChecklistEntry]:
    ref = reference_date(ctx)
    out: list[ChecklistEntry] = []

    def kind(code: str, title: str, k: str, months: int | None = None, note: str = "") -> None:
        out.append(_entry(code, title, ctx.date_of(k), ctx.number_of(k), months, ref, note))

    kind(
        "CN-NTVĐ",
        "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng",
        "course_certificate",
        int(rules["course_certificate_valid_months"]),
    )
    out.append(_handwritten("1-KNĐ", "Đơn xin vào Đảng", ctx.date_of("application")))
    out.append(_handwritten("2-KNĐ", "Lý lịch của người xin vào Đảng", ctx.date_of("background_declared")))
    issued_verification = ctx.extra.get("issued_on", {}).get("TTLL")
    out.append(
        _entry(
            "TTLL",
            "Công văn đề nghị thẩm tra lý lịch",
            issued_verification,
            ctx.extra.get("numbers", {}).get("TTLL", ""),
            None,
            ref,
        )
    )
    kind(
        "2-KNĐ", "Chứng nhận lý lịch của cấp ủy sau thẩm tra", "background_certified", int(rules["lylich_valid_months"])
    )
    introducers = [link for link in ctx.record.links_with_role("introducer") if link.get("member_id")]
    for link in introducers:
        out.append(
            _entry(
                "3-KNĐ",
                f"Giấy giới thiệu người vào Đảng của {vn.nfc(link.get('member_name'))}",
                as_date(link.get("document_on")),
                "",
                int(rules["introduction_valid_months"]),
                ref,
            )
        )
    needed = int(rules["introducers_required"])
    union_months = int(rules["union_resolution_valid_months"])
    if len(introducers) < needed:
        if ctx.person.get("youth_union") or ctx.milestone("youth_union_resolution"):
            kind("4-KNĐ", "Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng", "youth_union_resolution", union_months)
        elif ctx.person.get("trade_union") or ctx.milestone("trade_union_resolution"):
            kind("4A-KNĐ", "Nghị quyết giới thiệu đoàn viên công đoàn vào Đảng", "trade_union_resolution", union_months)
        for _ in range(needed - len(introducers) - (1 if out[-1].code in ("4-KNĐ", "4A-KNĐ") else 0)):
            out.append(
                ChecklistEntry(
                    "3-KNĐ", "Giấy giới thiệu người vào Đảng (chưa có người giới thiệu)", None, "", None, MISSING
                )
            )
    kind(
        "5-KNĐ",
        "Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú",
        "opinions_summary",
        int(rules["opinions_valid_months"]),
    )
    kind("6-KNĐ", "Nghị quyết của chi bộ đề nghị kết nạp đảng viên", "cell_meeting")
    if ctx.routing == "chi_bo_truc_thuoc":
        if ctx.cell.get("has_sub_committee"):
            kind("7-KNĐ", "Báo cáo thẩm định của đảng ủy bộ phận", "upper_appraisal")
        kind("8-KNĐ", "Nghị quyết của đảng ủy cơ sở đề nghị kết nạp", "grassroots_resolution")
    kind("9-KNĐ", "Quyết định kết nạp đảng viên", "admission_decision")
    if ctx.milestone("admission_decision"):
        kind("", "Biên bản lễ kết nạp đảng viên", "ceremony")
        kind("", "Giấy chứng nhận lớp lý luận chính trị cho đảng viên mới", "new_member_course")
        out.append(_handwritten("10-KNĐ", "Bản tự kiểm điểm của đảng viên dự bị", ctx.date_of("self_review")))
        kind("11-KNĐ", "Bản nhận xét đảng viên dự bị của đảng viên giúp đỡ", "mentor_assessment")
        kind("12-KNĐ", "Tổng hợp ý kiến nhận xét đối với đảng viên dự bị", "recognition_opinions")
        kind("13-KNĐ", "Nghị quyết chi bộ đề nghị công nhận đảng viên chính thức", "recognition_meeting")
        if ctx.routing == "chi_bo_truc_thuoc":
            if ctx.cell.get("has_sub_committee"):
                kind("14-KNĐ", "Báo cáo thẩm định của đảng ủy bộ phận (công nhận)", "recognition_appraisal")
            kind("15-KNĐ", "Nghị quyết đảng ủy cơ sở đề nghị công nhận chính thức", "recognition_grassroots")
        kind("16-KNĐ", "Quyết định công nhận đảng viên chính thức", "recognition_decision")
    codes = [e.code for e in out]
    return [
        replace(e, key=e.code if e.code and codes.count(e.code) == 1 else f"{e.code}: {e.title}".lstrip(": "))
        for e in out
    ]


def render_checklist(pdf: L.PartyPdf, ctx: DocContext, rules: Any, reasons: dict[str, list[str]]) -> None:
    """The cover page: identity, the table of papers, then what still blocks the final papers."""
    entries = checklist_entries(ctx, rules)
    pdf.header(ctx.cell_header("", ctx.today))
    member = bool(ctx.milestone("admission_decision"))
    pdf.title("MỤC LỤC HỒ SƠ", ("của đảng viên dự bị " if member else "của người xin vào Đảng ") + ctx.name)
    for line in ctx.identity_lines()[:4]:
        pdf.para(line, indent=False, size=13)
    pdf.para(
        "Hiệu lực các giấy tờ được tính đến ngày họp chi bộ ",
        L.date_text(reference_date(ctx)),
        ".",
        indent=False,
        size=13,
    )
    rows = []
    papers = ctx.extra.get("papers", {})
    for i, e in enumerate(entries):
        validity = vn.format_date(e.valid_until) if e.valid_until else ""
        state = e.state_label + (f" ({e.note})" if e.note else "")
        rows.append(
            [
                str(i + 1),
                e.title,
                e.code,
                e.number,
                vn.format_date(e.date),
                validity,
                state,
                paper_text(papers.get(e.key)),
            ]
        )
    pdf.table(
        [
            L.Column("TT", 0.6, "CENTER"),
            L.Column("Tài liệu", 3.0),
            L.Column("Mẫu", 1.6, "CENTER"),  # 'CN-NTVĐ' on one line at 10,5 pt
            L.Column("Số", 1.5, "CENTER"),
            L.Column("Ngày", 1.5, "CENTER"),
            L.Column("Hiệu lực đến", 1.5, "CENTER"),
            L.Column("Tình trạng", 2),
            L.Column("Bản giấy, nơi lưu", 1.8),
        ],
        rows,
        size=10.5,
    )
    handwritten = sorted({e.code for e in entries if e.state == HANDWRITTEN})
    pdf.para(
        "Các tài liệu ",
        ", ".join(handwritten),
        " do người vào Đảng tự viết tay; chương trình không in sẵn nội dung các tài liệu này.",
        indent=False,
        size=12,
        space_before=4,
    )
    lines = [f"{code}: {reason}" for code, items in reasons.items() for reason in items]
    if lines:
        pdf.heading("Những việc còn thiếu trước khi in bản chính thức:")
        for line in lines:
            pdf.para("- ", line, indent=False, size=12)
