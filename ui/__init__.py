"""The PySide6 window of Phát triển Đảng viên: widgets only, no SQL, no rules."""
