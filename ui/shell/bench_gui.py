"""Window measurements for the benchmark: start-up, a search keystroke, opening a person.

Each function opens the given data file itself (nothing is written to it) and returns
seconds, so the benchmark can print them next to its own rows. ``commune_app`` must not
import ``ui``, so the benchmark loads this module by name:
``importlib.import_module("ui.shell.bench_gui").gui_rows(commune_db, province_db)``.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

SEARCH_WORDS = ("nguyen van", "hoang thi", "lo", "vi thi h", "dang duc")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _window(db_path: Path):
    from commune_app.ops.context import SYSTEM, open_session
    from commune_app.ops.opening import OpenedFile
    from commune_app.settings import Settings
    from ui.shell.main_window import build_window

    session = open_session(db_path, create=False, actor=SYSTEM)
    return build_window(OpenedFile(session, None), Settings())


def _settle(app) -> None:
    app.processEvents()
    app.processEvents()


def startup_seconds(db_path: str | Path) -> float:
    """From nothing to a usable window: application, file opened, first list shown and painted."""
    start = time.perf_counter()
    from ui.shell.app import make_application

    app = make_application()
    window = _window(Path(db_path))
    window.show()
    _settle(app)
    window.stack.currentWidget().repaint()
    elapsed = time.perf_counter() - start
    window.close()
    window.opened.close()
    return elapsed


def search_keystroke_seconds(db_path: str | Path, page_key: str = "members") -> dict[str, float]:
    """Each keystroke of a few searches, typed letter by letter: the SQL search, the model
    reset and the repaint of the visible rows (the debounce pause itself is not counted)."""
    from ui.shell.app import make_application

    app = make_application()
    window = _window(Path(db_path))
    window.resize(1366, 768)
    window.show()
    page = window.page_widget(page_key)
    _settle(app)
    timings = []
    for words in SEARCH_WORDS:
        page.search.clear()
        page.refresh()
        for end in range(1, len(words) + 1):
            page.search.setText(words[:end])
            start = time.perf_counter()
            page.refresh()
            page.table.viewport().repaint()
            timings.append(time.perf_counter() - start)
    window.close()
    window.opened.close()
    return {"p50": statistics.median(timings), "p95": _percentile(timings, 0.95), "n": float(len(timings))}


def open_person_seconds(db_path: str | Path, count: int = 20) -> dict[str, float]:
    """Opening a person's window (every tab built and painted), for people spread over the file."""
    from ui.person.window import PersonWindow
    from ui.shell.app import make_application

    app = make_application()
    window = _window(Path(db_path))
    page = window.page_widget("members")
    ids = page.model.ids()
    step = max(1, len(ids) // count)
    timings = []
    for person_id in ids[::step][:count]:
        start = time.perf_counter()
        person = PersonWindow(window.ctx, person_id)
        person.show()
        _settle(app)
        timings.append(time.perf_counter() - start)
        person._forget_changes()
        person.close()
        person.deleteLater()
    window.close()
    window.opened.close()
    return {"p50": statistics.median(timings), "p95": _percentile(timings, 0.95), "n": float(len(timings))}


def gui_rows(commune_db: str | Path, province_db: str | Path | None = None) -> list[tuple[str, float, float]]:
    """(what, measured seconds, target seconds) rows for the benchmark table.

    Measured off screen unless a platform was chosen, so the benchmark runs on a server too.
    """
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows = [("Khởi động đến cửa sổ dùng được (xã)", startup_seconds(commune_db), 1.5)]
    opened = open_person_seconds(commune_db)
    rows.append(("Mở hồ sơ một người, p95 (xã)", opened["p95"], 0.15))
    if province_db:
        search = search_keystroke_seconds(province_db)
        rows.append(("Gõ một phím tìm kiếm, p95 (tỉnh, 150.000 người)", search["p95"], 0.10))
        rows.append(("Mở hồ sơ một người, p95 (tỉnh)", open_person_seconds(province_db)["p95"], 0.15))
    return rows


if __name__ == "__main__":  # quick look: python -m ui.shell.bench_gui COMMUNE.sqlite [PROVINCE.sqlite]
    import sys

    for name, value, target in gui_rows(*sys.argv[1:3]):
        print(f"{name:55s} {value * 1000:8.1f} ms  (mục tiêu ≤ {target * 1000:.0f} ms)")
