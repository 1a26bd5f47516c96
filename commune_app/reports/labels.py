"""Report wording, read from the data files in ``resources/labels`` (never from code).

The official wording of the statistical forms is expected to change after the 2025
reorganisation; a clerk or a maintainer edits the JSON files and the program follows.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from commune_app.errors import FileRefused
from commune_app.paths import resource_path


@lru_cache(maxsize=32)
def load(name: str) -> dict[str, Any]:
    path = resource_path("labels", f"{name}.json")
    try:
        labels: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return labels
    except FileNotFoundError:
        raise FileRefused(f"Thiếu tệp nhãn báo cáo {path.name} trong thư mục resources/labels.") from None
    except ValueError as exc:
        raise FileRefused(f"Tệp nhãn báo cáo {path.name} bị lỗi cú pháp: {exc}.") from None


def common() -> dict[str, Any]:
    return load("common")
