"""Take the pictures of the built-in guide from the real screens, so they stay current.

Run under Xvfb (or with QT_QPA_PLATFORM=offscreen) from the repository root:
    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/help_screenshots.py
It builds the commune demo in a temporary folder, opens the real window at 1366×768 and
saves the pages the guide shows into resources/help/img/.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "resources" / "help" / "img"


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="ptdv-anh-"))
    os.environ["COMMUNE_APP_HOME"] = str(work / "home")
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from commune_app.demo.generator import generate
    from commune_app.ops import people as people_ops
    from commune_app.ops.context import SYSTEM, open_session
    from commune_app.ops.opening import OpenedFile
    from commune_app.settings import Settings
    from ui.shell.app import make_application
    from ui.shell.main_window import build_window

    _app = make_application()  # kept alive while the windows are built
    db = work / "demo.sqlite"
    session = open_session(db, actor=SYSTEM)
    session.today_override = dt.date.today()
    generate(session, scale="commune", seed=1)
    window = build_window(OpenedFile(session), Settings(work / "cai-dat.json"))
    window.resize(1366, 740)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(5):
            QApplication.processEvents()

    from commune_app.ops import backup as backup_ops

    backup_ops.automatic_backup(session, window.ctx.settings)  # so the Sao lưu page lists one
    for key, name in (
        ("overview", "tong-quan"),
        ("candidates", "nguoi-vao-dang"),
        ("reports", "bao-cao"),
        ("backup", "sao-luu"),
        ("courses", "khoa-boi-duong"),
    ):
        page = window.page_widget(key)
        if key == "reports":
            page.show_figures()
            while window.ctx.tasks.busy:
                settle()
        if key == "backup":
            page.refresh()
        settle()
        window.grab().save(str(OUT / f"{name}.png"))

    candidate = next(r for r in people_ops.find(session, "", status="candidate"))
    window.open_person(candidate["id"])
    settle()
    person = window.person_windows()[0]
    person.resize(1200, 720)
    for index in range(person.tabs.count()):
        if person.tabs.tabText(index) == "Quá trình":
            person.tabs.setCurrentIndex(index)
    settle()
    person.grab().save(str(OUT / "qua-trinh.png"))
    person.close()
    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    session.close()
    print(f"Đã lưu ảnh vào {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
