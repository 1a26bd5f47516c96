"""The furniture of every party document (HD 36-HD/VPTW), written once.

Every paper the program prints goes through ``PartyPdf``: A4 portrait or landscape with the
margins of this computer's settings, Times New Roman (or the bundled Liberation Serif),
every string NFC. A file holds one or more *documents* (a person's dossier set, a batch of
decisions): each starts on a new page, numbers its own pages from page 2 and carries the
'DỰ THẢO' mark on every page when it is a draft.

``PartyPdf`` records what its callers ask for as a document model (``dossier.model``) and
writes it as a PDF (``render_pdf``, reportlab) or a Word file (``render_docx``): the
target's suffix (``.docx``) or ``fmt="docx"`` chooses. Both read the same model, so the two
files of one paper carry the same words, lines of the header and table cells.

Typical use (a form module or the course lists)::

    from commune_app.dossier import layout as L

    pdf = L.PartyPdf(path, title="Nghị quyết đề nghị kết nạp đảng viên")
    pdf.new_document(draft=False)                      # landscape=True for wide lists
    pdf.header(L.Header(upper="ĐẢNG BỘ XÃ AN PHÚ", issuer="CHI BỘ THÔN 3",
                        number=L.doc_number(7, "NQ", "CB"), place="An Phú", on=date))
    pdf.title("NGHỊ QUYẾT", "đề nghị kết nạp đảng viên")
    pdf.para("Chi bộ đề nghị kết nạp quần chúng ", L.bold("Nguyễn Thị Mai"), " vào Đảng.")
    pdf.table([L.Column("TT", 1, "CENTER"), L.Column("Họ và tên", 5)], [["1", "Nguyễn Thị Mai"]])
    pdf.closing([L.Signature("T/M CHI BỘ", "BÍ THƯ", "Lò Văn Hùng")], ["Đảng ủy xã (để b/c)", "Lưu chi bộ"])
    pdf.build()

Text arguments are plain text (escaped here); ``bold``/``italic``/``underline`` return
``Markup`` that passes through unchanged, so data can never break the paragraph markup.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from commune_app import vn
from commune_app.dossier import model as M
from commune_app.dossier import render_docx, render_pdf
from commune_app.dossier.fonts import FontSet, document_fonts

# The parts callers pass are defined with the model and used through this module (L.Header...).
from commune_app.dossier.model import PARTY_TITLE as PARTY_TITLE
from commune_app.dossier.model import Column as Column
from commune_app.dossier.model import Header as Header
from commune_app.dossier.model import Signature as Signature
from commune_app.safety import outputs

MM = 72 / 25.4  # points per millimetre
DEFAULT_MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
FORMATS = ("pdf", "docx")
# The header's left column: from about the width of "ĐẢNG BỘ TỈNH ..." up to half the A4 text
# width and a little more; HD 36-HD/VPTW shows the two blocks side by side without a measure.
LEFT_COLUMN_MM = (70.0, 95.0)
HEADER_PAD_MM = 2.0  # room beside the longest line, so Word's own layout never wraps it again
LANDSCAPE_RIGHT_MM = 115.0
LEFT_LINES = 3  # upper body and issuer together, above the star
MIN_CELL_SIZE = 8.0  # a number shrinks down to this size to stay whole in a narrow column
MIN_HEAD_SIZE = 7.0  # column titles shrink down to this size before a word of theirs breaks
WORD_ROOM = 0.5  # points beyond a word's measure: reportlab wraps a word that fills its column exactly
SQUEEZE = 0.9  # the share of its width a column keeps when narrow ones widen to hold their words
# Words that begin the name of a unit or place: a header line breaks best next to them.
UNIT_WORDS = frozenset({"XÃ", "PHƯỜNG", "THÔN", "BẢN", "KHỐI", "TỔ", "TỈNH", "HUYỆN", "TRƯỜNG", "ĐẢNG", "CHI"})
DRAFT_MARK = render_pdf.DRAFT_MARK
BLANK = "......"  # what a draft prints where only the signer can write (a number, a date)


# --- text ---------------------------------------------------------------------------------


class Markup(str):
    """Text already safe for reportlab's paragraph markup."""


def _nfc(text: Any) -> str:
    # Not vn.nfc: inline pieces keep their edge spaces ("Đồng chí " + name).
    return unicodedata.normalize("NFC", "" if text is None else str(text))


def esc(text: Any) -> Markup:
    return text if isinstance(text, Markup) else Markup(html.escape(_nfc(text), quote=False))


