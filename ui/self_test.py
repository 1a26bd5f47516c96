"""The self-test of a built program: ``PhatTrienDangVien --db FILE --self-test``.

It is the build check (scripts/build.sh), run on a demo file: the window opens on the file
without the interactive start-up (no sign-in, file lock, integrity dialog or backup, so a
file with user accounts does not wait for a password), every navigation page is built, a
person window opens and closes on the first person, and the fonts the program relies on are
checked for Vietnamese letters. The exit code is 0 when all went well, else 1 with the
reasons in Vietnamese on stderr (and in the log, since a windowed program has no console).
With ``COMMUNE_APP_SELF_TEST_SHOT=FILE.png`` the first page is saved as a picture at the end,
so the build check leaves a screenshot to look at.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from commune_app.errors import Refused
from commune_app.ops import people as people_ops
from commune_app.ops.context import open_session
from commune_app.paths import resource_path
from commune_app.settings import Settings

log = logging.getLogger("commune_app")

VIETNAMESE_SAMPLE = "ĐđƯưƠơĂăÂâÊêÔô ệ ữ ặ ỹ ẫ ợ"
TASKS_TIMEOUT_SECONDS = 120
EXIT_OK, EXIT_FAILED, EXIT_NO_FILE = 0, 1, 2


def start_self_test(app: QApplication, db_path: str | Path | None) -> int:
    """Open ``db_path`` without the interactive start-up, show the window, run the self-test."""
    from ui.app import OpenedFile, build_window

    if not db_path or not Path(db_path).is_file():
        _report([f"Tự kiểm tra cần một tệp dữ liệu có sẵn (--db TỆP); không có tệp {db_path or ''}".rstrip()])
        return EXIT_NO_FILE
    try:
        session = open_session(Path(db_path))
    except Refused as exc:
        _report(list(exc.reasons))
        return EXIT_NO_FILE
    window = build_window(OpenedFile(session), Settings())
    window.show()
    QTimer.singleShot(0, lambda: app.exit(run_self_test(window)))
    code = app.exec()
    opened = window.opened
    window.hide()
    window.deleteLater()  # pages and their timers go before the file closes
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    opened.close()
    return code


def run_self_test(window) -> int:
    """Check the main window ``window`` (ui.main_window.MainWindow); 0 when everything worked."""
    problems: list[str] = []
    watchdog = _DialogWatchdog(problems)
    try:
        _step(problems, "Phông chữ giao diện", lambda: _check_interface_font(problems))
        _step(problems, "Phông chữ văn bản PDF", lambda: _check_document_font(problems))
        _step(problems, "Các trang", lambda: _check_pages(window, problems))
        _step(problems, "Cửa sổ hồ sơ", lambda: _check_person_window(window, problems))
        _wait_for_tasks(window, problems)
        shot = os.environ.get("COMMUNE_APP_SELF_TEST_SHOT")
        if shot:
            _step(problems, "Ảnh chụp cửa sổ", lambda: _save_screenshot(window, Path(shot), problems))
    finally:
        watchdog.stop()
    if problems:
        _report(["Tự kiểm tra không đạt:", *problems])
        return EXIT_FAILED
    pages = ", ".join(window.page_titles())
    message = f"Tự kiểm tra đạt: {len(window.page_titles())} trang ({pages}), cửa sổ hồ sơ, phông chữ tiếng Việt."
    log.info(message)
    if sys.stdout is not None:
        print(message)
    return EXIT_OK


def _step(problems: list[str], what: str, check: Callable[[], None]) -> None:
    try:
        check()
    except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the other checks
        log.exception("Tự kiểm tra: %s", what)
        problems.append(f"{what}: lỗi {type(exc).__name__}: {exc}")


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


def _check_pages(window, problems: list[str]) -> None:
    titles = window.page_titles()
    if not titles:
        problems.append("Cửa sổ chính không có trang nào")
    for index, title in enumerate(titles):
        try:
            window.show_page(index)
            QApplication.processEvents()
        except Exception as exc:  # noqa: BLE001
            log.exception("Tự kiểm tra: trang %s", title)
            problems.append(f"Trang “{title}”: lỗi {type(exc).__name__}: {exc}")
            continue
        if window.stack.currentWidget() is None or window.nav.currentRow() != index:
            problems.append(f"Trang “{title}” không hiện ra")
    if titles:
        window.show_page(0)


def _check_person_window(window, problems: list[str]) -> None:
    """Open the first person (by name), visit every tab, close without leaving changes."""
    first = people_ops.search_ids(window.ctx.session, people_ops.PeopleFilter(), limit=1)
    if not first:
        return  # an empty file: nothing to open
    window.open_person(first[0])
    QApplication.processEvents()
    opened = window.person_windows()
    if not opened:
        problems.append(f"Không mở được cửa sổ hồ sơ của người mã {first[0]}")
        return
    person = opened[0]
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
        return
    if not person.close():
        problems.append("Không đóng được cửa sổ hồ sơ")
    QApplication.processEvents()


def _wait_for_tasks(window, problems: list[str]) -> None:
    """Pages load in the background; their work must finish before the program leaves."""
    deadline = time.monotonic() + TASKS_TIMEOUT_SECONDS
    while window.tasks.busy:
        if time.monotonic() > deadline:
            problems.append(f"Các việc chạy nền chưa xong sau {TASKS_TIMEOUT_SECONDS} giây")
            return
        QApplication.processEvents()
        time.sleep(0.02)


def _save_screenshot(window, path: Path, problems: list[str]) -> None:
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
