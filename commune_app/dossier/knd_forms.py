"""The KNĐ papers (HD 12-HD/BTCTW numbering, docs/domain.md §4): 3 to 9, 11 to 16-KNĐ.

Each ``render_*`` writes one document into a ``PartyPdf`` from the person's milestones, in
full sentences; each ``missing_*`` says, in Vietnamese, what data the final paper lacks.
Where a datum is unknown the paper prints dots, and the ops layer then prints it as a draft.
"""

from __future__ import annotations

import re
from typing import Any

from commune_app import vn
from commune_app.dossier import layout as L
from commune_app.dossier.context import DocContext, as_date

DOTS = "." * 128  # one line of dots for the signer's own words (14 pt over the A4 text width)
# The basis line of the resolutions (6-, 8-, 13-, 15-KNĐ) as 13-KNĐ writes it (docs/forms.md): the article alone.
RESOLUTION_BASIS = "Căn cứ Điều {article}, Điều lệ Đảng Cộng sản Việt Nam,"


def _int(details: dict[str, Any], key: str) -> int | None:
    try:
        return int(details[key]) if details.get(key) not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _n(value: int | None) -> str:
    return vn.count(value) if value is not None else L.BLANK


def _text(details: dict[str, Any], key: str) -> str:
    return vn.nfc(details.get(key)) or L.BLANK


def _sentence(details: dict[str, Any], key: str) -> str:
    """The recorded words as a sentence: one final full stop, never two ('… đều..')."""
    text = _text(details, key)
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def number_line(ctx: DocContext, kind: str, doc_type: str, issuer_code: str, *, colon: bool = False) -> str:
    """The recorded number of the milestone ('Số 07-NQ/CB'), else dots for the signer."""
    recorded = ctx.number_of(kind)
    if recorded:
        return f"Số: {recorded}" if colon else f"Số {recorded}"
    return L.doc_number(None, doc_type, issuer_code, colon=colon)


def missing_details(ctx: DocContext, kind: str, label: str) -> list[str]:
    """The step behind the paper: recorded, and its vote passed. Its printed fields are checked
    against the step schema (``commune_app.dossier.completeness``)."""
    milestone = ctx.milestone(kind)
    if milestone is None:
        return [f"Chưa ghi nhận {label}."]
    if (milestone.get("details") or {}).get("passed") is False:
        return [f"Biểu quyết tại {label} không đạt; không ban hành văn bản đề nghị."]
    return []


def votes_sentence(votes: int | None, total: int | None, against: int | None, whom: str) -> str:
    """'... là 8/9 đồng chí, đạt 88,89%; số không tán thành là 1 đồng chí, chiếm 11,11%'."""
    if votes is None or not total:
        return f"Số {whom} tán thành là {L.BLANK} đồng chí, đạt {L.BLANK}%"
    against = against or 0
    text = f"Số {whom} tán thành là {vn.count(votes)}/{vn.count(total)} đồng chí, đạt {vn.percent_of(votes, total)}"
    text += f"; số không tán thành là {vn.count(against)} đồng chí, chiếm {vn.percent_of(against, total)}"
    return text


# --- 3-KNĐ: introduction by an official member (a draft for the introducer to sign) -----------


def together_words(relation: Any) -> str:
    """'Cùng công tác' (the picker's wording) → 'công tác', for 'Tôi đã cùng công tác với...'."""
    words = re.sub(r"(?i)^cùng\s+", "", vn.nfc(relation).strip())
    return words[:1].lower() + words[1:] if words else "công tác, sinh hoạt"


_PARTY_BODY = re.compile(r"(?i)^\s*(chi bộ|đảng bộ|đảng ủy|đảng uỷ|tổ đảng)\b")


def shared_place(ctx: DocContext, link: dict[str, Any]) -> str:
    """Where the introducer and the person worked or lived together: the unit typed, unless it is a
    party body (a non-member belongs to no cell); else the person's residence when they lived
    together, the workplace when they worked together, whichever is recorded."""
    unit = vn.nfc(link.get("unit"))
    if unit and not _PARTY_BODY.match(unit):
        return unit
    workplace, residence = vn.nfc(ctx.person.get("workplace")), ctx.residence()
    residence = "" if residence == L.BLANK else residence
    lived = "cư trú" in vn.nfc(link.get("relation")).lower()
    order = (residence, workplace) if lived else (workplace, residence)
    return next((place for place in order if place), L.BLANK)