def bold(text: Any) -> Markup:
    return Markup(f"<b>{esc(text)}</b>")


def italic(text: Any) -> Markup:
    return Markup(f"<i>{esc(text)}</i>")


def underline(text: Any) -> Markup:
    return Markup(f"<u>{esc(text)}</u>")


def join(*parts: Any) -> Markup:
    """Concatenate plain text (escaped) and Markup (kept)."""
    return Markup("".join(esc(p) for p in parts))


def doc_number(number: int | None, doc_type: str, issuer_code: str, *, colon: bool = False) -> str:
    """'Số 07-NQ/CB' (two digits at least, no colon after Số); a draft without number gets dots.

    ``colon`` serves the youth-union and trade-union conventions ('Số: 12-NQ/ĐTN').
    """
    label = "Số:" if colon else "Số"
    shown = f"{number:02d}" if number is not None else BLANK
    return vn.nfc(f"{label} {shown}-{doc_type}/{issuer_code}")


def date_line(place: str, on: dt.date | None) -> str:
    """'An Phú, ngày 05 tháng 02 năm 2026'; without a date, dots for the signer to fill in."""
    place = vn.nfc(place) or BLANK
    if on is None:
        return f"{place}, ngày {BLANK} tháng {BLANK} năm {BLANK}"
    return vn.date_words(on, place)


def date_text(on: dt.date | str | None) -> str:
    """'ngày 05 tháng 02 năm 2026' inside sentences; dots when the date is not known yet."""
    if not on:
        return f"ngày {BLANK} tháng {BLANK} năm {BLANK}"
    return vn.date_words(on)


# --- the builder ---------------------------------------------------------------------------


