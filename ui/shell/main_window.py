"""The main window: navigation column, pages, menus from the action registry, status bar.

The window owns only the frame: the pages come from ``ui.shell.pages.discover()``, their work from
``commune_app.ops``. It remembers its geometry and the recent files in this computer's
settings, and opens person windows when any page asks.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from commune_app.changes import Changes
from commune_app.errors import Refused
from commune_app.ops import window_info
from commune_app.ops.context import open_session
from commune_app.ops.opening import OpenedFile
from commune_app.safety.lock import HEARTBEAT_EVERY_SECONDS
from commune_app.settings import Settings
from ui.kit import vn_buttons
from ui.shell import errors
from ui.shell.actions import ActionRegistry, ActionSpec, page_search
from ui.shell.context import UiContext
from ui.shell.pages import PageSpec, discover
from ui.shell.startup import close_in_window, open_in_window
from ui.shell.tasks import TaskRunner

APP_TITLE = "Phát triển Đảng viên"
MAX_RECENT = 8
READ_ONLY_MARK = " (chỉ đọc)"


class MainWindow(QMainWindow):
    file_opened = Signal(object)  # the Path of the data file the window switched to

    def __init__(self, ctx: UiContext, opened: OpenedFile, *, guard: bool = False) -> None:
        """``guard``: files are opened with every start-up guard (lock, integrity check, sign-in,
        backups), the lock is kept alive and the program locks when idle. Tests and the
        benchmark leave it off."""
        super().__init__()
        self.ctx = ctx
        self.opened = opened
        self._guard = guard
        self._guards: list[QObject] = []
        self.tasks = TaskRunner(self)
        ctx.tasks = self.tasks
        self.actions_registry = ActionRegistry(self)
        self._person_windows: dict[int, QWidget] = {}
        self._open_windows: list[QWidget] = []
        actor = ctx.session.actor
        self._pages: list[PageSpec] = [
            p
            for p in discover()
            if (not p.admin_only or actor.is_admin)
            and (not p.commune_only or actor.cell_id is None)
            and (not p.writers_only or ctx.session.writable)
        ]
        self._page_widgets: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 11pt; } QListWidget#navigation::item { padding: 8px 6px; }"
        )
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.file_label = QLabel()
        self.committee_label = QLabel()
        self.statusBar().addPermanentWidget(self.committee_label)
        self.statusBar().addPermanentWidget(self.file_label)
        self.tasks.message.connect(lambda text: self.statusBar().showMessage(text, 8000))

        self._build_actions()
        self._build_menus()
        self._fill_navigation()
        self._connect_context(ctx)
        self._restore_geometry()
        self._update_titles()
        self._start_guards()

    # --- frame ---------------------------------------------------------------------
    def _build_actions(self) -> None:
        add = self.actions_registry.add
        add(ActionSpec("file.open", "&Mở tệp dữ liệu khác...", self.choose_file, "Ctrl+O"))
        add(ActionSpec("file.new", "&Tạo tệp dữ liệu mới...", self.choose_new_file))
        add(ActionSpec("file.quit", "T&hoát", self.close, "Ctrl+Q"))
        add(
            ActionSpec(
                "edit.find",
                "&Tìm...",
                self.focus_search,
                "Ctrl+F",
                "Tìm trên trang đang xem; trang không có ô tìm thì tìm người vào Đảng",
            )
        )
        add(
            ActionSpec(
                "person.new", "Thêm &người mới...", self.new_person, "Ctrl+N", "Mở lý lịch trống để thêm một người"
            )
        )
        add(
            ActionSpec(
                "person.trash", "&Thùng rác (hồ sơ đã xóa)...", self.show_trash, tip="Xem và khôi phục các hồ sơ đã xóa"
            )
        )
        add(
            ActionSpec(
                "tools.settings",
                "&Cài đặt...",
                self.show_settings,
                "Ctrl+,",
                "Thông tin đảng ủy, người ký, văn bản in, ngày nghỉ, sao lưu",
            )
        )
        add(ActionSpec("tools.password", "Đổi &mật khẩu...", self.change_password))
        add(ActionSpec("help.guide", "&Hướng dẫn sử dụng", lambda: self.show_help("guide"), "F1"))
        add(ActionSpec("help.rules", "Các &quy định được kiểm tra", lambda: self.show_help("rules")))
        add(ActionSpec("help.about", "&Giới thiệu", lambda: self.show_help("about")))
        declared = {p.shortcut for p in self._pages if p.shortcut}
        for index, page in enumerate(self._pages):
            # a page without its own shortcut gets Ctrl+<order/10> (Chi bộ, order 40: Ctrl+4) when free
            fallback = f"Ctrl+{page.order // 10}" if 1 <= page.order // 10 <= 9 else ""
            shortcut = page.shortcut or (fallback if fallback not in declared else "")
            add(ActionSpec(f"page.{page.key}", page.title, lambda i=index: self.show_page(i), shortcut))

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Tệp")
        menu.addAction(self.actions_registry["file.open"])
        menu.addAction(self.actions_registry["file.new"])
        self.recent_menu = QMenu("Tệp &gần đây", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self.actions_registry["file.quit"])
        people = self.menuBar().addMenu("&Hồ sơ")
        people.addAction(self.actions_registry["edit.find"])
        people.addAction(self.actions_registry["person.new"])
        people.addAction(self.actions_registry["person.trash"])
        pages = self.menuBar().addMenu("&Xem")
        for page in self._pages:
            pages.addAction(self.actions_registry[f"page.{page.key}"])
        tools = self.menuBar().addMenu("&Công cụ")
        tools.addAction(self.actions_registry["tools.settings"])
        tools.addAction(self.actions_registry["tools.password"])
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        for key in ("help.guide", "help.rules", "help.about"):
            help_menu.addAction(self.actions_registry[key])

    def _fill_navigation(self) -> None:
        self.nav.clear()
        for page in self._pages:
            QListWidgetItem(page.title, self.nav)
        self.nav.currentRowChanged.connect(self.show_page)
        if self._pages:
            self.nav.setCurrentRow(0)

    def page_titles(self) -> list[str]:
        return [p.title for p in self._pages]

    def show_page(self, index: int) -> None:
        """Pages are built on first visit, which keeps the start fast."""
        if not 0 <= index < len(self._pages):
            return
        page = self._pages[index]
        widget = self._page_widgets.get(page.key)
        if widget is None:
            widget = page.factory(self.ctx)
            self._page_widgets[page.key] = widget
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)

    def focus_search(self) -> None:
        """Ctrl+F: the search box of the page showing, else the people search."""
        box = page_search(self.stack.currentWidget()) or page_search(self.page_widget("candidates"))
        if box is not None:
            box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            box.selectAll()

    def page_widget(self, key: str) -> QWidget | None:
        for index, page in enumerate(self._pages):
            if page.key == key:
                self.show_page(index)
                return self._page_widgets[key]
        return None

    def go_to(self, page_key: str, action: str = "") -> None:
        """Show a page and, when asked, start one of its actions (a method the page has)."""
        widget = self.page_widget(page_key)
        if widget is not None and action:
            start = getattr(widget, action, None)
            if callable(start):
                start()

    def _connect_context(self, ctx: UiContext) -> None:
        ctx.open_person_requested.connect(self.open_person)
        ctx.page_requested.connect(self.go_to)
        ctx.encryption_requested.connect(self.encrypt_data_file)
        ctx.changed.connect(self._on_data_changed)

    def _on_data_changed(self, what: Changes) -> None:
        if what.settings or what.everything:
            self._update_titles()
        if what.settings:
            self._start_guards()  # a new idle-lock delay applies at once, not at the next start

    def _update_titles(self) -> None:
        path = self.ctx.session.store.path
        committee = window_info.committee_title(self.ctx.session)
        read_only = READ_ONLY_MARK if self.ctx.session.store.read_only else ""
        self.file_label.setText(f"Tệp dữ liệu{read_only}: {path}")
        self.file_label.setToolTip(str(path))
        self.committee_label.setText(committee or "Chưa khai báo tên đảng ủy")
        self.setWindowTitle((f"{APP_TITLE} – {committee}" if committee else f"{APP_TITLE} – {path.name}") + read_only)

    def _start_guards(self) -> None:
        """The lock file's heartbeat and the idle lock follow the file that is open."""
        for guard in self._guards:
            guard.deleteLater()
        self._guards = []
        if not self._guard:
            return
        from ui.shell.login import IdleLock

        heartbeat = QTimer(self)
        heartbeat.setInterval(HEARTBEAT_EVERY_SECONDS * 1000)
        lock = self.opened.lock
        if lock is not None:
            heartbeat.timeout.connect(lock.heartbeat)
            heartbeat.start()
        minutes = int(self.ctx.settings.get("idle_lock_minutes") or 15)
        self._guards = [heartbeat, IdleLock(self.ctx.session, minutes, self)]

    # --- people ----------------------------------------------------------------------
    def open_person(self, person_id: int, tab: str = "") -> None:
        """The person's window, raised if open; on ``tab`` when one is named ("road")."""
        from ui.person.window import PersonWindow

        window = self._person_windows.get(person_id)
        if window is None or not window.isVisible():  # a closed one is only waiting to be deleted
            window = PersonWindow(self.ctx, person_id)
            self._track(person_id, window)
        if tab:
            window.show_tab(tab)
        window.show()
        window.raise_()
        window.activateWindow()

    def new_person(self) -> None:
        from ui.person.window import PersonWindow

        window = PersonWindow(self.ctx, None)
        self._keep(window)
        window.person_saved.connect(lambda person_id, w=window: self._track(person_id, w))
        window.show()

    def _keep(self, window: QWidget) -> None:
        """Person windows have no owner (they may go behind this one): the main window keeps
        them alive and closes them, asking about unsaved changes, when it closes."""
        self._open_windows.append(window)
        window.destroyed.connect(
            lambda _obj=None, w=window: self._open_windows.remove(w) if w in self._open_windows else None
        )

    def _track(self, person_id: int, window: QWidget) -> None:
        """A new person's window, once saved, is the one that person's later openings raise."""
        if window not in self._open_windows:
            self._keep(window)
        self._person_windows[person_id] = window
        window.destroyed.connect(lambda _obj=None, pid=person_id: self._person_windows.pop(pid, None))

    def show_help(self, tab: str = "guide") -> None:
        from ui.shell.help import HelpDialog

        HelpDialog(self.ctx.session.rules.id, self, tab=tab).exec()

    def show_settings(self) -> None:
        from ui.shell.settings_dialog import SettingsDialog

        if not self.ctx.session.actor.is_admin:
            vn_buttons.warn(self, "Không có quyền", "Chỉ tài khoản quản trị mới sửa được cài đặt.")
            return
        if self.ctx.session.store.read_only:
            vn_buttons.warn(
                self,
                "Tệp đang mở chỉ đọc",
                "Tệp dữ liệu đang được mở ở một chương trình khác nên "
                "không sửa được cài đặt. Hãy đóng chương trình kia rồi mở lại tệp.",
            )
            return
        SettingsDialog(self.ctx, self).exec()

    def change_password(self) -> None:
        from commune_app.ops import accounts
        from ui.shell.login import ChangePasswordDialog

        session = self.ctx.session
        ChangePasswordDialog(lambda old, new: accounts.change_own_password(session, old, new), self).exec()

    def show_trash(self) -> None:
        from ui.person.trash import TrashDialog

        TrashDialog(self.ctx, self).exec()

    def person_windows(self) -> list[QWidget]:
        return [w for w in self._open_windows if w.isVisible()]

    def _close_person_windows(self) -> bool:
        """Close every person window; False when the clerk chose to keep editing one."""
        return all(window.close() for window in self.person_windows())

    # --- files -----------------------------------------------------------------------
    def choose_file(self) -> None:
        start = str(self.ctx.session.store.path.parent)
        path, _ = QFileDialog.getOpenFileName(self, "Mở tệp dữ liệu", start, "Tệp dữ liệu (*.sqlite *.db);;Mọi tệp (*)")
        if path:
            self.switch_file(Path(path))

    def choose_new_file(self) -> None:
        start = str(self.ctx.session.store.path.parent / "du-lieu-moi.sqlite")
        path, _ = QFileDialog.getSaveFileName(self, "Tạo tệp dữ liệu mới", start, "Tệp dữ liệu (*.sqlite)")
        if path:
            target = Path(path)
            if target.exists():
                vn_buttons.warn(self, "Tệp đã có", f"Tệp {target} đã tồn tại. Hãy dùng “Mở tệp dữ liệu khác”.")
                return
            self.switch_file(target, create=True)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = str(self.ctx.session.store.path)
        recent = [p for p in self.ctx.settings.get("recent_dbs", []) if p != current]
        if not recent:
            action = self.recent_menu.addAction("(chưa có tệp nào khác)")
            action.setEnabled(False)
        for path in recent:
            self.recent_menu.addAction(path, lambda p=path: self.switch_file(Path(p)))

    def switch_file(self, path: Path, *, create: bool = False) -> bool:
        """Open another data file in place of this one; the current one stays open if that fails."""
        if self.tasks.busy:
            vn_buttons.warn(self, "Đang bận", "Hãy chờ thao tác đang chạy kết thúc rồi mở tệp khác.")
            return False
        if Path(path).resolve() == self.ctx.session.store.path.resolve():
            return True
        if not self._close_person_windows():
            return False
        if self._guard:
            opened = open_in_window(Path(path), self.ctx.settings, create=create, parent=self)
        else:
            try:
                opened = OpenedFile(open_session(Path(path), actor=self.ctx.session.actor, create=create))
            except Refused as exc:
                errors.show_refused(self, exc, "Không mở được tệp dữ liệu")
                opened = None
        if opened is None:
            return False
        self._replace_pages(opened)
        self.file_opened.emit(opened.session.store.path)
        remember_file(self.ctx.settings, Path(path))
        self.statusBar().showMessage(f"Đã mở {Path(path).name}", 6000)
        return True

    def _replace_pages(self, opened: OpenedFile) -> None:
        """Pages are rebuilt on the new session; the old file closes after they are gone."""
        old = self.opened
        self._drop_pages()
        if old is not opened:
            close_in_window(old, self)
        ctx = UiContext(opened.session, self.ctx.settings, self)
        ctx.tasks = self.tasks
        self.ctx.open_person_requested.disconnect(self.open_person)
        self.ctx.page_requested.disconnect(self.go_to)
        self.ctx.encryption_requested.disconnect(self.encrypt_data_file)
        self.ctx.changed.disconnect(self._on_data_changed)
        self.ctx.detach()
        self.ctx, self.opened = ctx, opened
        self._connect_context(ctx)
        self.show_page(max(self.nav.currentRow(), 0))
        self._update_titles()
        self._start_guards()

    def _drop_pages(self) -> None:
        for widget in self._page_widgets.values():
            widget.hide()  # a hidden page reads nothing more from the file being closed
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self._page_widgets.clear()
        # the old pages (and their timers) are gone before the old file closes
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def restore_backup(self, backup: Path, password: str | None = None) -> bool:
        """Replace the open file's data by a backup (asked for by the Sao lưu page).

        The session closes (the lock stays: no other program may take the file meanwhile),
        the file is swapped, and the same file reopens, whatever happened.
        """
        from commune_app.ops import backup as backup_ops

        try:
            backup_ops.require_restore_right(self.ctx.session)
        except Refused as exc:
            errors.show_refused(self, exc, "Không khôi phục được")
            return False
        if self.tasks.busy:
            vn_buttons.warn(self, "Đang bận", "Hãy chờ thao tác đang chạy kết thúc rồi khôi phục.")
            return False
        if not self._close_person_windows():
            return False
        path, key = self.ctx.session.store.path, self.ctx.session.store.key
        self._drop_pages()
        self.ctx.session.close()
        restored = False
        try:
            key = backup_ops.restore(path, Path(backup), self.ctx.settings, password=password, key=key).key
            restored = True
        except Refused as exc:
            errors.show_refused(self, exc, "Không khôi phục được")
        finally:
            self.opened.replace_session(path, key)
            self._replace_pages(self.opened)
        if restored:
            vn_buttons.inform(self, "Đã khôi phục", f"Dữ liệu đã được khôi phục từ bản sao lưu {Path(backup).name}.")
        return restored

    def encrypt_data_file(self) -> bool:
        """Turn encryption at rest on for the open file (asked for in Cài đặt): the administrator's
        password, then the file closes, is encrypted and reopens, and the recovery key is shown once."""
        from commune_app.ops import encryption
        from ui.shell.encryption_dialogs import EnableEncryptionDialog, RecoveryKeyDialog

        if self.tasks.busy:
            vn_buttons.warn(self, "Đang bận", "Hãy chờ thao tác đang chạy kết thúc rồi mã hóa tệp.")
            return False
        dialog = EnableEncryptionDialog(self.ctx.session.actor.username, self)
        if not dialog.exec() or not self._close_person_windows():
            return False
        self._drop_pages()
        try:
            enabled = encryption.enable(self.ctx.session, dialog.password.text())
        except encryption.Reopened as exc:
            self.opened.session = exc.session
            self._replace_pages(self.opened)
            errors.show_refused(self, exc, "Không mã hóa được tệp dữ liệu")
            return False
        except Refused as exc:
            self._replace_pages(self.opened)  # the session is still open: nothing changed
            errors.show_refused(self, exc, "Không mã hóa được tệp dữ liệu")
            return False
        self.opened.session = enabled.session
        self._replace_pages(self.opened)
        RecoveryKeyDialog(enabled.recovery_code, enabled.session.store.path.name, self).exec()
        return True

    # --- geometry --------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = self.ctx.settings.get("main_window_geometry")
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
            return
        self.resize(1280, 720)

    def closeEvent(self, event: QCloseEvent) -> None:  # - Qt's name
        if self.tasks.busy:
            vn_buttons.warn(self, "Đang bận", "Hãy chờ thao tác đang chạy kết thúc rồi đóng chương trình.")
            event.ignore()
            return
        if not self._close_person_windows():
            event.ignore()
            return
        self.ctx.detach()  # the pages refresh no more: what is saved now is the window's own
        self.ctx.settings.set("main_window_geometry", bytes(self.saveGeometry().toBase64()).decode("ascii"))
        with contextlib.suppress(OSError):  # settings of this computer only; the data file is unaffected
            self.ctx.settings.save()
        self._drop_pages()  # no page timer may read the file after the window has closed
        event.accept()


def remember_file(settings: Settings, path: Path) -> None:
    """The file just opened becomes the last one and heads the recent list."""
    text = str(Path(path).resolve())
    recent = [p for p in settings.get("recent_dbs", []) if p != text]
    settings.set("recent_dbs", [text, *recent][:MAX_RECENT])
    settings.set("last_db", text)
    try:
        settings.save()
    except OSError as exc:  # a read-only profile folder: the program works, the list is not kept
        logging.getLogger("commune_app").warning("Không lưu được cài đặt: %s", exc)


def build_window(opened: OpenedFile, settings: Settings, *, guard: bool = False) -> MainWindow:
    """The main window on an open file (the benchmark and tests build it unguarded)."""
    ctx = UiContext(opened.session, settings)
    window = MainWindow(ctx, opened, guard=guard)
    remember_file(settings, opened.session.store.path)
    return window