def render_3(pdf: L.PartyPdf, ctx: DocContext, link: dict[str, Any]) -> None:
    member = vn.nfc(link.get("member_name")) or L.BLANK
    pdf.header(L.Header(issuer="", place=ctx.place, on=as_date(link.get("document_on"))))
    pdf.title("GIẤY GIỚI THIỆU NGƯỜI VÀO ĐẢNG", rule=True)
    pdf.addressee(ctx.cell_name)
    member_cell = ctx.extra.get("cells", {}).get(link.get("member_cell_id")) or ctx.cell_name
    pdf.para(
        "Tôi là: ",
        L.bold(member),
        ", sinh ",
        L.date_text(link.get("member_birth_date")),
        "; quê quán: ",
        vn.nfc(link.get("member_hometown")) or L.BLANK,
        ".",
    )
    pdf.para(
        "Vào Đảng ",
        L.date_text(link.get("member_admitted_on")),
        ", chính thức ",
        L.date_text(link.get("member_official_on")),
        "; chức vụ trong Đảng, chính quyền, đoàn thể: ",
        vn.nfc(link.get("member_position")) or L.BLANK,
        "; đang sinh hoạt tại ",
        member_cell,
        ".",
    )
    # An open period (no end date, "đến nay" in the picker) runs up to the introduction.
    until = L.date_text(link.get("together_to")) if link.get("together_to") else "nay"
    together = (
        f"từ {L.date_text(link.get('together_from'))} đến {until}"
        if link.get("together_from")
        else f"từ {L.date_text(None)}"
    )
    where = shared_place(ctx, link)
    relation = together_words(link.get("relation"))
    pdf.para("Tôi đã cùng ", relation, " với quần chúng ", L.bold(ctx.name), " ", together, " tại ", where, ".")
    pdf.para(
        "Quần chúng ",
        L.bold(ctx.name),
        " sinh ",
        ctx.birth_text(),
        "; quê quán: ",
        ctx.hometown(),
        "; nơi thường trú: ",
        ctx.residence(),
        "; nghề nghiệp: ",
        ctx.occupation(),
        ".",
    )
    pdf.para(
        "Qua thời gian cùng ",
        relation,
        ", tôi xin báo cáo chi bộ những vấn đề chủ yếu về quần chúng ",
        ctx.name,
        " như sau:",
    )
    pdf.para(
        "Những ưu, khuyết điểm chính (về lý lịch; phẩm chất chính trị; đạo đức, lối sống; năng lực công tác; quan"
        " hệ quần chúng):"
    )
    assessment = vn.nfc(link.get("notes"))
    if assessment:
        pdf.para(assessment)
    else:
        for _ in range(4):
            pdf.para(DOTS, indent=False, align="LEFT")
    pdf.para(
        "Đối chiếu tiêu chuẩn và điều kiện kết nạp đảng viên, tôi giới thiệu với chi bộ xem xét, đề nghị kết nạp"
        " quần chúng ",
        L.bold(ctx.name),
        " vào Đảng Cộng sản Việt Nam.",
    )
    pdf.para("Tôi xin chịu trách nhiệm trước Đảng về sự giới thiệu của mình.")
    pdf.closing([L.Signature("", "ĐẢNG VIÊN GIỚI THIỆU", member, "(Ký, ghi rõ họ tên)")])


def missing_3(ctx: DocContext, link: dict[str, Any]) -> list[str]:
    out = []
    if not link.get("together_from"):
        out.append(f"Chưa ghi thời gian {link.get('member_name')} cùng công tác, sinh hoạt với người vào Đảng.")
    if not link.get("member_official_on"):
        out.append(f"Chưa ghi ngày {link.get('member_name')} được công nhận đảng viên chính thức.")
    return out


# --- 4-KNĐ / 4A-KNĐ: union resolutions (drafts for the Đoàn or the Công đoàn) -------------------

_UNIONS = {
    "4-KNĐ": {
        "kind": "youth_union_resolution",
        "title": "ĐOÀN TNCS HỒ CHÍ MINH",
        "motto": "",
        "star": "***",
        "member": "đoàn viên",
        "subject": "giới thiệu đoàn viên ưu tú vào Đảng",
        "code": "ĐTN",
        "charter": "Điều lệ Đoàn TNCS Hồ Chí Minh",
        "body": "đoàn cơ sở",
        "signer": "BÍ THƯ",
    },
    "4A-KNĐ": {
        "kind": "trade_union_resolution",
        "title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "star": "",
        "member": "đoàn viên công đoàn",
        "subject": "giới thiệu đoàn viên công đoàn ưu tú vào Đảng",
        "code": "CĐCS",
        "charter": "Điều lệ Công đoàn Việt Nam",
        "body": "công đoàn cơ sở",
        "signer": "CHỦ TỊCH",
    },
}


