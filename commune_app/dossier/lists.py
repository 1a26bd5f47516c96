"""Papers with lists: the request for background verification, the standing committee's
submission with the list of people proposed for admission, and the register 18-KNĐ."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from commune_app import vn
from commune_app.domain import codes
from commune_app.dossier import layout as L
from commune_app.dossier.context import DocContext
from commune_app.rules.checks_admission import _EXEMPT_IF_MEMBER

VERIFY_CONTENT = (
    "Lịch sử chính trị, chính trị hiện nay; việc chấp hành chủ trương, đường lối của Đảng,"
    " chính sách, pháp luật của Nhà nước"
)


def relatives_to_verify(ctx: DocContext, on: dt.date) -> list[dict[str, Any]]:
    """The relatives HD 06 §3.4.a asks to verify, minus members exempted by §3.4.c."""
    out = []
    for rel in ctx.record.relatives:
        relation = rel.get("relation") or ""
        if relation not in codes.RELATIONS_TO_VERIFY or (rel.get("exempt_reason") or "").strip():
            continue
        if relation == "Con" and rel.get("birth_year") and on.year - int(rel["birth_year"]) < 18:
            continue
        if rel.get("is_party_member") and relation in _EXEMPT_IF_MEMBER:
            continue
        out.append(rel)
    return out


def render_verification(pdf: L.PartyPdf, ctx: DocContext) -> None:
    on = ctx.extra.get("issued_on", {}).get("TTLL")
    number = ctx.extra.get("numbers", {}).get("TTLL")
    relatives = relatives_to_verify(ctx, on or ctx.today)
    places = sorted({vn.nfc(r.get("verify_place")) for r in relatives if r.get("verify_place")}) or [
        "Cấp ủy nơi thân nhân cư trú, công tác"
    ]
    header = ctx.cell_header(f"Số {number}" if number else L.doc_number(None, "CV", ctx.cell_code), on)
    # 'vào Đảng' stays together: the word 'Đảng' alone on the subject's second line looks lost.
    pdf.header(replace(header, subject="V/v đề nghị thẩm tra lý lịch người xin vào\u00a0Đảng"))
    pdf.spacer(4)
    pdf.addressee(*places)
    pdf.para(
        "Quần chúng ",
        L.bold(ctx.name),
        ", sinh ",
        ctx.birth_text(),
        "; quê quán: ",
        ctx.hometown(),
        "; nơi thường trú: ",
        ctx.residence(),
        "; nghề nghiệp: ",
        ctx.occupation(),
        "; đang được ",
        ctx.cell_name,
        " xem xét, đề nghị kết nạp vào Đảng Cộng sản Việt Nam.",
    )
    pdf.para(
        "Để có cơ sở xem xét, kết luận tiêu chuẩn chính trị theo quy định, ",
        ctx.cell_name,
        " đề nghị quý cơ quan thẩm tra, xác minh lý lịch của những người sau:",
    )
    rows = [
        [
            str(i + 1),
            vn.nfc(r.get("full_name")),
            vn.nfc(r.get("relation")),
            str(r.get("birth_year") or ""),
            vn.nfc(r.get("residence")),
            vn.nfc(r.get("occupation")),
            VERIFY_CONTENT,
        ]
        for i, r in enumerate(relatives)
    ]
    pdf.table(
        [
            L.Column("TT", 0.9, "CENTER"),
            L.Column("Họ và tên", 3),
            L.Column("Quan hệ", 1.6),
            L.Column("Năm sinh", 1.3, "CENTER"),
            L.Column("Nơi cư trú", 3),
            L.Column("Nghề nghiệp", 2),
            L.Column("Nội dung đề nghị thẩm tra", 4),
        ],
        rows,
    )
    days = ctx.extra.get("reply_days", 15)
    pdf.para(
        "Kết quả thẩm tra xin gửi về ",
        ctx.cell_name,
        f" trong thời hạn {days} ngày làm việc kể từ ngày"
        " nhận được công văn này. Trân trọng cảm ơn sự phối hợp của quý cơ quan.",
        space_before=4,
    )
    # The committee is told of the request unless it is itself addressed (then "Như trên" covers it).
    informed = [] if any(vn.fold(p) == vn.fold(ctx.committee) for p in places) else [f"{ctx.committee} (để b/c)"]
    pdf.closing([ctx.cell_signature()], ["Như trên", *informed, "Lưu chi bộ"])


def missing_verification(ctx: DocContext) -> list[str]:
    relatives = relatives_to_verify(ctx, ctx.today)
    if not relatives:
        return ["Chưa ghi thân nhân cần thẩm tra lý lịch (bố, mẹ, vợ hoặc chồng, con đã thành niên...)."]
    lacking = [vn.nfc(r.get("full_name")) for r in relatives if not (r.get("verify_place") or "").strip()]
    return [f"Chưa ghi nơi đề nghị thẩm tra cho: {', '.join(lacking)}."] if lacking else []


def _birth_cells(person: dict[str, Any]) -> tuple[str, str]:
    born = vn.format_date(person.get("birth_date"))
    if person.get("birth_year_only") and person.get("birth_date"):
        born = str(person["birth_date"])[:4]
    return (born, "") if person.get("gender") == "M" else ("", born)


def submission_rows(contexts: Sequence[DocContext], meeting_kind: str = "cell_meeting") -> list[list[str]]:
    rows = []
    for i, ctx in enumerate(contexts):
        p = ctx.person
        male, female = _birth_cells(p)
        meeting = ctx.milestone(meeting_kind) or {}
        details = meeting.get("details") or {}
        votes = (
            f"{details['votes_for']}/{details['official_total']}"
            if details.get("votes_for") is not None and details.get("official_total")
            else ""
        )
        introducers = ", ".join(
            vn.nfc(link.get("member_name"))
            for link in ctx.record.links_with_role("introducer")
            if link.get("member_name")
        )
        education = "; ".join(x for x in (vn.nfc(p.get("education_general")), vn.nfc(p.get("professional_level"))) if x)
        resolution = " ".join(x for x in (vn.nfc(meeting.get("doc_number")), vn.format_date(meeting.get("date"))) if x)
        rows.append(
            [
                str(i + 1),
                ctx.name,
                male,
                female,
                vn.nfc(p.get("ethnicity")),
                vn.nfc(p.get("religion")),
                education,
                ctx.occupation().replace(L.BLANK, ""),
                ctx.cell_name,
                introducers,
                resolution,
                votes,
            ]
        )
    return rows


def render_submission(
    pdf: L.PartyPdf,
    contexts: Sequence[DocContext],
    *,
    on: dt.date | None,
    recognition: bool = False,
    numbered: bool = True,
    signer: str = "",
    signer_title: str = "TRƯỞNG BAN",
) -> None:
    """Tờ trình of the Ban Xây dựng Đảng to the Ban Thường vụ, then the landscape list: for the
    admissions, or (``recognition``) for the official recognitions decided at the same meeting.
    Whether it carries a number line and who signs it are committee settings."""
    first = contexts[0]
    what = "công nhận đảng viên chính thức" if recognition else "kết nạp đảng viên"
    whom = "đảng viên dự bị" if recognition else "quần chúng"
    header = L.Header(
        upper=first.committee,
        issuer="Ban Xây dựng Đảng",
        place=first.place,
        on=on,
        number=L.doc_number(None, "TTr", "BXDĐ") if numbered else "",
    )
    pdf.header(header)
    pdf.title("TỜ TRÌNH", f"đề nghị {what}")
    pdf.addressee(first.standing_committee())
    cells = sorted({c.cell_name for c in contexts})
    pdf.para(
        "Căn cứ Điều lệ Đảng và Quy định, Hướng dẫn thi hành Điều lệ Đảng hiện hành; căn cứ nghị quyết đề"
        f" nghị {what} của ",
        ", ".join(cells),
        ".",
    )
    # The appraisal is the Ban's own conclusion, which no step records: the paper leaves it for the
    # Ban to write and states only what the records hold (the votes are in the list).
    pdf.para(
        f"Ban Xây dựng Đảng đã thẩm định hồ sơ của {vn.count(len(contexts))} {whom}; số đảng viên chính thức"
        " tán thành tại mỗi chi bộ ghi trong danh sách kèm theo. Kết quả thẩm định: ",
        L.BLANK,
    )
    pdf.para(
        "Ban Xây dựng Đảng kính trình ",
        first.standing_committee(),
        f" xem xét, quyết định {what} cho {vn.count(len(contexts))} {whom} có tên trong danh sách kèm theo.",
    )
    pdf.closing(
        [L.Signature("T/M BAN XÂY DỰNG ĐẢNG", signer_title, signer)],
        [first.standing_committee(), "Lưu Văn phòng Đảng ủy"],
    )
    pdf.new_document(draft=pdf.current_draft, landscape=True)
    pdf.header(L.Header(upper=first.committee, issuer="Ban Xây dựng Đảng", place=first.place, on=on, number=""))
    pdf.title(
        "DANH SÁCH TRÍCH NGANG",
        (f"đảng viên dự bị đề nghị {what}" if recognition else "quần chúng ưu tú đề nghị kết nạp vào Đảng")
        + " (kèm theo Tờ trình)",
    )
    group = "Ngày, tháng, năm sinh"
    pdf.table(
        [
            L.Column("TT", 0.6, "CENTER"),
            L.Column("Họ và tên", 2.6),
            L.Column("Nam", 1.75, "CENTER", group),
            L.Column("Nữ", 1.75, "CENTER", group),
            L.Column("Dân tộc", 1),
            L.Column("Tôn giáo", 1.1),
            L.Column("Trình độ", 1.3),
            L.Column("Nghề nghiệp, nơi làm việc", 2.4),
            L.Column("Chi bộ", 2),
            L.Column("Người giới thiệu", 2.2),
            L.Column("Nghị quyết chi bộ", 1.8),
            L.Column("Tán thành", 1, "CENTER"),
        ],
        submission_rows(contexts, "recognition_meeting" if recognition else "cell_meeting"),
        size=11,
    )
    pdf.para(f"Danh sách có {len(contexts)} người.", indent=False, space_before=4)


def render_register(
    pdf: L.PartyPdf, profile: dict[str, Any], rows: Sequence[dict[str, Any]], today: dt.date, scope: str = ""
) -> None:
    """Sổ đảng viên dự bị (18-KNĐ): the people admitted, in time order, with what became of them;
    a row's ``no`` is its running number in the whole register, ``scope`` says who is listed."""
    place = vn.nfc(profile.get("place_name")) or vn.nfc(profile.get("commune"))
    pdf.header(
        L.Header(
            upper=vn.nfc(profile.get("upper_body")), issuer=vn.nfc(profile.get("committee_name")), place=place, on=today
        )
    )
    pdf.title("SỔ ĐẢNG VIÊN DỰ BỊ", "(Mẫu 18-KNĐ)", rule=True)
    if scope:
        pdf.para(L.italic(f"Danh sách: {scope}."), indent=False, align="CENTER")
    notes = {
        "official": "Đã công nhận chính thức",
        "removed": "Đã xóa tên, ra khỏi Đảng",
        "deceased": "Đã từ trần",
        "transferred_out": "Đã chuyển đi",
    }
    body = []
    for i, r in enumerate(rows):
        note = notes.get(r.get("status") or "", "Đang dự bị")
        if r.get("readmission"):
            note = "Kết nạp lại; " + note.lower()
        decision = " ".join(x for x in (vn.nfc(r.get("decision_number")), vn.format_date(r.get("admitted_on"))) if x)
        body.append(
            [
                str(r.get("no", i + 1)),
                vn.nfc(r["full_name"]),
                vn.nfc(r.get("lylich_number")),
                vn.format_date(r.get("birth_date")),
                vn.nfc(r.get("cell")),
                decision,
                vn.format_date(r.get("ceremony_on")),
                vn.format_date(r.get("official_on")),
                note,
            ]
        )
    pdf.table(
        [
            L.Column("Số TT", 0.7, "CENTER"),
            L.Column("Họ và tên", 2.6),
            L.Column("Số lý lịch", 1.2),
            L.Column("Ngày sinh", 1.3, "CENTER"),
            L.Column("Chi bộ", 2.2),
            L.Column("Số, ngày quyết định kết nạp", 2),
            L.Column("Ngày lễ kết nạp", 1.3, "CENTER"),
            L.Column("Ngày công nhận chính thức", 1.4, "CENTER"),
            L.Column("Ghi chú", 2),
        ],
        body,
        size=11,
    )
    pdf.para(f"Danh sách có {len(rows)} đảng viên.", indent=False, space_before=4)