def output_format(target: Any, fmt: str | None = None) -> str:
    """'pdf' or 'docx': ``fmt`` when given, else the suffix of a file target, else PDF."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"Định dạng “{fmt}” không có; chọn pdf hoặc docx.")
        return fmt
    if isinstance(target, (str, Path)) and Path(target).suffix.lower() == ".docx":
        return "docx"
    return "pdf"


class PartyPdf:
    """Records the blocks of one or more documents, then writes them as one PDF or one .docx."""

    def __init__(
        self,
        target: str | Path | IO[bytes],
        *,
        title: str = "",
        author: str = "",
        settings: Any = None,
        margins_mm: dict[str, float] | None = None,
        font: str | None = None,
        subject: str = "",
        fmt: str | None = None,
    ) -> None:
        if settings is None and (margins_mm is None or font is None):
            from commune_app.settings import Settings

            settings = Settings()
        margins: dict[str, float] = dict(DEFAULT_MARGINS_MM)
        margins.update(margins_mm or (settings.get("document_margins_mm") if settings else None) or {})
        self.margins = {k: float(v) for k, v in margins.items()}
        self.fonts = document_fonts(font or (settings.get("document_font") if settings else None) or "auto")
        self.target = str(target) if isinstance(target, Path) else target
        self.fmt = output_format(self.target, fmt)
        self.model = M.DocumentModel(
            title=vn.nfc(title), author=vn.nfc(author), subject=vn.nfc(subject), margins_mm=self.margins
        )
        self.pages = 0

    @property
    def title_meta(self) -> str:
        return self.model.title

    @property
    def author(self) -> str:
        return self.model.author

    @property
    def _document(self) -> M.Document | None:
        return self.model.documents[-1] if self.model.documents else None

    # page geometry of the document being composed
    @property
    def landscape(self) -> bool:
        return bool(self._document and self._document.landscape)

    @property
    def current_draft(self) -> bool:
        return bool(self._document and self._document.draft)

    @property
    def page_size(self) -> tuple[float, float]:
        from reportlab.lib.pagesizes import A4, landscape

        return tuple(landscape(A4) if self.landscape else A4)

    @property
    def width(self) -> float:
        """Usable width in points between the margins."""
        return self.page_size[0] - (self.margins["left"] + self.margins["right"]) * MM

    # documents
    def new_document(self, *, draft: bool = False, landscape: bool = False) -> None:
        """Start a document: a new page (after the first), its own page numbers, its draft mark."""
        self.model.documents.append(M.Document(draft=draft, landscape=landscape))

    def _append(self, block: M.Block) -> None:
        if not self.model.documents:
            self.new_document()
        self.model.documents[-1].blocks.append(block)

    def add(self, *flowables: Any) -> None:
        """Append reportlab flowables of the caller's own making (PDF only: Word has no form for them)."""
        self._append(M.RawBlock(tuple(flowables)))

    # furniture
    def header(self, head: Header) -> None:
        if not self.model.documents:
            self.new_document()
        self._append(fit_header(head, self.width, self.landscape, self.fonts))

    def title(self, doc_type: str, subject: str = "", *, rule: bool = True) -> None:
        """Document type (caps, bold) and subject (bold) centred, then the short rule '-----'."""
        self._append(M.TitleBlock(vn.nfc(doc_type), vn.nfc(subject), rule))

    def addressee(self, *names: str) -> None:
        """'Kính gửi: ...' for a submission or a letter, one addressee per line."""
        if len(names) == 1:
            lines = [join(italic("Kính gửi: "), names[0])]
        else:
            lines = [italic("Kính gửi:")] + [join("- ", n) for n in names]
        self._append(M.AddresseeBlock(tuple(M.runs(line) for line in lines)))

    def para(
        self,
        *parts: Any,
        indent: bool = True,
        align: str = "JUSTIFY",
        size: float = 14,
        space_before: float = 0,
        keep_with_next: bool = False,
    ) -> None:
        """A body paragraph: justified, first-line indent, 14 pt."""
        self._append(M.ParaBlock(M.runs(join(*parts)), indent, align, size, space_before, keep_with_next))

    def heading(self, *parts: Any, align: str = "LEFT") -> None:
        """A bold line introducing a part ('QUYẾT ĐỊNH:', 'I. ...'), kept with what follows."""
        self._append(M.HeadingBlock(M.runs(join(*parts)), align))

    def spacer(self, mm: float) -> None:
        self._append(M.SpacerBlock(mm))

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Any]],
        *,
        size: float = 12,
        number_row: bool = False,
        tight: Sequence[int] = (),
    ) -> None:
        """A list of people: grid, bold centred header repeated on every page.

        Cells are plain text or Markup and wrap inside their column. ``number_row`` adds the
        (1), (2), ... row under the titles that statistical lists carry; ``tight`` columns
        (one-symbol marks) get almost no padding.
        """
        if not self.model.documents:
            self.new_document()
        pads = [2 * (M.TIGHT_PADDING if i in tight else M.CELL_PADDING) for i in range(len(columns))]
        inlines = [[M.runs(esc(value)) for value in row] for row in rows]
        widths, head_size = fit_columns(columns, inlines, size, self.width, pads, self.fonts, number_row)
        cells = tuple(
            tuple(fit_cell(inline, size, widths[i] - pads[i], self.fonts) for i, inline in enumerate(row))
            for row in inlines
        )
        self._append(M.TableBlock(tuple(columns), widths, cells, size, number_row, tuple(tight), head_size))

    def closing(self, signatures: Sequence[Signature], recipients: Sequence[str] | None = None) -> None:
        """Signature block(s) at the right, 'Nơi nhận' at the bottom left (36-HD elements 7–9).

        One signature: recipients left, signature right. Two signatures: side by side, and the
        recipients (if any) under them. The block is never split from itself across pages, and
        the paragraph before it goes with it.
        """
        if not self.model.documents:
            self.new_document()
        self._append(M.ClosingBlock(tuple(signatures), M.recipients_lines(recipients or ()), self.width))

    def page_break(self) -> None:
        self._append(M.PageBreakBlock())

    # output
    def build(self, fmt: str | None = None) -> int:
        """Write the file (PDF, or Word when the target or ``fmt`` says so); returns its number of
        pages (for Word: the number of documents, since Word lays out the pages itself)."""
        if not self.model.documents:
            self.new_document()
        write: Callable[[M.DocumentModel, FontSet, Any], int] = (
            render_docx.write_docx if output_format(self.target, fmt or self.fmt) == "docx" else render_pdf.write_pdf
        )
        self.pages = _write_atomically(self.target, lambda out: write(self.model, self.fonts, out))
        return self.pages


def _write_atomically(target: str | IO[bytes], writer: Callable[[Any], int]) -> int:
    """A file target is written beside it first and renamed (never over a data file or a
    backup), so a failure never leaves half a file."""
    if not isinstance(target, str):
        return writer(target)
    with outputs.replacing(Path(target), suffix=Path(target).suffix) as temporary:
        return writer(str(temporary))


