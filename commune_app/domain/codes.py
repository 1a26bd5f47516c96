"""The value lists of the domain, with the Vietnamese words the clerk sees.

Codes are stored; labels are shown. Lists that officials may reword live here once and
are read by the editor, the importer, the reports and the demo alike.
"""

from __future__ import annotations

from functools import lru_cache

from commune_app import vn

STATUS_LABELS: dict[str, str] = {
    "source": "Quần chúng ưu tú (nguồn)",
    "candidate": "Người xin vào Đảng",
    "probationary": "Đảng viên dự bị",
    "official": "Đảng viên chính thức",
    "transferred_out": "Đã chuyển đi",
    "removed": "Đã ra khỏi Đảng",
    "deceased": "Đã từ trần",
}
ROAD_STATUSES = ("source", "candidate")
MEMBER_STATUSES = ("probationary", "official")

GENDER_LABELS = {"M": "Nam", "F": "Nữ"}

CELL_KINDS: dict[str, str] = {
    "village": "Thôn, bản",
    "residential": "Tổ dân phố",
    "school": "Trường học",
    "health": "Y tế",
    "police": "Công an",
    "military": "Quân sự",
    "agency": "Cơ quan",
    "enterprise": "Doanh nghiệp, hợp tác xã",
    "other": "Khác",
}

ROUTINGS: dict[str, str] = {
    "chi_bo_co_so": "Chi bộ cơ sở trực thuộc Đảng ủy xã",
    "chi_bo_truc_thuoc": "Chi bộ trực thuộc đảng bộ cơ sở",
    "dang_bo_co_so_duoc_uy_quyen": "Đảng bộ cơ sở được ủy quyền kết nạp",
}

# Biểu 2-BTCTW §II.1 occupation rows, in the form's order.
OCCUPATIONS: dict[str, str] = {
    "state_official": "Cán bộ, công chức cơ quan Nhà nước từ cấp tỉnh trở lên",
    "party_official": "Cán bộ, công chức cơ quan Đảng, Mặt trận, đoàn thể từ cấp tỉnh trở lên",
    "commune_official": "Cán bộ, công chức; người hoạt động không chuyên trách ở xã, phường",
    "village_worker": "Người hoạt động không chuyên trách thôn, tổ dân phố, bản",
    "public_employee": "Viên chức trong đơn vị sự nghiệp công lập",
    "private_service": "Người lao động trong đơn vị sự nghiệp ngoài công lập",
    "enterprise_manager": "Người lãnh đạo, quản lý doanh nghiệp",
    "enterprise_staff": "Nhân viên, người gián tiếp sản xuất trong doanh nghiệp",
    "enterprise_worker": "Công nhân, lao động trực tiếp sản xuất",
    "farmer": "Người làm nông, lâm, ngư nghiệp",
    "armed_forces": "Sỹ quan, chiến sỹ quân đội và công an",
    "university_student": "Sinh viên",
    "pupil": "Học sinh",
    "other": "Khác (lao động hợp đồng, tự do...)",
    "retired": "Đã nghỉ hưu, nghỉ công tác",
}

# 54 groups in the GSO order (QĐ 121-TCTK/PPCĐ), then foreign origin.
ETHNICITIES: tuple[str, ...] = (
    "Kinh",
    "Tày",
    "Thái",
    "Hoa",
    "Khmer",
    "Mường",
    "Nùng",
    "Mông",
    "Dao",
    "Gia Rai",
    "Ngái",
    "Ê Đê",
    "Ba Na",
    "Xơ Đăng",
    "Sán Chay",
    "Cơ Ho",
    "Chăm",
    "Sán Dìu",
    "Hrê",
    "Mnông",
    "Raglay",
    "Xtiêng",
    "Bru Vân Kiều",
    "Thổ",
    "Giáy",
    "Cơ Tu",
    "Giẻ Triêng",
    "Mạ",
    "Khơ Mú",
    "Co",
    "Tà Ôi",
    "Chơ Ro",
    "Kháng",
    "Xinh Mun",
    "Hà Nhì",
    "Chu Ru",
    "Lào",
    "La Chí",
    "La Ha",
    "Phù Lá",
    "La Hủ",
    "Lự",
    "Lô Lô",
    "Chứt",
    "Mảng",
    "Pà Thẻn",
    "Cơ Lao",
    "Cống",
    "Bố Y",
    "Si La",
    "Pu Péo",
    "Brâu",
    "Ơ Đu",
    "Rơ Măm",
    "Người nước ngoài",
)
MAJORITY_ETHNICITY = "Kinh"

_ETHNICITY_VARIANTS = {
    "hmong": "Mông",
    "h'mong": "Mông",
    "h mong": "Mông",
    "hmông": "Mông",
    "meo": "Mông",
    "ra glai": "Raglay",
    "ra-glai": "Raglay",
    "stieng": "Xtiêng",
    "x tieng": "Xtiêng",
    "gie trieng": "Giẻ Triêng",
    "gie-trieng": "Giẻ Triêng",
    "co lao": "Cơ Lao",
    "khome": "Khmer",
    "kho me": "Khmer",
    "khơ-me": "Khmer",
    "kho-me": "Khmer",
    "ede": "Ê Đê",
    "e-de": "Ê Đê",
    "e de": "Ê Đê",
    "bana": "Ba Na",
    "ba-na": "Ba Na",
    "xo dang": "Xơ Đăng",
    "gia-rai": "Gia Rai",
    "jarai": "Gia Rai",
    "san chay": "Sán Chay",
    "cao lan": "Sán Chay",
    "m'nong": "Mnông",
    "mnong": "Mnông",
    "bru van kieu": "Bru Vân Kiều",
    "van kieu": "Bru Vân Kiều",
    "kho mu": "Khơ Mú",
    "khmu": "Khơ Mú",
    "pa then": "Pà Thẻn",
    "nuoc ngoai": "Người nước ngoài",
    "quoc tich goc nuoc ngoai": "Người nước ngoài",
    "viet": "Kinh",
}

