"""Name material for the demo: Kinh, Tày, Nùng and Dao naming patterns, villages of a
Lạng Sơn border commune, the units of a commune, and the other communes of a province.

Only data lives here (and the drawing of a commune's village names); the generator picks from it
with a seeded random generator.
"""

from __future__ import annotations

import random

from commune_app import vn

# Family names by ethnicity, most frequent first (repeated entries weigh the draw).
FAMILY_NAMES: dict[str, tuple[str, ...]] = {
    "Kinh": ("Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng",
             "Ngô", "Dương", "Đinh", "Phan", "Trịnh", "Đào", "Lưu"),
    "Tày": ("Hoàng", "Hoàng", "Nông", "Nông", "Lương", "Hà", "Vi", "Lăng", "Chu", "Đinh", "Mạc", "Ma",
            "Hứa", "Bế", "Nguyễn"),
    "Nùng": ("Hoàng", "Lăng", "Lăng", "Vi", "Nông", "Lương", "Chu", "Mã", "Lục", "Sầm", "Lô", "Dương",
             "Hứa", "Triệu"),
    "Dao": ("Triệu", "Triệu", "Bàn", "Bàn", "Lý", "Đặng", "Phùng", "Chìu", "Lý", "Đặng"),
}

MIDDLE_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "Kinh": {"M": ("Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Văn", "Thành", "Công"),
             "F": ("Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng")},
    "Tày": {"M": ("Văn", "Văn", "Văn", "Đức", "Minh", "Quốc"), "F": ("Thị", "Thị", "Thị", "Thu", "Hồng")},
    "Nùng": {"M": ("Văn", "Văn", "Văn", "Đức", "Minh"), "F": ("Thị", "Thị", "Thị", "Hồng")},
    "Dao": {"M": ("Văn", "Tài", "Quý", "Phúc", "Văn", "Kim"), "F": ("Thị", "Mùi", "Thị", "Thị")},
}

GIVEN_NAMES: dict[str, tuple[str, ...]] = {
    "M": ("An", "Anh", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Khánh", "Long", "Mạnh",
          "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Vinh", "Tùng", "Hiếu", "Lâm", "Thành",
          "Toàn", "Trung", "Quyết", "Kiên", "Chiến", "Tài", "Hưng", "Lợi", "Định", "Thăng", "Bảo",
          "Ân", "Ấn", "Ổn", "Đạt", "Lực", "Tiến", "Cương", "Sáng"),
    "F": ("An", "Anh", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Nhung",
          "Phương", "Thảo", "Thu", "Trang", "Vân", "Yến", "Hạnh", "Liên", "Duyên", "Huyền", "Loan",
          "Thúy", "Nguyệt", "Diệp", "Ân", "Xuân", "Hiền", "Dung", "Thơ"),
}

# Given names of the Dao (drawn for about one Dao person in three, the rest take common names).
DAO_GIVEN_NAMES: dict[str, tuple[str, ...]] = {
    "M": ("Pảo", "Vần", "Quyên", "Sình", "Phin", "Chàn", "Kiềm", "Sếnh"),
    "F": ("Chòi", "Mẩy", "Lìn", "Nải", "Slâu", "Kiều"),
}

# Villages (thôn, bản) of the demo commune: Tày, Nùng, Dao and Kinh place names.
VILLAGES: tuple[str, ...] = (
    "Nà Lầu", "Khuổi Phầy", "Bản Chắt", "Pác Cáp", "Khòn Lèng", "Nà Pàn", "Bản Pjạo", "Nà Cạn",
    "Khuổi Mỏ", "Lũng Vài", "Pò Mã", "Bản Hẻo", "Nà Thưa", "Khau Phạ", "Phai Lạn", "Bản Nầng",
    "Nà Vường", "Pác Làng", "Kéo Coóc", "Nà Tồng", "Bản Quyền", "Khuổi Khỉn", "Còn Nưa", "Nà Mạt",
    "Pắc Khuông", "Bản Mới", "Tân Lập", "Đồng Tâm", "Hợp Thành", "Nà Slảng", "Khuổi Tát", "Lùng Cháng",
    "Bản Cưởm", "Nà Lừa", "Pác Nặm", "Phiêng Phấy", "Khau Cưởm", "Nà Hin", "Pò Lạn", "Khuổi Lầy",
    "Bản Đon", "Nà Kheo", "Pá Phiêng",
)

