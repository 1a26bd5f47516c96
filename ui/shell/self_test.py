"""The self-test of a built program: ``PhatTrienDangVien --db FILE --self-test``.

It is the build check (scripts/build.sh), run on a demo file: the window opens on the file
without the interactive start-up (no sign-in, file lock, integrity dialog or backup, so a
file with user accounts does not wait for a password), every navigation page is built, a
person window opens and closes on the first person, the program's icon is there, and the
fonts the program relies on are checked for Vietnamese letters. The exit code is 0 when all went well, else 1 with the
reasons in Vietnamese on stderr (and in the log, since a windowed program has no console).
With ``COMMUNE_APP_SELF_TEST_SHOT=FILE.png`` the first page is saved as a picture at the end,
so the build check leaves a screenshot to look at.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from commune_app import logs
from commune_app.errors import Refused
from commune_app.ops import people as people_ops
from commune_app.ops.context import SYSTEM, open_session
from commune_app.paths import resource_path
from commune_app.settings import Settings

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

log = logging.getLogger("commune_app")

VIETNAMESE_SAMPLE = "ĐđƯưƠơĂăÂâÊêÔô ệ ữ ặ ỹ ẫ ợ"
TASKS_TIMEOUT_SECONDS = 120
EXIT_OK, EXIT_FAILED, EXIT_NO_FILE = 0, 1, 2
T = TypeVar("T")


def start_self_test(app: QApplication, db_path: str | Path | None) -> int:
    """Open ``db_path`` without the interactive start-up, show the window, run the self-test."""
    from commune_app.ops.opening import OpenedFile
    from ui.shell.main_window import build_window

    logs.setup_logging()  # the windowed program has no console: the reasons also go to the log
    if not db_path or not Path(db_path).is_file():
        _report([f"Tự kiểm tra cần một tệp dữ liệu có sẵn (--db TỆP); không có tệp {db_path or ''}".rstrip()])
        return EXIT_NO_FILE
    try:
        session = open_session(Path(db_path), actor=SYSTEM)
    except Refused as exc:
        _report(list(exc.reasons))
        return EXIT_NO_FILE
    settings = Settings()
    remembered = {key: settings.get(key) for key in ("last_db", "recent_dbs")}
    window = build_window(OpenedFile(session), settings)
    window.show()
    QTimer.singleShot(0, lambda: app.exit(run_self_test(window)))
    code = app.exec()
    opened = window.opened
    window.hide()
    window.deleteLater()  # pages and their timers go before the file closes
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    opened.close()
    _restore_settings(settings, remembered)
    return code


def _restore_settings(settings: Settings, remembered: dict[str, object]) -> None:
    """Opening the window made the checked file the last one opened: put this computer's list back."""
    for key, value in remembered.items():
        settings.set(key, value)
    with contextlib.suppress(OSError):  # this computer's settings only; the check itself is done
        settings.save()


def run_self_test(window: MainWindow) -> int:
    """Check the main window ``window`` (ui.shell.main_window.MainWindow); 0 when everything worked."""
    problems: list[str] = []
    watchdog = _DialogWatchdog(problems)
    previous_hook = sys.excepthook
    # an exception in a slot or timer does not reach the checks below: count it as a failure
    sys.excepthook = lambda kind, exc, tb: problems.append(f"Lỗi không mong đợi {kind.__name__}: {exc}")
    try:
        if QApplication.windowIcon().isNull():
            problems.append(f"Thiếu biểu tượng chương trình {resource_path('icons', 'app.png')}")
        _step(problems, "Phông chữ giao diện", lambda: _check_interface_font(problems))
        _step(problems, "Phông chữ văn bản PDF", lambda: _check_document_font(problems))
        _step(problems, "Mã hóa tệp (SQLCipher)", lambda: _check_encryption(problems))
        _step(problems, "Các trang", lambda: _check_pages(window, problems))
        person_note = _step(problems, "Cửa sổ hồ sơ", lambda: _check_person_window(window, problems)) or ""
        _wait_for_tasks(window, problems)
        shot = os.environ.get("COMMUNE_APP_SELF_TEST_SHOT")
        if shot:
            _step(problems, "Ảnh chụp cửa sổ", lambda: _save_screenshot(window, Path(shot), problems))
    finally:
        watchdog.stop()
        sys.excepthook = previous_hook
    if problems:
        _report(["Tự kiểm tra không đạt:", *problems])
        return EXIT_FAILED
    pages = ", ".join(window.page_titles())
    message = (
        f"Tự kiểm tra đạt: {len(window.page_titles())} trang ({pages}), {person_note}, "
        "mã hóa SQLCipher, biểu tượng, phông chữ tiếng Việt."
    )
    log.info(message)
    if sys.stdout is not None:
        print(message)
    return EXIT_OK


def _check_encryption(problems: list[str]) -> None:
    """The SQLCipher wheel is part of the build (collected by PyInstaller) and works there."""
    import tempfile

    from commune_app.ops import encryption

    with tempfile.TemporaryDirectory(prefix="tu-kiem-tra-") as folder:
        problems += encryption.self_check(Path(folder))