def union_body(ctx: DocContext, form: str) -> tuple[str, str]:
    """(upper body, executive committee) of the union that introduces the person."""
    milestone = ctx.milestone(_UNIONS[form]["kind"]) or {}
    commune = vn.nfc(ctx.profile.get("commune"))
    province = vn.nfc(ctx.profile.get("province"))
    if form == "4-KNĐ":
        issuer = vn.nfc(milestone.get("issuer")) or f"BCH Đoàn xã {commune}".strip()
        return (f"Tỉnh đoàn {province}" if province else ""), issuer
    workplace = vn.nfc(ctx.person.get("workplace"))
    issuer = vn.nfc(milestone.get("issuer")) or (
        f"BCH Công đoàn cơ sở {workplace}" if workplace else "BCH Công đoàn cơ sở ......"
    )
    return (f"LĐLĐ tỉnh {province}" if province else ""), issuer


def render_union(pdf: L.PartyPdf, ctx: DocContext, form: str) -> None:
    spec = _UNIONS[form]
    milestone = ctx.milestone(spec["kind"]) or {}
    details = milestone.get("details") or {}
    on = as_date(milestone.get("date"))
    upper, issuer = union_body(ctx, form)
    pdf.header(
        L.Header(
            upper=upper,
            issuer=issuer,
            title=spec["title"],
            motto=spec["motto"],
            star=spec["star"],
            number=number_line(ctx, spec["kind"], "NQ", spec["code"], colon=True),
            place=ctx.place,
            on=on,
        )
    )
    pdf.title("NGHỊ QUYẾT", spec["subject"])
    # Addressed to the cell's committee and the party committee above it, as the form is (docs/forms.md).
    party = ctx.grassroots_committee if ctx.routing == "chi_bo_truc_thuoc" else ctx.committee
    pdf.addressee(f"Chi ủy {ctx.cell_name}", party)
    pdf.para(
        "- Căn cứ điểm 1, Điều 4, Chương I Điều lệ Đảng Cộng sản Việt Nam về quyền hạn của ban chấp hành ",
        spec["body"],
        " giới thiệu ",
        spec["member"],
        " ưu tú vào Đảng;",
    )
    pdf.para(f"- Căn cứ {spec['charter']};")
    total, present = _int(details, "committee_total"), _int(details, "committee_present")
    absent = total - present if total is not None and present is not None else None
    pdf.para(
        "Ngày ",
        L.date_text(on).removeprefix("ngày "),
        ", ",
        issuer,
        " đã họp xét, giới thiệu ",
        spec["member"],
        " ",
        L.bold(ctx.name),
        " vào Đảng. Tổng số ủy viên Ban Chấp hành: ",
        _n(total),
        " đồng chí; có mặt: ",
        _n(present),
        " đồng chí; vắng mặt: ",
        _n(absent),
        " đồng chí.",
    )
    joined = ctx.person.get("youth_union_joined")
    pdf.para(
        spec["member"].capitalize(),
        " ",
        L.bold(ctx.name),
        " sinh ",
        ctx.birth_text(),
        "; quê quán: ",
        ctx.hometown(),
        "; nghề nghiệp: ",
        ctx.occupation(),
        *(["; vào Đoàn ", L.date_text(joined)] if form == "4-KNĐ" and joined else []),
        ".",
    )
    pdf.para(
        "Ban Chấp hành nhận xét: ",
        _text(details, "strengths") if details.get("strengths") else DOTS[:100],
        indent=True,
        align="LEFT",
    )
    pdf.para(
        votes_sentence(
            _int(details, "committee_votes_for"),
            total,
            _int(details, "committee_votes_against"),
            "ủy viên Ban Chấp hành",
        )
        + "."
    )
    pdf.para(
        "Ban Chấp hành giới thiệu ",
        spec["member"],
        " ",
        L.bold(ctx.name),
        " để ",
        ctx.cell_name,
        " xem xét, đề nghị kết nạp vào Đảng Cộng sản Việt Nam.",
    )
    pdf.closing(
        [L.Signature("TM. BAN CHẤP HÀNH", spec["signer"], vn.nfc(details.get("signer")))], [ctx.cell_name, "Lưu"]
    )


def missing_union(ctx: DocContext, form: str) -> list[str]:
    label = "nghị quyết giới thiệu của Đoàn" if form == "4-KNĐ" else "nghị quyết giới thiệu của Công đoàn"
    return missing_details(ctx, _UNIONS[form]["kind"], label)


# --- 5-KNĐ / 12-KNĐ: summary of opinions -------------------------------------------------------


