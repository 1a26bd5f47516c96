"""Is the data file sound? SQLite's own integrity and foreign-key checks plus the search index."""

from __future__ import annotations

from dataclasses import dataclass

from commune_app.ops.context import Session
from commune_app.store import backup as backup_store


@dataclass(frozen=True)
class FileReport:
    problems: list[str]
    read_only: bool = False

    @property
    def sound(self) -> bool:
        return not self.problems

    @property
    def summary(self) -> str:
        if self.sound:
            note = (
                " Tệp đang mở chỉ đọc (ổ hoặc thư mục không cho ghi, hoặc chương trình khác đang dùng): "
                "tệp không hỏng, chỉ không ghi thay đổi được."
                if self.read_only
                else ""
            )
            return (
                "Tệp dữ liệu toàn vẹn: cấu trúc tốt (integrity_check: ok), không có liên kết hỏng"
                " (foreign_key_check), chỉ mục tìm kiếm khớp với dữ liệu." + note
            )
        return f"Tệp dữ liệu có {len(self.problems)} lỗi; hãy khôi phục từ bản sao lưu gần nhất:"


def check_file(session: Session, *, quick: bool = False) -> FileReport:
    from commune_app.store import exchange as exchange_store  # a check, never a reading command's start

    problems = backup_store.connection_problems(session.store.conn, quick=quick)
    search = exchange_store.fts_integrity(session.store)
    if search:
        problems.append(f"Chỉ mục tìm kiếm không khớp với dữ liệu: {search}")
    return FileReport(problems, read_only=session.store.read_only)
