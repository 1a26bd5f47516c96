"""The audit trail as the administrator browses and exports it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from commune_app import vn
from commune_app.ops.context import Session
from commune_app.progress import Progress
from commune_app.store import audit as audit_store
from commune_app.store.audit import AuditFilter

ACTION_LABELS = {
    "create": "Thêm", "update": "Sửa", "delete": "Xóa", "restore": "Khôi phục", "withdraw": "Hủy",
    "reinstate": "Khôi phục bước", "correct": "Sửa bước", "move": "Chuyển chi bộ", "end": "Kết thúc",
    "login": "Đăng nhập", "login_failed": "Đăng nhập sai", "issue": "Ban hành", "import": "Nhập danh sách",
}
ENTITY_LABELS = {
    "person": "Hồ sơ", "milestone": "Bước", "link": "Phân công", "relative": "Người thân", "cell": "Chi bộ",
    "cell_target": "Chỉ tiêu", "user": "Tài khoản", "profile": "Thông tin đảng ủy", "setting": "Cài đặt",
    "day_off": "Ngày nghỉ", "course": "Khóa học", "enrolment": "Học viên", "document": "Văn bản",
    "org_award": "Khen thưởng tổ chức đảng",
}


def browse(session: Session, flt: AuditFilter, limit: int | None = 5000) -> list[dict[str, Any]]:
    """Newest first; only administrators read the trail."""
    session.require_admin()
    return audit_store.rows(session.store, flt, limit=limit)


def users(session: Session) -> list[str]:
    session.require_admin()
    return audit_store.users(session.store)


def describe_change(row: dict[str, Any]) -> str:
    """'Họ và tên: A → B' lines from the before/after JSON, for the detail pane."""
    before = json.loads(row["before"]) if row.get("before") else {}
    after = json.loads(row["after"]) if row.get("after") else {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return f"{before!r} → {after!r}"
    lines = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, ""), after.get(key, "")
        if old != new:
            lines.append(f"{key}: {old if old not in (None, '') else '(trống)'} → {new if new not in (None, '') else '(trống)'}")
    return "\n".join(lines)


def export_xlsx(session: Session, flt: AuditFilter, path: Path, progress: Progress | None = None) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rows = browse(session, flt, limit=None)
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhật ký"
    headers = ["Thời gian", "Người dùng", "Việc", "Đối tượng", "Hồ sơ", "Nội dung", "Thay đổi"]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(name="Times New Roman", bold=True)
    for index, row in enumerate(rows):
        if progress and index % 500 == 0:
            progress(index, len(rows), "Đang ghi nhật ký ra tệp Excel...")
        at = row["at"]
        sheet.append([f"{vn.format_date(at[:10])} {at[11:16]}", row["user"], ACTION_LABELS.get(row["action"], row["action"]),
                      ENTITY_LABELS.get(row["entity"], row["entity"]), row.get("person_name") or "",
                      row["summary"], describe_change(row)])
    for column, width in zip("ABCDEFG", (17, 14, 14, 14, 24, 50, 60)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    book.save(path)
    return len(rows)