def render_opinions(pdf: L.PartyPdf, ctx: DocContext, kind: str, *, probationary: bool) -> None:
    milestone = ctx.milestone(kind) or {}
    details = milestone.get("details") or {}
    on = as_date(milestone.get("date"))
    pdf.header(ctx.cell_header("", on))
    whom = "đảng viên dự bị" if probationary else "người xin vào Đảng"
    pdf.title(
        "TỔNG HỢP Ý KIẾN NHẬN XÉT", f"của đoàn thể chính trị - xã hội nơi làm việc và chi ủy nơi cư trú đối với {whom}"
    )
    who = "đồng chí" if probationary else "quần chúng"
    pdf.para(
        "Thực hiện quy định về thủ tục ",
        "xét công nhận đảng viên chính thức" if probationary else "xem xét kết nạp đảng viên",
        ", chi ủy ",
        ctx.cell_name,
        " đã tổng hợp ý kiến nhận xét đối với ",
        who,
        " ",
        L.bold(ctx.name),
        ", sinh ",
        ctx.birth_text(),
        ", nơi thường trú: ",
        ctx.residence(),
        ".",
    )
    organisations = [o for o in details.get("organisations") or [] if isinstance(o, dict)] or [{}]
    for i, org in enumerate(organisations, 1):
        # One block per organisation consulted, with what it recorded (the step's own words).
        pdf.heading(f"{i}. Ý kiến nhận xét của ", vn.nfc(org.get("name")) or L.BLANK)
        consulted, agree = _int(org, "consulted"), _int(org, "agree")
        pdf.para(
            "Ngày lấy ý kiến: ",
            L.date_text(as_date(org.get("date"))).removeprefix("ngày "),
            "; số người được hỏi ý kiến: ",
            _n(consulted),
            "; số người đồng ý: ",
            _n(agree),
            f" (đạt {vn.percent_of(agree, consulted)})" if agree is not None and consulted else "",
            ".",
        )
        pdf.para("Nội dung nhận xét: ", _text(org, "summary"))
    pdf.heading(f"{len(organisations) + 1}. Nhận xét chung của chi ủy")
    pdf.para(_text(details, "conclusion"))
    pdf.closing([L.Signature("T/M CHI ỦY", "BÍ THƯ", ctx.cell_secretary)], ["Lưu hồ sơ"])


def missing_opinions(ctx: DocContext, kind: str, label: str) -> list[str]:
    return missing_details(ctx, kind, label)


# --- 6-KNĐ / 13-KNĐ: cell resolutions ---------------------------------------------------------


