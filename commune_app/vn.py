"""Vietnamese text: normalisation, search folding, collation key, names and dates.

Everything that reads or prints Vietnamese goes through here, so the rules live once:
NFC at every boundary, a folded form for search (case, tones, marks and đ→d ignored),
a sort key that orders lists the way a Vietnamese office does, and the official date words.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# --- normalisation -----------------------------------------------------------------

_SPACES = re.compile(r"\s+")
# Characters no text field may hold: invisible, and refused by openpyxl (tab, LF and CR are white space).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_problem(label: str, text: str) -> str | None:
    """Why ``text`` is refused for the field ``label`` when it carries a control character."""
    found = CONTROL_CHARACTERS.search(text)
    if found is None:
        return None
    return (
        f"{label} chứa ký tự điều khiển không in được (mã {ord(found.group()):#04x}), thường do chép từ tệp "
        "khác; hãy gõ lại nội dung này."
    )


# 'Ð'/'ð' (U+00D0/U+00F0, Icelandic eth) look like 'Đ'/'đ' and some keyboards type them for it.


# Bounded memories of the pure text functions: an import or a list meets the same names, places and
# words again and again (a 10,000-row sheet called nfc 230,000 times). Only exact str is remembered.
_MEMORY = 1 << 15


def nfc(text: str | None) -> str:
    """NFC with runs of white space collapsed and the ends trimmed; 'Ð'/'ð' read as 'Đ'/'đ'."""
    if text is None:
        return ""
    return _nfc(text) if type(text) is str else _nfc.__wrapped__(str(text))


@lru_cache(maxsize=_MEMORY)
def _nfc(text: str) -> str:
    normal = unicodedata.normalize("NFC", text)
    if "\u00d0" in normal or "\u00f0" in normal:
        normal = normal.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return _SPACES.sub(" ", normal).strip()


def has_eth(text: str) -> bool:
    """The text holds an 'Ð'/'ð' that ``nfc`` reads as 'Đ'/'đ' (for the import's note)."""
    return "\u00d0" in text or "\u00f0" in text


# The combining-mark blocks of Unicode (tones and letter marks of Vietnamese are in the first).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str | None) -> str:
    """Search form: no tones or marks, đ→d, case-folded, single spaces."""
    if not text:
        return ""
    return _fold(text) if type(text) is str else _fold.__wrapped__(str(text))


@lru_cache(maxsize=_MEMORY)
def _fold(text: str) -> str:
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


# --- collation -----------------------------------------------------------------------

# Primary order of letters (Vietnamese alphabet, with f j w z slotted where Latin puts them).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_PRIMARY = {ch: 20 + i for i, ch in enumerate(_ALPHABET)}
# Marks that make a new letter (kept with the base letter) versus tone marks.
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn
_TONES = {"\u0300": 3, "\u0309": 4, "\u0303": 5, "\u0301": 6, "\u0323": 7}  # huyền hỏi ngã sắc nặng
_NO_TONE = 2


def _letters(text: str) -> list[tuple[str, int, bool]]:
    """Split text into (letter, tone weight, is upper) triples, letters re-composed."""
    out: list[tuple[str, int, bool]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if not out:
                continue
            base, tone, upper = out[-1]
            if ch in _TONES:
                out[-1] = (base, _TONES[ch], upper)
            elif ch in _LETTER_MARKS:
                combined = {
                    "a\u0306": "ă",
                    "a\u0302": "â",
                    "e\u0302": "ê",
                    "o\u0302": "ô",
                    "o\u031b": "ơ",
                    "u\u031b": "ư",
                }.get(base + ch)
                if combined:
                    out[-1] = (combined, tone, upper)
            continue
        lower = ch.lower()
        out.append((lower, _NO_TONE, ch != lower))
    return out


# Punctuation inside names, in ICU's root order (non-ignorable): after the space, before digits.
_PUNCTUATION = {" ": 2, "_": 3, "-": 4, "\u2010": 4, "\u2013": 5, ",": 6, ".": 7, "'": 8, "\u2019": 9}


def _primary_weight(letter: str) -> bytes:
    """One byte per letter; 0 and 1 are kept for the separators, so keys stay prefix-free."""
    if letter in _PRIMARY:
        return bytes([_PRIMARY[letter]])
    if letter in "0123456789":
        return bytes([10 + int(letter)])  # digits before letters, after the punctuation
    if letter in _PUNCTUATION:
        return bytes([_PUNCTUATION[letter]])
    return b"\xff" + min(ord(letter), 0xFFFF).to_bytes(2, "big")  # other signs last, by code point


def collation_key(text: str) -> bytes:
    """Three-level key: letters, then tones, then case (ICU 'vi' order for names)."""
    return _collation_key(text) if type(text) is str else _collation_key.__wrapped__(text)


@lru_cache(maxsize=_MEMORY)  # given names and family-and-middle names recur across a commune's people
def _collation_key(text: str) -> bytes:
    letters = _letters(nfc(text))
    primary = bytearray()
    for letter, _, _ in letters:
        primary += _primary_weight(letter)
    secondary = bytes(tone for _, tone, _ in letters)
    tertiary = bytes(3 if upper else 2 for _, _, upper in letters)
    return bytes(primary) + b"\x01" + secondary + b"\x01" + tertiary


def name_sort_key(given: str, family_middle: str) -> bytes:
    """Sort by the whole given name first, then by family and middle names."""
    return collation_key(given) + b"\x00" + collation_key(family_middle)


# --- names ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NameParts:
    family: str
    middle: str
    given: str

    @property
    def family_middle(self) -> str:
        return " ".join(p for p in (self.family, self.middle) if p)


def split_name(full_name: str) -> NameParts:
    """Family = first word, given = last word, middle = the rest (override where wrong)."""
    words = nfc(full_name).split(" ")
    words = [w for w in words if w]
    if not words:
        return NameParts("", "", "")
    if len(words) == 1:
        return NameParts("", "", words[0])
    return NameParts(words[0], " ".join(words[1:-1]), words[-1])


def override_parts(override: str | None) -> NameParts | None:
    """'H'Hen|Niê' → given 'H'Hen', family 'Niê': for names whose last word is not the given name
    (Ê Đê, Jrai: 'H'Hen Niê', 'Y Moan Ênuôl'). None when there is no override."""
    if not override or "|" not in override:
        return None
    given, rest = (nfc(p) for p in override.split("|", 1))
    family, _, middle = rest.partition(" ")
    return NameParts(family, middle, given)


def person_sort_key(full_name: str, override: str | None = None) -> bytes:
    """The stored sort key: by the given name, then family and middle names (``override_parts`` when set)."""
    parts = override_parts(override) or split_name(full_name)
    return name_sort_key(parts.given, parts.family_middle)


_CAPITALISED_WORD = re.compile(r"^[^\W\d_]")
_NOT_IN_NAMES = re.compile(r"[^\w\s'\-.]")


def is_plausible_name(full_name: str) -> str | None:
    """Return a Vietnamese reason when a name cannot be a person's name, else None."""
    name = nfc(full_name)
    if not name:
        return "Họ và tên không được để trống"
    if len(name) > 80:
        return "Họ và tên quá dài (tối đa 80 ký tự)"
    if any(map(str.isdigit, name)):  # in C, not a generator frame per letter
        return "Họ và tên không được chứa chữ số"
    if _NOT_IN_NAMES.search(name):
        return "Họ và tên chứa ký tự không hợp lệ"
    if len(name.split(" ")) < 2:
        return "Cần ghi đủ họ và tên (ít nhất hai từ)"
    return None


# --- dates ---------------------------------------------------------------------------

_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})\s*$")
_DMY_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4}|\d{2})\s*$")  # 05031998, 050398: typed without separators


