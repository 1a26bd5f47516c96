"""What a form needs besides the layout: the person's file, the committee, the cell, and
the headers and signers of the bodies that issue party documents at a commune."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from commune_app import vn
from commune_app.domain import codes
from commune_app.domain.record import PersonRecord
from commune_app.dossier import layout as L


def as_date(value: Any) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _body_of(committee: str) -> str:
    """'ĐẢNG ỦY XÃ AN PHÚ' → 'ĐẢNG BỘ XÃ AN PHÚ' (the party organisation the committee leads)."""
    return re.sub(r"(?i)^đảng ủy|^đảng uỷ", "Đảng bộ", vn.nfc(committee)).upper()


def in_sentence(committee: str) -> str:
    """'ĐẢNG ỦY XÃ BA SƠN' (the profile keeps it in capitals, for headers) → 'Đảng ủy xã Ba Sơn'
    inside sentences; a name typed in ordinary case, or of an unknown shape, is kept as typed."""
    name = vn.nfc(committee).strip()
    match = re.match(r"(?i)^(đảng (?:ủy|uỷ|bộ))\s+(đặc khu|thị trấn|phường|xã)\s+(.+)$", name)
    if not match or name != name.upper():
        return name
    return f"{match[1].capitalize()} {match[2].lower()} {match[3].title()}"


@dataclass
class DocContext:
    """One person's file plus the committee profile, ready for the forms to read."""

    record: PersonRecord
    profile: dict[str, Any]
    rules_version: str
    today: dt.date
    cell_secretary: str = ""
    numbers: dict[str, int | None] = field(default_factory=dict)  # form → issued number, if any
    extra: dict[str, Any] = field(default_factory=dict)

    # --- the person --------------------------------------------------------------------
    @property
    def person(self) -> dict[str, Any]:
        return self.record.person

    @property
    def name(self) -> str:
        return vn.nfc(self.person["full_name"])

    @property
    def birth(self) -> dt.date | None:
        return self.record.birth_date

    def birth_text(self) -> str:
        if not self.birth:
            return L.date_text(None)
        if self.person.get("birth_year_only"):
            return f"năm {self.birth.year}"
        return L.date_text(self.birth)

    def hometown(self) -> str:
        return vn.nfc(self.person.get("hometown")) or L.BLANK

    def residence(self) -> str:
        parts = [vn.nfc(self.person.get("residence_detail")) or vn.nfc(self.person.get("residence"))]
        return ", ".join(p for p in parts if p) or L.BLANK

    def occupation(self) -> str:
        occupation = vn.nfc(self.person.get("occupation"))
        workplace = vn.nfc(self.person.get("workplace"))
        if occupation and workplace:
            return f"{occupation}, {workplace}"
        return occupation or workplace or L.BLANK

    def identity_lines(self) -> list[str]:
        """The usual identity facts of the person named in a resolution or decision."""
        p = self.person
        gender = codes.GENDER_LABELS.get(p.get("gender") or "", "")
        lines = [
            f"Họ và tên: {self.name}" + (f"; giới tính: {gender}" if gender else ""),
            f"Sinh {self.birth_text()}",
            f"Quê quán: {self.hometown()}",
            f"Nơi thường trú: {self.residence()}",
            f"Dân tộc: {vn.nfc(p.get('ethnicity')) or L.BLANK}; tôn giáo: {vn.nfc(p.get('religion')) or L.BLANK}",
            f"Trình độ giáo dục phổ thông: {vn.nfc(p.get('education_general')) or L.BLANK}"
            + (
                f"; chuyên môn: {vn.nfc(p.get('professional_level'))}"
                + (f" {vn.nfc(p.get('professional_field'))}" if p.get("professional_field") else "")
                if p.get("professional_level")
                else ""
            ),
            f"Nghề nghiệp, nơi làm việc: {self.occupation()}",
        ]
        return lines

    # --- milestones ----------------------------------------------------------------------
    def milestone(self, kind: str) -> dict[str, Any] | None:
        return self.record.latest(kind)

    def details(self, kind: str) -> dict[str, Any]:
        return (self.milestone(kind) or {}).get("details") or {}

    def date_of(self, kind: str) -> dt.date | None:
        return as_date((self.milestone(kind) or {}).get("date"))

    def number_of(self, kind: str) -> str:
        """The recorded document number of a milestone ('07-NQ/CB'), or ''."""
        return vn.nfc((self.milestone(kind) or {}).get("doc_number"))

    def planned_meeting(self) -> dt.date | None:
        return as_date(self.person.get("planned_meeting_on"))

    # --- the bodies -------------------------------------------------------------------------
    @property
    def cell(self) -> dict[str, Any]:
        return self.record.cell or {}

    @property
    def cell_name(self) -> str:
        return vn.nfc(self.cell.get("name")) or "Chi bộ ......"

    @property
    def cell_code(self) -> str:
        return vn.nfc(self.cell.get("short_code")) or "CB"

    @property
    def committee(self) -> str:
        """The committee's name as written inside sentences (headers print it in capitals)."""
        return in_sentence(self.profile.get("committee_name")) or "Đảng ủy xã ......"

    @property
    def committee_code(self) -> str:
        return vn.nfc(self.profile.get("short_code")) or "ĐU"

    @property
    def place(self) -> str:
        return vn.nfc(self.profile.get("place_name")) or vn.nfc(self.profile.get("commune"))

    @property
    def routing(self) -> str:
        return self.cell.get("routing") or "chi_bo_co_so"

    @property
    def grassroots(self) -> str:
        """The đảng bộ cơ sở a chi bộ trực thuộc belongs to (its parent organisation)."""
        return vn.nfc(self.cell.get("parent_org")) or "Đảng bộ ......"

    @property
    def grassroots_committee(self) -> str:
        return re.sub(r"(?i)^đảng bộ", "Đảng ủy", self.grassroots)

    def cell_header(self, number: str, on: dt.date | None) -> L.Header:
        upper = self.grassroots if self.routing == "chi_bo_truc_thuoc" else _body_of(self.committee)
        return L.Header(upper=upper, issuer=self.cell_name, number=number, place=self.place, on=on)

    def committee_header(self, number: str, on: dt.date | None) -> L.Header:
        return L.Header(
            upper=vn.nfc(self.profile.get("upper_body")), issuer=self.committee, number=number, place=self.place, on=on
        )

    def grassroots_header(self, number: str, on: dt.date | None) -> L.Header:
        return L.Header(
            upper=_body_of(self.committee), issuer=self.grassroots_committee, number=number, place=self.place, on=on
        )

    def cell_signature(self, signer: str = "") -> L.Signature:
        return L.Signature("T/M CHI BỘ", "BÍ THƯ", signer or self.cell_secretary)

    def committee_signature(self, details: dict[str, Any] | None = None) -> L.Signature:
        details = details or {}
        title = vn.nfc(details.get("signer_title")) or "BÍ THƯ"
        signer = vn.nfc(details.get("signer")) or (vn.nfc(self.profile.get("secretary")) if title == "BÍ THƯ" else "")
        return L.Signature("T/M BAN THƯỜNG VỤ", title, signer)

    def standing_committee(self) -> str:
        """'Ban Thường vụ Đảng ủy xã An Phú' in sentences."""
        return f"Ban Thường vụ {self.committee}"
