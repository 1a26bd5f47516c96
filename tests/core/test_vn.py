"""Vietnamese text and dates: unit tests and properties (hypothesis)."""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from commune_app import vn

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY "
    "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
vietnamese_text = st.text(alphabet=VIETNAMESE, max_size=30)
dates = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))


@given(st.text(max_size=40))
def test_fold_is_idempotent(text):
    assert vn.fold(vn.fold(text)) == vn.fold(text)


@given(vietnamese_text)
def test_fold_leaves_plain_lowercase_ascii(text):
    folded = vn.fold(text)
    assert folded.isascii() and folded == folded.lower()


@pytest.mark.parametrize(
    "text,folded",
    [
        ("Nguyễn Thị Đào", "nguyen thi dao"),
        ("  ĐỨC   Anh ", "duc anh"),
        ("Lò Văn Ứng", "lo van ung"),
        ("", ""),
    ],
)
def test_fold_examples(text, folded):
    assert vn.fold(text) == folded


@given(vietnamese_text)
def test_nfc_is_idempotent_and_normal(text):
    once = vn.nfc(unicodedata.normalize("NFD", text))
    assert vn.nfc(once) == once and unicodedata.is_normalized("NFC", once)


# Reference order as a Vietnamese office list sorts them (given name, then family and middle names).
REFERENCE = [
    "Nguyễn Văn An",
    "Trần Thị An",
    "Lê Văn Anh",
    "Đỗ Thị Ánh",
    "Phạm Văn Ân",
    "Lò Văn Bình",
    "Hà Văn Cường",
    "Vi Thị Dung",
    "Nguyễn Văn Dũng",
    "Hoàng Thị Đào",
    "Lê Văn Đức",
    "Ma Thị Ma",
    "Ma Thị Mà",
    "Ma Thị Mả",
    "Ma Thị Mã",
    "Ma Thị Má",
    "Ma Thị Mạ",
    "Trần Văn Ơn",
    "Nông Thị Ưng",
]


def test_person_sort_key_matches_reference_order():
    shuffled = sorted(REFERENCE, key=lambda n: vn.fold(n)[::-1])
    assert shuffled != REFERENCE
    assert sorted(shuffled, key=vn.person_sort_key) == REFERENCE
    ordered = sorted(shuffled, key=vn.person_sort_key)
    position = {name: i for i, name in enumerate(ordered)}
    # Every An before every Ân, whatever the family names.
    assert max(position[n] for n in ordered if vn.split_name(n).given == "An") < position["Phạm Văn Ân"]
    # Tones: ngang < huyền < hỏi < ngã < sắc < nặng.
    assert [n for n in ordered if n.startswith("Ma Thị")] == REFERENCE[11:17]
    # đ after every d.
    assert position["Vi Thị Dung"] < position["Lê Văn Đức"] and position["Nguyễn Văn Dũng"] < position["Hoàng Thị Đào"]


def test_letter_order_of_the_alphabet():
    letters = [
        "a",
        "ă",
        "â",
        "b",
        "c",
        "d",
        "đ",
        "e",
        "ê",
        "g",
        "h",
        "i",
        "k",
        "l",
        "m",
        "n",
        "o",
        "ô",
        "ơ",
        "p",
        "q",
        "r",
        "s",
        "t",
        "u",
        "ư",
        "v",
        "x",
        "y",
    ]
    assert sorted(reversed(letters), key=vn.collation_key) == letters


@given(st.lists(vietnamese_text, min_size=2, max_size=8))
def test_collation_key_is_a_total_order_consistent_with_equality(words):
    keys = [vn.collation_key(w) for w in words]
    for word, key in zip(words, keys, strict=True):
        assert vn.collation_key(unicodedata.normalize("NFD", word)) == key
    ordered = sorted(words, key=vn.collation_key)
    assert all(vn.collation_key(a) <= vn.collation_key(b) for a, b in itertools.pairwise(ordered))


@given(vietnamese_text, vietnamese_text)
def test_prefix_sorts_first(a, b):
    a, b = vn.nfc(a), vn.nfc(b)  # every text is NFC before it is compared (vn.nfc at the boundaries)
    assert vn.collation_key(a) <= vn.collation_key(a + " " + b)


def test_sort_override():
    assert vn.person_sort_key("Y Moan Ênuôl", "Moan|Ênuôl Y") == vn.name_sort_key("Moan", "Ênuôl Y")


@given(dates)
def test_parse_and_format_date_round_trip(day):
    assert vn.parse_date(vn.format_date(day)) == day


@pytest.mark.parametrize(
    "text,expected",
    [
        ("05/02/2026", dt.date(2026, 2, 5)),
        ("5/2/2026", dt.date(2026, 2, 5)),
        ("05.02.2026", dt.date(2026, 2, 5)),
        (" 31-12-1999 ", dt.date(1999, 12, 31)),
        # typed as clerks type them (issue 18): no separators, short years by the century rule
        ("05031998", dt.date(1998, 3, 5)),
        ("5-3-98", dt.date(1998, 3, 5)),
        ("050398", dt.date(1998, 3, 5)),
        ("05/02/26", dt.date(2026, 2, 5)),
        ("1/1/27", dt.date(1927, 1, 1)),
    ],
)
def test_parse_date_accepts(text, expected):
    assert vn.parse_date(text, today=dt.date(2026, 12, 2)) == expected


