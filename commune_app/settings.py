"""Settings of this computer (not of the data file): window, documents, backups, last choices.

Saved as JSON through a temporary file and an atomic rename, so a crash or a power cut
during a save leaves the previous settings intact (git-cola's approach).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from commune_app.paths import user_data_dir

DEFAULTS: dict[str, Any] = {
    "last_db": "",
    "recent_dbs": [],
    "document_margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
    "document_font": "auto",
    "backup_dir": "",
    "backup_keep_last": 10,
    "backup_keep_monthly": 12,
    "idle_lock_minutes": 15,
}


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or user_data_dir() / "cai-dat.json"
        self._values: dict[str, Any] = {}
        self.listeners: list[Callable[[], None]] = []  # told after each save (the window re-reads)
        self.load()

    def load(self) -> None:
        try:
            self._values = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(self._values, dict):
                self._values = {}
        except (OSError, ValueError):
            self._values = {}

    def get(self, key: str, default: Any = None) -> Any:
        if key in self._values:
            return self._values[key]
        return DEFAULTS.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self._values[key] = value

    def update(self, values: dict[str, Any]) -> None:
        self._values.update(values)

    def save(self) -> None:
        import tempfile  # with random and its kin, only when settings change: a command's start reads them

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".cai-dat-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._values, handle, ensure_ascii=False, indent=2)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for listener in list(self.listeners):
            listener()
