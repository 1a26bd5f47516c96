"""The program's log: a rotating file in the data folder, with personal data masked.

A log sent to the provincial IT staff must not carry personal data: every 9–12 digit run
(CCCD, party card and phone numbers) is masked to its last four digits (********1234); dates
(birth dates) become **/**/****; runs of two or more capitalised words, which is how
Vietnamese names and addresses are written ("Lương Hồng Lan", "Thôn Nà Lầu"), become
"[tên]". A person is named in the log by their id. The time stamp of each line is kept.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from commune_app.paths import user_data_dir

_NUMBER = re.compile(r"(?<!\d)\d{5,8}(\d{4})(?!\d)")
_DATE = re.compile(r"(?<!\d)(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})(?!\d)")
# Capital letters of Latin scripts (Vietnamese included); Python's re has no \p{Lu}.
_UPPER = "".join(re.escape(ch) for ch in map(chr, range(0x41, 0x1F00)) if ch.isupper())
_NAME = re.compile(rf"(?<![^\W\d_])[{_UPPER}][^\W\d_]*(?:[ \t]+[{_UPPER}][^\W\d_]*)+")


def mask(text: str) -> str:
    text = _NUMBER.sub(lambda m: "*" * (len(m.group(0)) - 4) + m.group(1), text)
    text = _DATE.sub(lambda m: re.sub(r"\d", "*", m.group(0)), text)
    return _NAME.sub("[tên]", text)


class MaskingFormatter(logging.Formatter):
    """Masks the message and any traceback, not the line's own time stamp."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        saved = record.message
        record.message = mask(saved)
        try:
            return super().formatMessage(record)
        finally:
            record.message = saved

    def formatException(self, ei: Any) -> str:
        return mask(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return mask(super().formatStack(stack_info))


def log_dir() -> Path:
    folder = user_data_dir() / "nhat-ky"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_file() -> Path:
    return log_dir() / "chuong-trinh.log"


def setup_logging(level: int = logging.INFO) -> Path:
    """Attach the rotating, masking file handler once; returns the log file's path."""
    path = log_file()
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path
