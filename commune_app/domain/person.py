"""A person's fields: what each one is, how the lý lịch groups it, how it is checked.

The editor builds its form from ``PERSON_FIELDS``; the importer, the JSON format and the
command line read the same list, so one field is described once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from commune_app import vn
from commune_app.domain import codes


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # text | date | bool | choice | gender | int
    group: str
    choices: tuple[str, ...] | dict[str, str] | None = None
    required: bool = False
    editable_choices: bool = False  # a list to pick from that also accepts other text


GROUPS = (
    "Sơ yếu lý lịch",
    "Quê quán, nơi ở",
    "Dân tộc, tôn giáo",
    "Trình độ",
    "Nghề nghiệp, công tác",
    "Đoàn thể",
    "Đặc điểm thống kê",
    "Sinh hoạt đảng",
    "Ghi chú",
)

PERSON_FIELDS: tuple[Field, ...] = (
    Field("full_name", "Họ và tên", "text", GROUPS[0], required=True),
    Field("other_names", "Tên gọi khác", "text", GROUPS[0]),
    Field("gender", "Giới tính", "gender", GROUPS[0], codes.GENDER_LABELS, required=True),
    Field("birth_date", "Ngày sinh", "date", GROUPS[0], required=True),
    Field("cccd", "Số CCCD / định danh cá nhân", "text", GROUPS[0]),
    Field("phone", "Số điện thoại", "text", GROUPS[0]),
    Field("cmnd_old", "Số CMND cũ (9 số)", "text", GROUPS[0]),
    Field("birthplace", "Nơi sinh (tên hiện nay)", "text", GROUPS[1]),
    Field("birthplace_old", "Nơi sinh (tên cũ)", "text", GROUPS[1]),
    Field("hometown", "Quê quán (tên hiện nay)", "text", GROUPS[1]),
    Field("hometown_old", "Quê quán (tên cũ)", "text", GROUPS[1]),
    Field("residence", "Thôn, tổ dân phố cư trú", "text", GROUPS[1]),
    Field("residence_detail", "Địa chỉ thường trú", "text", GROUPS[1]),
    Field("temporary_residence", "Nơi tạm trú", "text", GROUPS[1]),
    Field("birth_reg_country", "Nơi đăng ký khai sinh: quốc gia", "text", GROUPS[1]),
    Field("birth_reg_province", "Nơi đăng ký khai sinh: tỉnh", "text", GROUPS[1]),
    Field("birth_reg_detail", "Nơi đăng ký khai sinh: địa chỉ chi tiết", "text", GROUPS[1]),
    Field("hometown_country", "Quê quán (2 cấp): quốc gia", "text", GROUPS[1]),
    Field("hometown_province", "Quê quán (2 cấp): tỉnh", "text", GROUPS[1]),
    Field("hometown_detail", "Quê quán (2 cấp): địa chỉ chi tiết", "text", GROUPS[1]),
    Field("permanent_country", "Thường trú (2 cấp): quốc gia", "text", GROUPS[1]),
    Field("permanent_province", "Thường trú (2 cấp): tỉnh", "text", GROUPS[1]),
    Field("permanent_detail", "Thường trú (2 cấp): địa chỉ chi tiết", "text", GROUPS[1]),
    Field("ethnicity", "Dân tộc", "choice", GROUPS[2], codes.ETHNICITIES, required=True),
    Field("religion", "Tôn giáo", "choice", GROUPS[2], codes.RELIGIONS, required=True),
    Field("religious_role", "Vị trí trong tôn giáo", "choice", GROUPS[2], codes.RELIGIOUS_ROLES),
    Field(
        "education_general", "Giáo dục phổ thông", "choice", GROUPS[3], codes.EDUCATION_GENERAL, editable_choices=True
    ),
    Field("education_exception", "Trường hợp ngoại lệ về học vấn", "choice", GROUPS[3], codes.EDUCATION_EXCEPTIONS),
    Field("professional_level", "Trình độ chuyên môn", "choice", GROUPS[3], codes.PROFESSIONAL_LEVELS),
    Field("professional_field", "Chuyên ngành", "text", GROUPS[3]),
    Field("political_theory", "Lý luận chính trị", "choice", GROUPS[3], codes.POLITICAL_THEORY),
    Field("academic_title", "Học hàm", "choice", GROUPS[3], codes.ACADEMIC_TITLES),
    Field("occupation_category", "Nhóm nghề nghiệp (thống kê)", "choice", GROUPS[4], codes.OCCUPATIONS),
    Field("occupation", "Nghề nghiệp hiện nay", "text", GROUPS[4]),
    Field("workplace", "Nơi làm việc, học tập", "text", GROUPS[4]),
    Field("position", "Chức vụ", "text", GROUPS[4]),
    Field("youth_union", "Đoàn viên Đoàn TNCS Hồ Chí Minh", "bool", GROUPS[5]),
    Field("youth_union_joined", "Ngày vào Đoàn", "date", GROUPS[5]),
    Field("trade_union", "Đoàn viên công đoàn", "bool", GROUPS[5]),
    Field("private_business_owner", "Chủ doanh nghiệp tư nhân", "bool", GROUPS[6]),
    Field("foreign_marriage", "Có quan hệ hôn nhân với người nước ngoài", "bool", GROUPS[6]),
    Field("family_planning_violation", "Vi phạm chính sách dân số - KHHGĐ", "bool", GROUPS[6]),
    Field("readmission", "Kết nạp lại", "bool", GROUPS[6]),
    Field("retired", "Đã nghỉ hưu, nghỉ công tác", "bool", GROUPS[6]),
    Field("exempt_from_activities", "Được miễn công tác và sinh hoạt đảng", "bool", GROUPS[6]),
    Field("party_card_old", "Số thẻ đảng viên cũ (QĐ 85)", "text", GROUPS[7]),
    Field("party_card_new", "Số thẻ đảng viên mới (12 số)", "text", GROUPS[7]),
    Field("party_card_place", "Nơi cấp thẻ đảng viên", "text", GROUPS[7]),
    Field("party_card_date", "Ngày cấp thẻ đảng viên", "date", GROUPS[7]),
    Field("lylich_number", "Số lý lịch", "text", GROUPS[7]),
    Field("activity_status", "Trạng thái hoạt động (theo CSDL đảng viên)", "text", GROUPS[7]),
    Field("left_on", "Ngày rời khỏi / ngày mất / ngày miễn sinh hoạt đảng", "date", GROUPS[7]),
    Field("registry_id", "ID trong CSDL đảng viên", "text", GROUPS[7]),
    Field("registry_class", "Phân loại trong CSDL đảng viên", "text", GROUPS[7]),
    Field("planned_meeting_on", "Ngày dự kiến họp chi bộ xét kết nạp", "date", GROUPS[7]),
    Field("sort_override", "Sắp xếp theo (Tên|Họ đệm), để trống nếu đúng", "text", GROUPS[8]),
    Field("notes", "Ghi chú", "text", GROUPS[8]),
)
FIELD_BY_NAME = {f.name: f for f in PERSON_FIELDS}

# CCCD: 3 digits of the province where the birth was registered, one digit for gender and
# century, two for the birth year, six running digits (Thông tư 59/2021/TT-BCA).
CCCD_PROVINCES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)


_TWELVE_DIGITS = re.compile(r"\d{12}")
_SPACE = re.compile(r"\s")


def cccd_problem(cccd: str, gender: str | None = None, birth_date: str | None = None) -> str | None:
    """A Vietnamese reason the number cannot be this person's CCCD, else None."""
    if not _TWELVE_DIGITS.fullmatch(cccd):
        return "Số CCCD phải gồm đúng 12 chữ số"
    if cccd[:3] not in CCCD_PROVINCES:
        return f"Số CCCD bắt đầu bằng mã tỉnh {cccd[:3]} không tồn tại"
    digit = int(cccd[3])
    century = 1900 + (digit // 2) * 100
    if gender in ("M", "F") and (digit % 2 == 1) != (gender == "F"):
        return "Chữ số thứ 4 của số CCCD không khớp với giới tính"
    if birth_date:
        year = int(birth_date[:4])
        if year // 100 * 100 != century or int(cccd[4:6]) != year % 100:
            return f"Số CCCD không khớp với năm sinh {year} (chữ số thứ 4 đến 6)"
    return None


def phone_problem(phone: str) -> str | None:
    digits = re.sub(r"[\s.\-]", "", phone)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if not re.fullmatch(r"0\d{9,10}", digits):
        return "Số điện thoại phải có 10 hoặc 11 chữ số, bắt đầu bằng 0"
    return None


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"[\s.\-]", "", phone)
    return "0" + digits[3:] if digits.startswith("+84") else digits


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _to_iso(value: Any, label: str, errors: dict[str, str], name: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if _ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    try:
        return vn.parse_date(text).isoformat()
    except vn.DateError as exc:
        errors[name] = f"{label}: {exc}"
        return None


def _clean_field(name: str, raw: Any) -> tuple[Any, str | None]:
    """One field on its own: its cleaned value and, when it cannot be kept, the reason."""
    spec = FIELD_BY_NAME[name]
    if spec.kind == "bool":
        return (1 if raw in (True, 1, "1", "x", "X", "có", "Có") else 0), None
    if spec.kind == "date":
        errors: dict[str, str] = {}
        return _to_iso(raw, spec.label, errors, name), errors.get(name)
    if spec.kind == "gender":
        code = {"nam": "M", "m": "M", "nu": "F", "f": "F"}.get(vn.fold(str(raw or "")), "")
        return code, None if code else "Giới tính phải là Nam hoặc Nữ"
    text = vn.nfc("" if raw is None else str(raw))
    return text, vn.control_problem(spec.label, text)


# A list or an import repeats its values field by field (ethnicity, places, dates); typed, so that
# True, 1 and 1.0 stay apart.
_remembered_field = lru_cache(maxsize=1 << 15, typed=True)(_clean_field)
_REMEMBERED = frozenset({str, int, float, bool, dt.date, dt.datetime, type(None)})  # immutable and hashable


def clean_person(
    values: dict[str, Any], *, existing: dict[str, Any] | None = None, today: dt.date | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Normalise a person's fields (NFC, ISO dates, lists) and check them.

    Returns the cleaned values (only the fields given) and a map of field → Vietnamese reason.
    Unknown keys are ignored. ``existing`` (the stored row) serves the checks that compare
    fields, such as CCCD against gender and birth year, when only some fields change.
    """
    today = today or dt.date.today()
    existing = existing or {}
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, raw in values.items():
        if name not in FIELD_BY_NAME:
            continue
        if type(raw) in _REMEMBERED:
            value, problem = _remembered_field(name, raw)
        else:
            value, problem = _clean_field(name, raw)
        cleaned[name] = value
        if problem:
            errors[name] = problem

    if "full_name" in cleaned:
        reason = vn.is_plausible_name(cleaned["full_name"])
        if reason:
            errors["full_name"] = reason
    if "ethnicity" in cleaned:
        found = codes.normalise_ethnicity(cleaned["ethnicity"]) if cleaned["ethnicity"] else None
        if found:
            cleaned["ethnicity"] = found
        else:
            errors["ethnicity"] = f"Dân tộc “{cleaned['ethnicity']}” không có trong danh mục 54 dân tộc"
    if "religion" in cleaned:
        found = codes.normalise_religion(cleaned["religion"])
        if found:
            cleaned["religion"] = found
        elif cleaned["religion"]:
            errors["religion"] = f"Tôn giáo “{cleaned['religion']}” không có trong danh mục"
    if cleaned.get("occupation_category") and cleaned["occupation_category"] not in codes.OCCUPATIONS:
        by_label = {vn.fold(v): k for k, v in codes.OCCUPATIONS.items()}
        code = by_label.get(vn.fold(cleaned["occupation_category"]))
        if code:
            cleaned["occupation_category"] = code
        else:
            errors["occupation_category"] = "Nhóm nghề nghiệp không có trong danh mục thống kê"
    if cleaned.get("education_exception") and cleaned["education_exception"] not in codes.EDUCATION_EXCEPTIONS:
        errors["education_exception"] = "Trường hợp ngoại lệ về học vấn không hợp lệ"
    birth = cleaned.get("birth_date")
    if birth:
        born = dt.date.fromisoformat(birth)
        if born > today:
            errors["birth_date"] = "Ngày sinh không được sau ngày hôm nay"
        elif born.year < 1900:
            errors["birth_date"] = "Năm sinh phải từ 1900 trở đi"
    if "cccd" in cleaned:
        cleaned["cccd"] = _SPACE.sub("", cleaned["cccd"]) or None
        if cleaned["cccd"]:
            reason = cccd_problem(
                cleaned["cccd"], cleaned.get("gender") or existing.get("gender"), birth or existing.get("birth_date")
            )
            if reason:
                errors["cccd"] = reason
    if cleaned.get("phone"):
        reason = phone_problem(cleaned["phone"])
        if reason:
            errors["phone"] = reason
        else:
            cleaned["phone"] = normalise_phone(cleaned["phone"])
    if cleaned.get("party_card_new") and not _TWELVE_DIGITS.fullmatch(cleaned["party_card_new"]):
        errors["party_card_new"] = "Số thẻ đảng viên mới phải gồm đúng 12 chữ số"
    if cleaned.get("sort_override") and "|" not in cleaned["sort_override"]:
        errors["sort_override"] = "Ghi theo dạng Tên|Họ và tên đệm, ví dụ: Ênuôl|Y Moan"
    for name in ("full_name", "gender", "birth_date", "ethnicity", "religion"):
        if name in values and not cleaned.get(name) and name not in errors:
            errors[name] = f"{FIELD_BY_NAME[name].label} không được để trống"
    return cleaned, errors


def name_columns(full_name: str, sort_override: str = "", cccd: str | None = None, phone: str = "") -> dict[str, Any]:
    """The derived name columns: split, folded, sort key and the search text. An override
    'Tên|Họ đệm' ("H'Hen|Niê" for the Ê Đê name "H'Hen Niê") gives the given name and the family
    and middle names, so the list's "Tên" column, the documents and the reports follow it."""
    parts = vn.override_parts(sort_override) or vn.split_name(full_name)
    folded = vn.fold(full_name)
    search = " ".join(t for t in (folded, cccd or "", phone or "") if t)
    return {
        "family_name": parts.family,
        "middle_name": parts.middle,
        "given_name": parts.given,
        "sort_key": vn.person_sort_key(full_name, sort_override or None),
        "name_folded": folded,
        "search_text": search,
    }


# The numbers a search by digits looks inside (any fragment of 4 digits or more).
NUMBER_FIELDS = ("cccd", "phone", "party_card_new", "party_card_old", "cmnd_old")


_NOT_DIGIT = re.compile(r"\D")


def search_digits(row: dict[str, Any]) -> str:
    """The person's numbers as digits only, one word each: '001090012345 0912345678 ...'."""
    return " ".join(d for d in (_NOT_DIGIT.sub("", str(row.get(k) or "")) for k in NUMBER_FIELDS) if d)


def age_in_months(birth_date: str | dt.date, at: dt.date) -> int:
    born = dt.date.fromisoformat(birth_date) if isinstance(birth_date, str) else birth_date
    return vn.months_between(born, at)