# Syllables of Tày and Nùng place names, for the villages of communes other than the demo's own.
VILLAGE_HEADS = ("Nà", "Khuổi", "Bản", "Pác", "Khòn", "Lũng", "Pò", "Khau", "Phai", "Kéo", "Còn", "Pắc",
                 "Phiêng", "Pá", "Nà", "Bản", "Khuổi", "Nà")
VILLAGE_TAILS = ("Lầu", "Phầy", "Chắt", "Cáp", "Lèng", "Pàn", "Pjạo", "Cạn", "Mỏ", "Vài", "Mã", "Hẻo", "Thưa",
                 "Phạ", "Lạn", "Nầng", "Vường", "Làng", "Coóc", "Tồng", "Quyền", "Khỉn", "Nưa", "Mạt", "Khuông",
                 "Slảng", "Tát", "Cháng", "Cưởm", "Lừa", "Nặm", "Phấy", "Hin", "Lầy", "Đon", "Kheo", "Rọ", "Nghiều",
                 "Mòn", "Sla", "Ngần", "Pheo", "Slam", "Mìn", "Táo")
NEW_VILLAGES = ("Tân Lập", "Đồng Tâm", "Hợp Thành", "Bản Mới", "Tân Tiến", "Đoàn Kết", "Thống Nhất", "Quyết Thắng")


def villages_of(commune: str, count: int) -> tuple[str, ...]:
    """``count`` village names of a commune: the demo commune's own list, or names drawn for that
    commune alone (the same commune always gets the same villages)."""
    if commune == "Ba Sơn":
        return VILLAGES[:count]
    rng = random.Random(f"villages-{commune}")
    found = {vn.fold(name): name for name in rng.sample(NEW_VILLAGES, 2)}
    while len(found) < count:  # names that differ only by their tone marks would be one cell to the search
        name = f"{rng.choice(VILLAGE_HEADS)} {rng.choice(VILLAGE_TAILS)}"
        found.setdefault(vn.fold(name), name)
    return tuple(found.values())


# Villages where Dao families mostly live (the rest mix Tày, Nùng and Kinh).
DAO_VILLAGES = frozenset({"Khuổi Phầy", "Khau Phạ", "Lũng Vài", "Khuổi Khỉn", "Phiêng Phấy", "Pá Phiêng"})
KINH_VILLAGES = frozenset({"Bản Mới", "Tân Lập", "Đồng Tâm", "Hợp Thành"})

# Cells of the commune's institutions: name, kind, routing, parent organisation (the đảng bộ cơ sở
# of a chi bộ trực thuộc), its đảng ủy bộ phận ('' when none), occupation.
INSTITUTION_CELLS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("Chi bộ Trường Mầm non Ba Sơn", "school", "chi_bo_co_so", "", "", "public_employee"),
    ("Chi bộ Trường Tiểu học Ba Sơn", "school", "chi_bo_co_so", "", "", "public_employee"),
    ("Chi bộ Trường PTDTBT THCS Ba Sơn", "school", "chi_bo_co_so", "", "", "public_employee"),
    ("Chi bộ Trạm Y tế xã", "health", "chi_bo_co_so", "", "", "public_employee"),
    ("Chi bộ Công an xã", "police", "chi_bo_co_so", "", "", "armed_forces"),
    ("Chi bộ Quân sự xã", "military", "chi_bo_co_so", "", "", "armed_forces"),
    ("Chi bộ Cơ quan Ủy ban nhân dân xã", "agency", "chi_bo_truc_thuoc", "Đảng bộ Cơ quan xã Ba Sơn", "",
     "commune_official"),
    ("Chi bộ Cơ quan Đảng - Mặt trận - Đoàn thể xã", "agency", "chi_bo_truc_thuoc",
     "Đảng bộ Cơ quan xã Ba Sơn", "", "commune_official"),
    ("Chi bộ Phòng Kinh tế xã", "agency", "chi_bo_truc_thuoc", "Đảng bộ Cơ quan xã Ba Sơn",
     "Đảng ủy bộ phận Khối chính quyền xã Ba Sơn", "commune_official"),
    ("Chi bộ Phòng Văn hóa - Xã hội xã", "agency", "chi_bo_truc_thuoc", "Đảng bộ Cơ quan xã Ba Sơn",
     "Đảng ủy bộ phận Khối chính quyền xã Ba Sơn", "commune_official"),
)

