"""What kind of list a sheet is, and why: from its title rows, its sheet name and its columns.

A list of outstanding people read as a list of members refuses every row for a missing
admission date, so the kind is detected (and said, with the reason) unless the clerk chose it.
When most refused rows share one reason, ``dominant_reason`` says it once with its likely cause.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from commune_app import vn
from commune_app.importing.registry import is_registry_layout

KIND_LABELS = {
    "members": "Danh sách đảng viên",
    "candidates": "Danh sách quần chúng ưu tú, người xin vào Đảng",
}
# Folded words of a title or sheet name → (kind, what the list is). Candidates first: their
# titles also name the party members who introduce them.
_TITLE_WORDS: tuple[tuple[str, str, str], ...] = (
    ("quan chung uu tu", "candidates", "danh sách quần chúng ưu tú"),
    ("cam tinh dang", "candidates", "danh sách quần chúng cảm tình Đảng"),
    ("nhan thuc ve dang", "candidates", "danh sách học lớp nhận thức về Đảng"),
    ("xin vao dang", "candidates", "danh sách người xin vào Đảng"),
    ("doi tuong ket nap", "candidates", "danh sách đối tượng kết nạp Đảng"),
    ("doi tuong dang", "candidates", "danh sách đối tượng Đảng"),
    ("quan chung", "candidates", "danh sách quần chúng"),
    ("dang vien du bi", "members", "danh sách đảng viên dự bị"),
    ("chuan hoa du lieu dang vien", "members", "biểu chuẩn hóa dữ liệu đảng viên"),
    ("dang vien", "members", "danh sách đảng viên"),
)


@dataclass(frozen=True)
class KindGuess:
    kind: str
    why: str  # Vietnamese: what told it
    chosen: bool = False  # the clerk gave the kind (window or --kind)

    def line(self) -> str:
        label = KIND_LABELS[self.kind].lower()
        if self.chosen:
            return f"Loại danh sách: {label} (do người dùng chọn)."
        return (
            f"Loại danh sách nhận ra: {label}, vì {self.why}. Nếu không đúng, hãy chọn lại loại danh sách "
            "(dòng lệnh: --kind members hoặc --kind candidates)."
        )


def _found(text: str) -> tuple[str, str] | None:
    folded = vn.fold(text)
    for words, kind, what in _TITLE_WORDS:
        if re.search(rf"\b{words}\b", folded):
            return kind, what
    return None


def detect(titles: list[str], sheet: str, fields: set[str]) -> KindGuess:
    """The kind a list most likely is: its title first, then its sheet name, then its columns."""
    for title in titles:
        found = _found(title)
        if found:
            return KindGuess(found[0], f"tiêu đề “{vn.nfc(title)}” là {found[1]}")
    if is_registry_layout(fields):
        return KindGuess("members", "bảng tính là biểu chuẩn hóa dữ liệu đảng viên của CSDL đảng viên")
    found = _found(sheet)
    if found:
        return KindGuess(found[0], f"tên trang tính “{vn.nfc(sheet)}” là {found[1]}")
    if "admitted_on" in fields:
        return KindGuess("members", "bảng tính có cột Ngày vào Đảng")
    return KindGuess("candidates", "bảng tính không có cột Ngày vào Đảng và tiêu đề không ghi là danh sách đảng viên")


# A shared reason → its likely cause and the fix (matched on the folded reason).
_CAUSES: tuple[tuple[str, str], ...] = (
    (
        "thieu ngay vao dang",
        "Có thể đây không phải danh sách đảng viên mà là danh sách quần chúng ưu tú, người xin "
        "vào Đảng: hãy chọn loại danh sách “quần chúng” (dòng lệnh: --kind candidates).",
    ),
    (
        "ngay sinh",
        "Có thể cột ngày sinh chưa được ghép đúng hoặc ghi sai dạng: hãy kiểm tra bước ghép cột "
        "và ghi ngày theo ngày/tháng/năm.",
    ),
    ("gioi tinh", "Có thể cột giới tính chưa được ghép đúng: hãy kiểm tra bước ghép cột."),
    (
        "chi duoc nhap nguoi cua chi bo",
        "Tài khoản này chỉ được giao một chi bộ: hãy nhờ tài khoản quản trị nhập, hoặc chỉ chọn người của chi bộ mình.",
    ),
    ("dan toc", "Có thể cột dân tộc ghi tắt hoặc sai chính tả: hãy sửa trong bảng tính."),
)


def _shape(reason: str) -> str:
    """A reason without the row's own values, so equal reasons of different rows group together."""
    return re.sub(r"“[^”]*”|\d+", "…", reason)


def dominant_reason(refused_reasons: list[list[str]], rows: int) -> str | None:
    """One line when most rows fail for one reason: the reason, how many, the likely cause and fix."""
    if len(refused_reasons) < 3 or len(refused_reasons) * 2 < rows:
        return None
    counts = Counter(_shape(r) for reasons in refused_reasons for r in dict.fromkeys(map(_shape, reasons)))
    shape, count = counts.most_common(1)[0]
    if count * 5 < len(refused_reasons) * 4:
        return None
    example = next(r for reasons in refused_reasons for r in reasons if _shape(r) == shape)
    folded = vn.fold(example)
    cause = next((c for words, c in _CAUSES if words in folded), "Hãy kiểm tra cột tương ứng và cách ghép cột.")
    return f"{count} trên {rows} dòng bị từ chối cùng một lý do: “{example}”. {cause}"
