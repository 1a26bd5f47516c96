"""The rule set: every number of the party rules, read from a versioned data file.

The numbers change when the Central Committee amends the implementing regulation (expected
in 2026); a new file is added under ``resources/rules`` and the old dossiers keep the version
they were processed under.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from commune_app.errors import FileRefused
from commune_app.paths import resource_path


@dataclass(frozen=True)
class RuleSet:
    id: str
    version: str
    title: str
    effective_from: str
    numbers: dict[str, Any]
    sources: dict[str, str]

    def __getitem__(self, key: str) -> Any:
        return self.numbers[key]

    def source(self, code: str) -> str:
        return self.sources.get(code, self.title)


@lru_cache(maxsize=8)
def load_rule_set(rule_set_id: str = "qd294-hd06") -> RuleSet:
    path = resource_path("rules", f"{rule_set_id}.json")
    if not path.exists():
        raise FileRefused(f"Không tìm thấy bộ quy tắc “{rule_set_id}” trong thư mục resources/rules.")
    data = json.loads(path.read_text(encoding="utf-8"))
    return RuleSet(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        effective_from=data["effective_from"],
        numbers=data["numbers"],
        sources=data.get("sources", {}),
    )
