"""How far a due date is, in working days, as the road tab and Tổng quan both say it."""

from __future__ import annotations

import datetime as dt

from commune_app.ops.context import Session


def working_days_text(session: Session, due: dt.date) -> str:
    """'còn 12 ngày làm việc', 'hết hạn hôm nay' or 'quá hạn 3 ngày làm việc'."""
    today = session.today
    if due < today:
        return f"quá hạn {session.calendar.working_days_between(due, today)} ngày làm việc"
    if due == today:
        return "hết hạn hôm nay"
    return f"còn {session.calendar.working_days_between(today, due)} ngày làm việc"
