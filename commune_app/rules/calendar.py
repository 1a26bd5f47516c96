"""Working days: Monday to Friday, minus Vietnamese public holidays (lunar ones included,
from the ``holidays`` package) and any day off the clerk declared."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[dt.date, str]:
    import holidays

    return dict(holidays.country_holidays("VN", years=[year], language="vi"))


class WorkCalendar:
    def __init__(self, extra_days_off: dict[str, str] | None = None) -> None:
        self._extra = {dt.date.fromisoformat(d): r for d, r in (extra_days_off or {}).items()}
        # The agenda asks the same (date, days) for many people; the answer never changes.
        self._added: dict[tuple[dt.date, int], dt.date] = {}

    def day_off_reason(self, day: dt.date) -> str | None:
        """Why this day is not a working day (Vietnamese), or None when it is one."""
        if day in self._extra:
            return self._extra[day] or "Ngày nghỉ do đảng ủy quy định"
        holiday = _public_holidays(day.year).get(day)
        if holiday:
            return holiday
        if day.weekday() == 5:
            return "Thứ Bảy"
        if day.weekday() == 6:
            return "Chủ nhật"
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.day_off_reason(day) is None

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date ``days`` working days after ``start`` (the start itself not counted)."""
        key = (start, days)
        if key in self._added:
            return self._added[key]
        current = start
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        while remaining:
            current += dt.timedelta(days=step)
            if self.is_working_day(current):
                remaining -= 1
        self._added[key] = current
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end is before)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        current = start
        while current < end:
            current += dt.timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count
