"""What a rule check says: never a bare boolean, always a code, a severity and the numbers."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

BLOCKING = "blocking"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str  # the checklist code of docs/domain.md §3: AGE-MIN, COURSE, INTRODUCER-12M...
    severity: str  # BLOCKING stops the step; WARNING is shown and recorded
    person_id: int
    message: str  # Vietnamese, with the dates and numbers that matter
    source: str = ""  # the regulation the rule comes from, for the help and the tooltip

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCKING

    def as_json(self) -> dict[str, Any]:
        return asdict(self)