def fit_header(head: Header, width: float, landscape: bool, fonts: FontSet) -> M.HeaderBlock:
    """The header's geometry and lines, decided once for both renderers.

    The left column is as wide as its longest line (within ``LEFT_COLUMN_MM``) once the right
    column has room for the title and, if the left block then takes at most ``LEFT_LINES``
    lines, for the whole dated line (else the dated line wraps rather than the left block
    growing to five or six lines). A name too long for the column is broken into balanced
    lines between words, never leaving one syllable alone. The right column takes the rest
    (in landscape it keeps its usual width and the gap takes the rest).
    """
    low, high, pad = LEFT_COLUMN_MM[0] * MM, LEFT_COLUMN_MM[1] * MM, HEADER_PAD_MM * MM
    dated = date_line(head.place, head.on)
    title_size = 13.0 if head.motto else 15.0
    title_need = (
        max(
            render_pdf.string_width(head.title, fonts.bold, title_size),
            render_pdf.string_width(head.motto, fonts.bold, 14),
        )
        + pad
    )
    date_need = max(title_need, render_pdf.string_width(dated, fonts.italic, 14) + pad)
    caps = [high] if landscape else [min(max(width - need, low), high) for need in (date_need, title_need)]
    best: tuple[tuple[str, ...], tuple[str, ...], float] | None = None
    for cap in caps:
        upper = balanced_lines(vn.nfc(head.upper).upper(), fonts.regular, 14, cap - pad)
        issuer = balanced_lines(vn.nfc(head.issuer).upper(), fonts.bold, 14, cap - pad)
        if best is None or len(upper) + len(issuer) < len(best[0]) + len(best[1]):
            best = (upper, issuer, cap)
        if len(upper) + len(issuer) <= LEFT_LINES:
            break
    assert best is not None
    upper, issuer, cap = best
    widest = max(
        [render_pdf.string_width(t, fonts.regular, 14) for t in upper]
        + [render_pdf.string_width(t, fonts.bold, 14) for t in issuer]
        + [0.0]
    )
    left_w = min(max(widest + pad, low), cap)
    right_w = LANDSCAPE_RIGHT_MM * MM if landscape else width - left_w
    # The title stays on one line (the national title of trade-union papers is long).
    while title_size > 10 and render_pdf.string_width(head.title, fonts.bold, title_size) > right_w:
        title_size -= 0.5
    return M.HeaderBlock(head, left_w, max(width - left_w - right_w, 0), right_w, upper, issuer, title_size, dated)


def fit_columns(
    columns: Sequence[Column],
    rows: Sequence[Sequence[M.Inline]],
    size: float,
    width: float,
    pads: Sequence[float],
    fonts: FontSet,
    number_row: bool = False,
) -> tuple[tuple[float, ...], float]:
    """Column widths (points, summing to ``width``) and the titles' size, so that no word of a
    column title, of a cell or of the (1), (2), ... row breaks inside itself ("Dâ / n tộc",
    "100, / 00", "(1 / 1)"), nor a date or a document number ("21/10/ / 2002").

    The widths stay in the proportions the columns ask for unless a column is too narrow for its
    longest word: then it gets just that, taken from the others in proportion. The titles shrink
    by half points, down to ``MIN_HEAD_SIZE``, until that leaves the other columns at least
    ``SQUEEZE`` of their share (a name squeezed onto three lines costs pages). Dates and numbers
    ask for their width at the list's size first, then at the ``MIN_CELL_SIZE`` that ``fit_cell``
    shrinks them to, then for nothing (``fit_cell`` breaks them after a slash). Failing all,
    the widths that leave the other columns the most.
    """
    weights = [c.width for c in columns]
    total = sum(weights)
    words, numbers = [0.0] * len(columns), [0.0] * len(columns)
    for row in rows:
        for i, inline in enumerate(row):
            for run in inline:
                font = fonts.bold if run.bold else fonts.regular
                for word in run.text.split():
                    found = numbers if M.NUMBER_TOKEN.fullmatch(word) else words
                    found[i] = max(found[i], render_pdf.string_width(word, font, size))
    if number_row:  # the numbers' row is italic, a point smaller (render_pdf)
        words = [max(b, render_pdf.string_width(f"({i + 1})", fonts.italic, size - 1)) for i, b in enumerate(words)]
    titles = [c.title.split() for c in columns]
    best: tuple[float, tuple[float, ...], float] | None = None
    for number_share in (1.0, MIN_CELL_SIZE / size, 0.0):  # widths are in proportion to the size
        head = size
        while head >= MIN_HEAD_SIZE:
            need = [
                max(
                    [
                        words[i],
                        numbers[i] * number_share,
                        *(render_pdf.string_width(w, fonts.bold, head) for w in titles[i]),
                    ]
                )
                + pads[i]
                + WORD_ROOM
                for i in range(len(columns))
            ]
            shared = _share(weights, need, width)
            if shared is not None:
                left = min(
                    (got * total / (width * w) for got, w, n in zip(shared, weights, need, strict=True) if got > n),
                    default=1.0,
                )
                if left >= SQUEEZE:
                    return shared, head
                if best is None or left > best[0]:
                    best = (left, shared, head)
            head -= 0.5
    if best is not None:
        return best[1], best[2]
    return tuple(width * w / total for w in weights), MIN_HEAD_SIZE