def render_cell_resolution(pdf: L.PartyPdf, ctx: DocContext, kind: str, *, recognition: bool) -> None:
    milestone = ctx.milestone(kind) or {}
    details = milestone.get("details") or {}
    on = as_date(milestone.get("date")) or (None if recognition else ctx.planned_meeting())
    pdf.header(ctx.cell_header(number_line(ctx, kind, "NQ", ctx.cell_code), on))
    pdf.title("NGHỊ QUYẾT", "đề nghị công nhận đảng viên chính thức" if recognition else "đề nghị kết nạp đảng viên")
    pdf.para(RESOLUTION_BASIS.format(article=5 if recognition else 4))
    if recognition:
        decision = ctx.number_of("admission_decision")
        pdf.para(
            "Ngày ",
            L.date_text(on).removeprefix("ngày "),
            ", ",
            ctx.cell_name,
            " đã họp để xét, đề nghị công nhận đảng viên dự bị ",
            L.bold(ctx.name),
            ", sinh ",
            ctx.birth_text(),
            ", được kết nạp vào Đảng ",
            L.date_text(ctx.date_of("admission_decision")),
            f" (Quyết định số {decision})" if decision else "",
            ", lễ kết nạp ",
            L.date_text(ctx.date_of("ceremony")),
            ", trở thành đảng viên chính thức.",
        )
    else:
        pdf.para(
            "Ngày ",
            L.date_text(on).removeprefix("ngày "),
            ", ",
            ctx.cell_name,
            " đã họp để xét, đề nghị kết nạp quần chúng ",
            L.bold(ctx.name),
            ", sinh ",
            ctx.birth_text(),
            ", vào Đảng Cộng sản Việt Nam.",
        )
    official, prob = _int(details, "official_total"), _int(details, "probationary_total") or 0
    o_present, p_present = _int(details, "official_present"), _int(details, "probationary_present") or 0
    total = official + prob if official is not None else None
    present = o_present + p_present if o_present is not None else None
    absent = total - present if total is not None and present is not None else None
    o_absent = official - o_present if official is not None and o_present is not None else None
    # The attendance lines of the form: each total "đảng viên", split into "chính thức … đồng chí, dự bị … đồng chí".
    for label, whole, part_official, part_prob in (
        ("Tổng số đảng viên của chi bộ", total, official, prob),
        ("Có mặt", present, o_present, p_present),
        ("Vắng mặt", absent, o_absent, prob - p_present),
    ):
        pdf.para(
            f"{label}: ",
            _n(whole),
            " đảng viên, trong đó chính thức ",
            _n(part_official),
            " đồng chí, dự bị ",
            _n(part_prob),
            " đồng chí.",
        )
    if absent:
        pdf.para("Lý do vắng mặt: ", _sentence(details, "absent_reasons"))
    pdf.para("Chủ trì hội nghị: Đồng chí ", _text(details, "chair"), ", chức vụ: ", _text(details, "chair_title"), ".")
    pdf.para("Thư ký hội nghị: Đồng chí ", _text(details, "secretary"), ".")
    pdf.heading("Chi bộ thống nhất kết luận:")
    who = "đồng chí" if recognition else "quần chúng"
    period = " trong thời gian dự bị" if recognition else ""
    pdf.para(
        "1. Những ưu, khuyết điểm chính về phẩm chất chính trị, đạo đức, lối sống, năng lực công tác,"
        f" quan hệ quần chúng{period} của {who} ",
        L.bold(ctx.name),
        ":",
    )
    pdf.para("- Ưu điểm: ", _sentence(details, "strengths"))
    pdf.para("- Khuyết điểm: ", _sentence(details, "weaknesses"))
    # Item 2 is what the cell concluded, as recorded; never a wording of the program's own.
    pdf.para(
        "2. Về chấp hành nhiệm vụ đảng viên và tiêu chuẩn chính trị: "
        if recognition
        else "2. Về tiêu chuẩn chính trị của quần chúng và gia đình: ",
        _text(details, "political_conclusion"),
    )
    what = (
        "công nhận đồng chí " + ctx.name + " là đảng viên chính thức"
        if recognition
        else "kết nạp quần chúng " + ctx.name + " vào Đảng"
    )
    sentence = votes_sentence(
        _int(details, "votes_for"), official, _int(details, "votes_against"), "đảng viên chính thức"
    )
    reasons = vn.nfc(details.get("against_reasons"))
    pdf.para(
        f"3. Về biểu quyết {what}: {sentence} so với tổng số đảng viên chính thức"
        + (f"; lý do không tán thành: {reasons}" if reasons else "")
        + "."
    )
    what_for = (
        ("công nhận đồng chí ", L.bold(ctx.name), " là đảng viên chính thức của Đảng Cộng sản Việt Nam.")
        if recognition
        else ("kết nạp quần chúng ", L.bold(ctx.name), " vào Đảng Cộng sản Việt Nam.")
    )
    if ctx.routing == "chi_bo_truc_thuoc":
        # A chi bộ trực thuộc proposes to its đảng ủy cơ sở, which proposes in turn; the
        # commune's standing committee decides.
        target = ctx.grassroots_committee
        pdf.para("Chi bộ đề nghị ", target, " xem xét, đề nghị ", ctx.standing_committee(), " ", *what_for)
    else:
        target = ctx.standing_committee()
        pdf.para("Chi bộ đề nghị ", target, " xem xét, quyết định ", *what_for)
    pdf.closing([ctx.cell_signature()], [f"{target} (để b/c)", "Lưu chi bộ"])


def missing_cell_resolution(ctx: DocContext, kind: str, label: str) -> list[str]:
    out = missing_details(ctx, kind, label)
    details = ctx.details(kind)
    # At a recognition meeting the person is a probationary member of the cell: the paper
    # must not print 'dự bị 00 đồng chí'.
    if kind == "recognition_meeting" and ctx.milestone(kind) and (_int(details, "probationary_total") or 0) < 1:
        out.append(
            f"{label[0].upper()}{label[1:]} ghi chi bộ có 0 đảng viên dự bị, nhưng đồng chí {ctx.name}"
            " đang là đảng viên dự bị của chi bộ: hãy sửa số đảng viên dự bị."
        )
    return out


# --- 7-KNĐ / 14-KNĐ appraisal and 8-KNĐ / 15-KNĐ grassroots resolutions ------------------------


