"""Wide statistical tables (E7: 22 columns on landscape A4) break no word inside itself:
narrow columns widen to hold their longest word and the titles shrink a little, rather than
"Dâ / n tộc", "Tro / ng kỳ" or "100, / 00" (seen on the first page of E7)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from commune_app.dossier import layout as L
from commune_app.dossier.fonts import document_fonts
from commune_app.dossier.render_pdf import string_width
from commune_app.ops import reports
from commune_app.store import cells
from tests.core.reports_sample import build

FONTS = document_fonts("liberation")
PAD = 2 * L.M.CELL_PADDING


def _fits(words: list[str], font: str, size: float, inner: float) -> bool:
    return all(string_width(w, font, size) <= inner + 1e-6 for w in words)


def test_e7_pdf_keeps_every_title_word_and_percentage_whole(session, tmp_path: Path) -> None:
    ids = build(session)
    with session.write() as audit:  # the school's one admission of 2026 (April) meets its target
        cells.set_target(session.store, audit, ids["school"], 2026, 1)
    table = reports.figures(session, "2026-H1", ["E7"]).tables[0]
    pdf = reports.export(session, "2026-H1", ["E7"], tmp_path / "e7.pdf")
    text = PdfReader(pdf).pages[0].extract_text()
    tokens = set(text.split())
    titles = {w for cell in table.header for w in cell.text.split()}
    assert {"Dân", "tộc", "Trong", "kỳ", "Tôn", "giáo"} <= titles
    assert titles - tokens == set()  # each word of each column title printed on one line
    percents = {f"{v:.2f}".replace(".", ",") for row in table.rows for v in row.values if isinstance(v, float)}
    assert "100,00" in percents and percents <= tokens
    assert {f"({n})" for n in range(1, table.width + 1)} <= tokens  # the (1), (2), ... row too


def test_columns_that_fit_keep_their_proportions() -> None:
    columns = [L.Column("TT", 1), L.Column("Họ và tên", 4), L.Column("Ghi chú", 2)]
    widths, head = L.fit_columns(columns, [[(L.M.Run("1"),), (L.M.Run("Ma Văn An"),), ()]], 12, 420, [PAD] * 3, FONTS)
    assert head == 12
    assert [round(w) for w in widths] == [60, 240, 120]


words = st.text(alphabet="abcdeghiklmnoptuvxyàáảãạâầấăđêếôơưứỳ", min_size=1, max_size=9)


@settings(max_examples=60, deadline=None)
@given(
    spec=st.lists(
        st.tuples(
            st.floats(0.3, 5),
            st.lists(words, min_size=1, max_size=4),
            st.lists(st.one_of(words, st.from_regex(r"\d{1,3},\d\d", fullmatch=True)), max_size=3),
        ),
        min_size=1,
        max_size=24,
    ),
    width=st.floats(300, 800),
)
def test_no_word_breaks_whenever_the_words_can_fit(spec, width: float) -> None:
    columns = [L.Column(" ".join(title), weight) for weight, title, _ in spec]
    rows = [[tuple(L.M.Run(w) for w in body) for _, _, body in spec]]
    widths, head = L.fit_columns(columns, rows, 11, width, [PAD] * len(spec), FONTS)
    assert abs(sum(widths) - width) < 1e-6 and L.MIN_HEAD_SIZE <= head <= 11
    least = [
        max(
            [string_width(w, FONTS.bold, L.MIN_HEAD_SIZE) for w in title]
            + [string_width(w, FONTS.regular, 11) for w in body]
        )
        + PAD
        + L.WORD_ROOM
        for _, title, body in spec
    ]
    if sum(least) <= width:  # some size makes every word fit: the chosen one does
        for (_, title, body), got in zip(spec, widths, strict=True):
            assert _fits(title, FONTS.bold, head, got - PAD)
            assert _fits([w for w in body if not re.search(r"[/-]", w)], FONTS.regular, 11, got - PAD)


def test_e9_pdf_keeps_dates_and_decision_numbers_whole(session, tmp_path: Path) -> None:
    """E9's five date columns and its decision numbers: whole, at a smaller size if need be,
    never '21/10/' over '2002'."""
    build(session)
    table = reports.figures(session, "2026-H1", ["E9"]).tables[0]
    pdf = reports.export(session, "2026-H1", ["E9"], tmp_path / "e9.pdf")
    tokens = set("".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    dated = {v for row in table.rows for v in row.values if isinstance(v, str) and re.fullmatch(r"\d\d/\d\d/\d{4}", v)}
    numbers = {v for row in table.rows for v in row.values if isinstance(v, str) and re.fullmatch(r"\d+-QĐ/\S+", v)}
    assert len(dated) >= 4 and numbers
    assert dated | numbers <= tokens