def _share(weights: Sequence[float], need: Sequence[float], width: float) -> tuple[float, ...] | None:
    """``width`` shared in proportion to ``weights``, no column below its ``need``; None when the
    needs alone exceed it."""
    if sum(need) > width:
        return None
    held: set[int] = set()
    while True:
        free = width - sum(need[i] for i in held)
        weight = sum(w for i, w in enumerate(weights) if i not in held)
        short = {i for i, w in enumerate(weights) if i not in held and free * w / weight < need[i]}
        if not short:
            return tuple(need[i] if i in held else free * w / weight for i, w in enumerate(weights))
        held |= short


def fit_cell(inline: M.Inline, size: float, width: float, fonts: FontSet) -> M.Cell:
    """A table cell whose numbers stay whole: the cell's size shrinks (to ``MIN_CELL_SIZE``)
    until its longest number fits the column; a number still too long breaks only after one
    of its slashes ('07/2026/' + 'CN-NTVĐ'), never inside a part."""
    numbers = [
        (m.group(0), fonts.bold if run.bold else fonts.regular)
        for run in inline
        for m in M.NUMBER_TOKEN.finditer(run.text)
    ]
    if not numbers:
        return M.Cell(inline, size)

    def too_long(at: float) -> bool:
        return any(render_pdf.string_width(text, font, at) > width for text, font in numbers)

    while size > MIN_CELL_SIZE and too_long(size):
        size = max(size - 0.5, MIN_CELL_SIZE)
    if too_long(size):
        broken = []
        for run in inline:
            font = fonts.bold if run.bold else fonts.regular
            text = M.NUMBER_TOKEN.sub(lambda m, f=font: _break_at_slashes(m.group(0), f, size, width), run.text)
            broken.append(M.Run(text, run.bold, run.italic, run.underline))
        inline = tuple(broken)
    return M.Cell(inline, size)


def _break_at_slashes(token: str, font: str, size: float, width: float) -> str:
    parts = re.findall(r"[^/]+/?|/", token)
    lines: list[str] = []
    for part in parts:
        if lines and render_pdf.string_width(lines[-1] + part, font, size) <= width:
            lines[-1] += part
        else:
            lines.append(part)
    return "\n".join(lines)


def balanced_lines(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """``text`` on as few lines as fit ``width``, broken between words so that no line is one
    word (one syllable) alone, next to a unit word where possible ("ĐẢNG ỦY CƠ QUAN / XÃ BA
    SƠN", not "CƠ / QUAN"), and the longest line as short as it can be; greedy lines when no
    such break exists (a single word longer than the column)."""
    words = text.split()
    if not words:
        return ()
    if render_pdf.string_width(text, font, size) <= width:
        return (" ".join(words),)
    for count in range(2, len(words) // 2 + 1):
        best: tuple[tuple[bool, float], tuple[str, ...]] | None = None
        for cuts in itertools.combinations(range(2, len(words) - 1), count - 1):
            bounds = (0, *cuts, len(words))
            if any(b - a < 2 for a, b in itertools.pairwise(bounds)):
                continue
            lines = tuple(" ".join(words[a:b]) for a, b in itertools.pairwise(bounds))
            longest = max(render_pdf.string_width(line, font, size) for line in lines)
            beside_unit = all(words[cut - 1] in UNIT_WORDS or words[cut] in UNIT_WORDS for cut in cuts)
            key = (not beside_unit, longest)
            if longest <= width and (best is None or key < best[0]):
                best = (key, lines)
        if best:
            return best[1]
    return wrap(text, font, size, width)


def wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """Greedy lines between words, as a paragraph would break them."""
    lines: list[str] = []
    for word in text.split():
        if lines and render_pdf.string_width(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines)