def test_two_digit_years_never_land_in_the_future():
    today = dt.date(2026, 12, 2)
    assert [vn.full_year(y, today) for y in (0, 26, 27, 99)] == [2000, 2026, 1927, 1999]


@pytest.mark.parametrize("text", ["2026-02-05", "31/02/2026", "5/2/026", "0503199", "", "hôm nay"])
def test_parse_date_refuses_in_vietnamese(text):
    with pytest.raises(vn.DateError) as caught:
        vn.parse_date(text)
    assert "Ngày" in str(caught.value)


def test_date_words_padding():
    assert vn.date_words(dt.date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert vn.date_words("2026-03-09") == "ngày 09 tháng 3 năm 2026"
    assert vn.date_words(dt.date(2026, 12, 25), "Ba Sơn") == "Ba Sơn, ngày 25 tháng 12 năm 2026"
    assert vn.date_words(dt.date(2026, 1, 10)) == "ngày 10 tháng 01 năm 2026"


@given(dates)
def test_date_words_shape(day):
    words = vn.date_words(day).split()
    assert len(words[1]) == 2 and (len(words[3]) == 2 if day.month <= 2 else words[3] == str(day.month))


def test_months_between_ignores_days():
    assert vn.months_between(dt.date(2008, 12, 31), dt.date(2026, 12, 1)) == 216
    assert vn.age_words(213) == "17 tuổi 9 tháng" and vn.age_words(216) == "18 tuổi"


@example(dt.date(2025, 1, 31), 1)
@example(dt.date(2024, 2, 29), 12)
@given(dates.filter(lambda d: d.year < 9990), st.integers(min_value=0, max_value=100))
def test_add_months_and_full_months_agree(start, months):
    later = vn.add_months(start, months)
    assert vn.months_between(start, later) == months
    assert vn.full_months_between(start, later) == months
    if later > start:
        assert vn.full_months_between(start, later - dt.timedelta(days=1)) == months - 1


def test_add_months_clamps_to_month_end():
    assert vn.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert vn.add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert vn.add_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)


@settings(max_examples=50)
@given(st.from_regex(r"[A-ZĐ][a-zđ]{1,6}( [A-ZĐ][a-zđ]{1,6}){1,3}", fullmatch=True))
def test_split_name_round_trip(name):
    parts = vn.split_name(name)
    assert " ".join(p for p in (parts.family, parts.middle, parts.given) if p) == name


@pytest.mark.parametrize(
    "call,expected",
    [
        (lambda: vn.number(1050), "1.050"),
        (lambda: vn.number(153836), "153.836"),
        (lambda: vn.number(95.456, 2), "95,46"),
        (lambda: vn.decimal(9.5), "9,5"),
        (lambda: vn.decimal(9.0), "9"),
        (lambda: vn.decimal(1234.5), "1.234,5"),
        (lambda: vn.percent_of(2, 3), "66,67%"),
        (lambda: vn.percent_of(21, 22), "95,45%"),
        (lambda: vn.percent_of(0, 0), "0,00%"),
        (lambda: vn.percent_of(1, 1), "100,00%"),
        (lambda: vn.percent_of(0, 22), "0,00%"),
        (lambda: vn.percent(95.454), "95,45%"),
        (lambda: vn.percent(None), ""),
        (lambda: vn.count(0), "0"),
        (lambda: vn.count(9), "9"),
        (lambda: vn.count(1050), "1.050"),
        (lambda: vn.score(9), "9,0"),
        (lambda: vn.score(9.5), "9,5"),
        (lambda: vn.score(8.25), "8,25"),
        (lambda: vn.score(None), ""),
        (lambda: vn.file_size(3_565_158), "3,4 MB"),
        (lambda: vn.file_size(300), "1 KB"),
        (lambda: vn.file_size(2 * 1024**3), "2 GB"),
        (lambda: vn.duration(0.31), "0,3 giây"),
        (lambda: vn.duration(12.4), "12 giây"),
        (lambda: vn.duration(125), "2 phút 05 giây"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(call, expected):
    assert call() == expected


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_decimal_reads_back_as_the_rounded_number(value):
    text = vn.decimal(value)
    assert float(text.replace(".", "").replace(",", ".")) == pytest.approx(round(value, 2), abs=0.006)


def test_figures_side_by_side_keep_one_format() -> None:
    """The office chief's finding: '00 đồng chí', '0%' beside '95,45%', '9' beside '9,5'."""
    shares = [vn.percent_of(part, 22) for part in (0, 21, 22)]
    assert shares == ["0,00%", "95,45%", "100,00%"]
    assert {len(s.split(",")[1]) for s in shares} == {3}  # two decimals and the sign, every one
    assert [vn.score(s) for s in (9, 9.5, 10)] == ["9,0", "9,5", "10,0"]
    assert [vn.count(n) for n in (0, 1, 12)] == ["0", "1", "12"]
