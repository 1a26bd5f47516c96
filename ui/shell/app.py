"""Starting the window: Qt application, interface font, Vietnamese buttons, crash handler, data file.

Opening a data file is ``commune_app.ops.opening.open_data_file`` (the same as the command
line's), asked its questions in dialogs by ``ui.shell.startup``; see docs/architecture.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from commune_app import scratch
from commune_app.ops.opening import OpenedFile
from commune_app.paths import default_data_file, resource_path
from commune_app.settings import Settings
from ui.kit import vn_buttons
from ui.shell import errors
from ui.shell.main_window import build_window
from ui.shell.startup import close_in_window, open_in_window


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


def run_app(db_path: str | Path | None = None, self_test: bool = False) -> int:
    """Open the window on ``db_path`` (or the user's data file); the exit code of the program.

    ``self_test`` (the build check, ``--self-test``): ui.shell.self_test opens ``db_path`` without any
    interactive dialog (no sign-in, wizard or backup), checks the window and exits with its result.
    """
    app = make_application()
    if self_test:
        from ui.shell.self_test import start_self_test

        return start_self_test(app, db_path)
    errors.CrashHandler().install()
    from ui.shell.single_instance import InstanceServer, wake_running_instance

    scratch.remove_leftovers()  # previews a crash or a power cut left in the temporary folder
    settings = Settings()
    path, missing = choose_data_file(db_path, settings)
    if not missing and wake_running_instance(path):
        return 0  # the program already running on this file came forward
    instance = InstanceServer(None if missing else path, app)
    if missing and not db_path and first_start_wanted(settings):
        from ui.shell.first_start import run_first_start

        started = run_first_start(settings)
        opened, page = started if started else (None, None)
        return _run_window(app, instance, opened, settings, page=page)
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
    return _run_window(app, instance, open_in_window(path, settings, create=missing), settings)


def first_start_wanted(settings: Settings) -> bool:
    """A computer that has never opened a data file gets the first-start wizard."""
    return not settings.get("last_db") and not os.environ.get("COMMUNE_APP_NO_FIRST_RUN")


def _run_window(
    app: QApplication, instance, opened: OpenedFile | None, settings: Settings, *, page: str | None = None
) -> int:
    if opened is None:
        return 2
    window = build_window(opened, settings, guard=True)
    instance.listen_for(opened.session.store.path)
    window.file_opened.connect(instance.listen_for)
    instance.woken.connect(lambda: (window.showNormal(), window.raise_(), window.activateWindow()))
    window.show()
    if page:
        window.page_widget(page)
    code = app.exec()
    close_in_window(window.opened)
    instance.close()
    return code
