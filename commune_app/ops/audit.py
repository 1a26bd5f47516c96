"""The audit trail as the administrator browses and exports it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from commune_app import vn, xlsx_cells
from commune_app.domain.codes import STATUS_LABELS
from commune_app.domain.person import PERSON_FIELDS
from commune_app.ops.context import Session
from commune_app.progress import Progress
from commune_app.safety import outputs
from commune_app.store import audit as audit_store
from commune_app.store.audit import AuditFilter as AuditFilter  # the window's filter, through ops

ACTION_LABELS = {
    "create": "Thêm",
    "update": "Sửa",
    "delete": "Xóa",
    "restore": "Khôi phục",
    "withdraw": "Hủy",
    "reinstate": "Khôi phục bước",
    "correct": "Sửa bước",
    "move": "Chuyển chi bộ",
    "end": "Kết thúc",
    "login": "Đăng nhập",
    "login_failed": "Đăng nhập sai",
    "issue": "Ban hành",
    "import": "Nhập danh sách",
    "copy": "Chép dữ liệu ra ngoài",
}
ENTITY_LABELS = {
    "person": "Hồ sơ",
    "milestone": "Bước",
    "link": "Phân công",
    "relative": "Người thân",
    "cell": "Chi bộ",
    "cell_target": "Chỉ tiêu",
    "user": "Tài khoản",
    "profile": "Thông tin đảng ủy",
    "setting": "Cài đặt",
    "day_off": "Ngày nghỉ",
    "course": "Khóa học",
    "enrolment": "Học viên",
    "document": "Văn bản",
    "org_award": "Khen thưởng tổ chức đảng",
    "file": "Tệp dữ liệu",
}

# The detail pane speaks the clerk's words, not the file's column names; a key not listed
# (a new column) still shows, as itself.
FIELD_LABELS = {
    **{spec.name: spec.label for spec in PERSON_FIELDS},
    "status": "Tình trạng",
    "stage": "Giai đoạn",
    "cell_id": "Chi bộ (mã số)",
    "person_id": "Người (mã số)",
    "kind": "Loại",
    "date": "Ngày",
    "doc_number": "Số văn bản",
    "issuer": "Nơi ban hành",
    "details": "Chi tiết",
    "rule_set_version": "Phiên bản bộ quy tắc",
    "created_at": "Thời điểm tạo",
    "withdrawn_at": "Thời điểm hủy",
    "role": "Vai trò",
    "member_id": "Đảng viên (mã số)",
    "together_from": "Cùng công tác từ",
    "together_to": "Cùng công tác đến",
    "assigned_on": "Ngày phân công",
    "document_on": "Ngày văn bản",
    "ended_on": "Ngày kết thúc",
    "reason": "Lý do",
    "course_id": "Lớp (mã số)",
    "milestone_id": "Bước (mã số)",
    "certificate_no": "Số giấy chứng nhận",
    "certificate_on": "Ngày cấp giấy chứng nhận",
    "certificate_issuer": "Nơi cấp giấy chứng nhận",
    "score": "Điểm",
    "grade": "Xếp loại",
    "name": "Tên",
    "start_date": "Ngày khai giảng",
    "end_date": "Ngày bế giảng",
    "place": "Địa điểm",
    "notes": "Ghi chú",
    "organiser": "Đơn vị tổ chức",
    "periods": "Số buổi",
    "intake": "Khóa",
    "username": "Tên đăng nhập",
    "active": "Đang dùng",
    "year": "Năm",
    "target": "Chỉ tiêu",
    "value": "Giá trị",
}
# coded values (gender 'M', status 'candidate') read as their labels
CHOICE_LABELS: dict[str, dict[str, str]] = {
    **{spec.name: spec.choices for spec in PERSON_FIELDS if isinstance(spec.choices, dict)},
    "status": STATUS_LABELS,
}
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})")


def _shown_value(value: Any) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, str):
        moment = _ISO_TIME.match(value)
        if moment:
            day = vn.day_text(moment.group(1))
            return f"{day} {moment.group(2)}" if day != moment.group(1) else value
        return vn.day_text(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def browse(session: Session, flt: AuditFilter, limit: int | None = 5000) -> list[dict[str, Any]]:
    """Newest first; only administrators read the trail."""
    session.require_admin()
    return audit_store.rows(session.store, flt, limit=limit)


def users(session: Session) -> list[str]:
    session.require_admin()
    return audit_store.users(session.store)


def describe_change(row: dict[str, Any]) -> str:
    """'Họ và tên: A → B' lines from the before/after JSON, for the detail pane (dates dd/mm/yyyy)."""
    before = json.loads(row["before"]) if row.get("before") else {}
    after = json.loads(row["after"]) if row.get("after") else {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return f"{before!r} → {after!r}"
    lines = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, ""), after.get(key, "")
        if old != new:
            labels = CHOICE_LABELS.get(key, {})
            old, new = (labels.get(v, v) if isinstance(v, str) else v for v in (old, new))
            lines.append(f"{FIELD_LABELS.get(key, key)}: {_shown_value(old)} → {_shown_value(new)}")
    return "\n".join(lines)


def record_copy(session: Session, what: str, people: int, target: str | Path = "") -> bool:
    """Keep in the audit who copied what out of the file and how many people's data it holds
    (reports, lists, printed papers, backups, exports). A read-only file cannot be written:
    nothing is kept and False is returned, so the caller can say so."""
    if session.store.read_only:
        return False
    where = f" ra {Path(target).name}" if target else ""
    with session.write() as log:
        log.record("copy", "file", None, summary=f"{what}{where}: dữ liệu của {people} người")
    return True


def export_xlsx(session: Session, flt: AuditFilter, path: Path, progress: Progress | None = None) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rows = browse(session, flt, limit=None)
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhật ký"
    headers = ["Thời gian", "Người dùng", "Việc", "Đối tượng", "Hồ sơ", "Nội dung", "Thay đổi"]
    for column, header in enumerate(headers, start=1):
        xlsx_cells.put(sheet.cell(row=1, column=column), header).font = Font(name="Times New Roman", bold=True)
    for index, row in enumerate(rows):
        if progress and index % 500 == 0:
            progress(index, len(rows), "Đang ghi nhật ký ra tệp Excel...")
        at = row["at"]
        values = [
            f"{vn.format_date(at[:10])} {at[11:16]}",
            row["user"],
            ACTION_LABELS.get(row["action"], row["action"]),
            ENTITY_LABELS.get(row["entity"], row["entity"]),
            row.get("person_name") or "",
            row["summary"],
            describe_change(row),
        ]
        for column, value in enumerate(values, start=1):
            xlsx_cells.put(sheet.cell(row=index + 2, column=column), value)
    for letter, width in zip("ABCDEFG", (17, 14, 14, 14, 24, 50, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    with outputs.replacing(path, data_file=session.store.path, suffix=".xlsx") as temporary:
        book.save(temporary)
    record_copy(session, "Xuất nhật ký", len({r["person_id"] for r in rows if r.get("person_id")}), path)
    return len(rows)
