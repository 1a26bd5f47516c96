"""Understanding one cell's value the way the clerk meant it.

Spreadsheets change what was typed: Excel turns dates into day numbers, drops the leading
zero of a CCCD or a phone number stored as a number, and reads '9/12' as the 9th of
December. Each function returns the value meant and, where something was repaired, a
Vietnamese warning; what cannot be understood raises ``ValueProblem`` with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from commune_app import vn
from commune_app.domain.person import CCCD_PROVINCES
from commune_app.importing.reader import excel_serial_to_date


class ValueProblem(ValueError):
    """A cell that cannot be understood; the message is Vietnamese."""


_MESSY_SPACE = re.compile(r"\s\s|[^\S ]|[\u00d0\u00f0\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEPARATORS = re.compile(r"[\s.'’`-]")  # inside numbers typed by hand
_LOST_ZEROS = re.compile(r"\d{10,11}")
_OLD_ID = re.compile(r"\d{9}")


def count_text(number: int) -> str:
    """10000 → '10.000', the way Vietnamese writes numbers."""
    return f"{number:,}".replace(",", ".")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def filled(row: list[Any]) -> list[Any]:
    """The cells of a row that are not blank (``is_blank`` without a call per cell: every row of a sheet)."""
    return [v for v in row if v is not None and (not isinstance(v, str) or v.strip())]


def text(value: Any) -> str:
    """A cell as text, NFC and trimmed, control characters removed; 12.0 → '12' (numbers Excel stored as floats)."""
    if type(value) is str:  # most cells, first
        return _text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return vn.format_date(value)
    return _cleaned(str(value))


@lru_cache(maxsize=1 << 15)
def _text(value: str) -> str:
    """``text`` of a string, remembered: a sheet repeats its words, places and dates down the columns."""
    return _cleaned(value)


def _cleaned(value: str) -> str:
    if unicodedata.is_normalized("NFC", value) and not _MESSY_SPACE.search(value):
        return value.strip()  # the common case, without the cost of normalising again
    return vn.nfc(_CONTROL.sub("", value))


@dataclass(frozen=True)
class DateValue:
    iso: str
    year_only: bool = False
    warning: str = ""


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
_SHORT_YEAR = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_FIRST_YEAR = 1800


def date_value(value: Any, label: str, today: dt.date, *, allow_year: bool = False) -> DateValue | None:
    """A date from a cell: a real Excel date, a day number, dd/mm/yyyy, d/m/yy, or a year alone."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return DateValue(value.date().isoformat())
    if isinstance(value, dt.date):
        return DateValue(value.isoformat())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A whole number that can be a year is one (1850 stays 1850): as an Excel day number it
        # would be a day of 1905, a birth no list means. Larger numbers are Excel day numbers.
        if float(value).is_integer() and _FIRST_YEAR <= value <= today.year:
            return _year_only(int(value), label, allow_year)
        day = excel_serial_to_date(float(value)) if value >= 1000 else None
        if day is None or not float(value).is_integer():
            raise ValueProblem(f"{label}: “{text(value)}” không phải là ngày")
        return DateValue(
            day.isoformat(),
            warning=f"{label}: số {text(value)} được hiểu là số ngày của Excel, tức ngày {vn.format_date(day)}"
            if allow_year
            else "",
        )
    raw = text(value)
    if _YEAR.match(raw):
        return _year_only(int(raw), label, allow_year)
    iso = _ISO.match(raw)
    if iso:
        try:
            return DateValue(dt.date(*(int(g) for g in iso.groups())).isoformat())
        except ValueError:
            raise ValueProblem(f"{label}: ngày “{raw}” không có trong lịch") from None
    short = _SHORT_YEAR.match(raw)
    if short:
        day, month, yy = (int(g) for g in short.groups())
        year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
        try:
            parsed = dt.date(year, month, day)
        except ValueError:
            raise ValueProblem(_calendar_problem(label, raw, day, month)) from None
        return DateValue(parsed.isoformat(), warning=f"{label}: năm ghi hai chữ số “{raw}”, đã hiểu là năm {year}")
    try:
        return DateValue(vn.parse_date(raw).isoformat())
    except vn.DateError:
        match = re.match(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$", raw)
        if match:
            raise ValueProblem(_calendar_problem(label, raw, int(match.group(1)), int(match.group(2)))) from None
        raise ValueProblem(
            f"{label}: “{raw}” không đọc được là ngày; hãy ghi theo ngày/tháng/năm, ví dụ 05/02/1990"
        ) from None


def _calendar_problem(label: str, raw: str, day: int, month: int) -> str:
    if month > 12 and day <= 12:
        return (
            f"{label}: ngày “{raw}” không có trong lịch (có thể đã ghi tháng trước ngày; hãy ghi theo ngày/tháng/năm)"
        )
    return f"{label}: ngày “{raw}” không có trong lịch"


def _year_only(year: int, label: str, allow_year: bool) -> DateValue:
    if not allow_year:
        raise ValueProblem(f"{label}: chỉ ghi năm {year}, cần ghi đủ ngày/tháng/năm")
    return DateValue(
        dt.date(year, 1, 1).isoformat(),
        year_only=True,
        warning=f"{label}: bảng tính chỉ ghi năm {year} (số được hiểu là năm, không phải số ngày"
        " của Excel); đã ghi nhận là chỉ biết năm sinh",
    )


_MALE = {"nam", "m", "male", "trai"}
_FEMALE = {"nu", "f", "female", "gai"}


def gender_value(value: Any) -> str | None:
    """'Nam' or 'Nữ' from the spellings sheets use; None when blank; ValueProblem otherwise."""
    if is_blank(value):
        return None
    folded = vn.fold(text(value))
    if folded in _MALE:
        return "Nam"
    if folded in _FEMALE:
        return "Nữ"
    raise ValueProblem(f"Giới tính “{text(value)}” phải là Nam hoặc Nữ")


def is_marked(value: Any) -> bool:
    """A tick column ('x', 'X', '1', 'có'): anything but blank, 0 or 'không'."""
    if is_blank(value):
        return False
    return vn.fold(text(value)) not in ("0", "khong", "no", "false")


@dataclass(frozen=True)
class DigitsValue:
    value: str
    warning: str = ""
    old_id: str = ""  # a 9-digit identity card number (CMND), kept as cmnd_old


def cccd_value(value: Any) -> DigitsValue | None:
    """A CCCD; the 10 or 11 digits left when Excel stored it as a number get their zeros back."""
    if is_blank(value):
        return None
    raw = text(value) if not isinstance(value, float) else str(int(value))
    digits = _SEPARATORS.sub("", raw)
    if _LOST_ZEROS.fullmatch(digits) and digits.zfill(12)[:3] in CCCD_PROVINCES:
        restored = digits.zfill(12)
        return DigitsValue(
            restored, f"Số CCCD “{digits}” bị mất số 0 ở đầu (Excel lưu dạng số), đã khôi phục thành {restored}"
        )
    if _OLD_ID.fullmatch(digits):
        return DigitsValue("", f"Số “{digits}” là số CMND 9 chữ số cũ, đã ghi vào ô Số CMND cũ", old_id=digits)
    return DigitsValue(digits)


def phone_value(value: Any) -> DigitsValue | None:
    """A phone number; a 9-digit mobile number that lost its leading 0 to Excel gets it back."""
    if is_blank(value):
        return None
    raw = text(value)
    digits = re.sub(r"[\s.'’`-]", "", raw)
    if re.fullmatch(r"[1-9]\d{8}", digits):
        return DigitsValue("0" + digits, f"Số điện thoại “{digits}” bị mất số 0 ở đầu, đã khôi phục thành 0{digits}")
    return DigitsValue(raw)


def education_value(value: Any) -> DigitsValue | None:
    """'9/12' that Excel turned into the 9th of December comes back as '9/12'."""
    if is_blank(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        day, month = value.day, value.month
        if month in (10, 12) and day <= month:
            grade = f"{day}/{month}"
        elif day in (10, 12) and month <= day:
            grade = f"{month}/{day}"
        else:
            raise ValueProblem(f"Giáo dục phổ thông: “{text(value)}” không phải trình độ (ví dụ 12/12)")
        return DigitsValue(grade, f"Giáo dục phổ thông bị Excel đổi thành ngày {text(value)}, đã hiểu là {grade}")
    return DigitsValue(text(value))
