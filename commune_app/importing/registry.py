"""The national party-member database's standardisation sheet ("biểu chuẩn hóa dữ liệu đảng viên").

Its 28 columns map to fields of the record (resources/labels/import_headers.json); what this
module adds is what the sheet means beyond single cells: the layout is recognised by its
columns, the two-level addresses also fill the record's composed address fields, the activity
status becomes the milestone that gives the person's status (death, transfer, removal) or the
exemption flag, and the cell is named as the database names it.
"""

from __future__ import annotations

import re

from commune_app import vn

LAYOUT_LABEL = "Biểu chuẩn hóa dữ liệu đảng viên (CSDL đảng viên)"
# The national database's standardisation sheet: 14 single columns, three addresses of three parts, 5 more.
REGISTRY_FIRST = (
    "STT",
    "ID",
    "Họ và tên *",
    "Tên gọi khác",
    "Giới tính *",
    "Sinh ngày *",
    "Dân tộc *",
    "Tôn giáo *",
    "Số định danh cá nhân *",
    "Số thẻ Đảng * (12 số theo HD38-HD/BTCTW)",
    "Nơi cấp thẻ Đảng",
    "Ngày cấp thẻ Đảng",
    "Số thẻ theo quyết định 85",
    "Tổ chức Đảng đang sinh hoạt * (không sửa)",
)
REGISTRY_GROUPS = ("Nơi đăng ký khai sinh", "Quê quán (theo mô hình 2 cấp)", "Thường trú (theo mô hình 2 cấp)")
REGISTRY_PARTS = ("Quốc gia", "Tỉnh", "Địa chỉ chi tiết")
REGISTRY_LAST = (
    "Ngày vào Đảng *",
    "Ngày vào Đảng chính thức *",
    "Số CMND cũ",
    "Trạng thái hoạt động",
    "Ngày rời khỏi / Ngày mất / Ngày miễn sinh hoạt Đảng",
)
# Columns only this sheet has; three of them tell the layout.
_SIGNATURE = {
    "registry_id",
    "birth_reg_country",
    "birth_reg_province",
    "hometown_country",
    "hometown_province",
    "permanent_country",
    "permanent_province",
    "activity_status",
    "party_card_place",
}
# Dictionary sheets shipped beside the data sheet (hidden or not): never the list itself.
DICTIONARY_SHEETS = frozenset({"dantoc", "tongiao", "tinh", "quocgia", "danhmuc", "dm", "huyen", "xa"})

# Import field → milestone kind for the statuses of the sheet.
STATUS_MILESTONES = {"death_on": "death", "transfer_out_on": "transfer_out", "removal_on": "removal"}
STATUS_LABELS = {
    "death_on": "Ngày mất",
    "transfer_out_on": "Ngày chuyển sinh hoạt đi",
    "removal_on": "Ngày ra khỏi Đảng",
}
# Folded words of 'Trạng thái hoạt động' → what they mean, most specific first.
_STATUS_WORDS: tuple[tuple[str, str], ...] = (
    ("tu tran", "death_on"),
    ("da mat", "death_on"),
    ("mat", "death_on"),
    ("chet", "death_on"),
    ("chuyen", "transfer_out_on"),
    ("roi khoi", "transfer_out_on"),
    ("khai tru", "removal_on"),
    ("xoa ten", "removal_on"),
    ("ra khoi dang", "removal_on"),
    ("mien", "exempt"),
    ("dang sinh hoat", "active"),
    ("hoat dong", "active"),
    ("binh thuong", "active"),
)


def is_registry_layout(fields: set[str]) -> bool:
    return len(fields & _SIGNATURE) >= 3


def is_dictionary_sheet(name: str) -> bool:
    return re.sub(r"[^a-z]", "", vn.fold(name)) in DICTIONARY_SHEETS


def status_meaning(status: str) -> str | None:
    """'Đã mất' → 'death_on'; 'Miễn sinh hoạt' → 'exempt'; 'Đang sinh hoạt' → 'active'; None: unknown."""
    folded = f" {vn.fold(status)} "
    for words, meaning in _STATUS_WORDS:
        if f" {words} " in folded:
            return meaning
    return None


def composed_address(country: str, province: str, detail: str) -> str:
    """'Thôn Nà Lầu, xã Bằng Thành', 'Tỉnh Cao Bằng', 'Việt Nam' → 'Thôn Nà Lầu, xã Bằng Thành, Tỉnh Cao Bằng'."""
    parts = [p for p in (detail, province) if p]
    if country and vn.fold(country) not in ("viet nam", "vn"):
        parts.append(country)
    return ", ".join(parts)


_UPPER_BODY = re.compile(r"\s+[-–]\s+(?=(?:đảng bộ|đảng ủy|đảng uỷ)\b)", re.IGNORECASE)


def cell_name(organisation: str) -> str:
    """'Chi bộ Thôn Nà Lầu - Đảng bộ xã Bằng Thành' → 'Chi bộ Thôn Nà Lầu' (the upper bodies dropped)."""
    name = vn.nfc(organisation)
    return _UPPER_BODY.split(name, maxsplit=1)[0].strip()
