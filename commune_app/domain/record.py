"""One person's whole file as plain data: what rules, deadlines and documents read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PersonRecord:
    person: dict[str, Any]
    milestones: list[dict[str, Any]]  # live ones, date order; ``details`` already a dict
    links: list[dict[str, Any]]  # live ones, with member_name/member_status/member_official_on
    relatives: list[dict[str, Any]]
    cell: dict[str, Any] | None
    assignments: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.person["id"])

    @property
    def name(self) -> str:
        return str(self.person["full_name"])

    def latest(self, kind: str) -> dict[str, Any] | None:
        found = [m for m in self.milestones if m["kind"] == kind]
        return found[-1] if found else None

    def all_of(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.milestones if m["kind"] == kind]

    def date_of(self, kind: str) -> dt.date | None:
        m = self.latest(kind)
        return dt.date.fromisoformat(m["date"]) if m else None

    def links_with_role(self, role: str, *, current_only: bool = True) -> list[dict[str, Any]]:
        return [link for link in self.links if link["role"] == role and (not current_only or not link.get("ended_on"))]

    @property
    def birth_date(self) -> dt.date | None:
        value = self.person.get("birth_date")
        return dt.date.fromisoformat(value) if value else None
