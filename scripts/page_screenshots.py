"""Save a picture of every screen a clerk meets, at 1366×768 and at 1920×1080 with 125 % scaling
(1536×864 logical pixels), to look at before a release: every page and its tabs, the person
window's tabs, every dialog kind (the same walk as the fit test, tests/gui/screens.py).

Run from the repository root, under Xvfb for the real platform or offscreen:
    xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/page_screenshots.py [FOLDER]
The pictures go to FOLDER (default: a new temporary folder, printed at the end), one PNG per
screen, named by size and screen.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SIZES = [(1366, 768), (1536, 864)]


def file_name(size: tuple[int, int], number: int, where: str) -> str:
    from commune_app import vn

    words = re.sub(r"[^a-z0-9]+", "-", vn.fold(where).lower()).strip("-")[:60]
    return f"{size[0]}x{size[1]}-{number:02d}-{words}.png"


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="ptdv-man-hinh-"))
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="ptdv-du-lieu-"))
    os.environ["COMMUNE_APP_HOME"] = str(work / "home")
    from PySide6.QtWidgets import QApplication

    from commune_app.demo.generator import generate
    from commune_app.ops.context import SYSTEM, open_session
    from commune_app.ops.opening import OpenedFile
    from commune_app.settings import Settings
    from tests.gui.screens import screens
    from ui.shell.app import make_application
    from ui.shell.main_window import build_window

    _app = make_application()  # kept alive while the windows are built
    count = 0
    # A new, empty file first: the overview guides the clerk through the first three steps.
    empty = open_session(work / "moi.sqlite", actor=SYSTEM)
    window = build_window(OpenedFile(empty), Settings(work / "cai-dat-moi.json"))
    window.show()
    for size in SIZES:
        window.resize(*size)
        for _ in range(3):
            QApplication.processEvents()
        window.grab().save(str(out / file_name(size, 0, "tệp mới tổng quan")))
        count += 1
    window.close()
    empty.close()

    session = open_session(work / "demo.sqlite", actor=SYSTEM)
    session.today_override = dt.date.today()
    generate(session, scale="commune", seed=1)
    window = build_window(OpenedFile(session), Settings(work / "cai-dat.json"))
    window.show()
    for size in SIZES:
        for number, (where, widget) in enumerate(screens(window, size), start=1):
            for _ in range(3):
                QApplication.processEvents()
            widget.grab().save(str(out / file_name(size, number, where)))
            count += 1
    print(f"Đã lưu {count} ảnh màn hình vào {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
