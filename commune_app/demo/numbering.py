"""Document numbers of the demo, given the way the bodies' counters give them.

Every numbered paper is registered with its issuing body and its number suffix while the
people are built; once everything is built, each body's papers are numbered in date order,
starting again at 1 with each party term (``commune_app.ops.documents.issue_document`` counts
the same way), so no number is used twice and a later number never carries an earlier date.
The counters of the current term are written too, so the first paper the clerk issues after
the demo takes the next number.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

FIRST_TERM_YEAR = 2025  # the 2025-2030 term of the committee profile; terms run five years


def term_of(day: dt.date) -> str:
    """The party term a date falls in: '2025-2030' for 2025 to 2029."""
    start = FIRST_TERM_YEAR + 5 * ((day.year - FIRST_TERM_YEAR) // 5)
    return f"{start}-{start + 5}"


@dataclass
class _Series:
    counters: tuple[tuple[str, str], ...]  # (counter key, document type) of the program's counters for this body
    gaps: tuple[int, int]  # how far apart consecutive numbers are (other papers of a body not modelled)
    papers: list[tuple[str, int, str, dict[str, Any]]] = field(default_factory=list)  # date, order, group, row


class Numbering:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"numbers-{seed}")
        self._series: dict[tuple[str, str], _Series] = {}
        self._order = 0

    def add(
        self,
        issuer: str,
        suffix: str,
        row: dict[str, Any],
        *,
        group: str = "",
        day: str = "",
        counters: tuple[tuple[str, str], ...] = (),
        gaps: tuple[int, int] = (1, 1),
    ) -> None:
        """Register a milestone ``row`` numbered '<n>-<suffix>' by ``issuer``; rows with the same
        non-empty ``group`` are one paper (a decision commending several members) and share a number;
        ``day`` is the paper's ISO date when the row has none of its own under "date"."""
        series = self._series.setdefault((issuer, suffix), _Series(counters, gaps))
        self._order += 1
        series.papers.append((day or row["date"], self._order, group or f"#{self._order}", row))

    def last_day(self, issuer: str, suffix: str) -> str:
        """The ISO date of the latest paper of a series ('' when it has none)."""
        series = self._series.get((issuer, suffix))
        return max((paper[0] for paper in series.papers), default="") if series else ""

    def assign(self, current_term: str) -> list[dict[str, Any]]:
        """Write the numbers into the rows; returns the doc_counters rows of ``current_term``."""
        counters = []
        for (_issuer, suffix), series in self._series.items():
            series.papers.sort(key=lambda paper: (paper[0], paper[1]))
            numbers: dict[str, int] = {}
            last: dict[str, int] = {}
            for day, _order, group, row in series.papers:
                if group not in numbers:
                    term = term_of(dt.date.fromisoformat(day))
                    low, high = series.gaps
                    last[term] = last.get(term, 0) + self.rng.randint(low, high)
                    numbers[group] = last[term]
                row["doc_number"] = f"{numbers[group]:02d}-{suffix}"
            if current_term in last:
                counters += [
                    {"issuer": key, "doc_type": doc_type, "term": current_term, "last_number": last[current_term]}
                    for key, doc_type in series.counters
                ]
        return counters
