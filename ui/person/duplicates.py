"""The warning before saving someone who is probably already in the file."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from commune_app import vn
from commune_app.domain import codes


class DuplicateDialog(QDialog):
    """Lists the likely matches; ``choice`` is ("save", None), ("open", id) or ("back", None)."""

    def __init__(self, matches: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Có thể trùng hồ sơ")
        self.setMinimumWidth(560)
        self.matches = matches
        self.choice: tuple[str, int | None] = ("back", None)
        layout = QVBoxLayout(self)
        intro = QLabel("Trong tệp đã có người trùng số CCCD, hoặc trùng họ tên và ngày sinh:")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for match in matches:
            row = QHBoxLayout()
            label = QLabel(self.describe(match))
            label.setWordWrap(True)
            row.addWidget(label, 1)
            button = QPushButton("Mở hồ sơ này")
            button.setEnabled(not match.get("deleted_at"))
            button.clicked.connect(lambda _=False, pid=match["id"]: self._choose("open", pid))
            row.addWidget(button)
            layout.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        back = QPushButton("Quay lại sửa")
        back.setDefault(True)
        back.clicked.connect(lambda: self._choose("back", None))
        anyway = QPushButton("Vẫn lưu")
        anyway.clicked.connect(lambda: self._choose("save", None))
        buttons.addWidget(back)
        buttons.addWidget(anyway)
        layout.addLayout(buttons)

    @staticmethod
    def describe(match: dict[str, Any]) -> str:
        parts = [f"<b>{match['full_name']}</b>"]
        if match.get("birth_date"):
            parts.append(f"sinh ngày {vn.format_date(match['birth_date'])}")
        if match.get("cccd"):
            parts.append(f"CCCD {match['cccd']}")
        parts.append(codes.STATUS_LABELS.get(match.get("status") or "", ""))
        if match.get("deleted_at"):
            parts.append("đang ở Thùng rác")
        return ", ".join(p for p in parts if p)

    def text(self) -> str:
        return "\n".join(self.describe(m) for m in self.matches)

    def _choose(self, what: str, person_id: int | None) -> None:
        self.choice = (what, person_id)
        self.accept() if what != "back" else self.reject()


def confirm_duplicates(parent: QWidget | None, matches: list[dict[str, Any]]) -> tuple[str, int | None]:
    dialog = DuplicateDialog(matches, parent)
    dialog.exec()
    return dialog.choice
