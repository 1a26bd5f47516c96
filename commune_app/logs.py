"""The program's log: a rotating file in the data folder, with identity numbers masked.

CCCD and party card numbers are personal data; a log sent to the provincial IT staff must
not carry them, so every 9–12 digit run is masked to its last four digits (********1234).
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from commune_app.paths import user_data_dir

_NUMBER = re.compile(r"(?<!\d)\d{5,8}(\d{4})(?!\d)")


def mask(text: str) -> str:
    return _NUMBER.sub(lambda m: "*" * (len(m.group(0)) - 4) + m.group(1), text)


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


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