RELIGIONS: tuple[str, ...] = (
    "Không",
    "Phật giáo",
    "Công giáo",
    "Tin lành",
    "Hồi giáo",
    "Cao Đài",
    "Phật giáo Hòa Hảo",
    "Bà-la-môn giáo",
    "Baha'i",
    "Cơ đốc Phục lâm",
    "Các Thánh hữu ngày sau của Chúa Giê-su Ky-tô",
    "Minh Sư đạo",
    "Bửu Sơn Kỳ Hương",
    "Tứ Ân Hiếu Nghĩa",
    "Tịnh độ Cư sĩ Phật hội Việt Nam",
    "Minh Lý đạo - Tam Tông Miếu",
    "Phật giáo Hiếu Nghĩa Tà Lơn",
)
NO_RELIGION = "Không"
_RELIGION_VARIANTS = {
    "khong": "Không",
    "": "Không",
    "thien chua": "Công giáo",
    "thien chua giao": "Công giáo",
    "cong giao": "Công giáo",
    "phat": "Phật giáo",
    "dao phat": "Phật giáo",
    "tin lanh": "Tin lành",
    "dao tin lanh": "Tin lành",
    "hoa hao": "Phật giáo Hòa Hảo",
    "cao dai": "Cao Đài",
    "hoi": "Hồi giáo",
    "hoi giao": "Hồi giáo",
    "islam": "Hồi giáo",
}
RELIGIOUS_ROLES = ("", "tín đồ", "chức việc", "chức sắc", "nhà tu hành")

EDUCATION_GENERAL = (
    "12/12",
    "11/12",
    "10/12",
    "9/12",
    "8/12",
    "7/12",
    "6/12",
    "5/12",
    "10/10",
    "7/10",
    "Biết đọc, biết viết",
)
EDUCATION_EXCEPTIONS = {
    "": "Không",
    "remote_area": "Vùng cao, biên giới, dân tộc thiểu số, đặc biệt khó khăn (tối thiểu tiểu học)",
    "elder": "Già làng, trưởng bản có uy tín (biết đọc, biết viết; cần ý kiến BTV Tỉnh ủy)",
}
PROFESSIONAL_LEVELS = ("", "Sơ cấp", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ")
POLITICAL_THEORY = ("", "Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân")
ACADEMIC_TITLES = ("", "Phó Giáo sư", "Giáo sư")

RELATIONS = (
    "Bố đẻ",
    "Mẹ đẻ",
    "Bố vợ",
    "Mẹ vợ",
    "Bố chồng",
    "Mẹ chồng",
    "Người nuôi dưỡng",
    "Vợ",
    "Chồng",
    "Con",
    "Anh ruột",
    "Chị ruột",
    "Em ruột",
)
# Relatives whose background must be verified (HD 06 §3.4.a); children only when adult.
RELATIONS_TO_VERIFY = (
    "Bố đẻ",
    "Mẹ đẻ",
    "Bố vợ",
    "Mẹ vợ",
    "Bố chồng",
    "Mẹ chồng",
    "Người nuôi dưỡng",
    "Vợ",
    "Chồng",
    "Con",
)


@lru_cache(maxsize=1024)  # a pure function of the text; imports call it for every row
def normalise_ethnicity(text: str) -> str | None:
    """The official name for a spelling the clerk or a sheet used, or None when unknown."""
    folded = vn.fold(text).replace("–", "-")
    for name in ETHNICITIES:
        if vn.fold(name) == folded or vn.fold(name).replace(" ", "") == folded.replace(" ", ""):
            return name
    return _ETHNICITY_VARIANTS.get(folded) or _ETHNICITY_VARIANTS.get(folded.replace("-", " "))


@lru_cache(maxsize=1024)
def normalise_religion(text: str) -> str | None:
    folded = vn.fold(text)
    for name in RELIGIONS:
        if vn.fold(name) == folded:
            return name
    return _RELIGION_VARIANTS.get(folded)


def is_ethnic_minority(ethnicity: str) -> bool:
    return bool(ethnicity) and ethnicity not in (MAJORITY_ETHNICITY, "Người nước ngoài")


def is_religious(religion: str) -> bool:
    return bool(religion) and religion != NO_RELIGION


def general_education_grade(value: str) -> int | None:
    """'9/12' → 9; the old 10-year system is mapped onto 12 years (7/10 ≈ 9/12)."""
    text = (value or "").strip()
    if "/" not in text:
        return None
    head, _, tail = text.partition("/")
    try:
        grade, system = int(head), int(tail)
    except ValueError:
        return None
    if system == 10:
        return grade + 2 if grade >= 7 else grade
    return grade
