"""The document model that ``PartyPdf`` records and both renderers (PDF, Word) read.

A form module calls the builder (``layout.PartyPdf``); the builder turns every call into a
block of this model, with the decisions that depend on the page already taken (column
widths, the header's lines, the size of a table cell), so the PDF and the .docx of the same
paper cannot say or break different things. The renderers only draw what the model says.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
CELL_PADDING, TIGHT_PADDING = 3.0, 0.5  # points either side of a list cell's text (tight: one-symbol columns)
# A document number or a date ('512/CN-NTVĐ', '07/2026/CN-NTVĐ', '05/02/2026'): kept whole in a cell.
NUMBER_TOKEN = re.compile(r"\S*\d\S*[/-]\S*|\S*[/-]\S*\d\S*")


# --- inline text ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text with one look."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


Inline = tuple[Run, ...]

_TOKEN = re.compile(r"<(/?)([biu])>|([^<]+)")


def runs(markup: str) -> Inline:
    """The runs of ``layout``'s markup (escaped text with <b>, <i>, <u> only), adjacent alike runs merged."""
    depth = {"b": 0, "i": 0, "u": 0}
    out: list[Run] = []
    for match in _TOKEN.finditer(markup):
        closing, tag, text = match.groups()
        if tag:
            depth[tag] += -1 if closing else 1
            continue
        run = Run(html.unescape(text), depth["b"] > 0, depth["i"] > 0, depth["u"] > 0)
        if out and (out[-1].bold, out[-1].italic, out[-1].underline) == (run.bold, run.italic, run.underline):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic, run.underline)
        else:
            out.append(run)
    return tuple(out)


def plain(inline: Inline) -> str:
    return "".join(r.text for r in inline)


def nfc(text: Any) -> str:
    return unicodedata.normalize("NFC", "" if text is None else str(text))


# --- parts given by the form modules -------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """The two-column header (36-HD elements 1–4).

    Left: ``upper`` body (regular caps), ``issuer`` (bold caps), the star, the number; right:
    the organisation title with a rule as long as its last line, and the italic place/date.
    Youth-union documents pass ``title="ĐOÀN TNCS HỒ CHÍ MINH"`` and ``star="***"``; trade-union
    ones pass the national title and ``motto``.
    """

    issuer: str  # '' for papers a person signs (3-KNĐ, 11-KNĐ): only the right block then
    upper: str = ""
    number: str = ""
    place: str = ""
    on: dt.date | None = None
    title: str = PARTY_TITLE
    motto: str = ""
    star: str = "*"
    subject: str = ""  # (5b) 'V/v ...' of a công văn, under the number


@dataclass(frozen=True)
class Signature:
    """One signature block: 'T/M CHI BỘ' / 'BÍ THƯ' / (space to sign and seal) / name."""

    authority: str = ""  # T/M ..., K/T ...; may be empty for a person signing for themself
    title: str = ""  # BÍ THƯ, PHÓ BÍ THƯ, NGƯỜI GIỚI THIỆU...
    name: str = ""
    note: str = ""  # '(Ký, ghi rõ họ tên)' in italics under the title


@dataclass(frozen=True)
class Column:
    """A column of a list of people: title, relative width, alignment, optional group title.

    Consecutive columns with the same ``group`` get a merged header above their titles
    (for example 'Ngày, tháng, năm sinh' over 'Nam' and 'Nữ').
    """

    title: str
    width: float = 1.0
    align: str = "LEFT"  # LEFT | CENTER | RIGHT
    group: str = ""


# --- blocks ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderBlock:
    head: Header
    left_width: float  # points
    middle_width: float
    right_width: float
    upper_lines: tuple[str, ...]  # the left column's lines, already broken
    issuer_lines: tuple[str, ...]
    title_size: float  # the organisation title stays on one line
    date_line: str


@dataclass(frozen=True)
class TitleBlock:
    doc_type: str
    subject: str
    rule: bool


@dataclass(frozen=True)
class AddresseeBlock:
    lines: tuple[Inline, ...]


@dataclass(frozen=True)
class ParaBlock:
    runs: Inline
    indent: bool = True
    align: str = "JUSTIFY"
    size: float = 14
    space_before: float = 0
    keep_with_next: bool = False


@dataclass(frozen=True)
class HeadingBlock:
    runs: Inline
    align: str = "LEFT"


@dataclass(frozen=True)
class SpacerBlock:
    mm: float


@dataclass(frozen=True)
class Cell:
    runs: Inline
    size: float  # points: smaller than the table's when a number would not fit whole


@dataclass(frozen=True)
class TableBlock:
    columns: tuple[Column, ...]
    widths: tuple[float, ...]  # points
    rows: tuple[tuple[Cell, ...], ...]
    size: float
    number_row: bool
    tight: tuple[int, ...] = ()  # columns with almost no padding (one-symbol marks)
    head_size: float = 0.0  # the column titles' size; 0: the body's


@dataclass(frozen=True)
class ClosingBlock:
    signatures: tuple[Signature, ...]
    recipients: tuple[str, ...]  # each with its final ',' or '.'
    width: float  # points between the margins


@dataclass(frozen=True)
class PageBreakBlock:
    """The next block starts on a new page."""


@dataclass(frozen=True)
class RawBlock:
    """reportlab flowables a caller made itself: the PDF draws them, Word has no form for them."""

    flowables: tuple[Any, ...]


Block = (
    HeaderBlock
    | TitleBlock
    | AddresseeBlock
    | ParaBlock
    | HeadingBlock
    | SpacerBlock
    | TableBlock
    | ClosingBlock
    | PageBreakBlock
    | RawBlock
)


@dataclass
class Document:
    """One paper: starts on a new page, numbers its own pages from 2, 'DỰ THẢO' when a draft."""

    draft: bool = False
    landscape: bool = False
    blocks: list[Block] = field(default_factory=list)


@dataclass
class DocumentModel:
    title: str = ""
    author: str = ""
    subject: str = ""
    margins_mm: dict[str, float] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)


def recipients_lines(recipients: Sequence[str]) -> tuple[str, ...]:
    """'- Đảng ủy xã (để b/c),' ... '- Lưu chi bộ.': each line ends as 36-HD lists do."""
    items = [nfc(r).strip().rstrip(",.;") for r in recipients if nfc(r).strip()]
    return tuple(f"- {item}{'.' if i == len(items) - 1 else ','}" for i, item in enumerate(items))
