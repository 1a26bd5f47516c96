"""Starting the window: Qt application, interface font, Vietnamese buttons, crash handler, data file.

Opening a data file goes through ``open_data_file``: the schema check of ``open_session``,
then ``ui.startup.Startup`` (network-share warning, the one-program-per-file lock with a
read-only fallback, the integrity check, signing in, the day's first backup).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from commune_app import scratch
from commune_app.errors import Refused
from commune_app.ops.context import SYSTEM, Session, open_session
from commune_app.paths import default_data_file, resource_path
from commune_app.safety.lock import FileLock
from commune_app.settings import Settings
from ui import errors, vn_buttons


def make_application() -> QApplication:
    """The QApplication with our font and Vietnamese texts (reused when one exists, as in tests)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Phát triển Đảng viên")
    app.setOrganizationName("PhatTrienDangVien")
    app.setWindowIcon(QIcon(str(resource_path("icons", "app.png"))))  # title bars and the taskbar
    register_fonts(app)
    vn_buttons.install_translator()
    return app  # type: ignore[return-value]


def register_fonts(app: QApplication) -> str | None:
    """Register the bundled Noto Sans so every PC (and every screenshot) shows the same letters."""
    family = None
    for path in sorted(resource_path("fonts").glob("NotoSans-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    if family:
        app.setFont(QFont(family, 10))
    return family


def choose_data_file(db_path: str | Path | None, settings: Settings) -> tuple[Path, bool]:
    """The file to open and whether it must be created.

    An explicit path is opened as given (created only after the clerk agrees); otherwise the
    file opened last time, else the user's data file in the platform's data folder, created
    on the first start.
    """
    if db_path:
        path = Path(db_path)
        return path, not path.exists()
    last = settings.get("last_db")
    if last and Path(last).exists():
        return Path(last), False
    path = default_data_file()
    return path, not path.exists()


class OpenFile(Protocol):
    """What the main window holds for the open file (``ui.startup.Startup`` in the program)."""

    session: Session
    lock: FileLock | None

    def close(self) -> None: ...

    def replace_session(self, path: Path) -> None: ...


@dataclass
class OpenedFile:
    """An open file without the start-up guards: for tests, the benchmark and previews."""

    session: Session
    lock: FileLock | None = None

    def close(self) -> None:
        self.session.close()

    def replace_session(self, path: Path) -> None:
        self.session = open_session(path, actor=self.session.actor)


def open_data_file(path: Path, settings: Settings, *, create: bool, parent: QWidget | None = None):
    """Open a data file with every start-up guard; None (after telling the clerk why) when it cannot be."""
    from ui.startup import Startup

    try:
        session = open_session(path, create=create, actor=SYSTEM)
    except Refused as exc:
        errors.show_refused(parent, exc, "Không mở được tệp dữ liệu")
        return None
    startup = Startup(session, settings)
    try:
        ready = startup.run(parent)
    except Refused as exc:
        startup.release()
        startup.session.close()
        errors.show_refused(parent, exc, "Không mở được tệp dữ liệu")
        return None
    if not ready:
        startup.session.close()
        return None
    startup.start_of_day_backup()
    return startup


def build_window(opened: OpenFile, settings: Settings, *, guard: bool = False):
    """The main window on an open file (the benchmark and tests build it unguarded)."""
    from ui.context import UiContext
    from ui.main_window import MainWindow, remember_file

    ctx = UiContext(opened.session, settings)
    window = MainWindow(ctx, opened, guard=guard)
    remember_file(settings, opened.session.store.path)
    return window


def run_app(db_path: str | Path | None = None, self_test: bool = False) -> int:
    """Open the window on ``db_path`` (or the user's data file); the exit code of the program.

    ``self_test`` (the build check, ``--self-test``): ui.self_test opens ``db_path`` without any
    interactive dialog (no sign-in, wizard or backup), checks the window and exits with its result.
    """
    app = make_application()
    if self_test:
        from ui.self_test import start_self_test

        return start_self_test(app, db_path)
    errors.CrashHandler().install()
    from ui.single_instance import InstanceServer, wake_running_instance

    scratch.remove_leftovers()  # previews a crash or a power cut left in the temporary folder
    settings = Settings()
    path, missing = choose_data_file(db_path, settings)
    if not missing and wake_running_instance(path):
        return 0  # the program already running on this file came forward
    instance = InstanceServer(None if missing else path, app)
    if missing and not db_path and first_start_wanted(settings):
        from ui.first_start import run_first_start

        return _run_window(app, instance, run_first_start(settings), settings)
    if missing and db_path:
        answer = vn_buttons.ask(
            None,
            "Tệp chưa tồn tại",
            f"Không có tệp dữ liệu {path}.\nTạo tệp dữ liệu mới với tên này?",
            [("create", "Tạo tệp mới"), ("cancel", "Thoát")],
            "cancel",
        )
        if answer != "create":
            return 2
    return _run_window(app, instance, open_data_file(path, settings, create=missing), settings)


def first_start_wanted(settings: Settings) -> bool:
    """A computer that has never opened a data file gets the first-start wizard."""
    return not settings.get("last_db") and not os.environ.get("COMMUNE_APP_NO_FIRST_RUN")


def _run_window(app: QApplication, instance, opened, settings: Settings, *, page: str | None = None) -> int:
    if opened is None:
        return 2
    window = build_window(opened, settings, guard=True)
    instance.listen_for(opened.session.store.path)
    window.file_opened.connect(instance.listen_for)
    instance.woken.connect(lambda: (window.showNormal(), window.raise_(), window.activateWindow()))
    window.show()
    start_page = getattr(opened, "start_page", None) or page
    if start_page:
        window.page_widget(start_page)
    code = app.exec()
    window.opened.close()
    instance.close()
    return code
