"""The window never announces a change by hand: the store tells it what each write changed."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"


def test_no_module_of_the_window_sends_a_change_notice_by_hand():
    offenders = [
        str(p.relative_to(UI.parent))
        for p in UI.rglob("*.py")
        if re.search(r"\.notify\(|data_changed\.emit|ctx\.changed\.emit", p.read_text(encoding="utf-8"))
        and p.name != "context.py"
    ]
    assert offenders == []
