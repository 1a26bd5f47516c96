"""Starting the window: Qt application, interface font, Vietnamese buttons, crash handler, data file."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from commune_app.errors import FileRefused, Refused
from commune_app.ops.context import Actor, Session, open_session
from commune_app.paths import default_data_file, resource_path
from commune_app.settings import Settings
from ui import errors, vn_buttons

INTERFACE_FONT = "Noto Sans"


def make_application() -> QApplication:
    """The QApplication with our font and Vietnamese texts (reused when one exists, as in tests)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Phát triển Đảng viên")
    app.setOrganizationName("PhatTrienDangVien")
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
        font = QFont(family, 10)
        app.setFont(font)
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


def open_data(db_path: str | Path | None, settings: Settings) -> Session | None:
    path, missing = choose_data_file(db_path, settings)
    if missing and db_path:
        answer = vn_buttons.ask(None, "Tệp chưa tồn tại",
                                f"Không có tệp dữ liệu {path}.\nTạo tệp dữ liệu mới với tên này?",
                                [("create", "Tạo tệp mới"), ("cancel", "Thoát")], "cancel")
        if answer != "create":
            return None
    try:
        return open_session(path, actor=Actor(), create=missing)
    except FileRefused as exc:
        errors.show_refused(None, exc, "Không mở được tệp dữ liệu")
        return None


def build_window(session: Session, settings: Settings):
    from ui.context import UiContext
    from ui.main_window import MainWindow, remember_file

    ctx = UiContext(session, settings)
    window = MainWindow(ctx)
    ctx.setParent(window)
    remember_file(settings, session.store.path)
    return window


def run_app(db_path: str | Path | None = None) -> int:
    """Open the window on ``db_path`` (or the user's data file); the exit code of the program."""
    app = make_application()
    handler = errors.CrashHandler()
    handler.install()
    settings = Settings()
    session = open_data(db_path, settings)
    if session is None:
        return 2
    try:
        window = build_window(session, settings)
    except Refused as exc:
        errors.show_refused(None, exc, "Không mở được tệp dữ liệu")
        session.close()
        return 2
    window.show()
    code = app.exec()
    window.ctx.session.close()
    return code
