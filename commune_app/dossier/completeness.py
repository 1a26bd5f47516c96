"""What a paper's final copy needs from the file: every field of its steps that it prints
(the step schema's ``missing_for_form``), every fact of the person it prints, and, for the
papers it cites, that they are final themselves. A paper with a gap prints dots and stays a
draft; the ops layer (``commune_app.ops.documents``) joins these gaps with the party's rules.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from commune_app import vn
from commune_app.domain import steps
from commune_app.dossier.context import DocContext
from commune_app.dossier.lists import relatives_to_verify

# The facts of the person each paper prints (docs/forms.md lists them with the forms).
_PERSON_FACTS: dict[str, tuple[str, ...]] = {
    "TTLL": ("birth", "hometown", "residence", "occupation"),
    "3-KNĐ": ("birth", "hometown", "residence", "occupation"),
    "4-KNĐ": ("birth", "hometown", "occupation"),
    "4A-KNĐ": ("birth", "hometown", "occupation"),
    "5-KNĐ": ("birth", "residence"),
    "6-KNĐ": ("birth",),
    "7-KNĐ": ("birth",),
    "9-KNĐ": ("birth", "hometown", "residence", "occupation"),
    "11-KNĐ": ("birth",),
    "12-KNĐ": ("birth", "residence"),
    "13-KNĐ": ("birth",),
    "16-KNĐ": ("birth", "hometown"),
}
_FACT_LABELS = {
    "birth": "ngày sinh",
    "hometown": "quê quán",
    "residence": "nơi thường trú",
    "occupation": "nghề nghiệp, nơi làm việc",
}

# The papers each paper cites: it is final only when they are (when they apply to the file).
CITES: dict[str, tuple[str, ...]] = {
    "7-KNĐ": ("6-KNĐ",),
    "8-KNĐ": ("6-KNĐ", "7-KNĐ"),
    "9-KNĐ": ("6-KNĐ", "7-KNĐ", "8-KNĐ"),
    "14-KNĐ": ("13-KNĐ",),
    "15-KNĐ": ("13-KNĐ", "14-KNĐ"),
    "16-KNĐ": ("13-KNĐ", "14-KNĐ", "15-KNĐ"),
}

# A decision's signer is the committee's secretary unless the step names another.
_DECISION_KINDS = ("admission_decision", "recognition_decision")


def _fact(ctx: DocContext, fact: str) -> bool:
    person = ctx.person
    if fact == "birth":
        return ctx.birth is not None
    if fact == "residence":
        return bool(vn.nfc(person.get("residence_detail")) or vn.nfc(person.get("residence")))
    if fact == "occupation":
        return bool(vn.nfc(person.get("occupation")) or vn.nfc(person.get("workplace")))
    return bool(vn.nfc(person.get(fact)))


def person_gaps(ctx: DocContext, form: str) -> list[str]:
    return [
        f"Chưa ghi {_FACT_LABELS[fact]} của {ctx.name}." for fact in _PERSON_FACTS.get(form, ()) if not _fact(ctx, fact)
    ]


def step_details(ctx: DocContext, kind: str) -> dict[str, Any]:
    """The details a paper prints for a step; a decision not recorded yet (issuing records it) is
    signed by the secretary named in the committee profile."""
    details = dict(ctx.details(kind))
    if kind in _DECISION_KINDS and not details.get("signer") and vn.nfc(ctx.profile.get("secretary")):
        details.setdefault("signer_title", "Bí thư")
        if vn.fold(vn.nfc(details.get("signer_title"))) == vn.fold("Bí thư"):
            details["signer"] = vn.nfc(ctx.profile.get("secretary"))
    return details


def step_gaps(ctx: DocContext, form: str) -> list[str]:
    """The printed fields of the form's steps that are empty. A step not recorded yet is named by
    the form's own check, except a decision, which is recorded when it is issued."""
    out: list[str] = []
    for kind in steps.form_kinds(form):
        if ctx.milestone(kind) is None and kind not in _DECISION_KINDS:
            continue
        if (ctx.milestone(kind) or {}).get("details", {}).get("from_papers"):
            continue  # a paper issued before the file was kept: its text is the signed paper
        out += steps.missing_for_form(kind, step_details(ctx, kind), form)
    return out


def unit_problem(unit: str, cell_name: str) -> str:
    """Why an introducer's unit text may not print: the cell named twice, or names run together
    ('Chi bộ thôn Nà LầuThôn Nà Lầu'). '' when it reads well."""
    text = vn.nfc(unit)
    if not text:
        return ""
    place = re.sub(r"(?i)^chi bộ\s+", "", vn.nfc(cell_name)).strip()
    folded = vn.fold(text)
    if place and folded.count(vn.fold(place)) > 1:
        return f"Nơi cùng công tác, sinh hoạt “{text}” ghi tên {place} hai lần: hãy sửa lại."
    if any(a.islower() and b.isupper() for a, b in itertools.pairwise(text)):
        return f"Nơi cùng công tác, sinh hoạt “{text}” có hai tên viết liền nhau: hãy sửa lại."
    return ""


def introducer_gaps(ctx: DocContext, link: dict[str, Any]) -> list[str]:
    """What the introducer's part of 3-KNĐ prints about the introducer."""
    name = vn.nfc(link.get("member_name")) or "người giới thiệu"
    out = [
        f"Chưa ghi {label} của {name} (người giới thiệu)."
        for key, label in (
            ("member_birth_date", "ngày sinh"),
            ("member_hometown", "quê quán"),
            ("member_position", "chức vụ đảng, chính quyền, đoàn thể"),
        )
        if not vn.nfc(link.get(key))
    ]
    problem = unit_problem(link.get("unit") or "", ctx.cell_name)
    return out + ([problem] if problem else [])


def verification_gaps(ctx: DocContext) -> list[str]:
    """The cell's resolution states the political standards on the certified lý lịch, which rests
    on the verification replies: each relative to verify needs its reply recorded."""
    on = ctx.date_of("cell_meeting") or ctx.today
    lacking = [vn.nfc(r.get("full_name")) for r in relatives_to_verify(ctx, on) if not r.get("verify_replied_on")]
    return [f"Chưa có kết quả thẩm tra lý lịch của: {', '.join(lacking)}."] if lacking else []


def data_gaps(form: str, ctx: DocContext) -> list[str]:
    """Everything the final copy of ``form`` would print as dots, besides the form's own checks."""
    out = person_gaps(ctx, form) + step_gaps(ctx, form)
    if form == "6-KNĐ" and not (ctx.milestone("cell_meeting") or {}).get("details", {}).get("from_papers"):
        out += verification_gaps(ctx)
    return out


def cited_gaps(form: str, final: dict[str, bool], titles: dict[str, str]) -> list[str]:
    """The cited papers that apply to the file and are not final (``final``: the papers of the
    file already decided, by code)."""
    return [
        f"{titles[code]} ({code}) còn là dự thảo: văn bản này dựa trên văn bản đó."
        for code in CITES.get(form, ())
        if code in final and not final[code]
    ]