# Other communes of the province, for the province-scale data (cells are "thôn X - xã Y").
PROVINCE_COMMUNES: tuple[str, ...] = (
    "Ba Sơn", "Cao Lộc", "Công Sơn", "Mẫu Sơn", "Đồng Đăng", "Hoàng Văn Thụ", "Thụy Hùng", "Văn Lãng",
    "Hội Hoan", "Lộc Bình", "Mẫu Sơn Đông", "Na Dương", "Lợi Bác", "Thống Nhất", "Xuân Dương",
    "Khuất Xá", "Đình Lập", "Thái Bình", "Châu Sơn", "Kiên Mộc", "Bắc Sơn", "Hưng Vũ", "Vũ Lăng",
    "Nhất Hòa", "Bình Gia", "Tân Văn", "Hồng Phong", "Hoa Thám", "Quý Hòa", "Thiện Hòa", "Văn Quan",
    "Điềm He", "Yên Phúc", "Tri Lễ", "Tràng Định", "Thất Khê", "Kháng Chiến", "Quốc Khánh", "Tân Tiến",
    "Đoàn Kết", "Chi Lăng", "Quan Sơn", "Chiến Thắng", "Nhân Lý", "Bằng Mạc", "Vạn Linh", "Hữu Lũng",
    "Tuấn Sơn", "Tân Thành", "Vân Nham", "Thiện Tân", "Yên Bình", "Hữu Liên", "Cai Kinh", "Đông Kinh",
    "Lương Văn Tri", "Tam Thanh", "Kỳ Lừa", "Đồng Bẩm", "Na Sầm",
)

OCCUPATION_TEXT: dict[str, tuple[str, ...]] = {
    "farmer": ("Làm ruộng", "Trồng hồi, quế", "Trồng rừng", "Chăn nuôi"),
    "public_employee": ("Giáo viên", "Y sĩ", "Điều dưỡng", "Nhân viên thư viện"),
    "commune_official": ("Công chức văn phòng - thống kê", "Công chức địa chính", "Cán bộ Hội Nông dân",
                         "Công chức tư pháp - hộ tịch"),
    "village_worker": ("Trưởng thôn", "Công an viên", "Chi hội trưởng phụ nữ"),
    "armed_forces": ("Chiến sĩ công an", "Chỉ huy trưởng quân sự", "Dân quân thường trực"),
    "enterprise_worker": ("Công nhân", "Lái xe", "Thợ cơ khí"),
    "other": ("Kinh doanh tự do", "Lao động tự do", "Thợ xây"),
    "retired": ("Nghỉ hưu",),
    "pupil": ("Học sinh",),
    "university_student": ("Sinh viên",),
}

SOURCE_PROPOSERS = ("Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Chi hội Cựu chiến binh")


# What a member holds, as the 3-KNĐ writes it of an introducer.
MEMBER_POSITIONS = (
    "Đảng viên; Trưởng thôn", "Đảng viên; Chi hội trưởng Hội Nông dân", "Đảng viên; Bí thư Chi đoàn thôn",
    "Chi ủy viên; Chi hội trưởng Hội Cựu chiến binh", "Đảng viên; Công chức Ủy ban nhân dân xã",
    "Đảng viên; Giáo viên", "Đảng viên; Trưởng Ban công tác Mặt trận thôn", "Đảng viên",
)