def render_appraisal(pdf: L.PartyPdf, ctx: DocContext, kind: str, meeting_kind: str, *, recognition: bool) -> None:
    milestone = ctx.milestone(kind) or {}
    details = milestone.get("details") or {}
    on = as_date(milestone.get("date"))
    issuer = vn.nfc(milestone.get("issuer")) or "Đảng ủy bộ phận ......"
    pdf.header(
        L.Header(
            upper=ctx.grassroots, issuer=issuer, number=number_line(ctx, kind, "BC", "ĐUBP"), place=ctx.place, on=on
        )
    )
    pdf.title(
        "BÁO CÁO",
        "thẩm định nghị quyết đề nghị " + ("công nhận đảng viên chính thức" if recognition else "kết nạp đảng viên"),
    )
    resolution = ctx.number_of(meeting_kind)
    pdf.para(
        issuer,
        " đã thẩm định Nghị quyết",
        f" số {resolution}" if resolution else "",
        " ",
        L.date_text(ctx.date_of(meeting_kind)),
        " của ",
        ctx.cell_name,
        " đề nghị ",
        "công nhận đảng viên chính thức cho đồng chí " if recognition else "kết nạp quần chúng ",
        L.bold(ctx.name),
        ", sinh ",
        ctx.birth_text(),
        ", và hồ sơ kèm theo.",
    )
    pdf.para("Kết quả thẩm định: ", _text(details, "conclusion"))
    pdf.para(
        votes_sentence(
            _int(details, "committee_votes_for"),
            _int(details, "committee_total"),
            _int(details, "committee_votes_against"),
            "ủy viên đảng ủy bộ phận",
        )
        + "."
    )
    # The đảng ủy cơ sở only proposes in its turn; the commune's standing committee decides.
    pdf.para(
        issuer,
        " đề nghị ",
        ctx.grassroots_committee,
        " xem xét, đề nghị ",
        ctx.standing_committee(),
        " công nhận đồng chí " if recognition else " kết nạp quần chúng ",
        L.bold(ctx.name),
        " là đảng viên chính thức." if recognition else " vào Đảng Cộng sản Việt Nam.",
    )
    pdf.closing(
        [L.Signature("T/M ĐẢNG ỦY BỘ PHẬN", "BÍ THƯ", vn.nfc(details.get("signer")))], [ctx.grassroots_committee, "Lưu"]
    )


def render_grassroots(pdf: L.PartyPdf, ctx: DocContext, kind: str, meeting_kind: str, *, recognition: bool) -> None:
    milestone = ctx.milestone(kind) or {}
    details = milestone.get("details") or {}
    on = as_date(milestone.get("date"))
    pdf.header(ctx.grassroots_header(number_line(ctx, kind, "NQ", "ĐU"), on))
    pdf.title("NGHỊ QUYẾT", "đề nghị công nhận đảng viên chính thức" if recognition else "đề nghị kết nạp đảng viên")
    # The basis as the chi bộ's resolution of the same guide writes it (docs/forms.md).
    pdf.para(RESOLUTION_BASIS.format(article=5 if recognition else 4))
    resolution = ctx.number_of(meeting_kind)
    pdf.para(
        "Xét Nghị quyết",
        f" số {resolution}" if resolution else "",
        " ",
        L.date_text(ctx.date_of(meeting_kind)),
        " của ",
        ctx.cell_name,
        " đề nghị ",
        "công nhận đảng viên chính thức cho đồng chí " if recognition else "kết nạp quần chúng ",
        L.bold(ctx.name),
        ".",
    )
    total, present = _int(details, "committee_total"), _int(details, "committee_present")
    pdf.para(
        "Ngày ",
        L.date_text(on).removeprefix("ngày "),
        ", ",
        ctx.grassroots_committee,
        " đã họp xét. Tổng số ủy viên: ",
        _n(total),
        " đồng chí; có mặt: ",
        _n(present),
        " đồng chí.",
    )
    # "thống nhất kết luận" states what the committee agreed: only over the words it recorded.
    pdf.para(
        "Đảng ủy thống nhất kết luận: " if details.get("conclusion") else "Kết luận của Đảng ủy: ",
        _text(details, "conclusion"),
    )
    pdf.para(
        votes_sentence(_int(details, "committee_votes_for"), total, _int(details, "committee_votes_against"), "ủy viên")
        + " so với tổng số ủy viên đảng ủy."
    )
    pdf.para(
        "Đảng ủy đề nghị ",
        ctx.standing_committee(),
        " xem xét, quyết định ",
        "công nhận đồng chí " if recognition else "kết nạp quần chúng ",
        L.bold(ctx.name),
        " là đảng viên chính thức." if recognition else " vào Đảng Cộng sản Việt Nam.",
    )
    pdf.closing(
        [L.Signature("T/M ĐẢNG ỦY", "BÍ THƯ", vn.nfc(details.get("signer")))],
        [f"{ctx.standing_committee()} (để b/c)", ctx.cell_name, "Lưu"],
    )


def missing_committee(ctx: DocContext, kind: str, label: str) -> list[str]:
    return missing_details(ctx, kind, label)


# --- 9-KNĐ / 16-KNĐ: the standing committee's decisions ------------------------------------------