def _step(problems: list[str], what: str, check: Callable[[], T]) -> T | None:
    """Run one check; an exception becomes a reported problem and the next checks still run."""
    try:
        return check()
    except Exception as exc:  # - every failure is reported, none stops the other checks
        log.exception("Tự kiểm tra: %s", what)
        problems.append(f"{what}: lỗi {type(exc).__name__}: {exc}")
        return None


def _check_interface_font(problems: list[str]) -> None:
    """The bundled Noto Sans must load and be the application's font, with Vietnamese letters."""
    files = sorted(resource_path("fonts").glob("NotoSans-*.ttf"))
    if not files:
        problems.append(f"Phông chữ giao diện: không thấy tệp NotoSans-*.ttf trong {resource_path('fonts')}")
        return
    font_id = QFontDatabase.addApplicationFont(str(files[0]))
    bundled = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = QApplication.font().family()
    if family not in bundled:
        problems.append(f"Phông chữ giao diện: chương trình dùng “{family}”, không phải phông kèm theo {bundled}")
    elif QFontDatabase.WritingSystem.Vietnamese not in QFontDatabase.writingSystems(family):
        problems.append(f"Phông chữ giao diện “{family}” không có chữ tiếng Việt")


def _check_document_font(problems: list[str]) -> None:
    """The bundled Liberation Serif must register with reportlab and hold every Vietnamese letter."""
    from reportlab.pdfbase import pdfmetrics

    from commune_app.dossier.fonts import document_fonts

    fonts = document_fonts("liberation")
    for name in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic):
        glyphs = pdfmetrics.getFont(name).face.charToGlyph
        missing = sorted({ch for ch in VIETNAMESE_SAMPLE if not ch.isspace() and ord(ch) not in glyphs})
        if missing:
            problems.append(f"Phông chữ văn bản {name} thiếu chữ: {' '.join(missing)}")


def _check_pages(window: MainWindow, problems: list[str]) -> None:
    titles = window.page_titles()
    if not titles:
        problems.append("Cửa sổ chính không có trang nào")
    for index, title in enumerate(titles):
        try:
            window.show_page(index)
            QApplication.processEvents()
        except Exception as exc:
            log.exception("Tự kiểm tra: trang %s", title)
            problems.append(f"Trang “{title}”: lỗi {type(exc).__name__}: {exc}")
            continue
        if window.stack.currentWidget() is None or window.nav.currentRow() != index:
            problems.append(f"Trang “{title}” không hiện ra")
    if titles:
        window.show_page(0)


def _check_person_window(window: MainWindow, problems: list[str]) -> str:
    """Open the first person (by name), visit every tab, close without leaving changes."""
    first = people_ops.search_ids(window.ctx.session, people_ops.PeopleFilter(), limit=1)
    if not first:
        return "tệp chưa có hồ sơ nào nên không mở cửa sổ hồ sơ"
    window.open_person(first[0])
    QApplication.processEvents()
    opened = window.person_windows()
    if not opened:
        problems.append(f"Không mở được cửa sổ hồ sơ của người mã {first[0]}")
        return ""
    person = opened[0]
    opened_note = f"cửa sổ hồ sơ “{person.windowTitle()}” ({person.tabs.count()} thẻ)"
    for index in range(person.tabs.count()):
        person.tabs.setCurrentIndex(index)
        QApplication.processEvents()
    if person.tabs.count() == 0:
        problems.append("Cửa sổ hồ sơ không có thẻ nào")
    if person.has_unsaved_changes():
        # closing would ask the clerk; a window just opened must have nothing to save
        problems.append("Cửa sổ hồ sơ vừa mở đã báo có thay đổi chưa lưu")
        person.hide()
        person.deleteLater()
        return opened_note
    if not person.close():
        problems.append("Không đóng được cửa sổ hồ sơ")
    QApplication.processEvents()
    return opened_note


def _wait_for_tasks(window: MainWindow, problems: list[str]) -> None:
    """Pages load in the background; their work must finish before the program leaves."""
    deadline = time.monotonic() + TASKS_TIMEOUT_SECONDS
    while window.tasks.busy:
        if time.monotonic() > deadline:
            problems.append(f"Các việc chạy nền chưa xong sau {TASKS_TIMEOUT_SECONDS} giây")
            return
        QApplication.processEvents()
        time.sleep(0.02)


def _save_screenshot(window: MainWindow, path: Path, problems: list[str]) -> None:
    window.show_page(0)
    QApplication.processEvents()
    if not window.grab().save(str(path)):
        problems.append(f"Không lưu được ảnh chụp cửa sổ vào {path}")


class _DialogWatchdog:
    """A message box would wait for a click that never comes: note its text and close it."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.timer = QTimer()
        self.timer.setInterval(200)
        self.timer.timeout.connect(self._close_dialog)
        self.timer.start()

    def _close_dialog(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or isinstance(dialog, QProgressDialog):
            return
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        self.problems.append(f"Hộp thoại bất ngờ “{dialog.windowTitle()}”: {text}".rstrip(": "))
        dialog.reject()

    def stop(self) -> None:
        self.timer.stop()


def _report(lines: list[str]) -> None:
    for line in lines:
        log.error(line)
        if sys.stderr is not None:
            print(line, file=sys.stderr)
