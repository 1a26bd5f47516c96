"""The person window's "Khóa học" tab: every course the person was enrolled in, with the result
and the certificate (its expiry and whether it is still valid today)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commune_app import vn
from commune_app.changes import Changes
from commune_app.ops import courses as course_ops
from ui.person import TabSpec
from ui.shell.context import UiContext

HEADERS = ("Lớp", "Khóa/đợt", "Thời gian", "Chi bộ cử đi học", "Tình trạng", "Kết quả", "Số GCN", "Ngày cấp", "Hết hạn")
EXPIRED = QColor("#b71c1c")


class CoursesTab(QWidget):
    def __init__(self, ctx: UiContext, person_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        hint = QLabel("Ghi danh, điểm danh và nhập kết quả ở trang “Khóa bồi dưỡng”.")
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        ctx.changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, what: Changes) -> None:
        if what.courses or what.person(self.person_id):
            self.refresh()

    def refresh(self) -> None:
        rows = course_ops.person_courses(self.ctx.session, self.person_id) if self.person_id else []
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            result = row["grade"] + (f" ({vn.score(row['score'])})" if row["score"] is not None else "")
            status = row["status_label"] + (f": {row['status_reason']}" if row["status_reason"] else "")
            values = (
                row["course_name"],
                row["intake"],
                f"{vn.format_date(row['start_date'])} – {vn.format_date(row['end_date'])}",
                row["cell_name"] or "",
                status,
                result,
                row["certificate_no"],
                vn.format_date(row["certificate_on"]),
                vn.format_date(row["expires_on"]),
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 8 and row["certificate_no"] and not row["valid"]:
                    item.setForeground(QBrush(EXPIRED))
                    item.setToolTip("Giấy chứng nhận đã hết hạn: cần học lại lớp bồi dưỡng")
                self.table.setItem(r, c, item)
        valid = [r for r in rows if r["valid"] and r["course_kind"] == "awareness"]
        if not self.person_id:
            self.summary.setText("Lưu hồ sơ trước khi ghi danh người này vào lớp.")
        elif valid:
            best = valid[0]
            self.summary.setText(
                f"Giấy chứng nhận nhận thức về Đảng số {best['certificate_no']} cấp ngày "
                f"{vn.format_date(best['certificate_on'])}, còn hiệu lực đến "
                f"{vn.format_date(best['expires_on'])}."
            )
        else:
            self.summary.setText("Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng còn hiệu lực.")


TAB = TabSpec(order=40, key="courses", title="Khóa học", factory=lambda ctx, person_id: CoursesTab(ctx, person_id))