def decision_bases(pdf: L.PartyPdf, ctx: DocContext, meeting_kind: str, grassroots_kind: str, what: str) -> None:
    term = vn.nfc(ctx.profile.get("party_term"))
    pdf.para("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", indent=True)
    # The rule set's citation in the usual form ('Quy định số 294-QĐ/TW, ngày 26/5/2025 của ...').
    basis = vn.nfc(ctx.extra.get("decision_basis"))
    pdf.para(f"- Căn cứ {basis};" if basis else "- Căn cứ Quy định, Hướng dẫn thi hành Điều lệ Đảng hiện hành;")
    pdf.para(f"- Căn cứ Quy chế làm việc của {ctx.committee}" + (f" nhiệm kỳ {term}" if term else "") + ";")
    resolution = ctx.number_of(meeting_kind)
    pdf.para(
        "- Xét Nghị quyết",
        f" số {resolution}" if resolution else "",
        " ",
        L.date_text(ctx.date_of(meeting_kind)),
        " của ",
        ctx.cell_name,
        f" đề nghị {what};",
    )
    if ctx.milestone(grassroots_kind):
        number = ctx.number_of(grassroots_kind)
        pdf.para(
            "- Xét Nghị quyết",
            f" số {number}" if number else "",
            " ",
            L.date_text(ctx.date_of(grassroots_kind)),
            " của ",
            ctx.grassroots_committee,
            f" đề nghị {what};",
        )
    pdf.para(f"- Xét đề nghị của Ban Xây dựng Đảng {ctx.committee},")


def render_9(pdf: L.PartyPdf, ctx: DocContext) -> None:
    milestone = ctx.milestone("admission_decision") or {}
    details = milestone.get("details") or {}
    on = as_date(milestone.get("date"))
    pdf.header(ctx.committee_header(number_line(ctx, "admission_decision", "QĐ", ctx.committee_code), on))
    pdf.title("QUYẾT ĐỊNH", "kết nạp đảng viên")
    pdf.heading(ctx.standing_committee().upper(), align="CENTER")
    decision_bases(pdf, ctx, "cell_meeting", "grassroots_resolution", "kết nạp đảng viên")
    pdf.heading("QUYẾT ĐỊNH:", align="CENTER")
    pdf.para(
        L.bold("Điều 1. "),
        "Kết nạp quần chúng ",
        L.bold(ctx.name),
        ", sinh ",
        ctx.birth_text(),
        "; quê quán: ",
        ctx.hometown(),
        "; nơi thường trú: ",
        ctx.residence(),
        "; nghề nghiệp, nơi làm việc: ",
        ctx.occupation(),
        "; vào Đảng Cộng sản Việt Nam.",
    )
    pdf.para(
        "Thời gian dự bị của đồng chí ",
        ctx.name,
        " là ",
        str(ctx.extra.get("probation_months", 12)),
        " tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.",
    )
    pdf.para(
        L.bold("Điều 2. "),
        ctx.cell_name,
        " tổ chức lễ kết nạp cho đồng chí ",
        ctx.name,
        " trong thời hạn ",
        str(ctx.extra.get("ceremony_days", 30)),
        " ngày làm việc kể từ ngày nhận được quyết định này;"
        " phân công đảng viên chính thức giúp đỡ đảng viên dự bị; quản lý, giáo dục, rèn luyện đảng viên"
        " dự bị theo quy định.",
    )
    pdf.para(
        L.bold("Điều 3. "),
        f"Ban Xây dựng Đảng, Văn phòng {ctx.committee}, ",
        ctx.cell_name,
        " và đồng chí ",
        ctx.name,
        " thi hành quyết định này.",
    )
    pdf.closing([ctx.committee_signature(details)], ["Như Điều 3", "Lưu hồ sơ đảng viên", "Lưu Văn phòng Đảng ủy"])


def missing_9(ctx: DocContext) -> list[str]:
    out = []
    meeting = ctx.milestone("cell_meeting")
    if meeting is None or (meeting.get("details") or {}).get("passed") is False:
        out.append("Chưa có nghị quyết chi bộ đề nghị kết nạp (6-KNĐ) với biểu quyết đạt.")
    return out


