"""Report periods: a month, a quarter, a half-year, a year or any from–to range.

The clerk (or the command line) writes a period as ``2026-03``, ``2026-Q1``, ``2026-H1``,
``2026-9M`` (the first nine months), ``2026`` or ``2026-01-01..2026-03-31`` (dd/mm/yyyy dates are
accepted in a range too). Every report compares the period with the same window of the previous
year. A period that is not over on the day of the run is counted up to that day and says so
(``until``); one that has not started is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from commune_app import vn
from commune_app.errors import Refused

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_HALF = re.compile(r"^(\d{4})-[Hh]([12])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NINE = re.compile(r"^(\d{4})-9[Mm]$")
_YEAR = re.compile(r"^(\d{4})$")
_EXAMPLES = "2026-Q1, 2026-03, 2026-H1, 2026-9M, 2026 hoặc 2026-01-01..2026-03-31"


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter | half | nine_months | year | range
    start: dt.date
    end: dt.date
    until: bool = False  # not over on the day of the run: ``end`` is that day, not the period's own end
    planned_end: dt.date | None = None  # the period's own end when it is cut at the day of the run

    @property
    def full_end(self) -> dt.date:
        """The period's own last day, even when figures are counted only up to today."""
        return self.planned_end or self.end

    @property
    def code(self) -> str:
        """The text that parses back to this period (kept in the settings and the file name)."""
        y = self.start.year
        if self.kind == "month":
            return f"{y}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{y}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "half":
            return f"{y}-H{1 if self.start.month == 1 else 2}"
        if self.kind == "nine_months":
            return f"{y}-9M"
        if self.kind == "year":
            return str(y)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def file_code(self) -> str:
        """The period in a file name; an unfinished one says up to which day it was counted."""
        base = self.code.replace("..", "-den-")
        return f"{base}-den-ngay-{self.end.isoformat()}" if self.until and self.kind != "range" else base

    @property
    def label(self) -> str:
        """'quý I năm 2026', 'tháng 3 năm 2026', '6 tháng đầu năm 2026', 'năm 2026' or a range;
        a period not over yet adds '(đến ngày 02/12/2026)'."""
        if self.until and self.kind != "range":
            return f"{self.full_label} (đến ngày {vn.format_date(self.end)})"
        return self.full_label

    @property
    def full_label(self) -> str:
        y = self.start.year
        if self.kind == "month":
            return f"tháng {self.start.month} năm {y}"
        if self.kind == "quarter":
            return f"quý {ROMAN[(self.start.month - 1) // 3 + 1]} năm {y}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.start.month == 1 else 'cuối'} năm {y}"
        if self.kind == "nine_months":
            return f"9 tháng đầu năm {y}"
        if self.kind == "year":
            return f"năm {y}"
        return f"từ ngày {vn.format_date(self.start)} đến ngày {vn.format_date(self.end)}"

    @property
    def range_text(self) -> str:
        return f"Số liệu tính từ ngày {vn.format_date(self.start)} đến ngày {vn.format_date(self.end)}"

    @property
    def year_start(self) -> dt.date:
        """1 January of the period's last year: 'lũy kế từ đầu năm' counts from here."""
        return dt.date(self.end.year, 1, 1)

    @property
    def cumulative_text(self) -> str:
        """Which 1 January the cumulative figures start from ('từ 01/01/2026 đến 31/03/2026')."""
        return f"từ {vn.format_date(self.year_start)} đến {vn.format_date(self.end)}"

    def previous_year(self) -> Period:
        """The same window one year earlier (29/02 becomes 28/02); a cut period is cut there too."""
        return Period(
            self.kind,
            _minus_year(self.start),
            _minus_year(self.end),
            self.until,
            _minus_year(self.planned_end) if self.planned_end else None,
        )

    def as_of(self, today: dt.date) -> Period:
        """The period as it can be counted on ``today``: cut at today when not over, refused
        when it has not started (figures of days to come would all be zero)."""
        if self.start > today:
            raise Refused(
                f"Kỳ báo cáo {self.full_label} chưa bắt đầu: kỳ bắt đầu từ ngày {vn.format_date(self.start)},"
                f" hôm nay là ngày {vn.format_date(today)}."
            )
        if self.end > today:
            return replace(self, end=today, until=True, planned_end=self.end)
        return self

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def period_words(period: Period) -> dict[str, str]:
    """The blanks label files may use in their texts: {year_start} is the 1 January cumulative
    figures start from, {previous_year_start} the same for last year's comparison."""
    return {
        "year_start": vn.format_date(period.year_start),
        "previous_year_start": vn.format_date(period.previous_year().year_start),
        "end": vn.format_date(period.end),
    }


def _minus_year(day: dt.date) -> dt.date:
    return vn.add_months(day, -12)


def _month_end(year: int, month: int) -> dt.date:
    return vn.add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)


def _year(text: str) -> int:
    year = int(text)
    if not 1930 <= year <= 2200:
        raise Refused(f"Năm {year} nằm ngoài khoảng cho phép (1930–2200).")
    return year


def _day(text: str) -> dt.date:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise Refused(f"Ngày “{text}” không có trong lịch.") from None
    try:
        return vn.parse_date(text)
    except vn.DateError as exc:
        raise Refused(str(exc)) from None


def parse_period(text: str) -> Period:
    """Read a period; a text that is not one is refused with a Vietnamese reason."""
    raw = vn.nfc(text or "").strip()
    if not raw:
        raise Refused(f"Chưa chọn kỳ báo cáo (ví dụ: {_EXAMPLES}).")
    if ".." in raw:
        first, _, last = raw.partition("..")
        start, end = _day(first), _day(last)
        if end < start:
            raise Refused(f"Kỳ báo cáo “{raw}”: ngày kết thúc đứng trước ngày bắt đầu.")
        return Period("range", start, end)
    if m := _QUARTER.match(raw):
        year, quarter = _year(m.group(1)), int(m.group(2))
        first_month = 3 * (quarter - 1) + 1
        return Period("quarter", dt.date(year, first_month, 1), _month_end(year, first_month + 2))
    if m := _HALF.match(raw):
        year, half = _year(m.group(1)), int(m.group(2))
        return Period("half", dt.date(year, 1 if half == 1 else 7, 1), _month_end(year, 6 if half == 1 else 12))
    if m := _NINE.match(raw):
        year = _year(m.group(1))
        return Period("nine_months", dt.date(year, 1, 1), dt.date(year, 9, 30))
    if m := _MONTH.match(raw):
        year, month = _year(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise Refused(f"Kỳ báo cáo “{raw}”: tháng {month} không có (chỉ từ 1 đến 12).")
        return Period("month", dt.date(year, month, 1), _month_end(year, month))
    if m := _YEAR.match(raw):
        year = _year(m.group(1))
        return Period("year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    raise Refused(f"Không hiểu kỳ báo cáo “{raw}”. Hãy viết như: {_EXAMPLES}.")


def make_period(kind: str, year: int, number: int = 1) -> Period:
    """A period from the window's choices (kind, year, month/quarter/half number)."""
    codes = {
        "month": f"{year}-{number:02d}",
        "quarter": f"{year}-Q{number}",
        "half": f"{year}-H{number}",
        "nine_months": f"{year}-9M",
        "year": str(year),
    }
    if kind not in codes:
        raise Refused(f"Loại kỳ báo cáo “{kind}” không có.")
    return parse_period(codes[kind])