class DateError(ValueError):
    """A date the clerk typed that cannot be read; the message is Vietnamese."""


def full_year(two_digits: int, today: dt.date | None = None) -> int:
    """The century rule for a two-digit year: this century unless that is after this year
    ('98' → 1998, '05' → 2005 in 2026, '27' → 1927 in 2026): the dates typed are past events."""
    this_year = (today or dt.date.today()).year
    year = 2000 + two_digits
    return year if year <= this_year else year - 100


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """Day first, always: dd/mm/yyyy, d/m/yyyy, with '/', '.' or '-', or the eight digits
    ddmmyyyy; a two-digit year follows ``full_year``. 03/04/2001 is 3 April."""
    match = _DMY.match(text or "") or _DMY_DIGITS.match(text or "")
    if not match:
        raise DateError(f"Ngày “{nfc(text)}” không đúng dạng ngày/tháng/năm (ví dụ 05/02/2026)")
    day, month, year = map(int, match.groups())
    if len(match.group(3)) == 2:
        year = full_year(year, today)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"Ngày {day:02d}/{month:02d}/{year} không có trong lịch") from None


def format_date(value: dt.date | str | None) -> str:
    """dd/mm/yyyy for lists and forms; '' for no date."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year}"  # what strftime("%d/%m/%Y") gives, in a third of the time


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_text(value: str | None) -> str:
    """A stored day as the clerk reads it (dd/mm/yyyy); text that is not a valid ISO day is
    shown as stored rather than refused (what an audit line or a summary repeats)."""
    if not value or not _ISO_DAY.fullmatch(value):
        return value or ""
    try:
        return format_date(value)
    except ValueError:  # digits shaped like a day but not one
        return value


def date_words(value: dt.date | str, place: str | None = None) -> str:
    """'ngày 05 tháng 02 năm 2026': day below 10 and months 1–2 padded (HD 36-HD/VPTW)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    words = f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{nfc(place)}, {words}" if place else words


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end, ignoring the day ('tính theo tháng')."""
    return (end.year * 12 + end.month) - (start.year * 12 + start.month)


def full_months_between(start: dt.date, end: dt.date) -> int:
    """Completed months from start to end (the day counts): for periods served together.

    The largest n with ``add_months(start, n) <= end``, so 31/01 → 28/02 is one month, as
    ``add_months`` counts it.
    """
    months = months_between(start, end)
    if add_months(start, months) > end:
        months -= 1
    return months


@lru_cache(maxsize=8192)  # the reports ask it for the ceremony days of a province's 150,000 members
def add_months(value: dt.date, months: int) -> dt.date:
    """Same day n months later, clamped to the month's end (31/01 + 1 month = 28/02)."""
    total = value.year * 12 + value.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    for day in (value.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(value.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def age_words(months: int) -> str:
    """'17 tuổi 9 tháng'."""
    years, rest = divmod(months, 12)
    return f"{years} tuổi {rest} tháng" if rest else f"{years} tuổi"


# --- numbers as Vietnamese offices write them: 1.050 người, 95,45%, 3,4 MB, 0,3 giây --------


def number(value: int | float, decimals: int = 0) -> str:
    """Thousands with '.', decimals with ',': 1050 → '1.050', 95.456 (2) → '95,46'."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def decimal(value: float, max_decimals: int = 2) -> str:
    """A measured figure without trailing zeros: 9.5 → '9,5', 9.0 → '9', 66.666 → '66,67'."""
    text = number(round(value, max_decimals), max_decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


# Figures that stand side by side in a paper (votes, shares, a list of scores) keep one number of
# decimals, so '0%' never sits beside '95,45%' nor '9' beside '9,5'; counts never take a leading zero.
PERCENT_DECIMALS, SCORE_DECIMALS = 2, 1


def count(value: int) -> str:
    """A count of people or papers: '0', '9', '1.050' (no leading zero: '00 đồng chí' reads as a code)."""
    return number(int(value))


def percent(value: float | None, decimals: int = PERCENT_DECIMALS) -> str:
    """A share already in percent, always with the same decimals: 95.454 → '95,45%', 100 → '100,00%'."""
    return "" if value is None else f"{number(value, decimals)}%"


def percent_of(part: int | float, whole: int | float, decimals: int = PERCENT_DECIMALS) -> str:
    """'66,67%', '100,00%'; '0,00%' of nothing, so a share never divides by zero."""
    return percent(part * 100 / whole if whole else 0, decimals)


def score(value: float | None) -> str:
    """A course score: '9,0', '9,5'; a second decimal only when the score has one ('8,25')."""
    if value is None:
        return ""
    decimals = SCORE_DECIMALS if round(value * 10, 6).is_integer() else 2
    return number(value, decimals)


def file_size(size: int) -> str:
    """'3,4 MB', '512 KB' (1 KB for anything smaller), '1,2 GB'."""
    if size >= 1024**3:
        return f"{decimal(size / 1024**3, 1)} GB"
    if size >= 1024**2:
        return f"{decimal(size / 1024**2, 1)} MB"
    return f"{max(size // 1024, 1)} KB"


def duration(seconds: float) -> str:
    """'0,3 giây', '12 giây', '2 phút 05 giây'."""
    if seconds < 10:
        return f"{decimal(seconds, 1)} giây"
    if seconds < 60:
        return f"{round(seconds)} giây"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} phút {rest:02d} giây"