def render_16(pdf: L.PartyPdf, ctx: DocContext) -> None:
    milestone = ctx.milestone("recognition_decision") or {}
    details = milestone.get("details") or {}
    on = as_date(milestone.get("date"))
    official_on = as_date(details.get("official_on")) or ctx.extra.get("official_on")
    pdf.header(ctx.committee_header(number_line(ctx, "recognition_decision", "QĐ", ctx.committee_code), on))
    pdf.title("QUYẾT ĐỊNH", "công nhận đảng viên chính thức")
    pdf.heading(ctx.standing_committee().upper(), align="CENTER")
    decision_bases(pdf, ctx, "recognition_meeting", "recognition_grassroots", "công nhận đảng viên chính thức")
    pdf.heading("QUYẾT ĐỊNH:", align="CENTER")
    admission = ctx.number_of("admission_decision")
    pdf.para(
        L.bold("Điều 1. "),
        "Công nhận đồng chí ",
        L.bold(ctx.name),
        ", sinh ",
        ctx.birth_text(),
        "; quê quán: ",
        ctx.hometown(),
        "; được kết nạp vào Đảng ",
        L.date_text(ctx.date_of("admission_decision")),
        f" (Quyết định số {admission})" if admission else "",
        ", là ",
        L.bold("đảng viên chính thức"),
        " kể từ ",
        L.date_text(official_on),
        ".",
    )
    pdf.para("Tuổi đảng của đồng chí ", ctx.name, " được tính từ ", L.date_text(ctx.date_of("admission_decision")), ".")
    pdf.para(
        L.bold("Điều 2. "),
        ctx.cell_name,
        " công bố quyết định này; cập nhật hồ sơ, sổ đảng viên và đề nghị cấp thẻ đảng viên cho đồng chí ",
        ctx.name,
        " theo quy định.",
    )
    pdf.para(
        L.bold("Điều 3. "),
        f"Ban Xây dựng Đảng, Văn phòng {ctx.committee}, ",
        ctx.cell_name,
        " và đồng chí ",
        ctx.name,
        " thi hành quyết định này.",
    )
    pdf.closing([ctx.committee_signature(details)], ["Như Điều 3", "Lưu hồ sơ đảng viên", "Lưu Văn phòng Đảng ủy"])


def missing_16(ctx: DocContext) -> list[str]:
    out = []
    meeting = ctx.milestone("recognition_meeting")
    if meeting is None or (meeting.get("details") or {}).get("passed") is False:
        out.append("Chưa có nghị quyết chi bộ đề nghị công nhận chính thức (13-KNĐ) với biểu quyết đạt.")
    if not ctx.extra.get("official_on") and not ctx.details("recognition_decision").get("official_on"):
        out.append("Chưa có ngày lễ kết nạp nên chưa tính được ngày hết thời gian dự bị.")
    return out


# --- 11-KNĐ: the mentor's assessment of a probationary member (a draft for the mentor) ----------


def render_11(pdf: L.PartyPdf, ctx: DocContext) -> None:
    mentors = ctx.record.links_with_role("mentor")
    link = mentors[-1] if mentors else {}
    mentor = vn.nfc(link.get("member_name")) or L.BLANK
    pdf.header(L.Header(issuer="", place=ctx.place, on=None))
    pdf.title("BẢN NHẬN XÉT ĐẢNG VIÊN DỰ BỊ", "(của đảng viên chính thức được phân công giúp đỡ)")
    pdf.addressee(ctx.cell_name)
    pdf.para(
        "Tôi là: ",
        L.bold(mentor),
        ", đảng viên chính thức, sinh hoạt tại ",
        ctx.cell_name,
        "; được chi bộ phân công giúp đỡ đảng viên dự bị ",
        L.bold(ctx.name),
        " từ ",
        L.date_text(link.get("assigned_on")),
        ".",
    )
    decision = ctx.number_of("admission_decision")
    pdf.para(
        "Đồng chí ",
        ctx.name,
        ", sinh ",
        ctx.birth_text(),
        ", được kết nạp vào Đảng ",
        L.date_text(ctx.date_of("admission_decision")),
        f" (Quyết định số {decision})" if decision else "",
        "; lễ kết nạp ",
        L.date_text(ctx.date_of("ceremony")),
        "; hết thời gian dự bị ",
        L.date_text(ctx.extra.get("official_on")),
        ".",
    )
    pdf.para(
        "Qua thời gian giúp đỡ, tôi nhận xét đồng chí ",
        ctx.name,
        " về nhận thức chính trị, phẩm chất"
        " đạo đức, lối sống, việc thực hiện nhiệm vụ đảng viên và quan hệ với quần chúng như sau:",
    )
    for _ in range(5):
        pdf.para(DOTS, indent=False, align="LEFT")
    pdf.para(
        "Tôi đề nghị chi bộ xem xét, đề nghị cấp ủy có thẩm quyền công nhận đồng chí ",
        L.bold(ctx.name),
        " là đảng viên chính thức.",
    )
    pdf.closing([L.Signature("", "NGƯỜI NHẬN XÉT", mentor, "(Ký, ghi rõ họ tên)")])


def missing_11(ctx: DocContext) -> list[str]:
    out = []
    if not ctx.record.links_with_role("mentor"):
        out.append("Chưa phân công đảng viên chính thức giúp đỡ đảng viên dự bị.")
    if ctx.milestone("ceremony") is None:
        out.append("Chưa ghi nhận lễ kết nạp.")
    return out
