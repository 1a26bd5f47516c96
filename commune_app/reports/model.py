"""What a report sheet is before it is written: header cells, rows of figures, checks.

Builders fill a ``Table`` from person-level facts; the writer turns it into a worksheet and
the window shows the same rows on screen, so both always print the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class HeaderCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1

    @classmethod
    def from_spec(cls, spec: dict[str, Any], col_offset: int = 0, words: dict[str, str] | None = None) -> HeaderCell:
        """A header cell of a label file; ``words`` fill its {year_start}-style blanks."""
        text = spec["text"].format(**words) if words else spec["text"]
        return cls(spec["row"], spec["col"] + col_offset, text, spec.get("rowspan", 1), spec.get("colspan", 1))


@dataclass
class Row:
    key: str
    values: list[Any]
    style: str = "item"  # section (bold) | group (bold italic) | item | sub (italic) | total (bold)
    indent: int = 0
    cell_styles: dict[int, str] = field(default_factory=dict)  # per-column overrides (side-by-side groups)


@dataclass
class Block:
    """A small table under the main one (E7's comparison with the same period last year)."""

    title: str
    header: list[str]
    rows: list[list[Any]]


@dataclass(frozen=True)
class Problem:
    """A failed internal check, with the people whose records cause it."""

    message: str
    person_ids: tuple[int, ...] = ()


@dataclass
class Table:
    code: str
    sheet: str
    heading: list[str]  # centre lines: heading, title, period
    form_lines: list[str]  # right: form number, unit
    header: list[HeaderCell]
    numbers: list[str]
    widths: list[float]
    rows: list[Row]
    landscape: bool = False
    one_page: bool = False  # fit the whole sheet on one page (Biểu 2B is one landscape page)
    party_header: bool = False  # right block 'ĐẢNG CỘNG SẢN VIỆT NAM' + date (the commune's own reports)
    percent_cols: frozenset[int] = frozenset()
    text_cols: frozenset[int] = frozenset({0})  # columns aligned left (labels, names)
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    summary: list[tuple[str, Any]] = field(default_factory=list)  # main figures for the screen

    @property
    def header_rows(self) -> int:
        return max(c.row + c.rowspan for c in self.header)

    @property
    def width(self) -> int:
        return max(c.col + c.colspan for c in self.header)

    def column_titles(self) -> list[str]:
        """One title per column for the screen: the leaf header, after its group ('Kết nạp: Trong kỳ')."""
        titles = []
        for col in range(self.width):
            covering = sorted((c for c in self.header if c.col <= col < c.col + c.colspan), key=lambda c: c.row)
            leaf = covering[-1].text if covering else ""
            groups = [c.text for c in covering[:-1] if c.colspan > 1]
            titles.append(": ".join([*groups, leaf]))
        return titles

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)
