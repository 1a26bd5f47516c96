"""The shell: pages, status bar, geometry, actions, task runner, Vietnamese buttons, errors."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QMessageBox, QPushButton

from commune_app import logs
from commune_app.errors import Refused
from commune_app.settings import Settings
from commune_app.store import profile
from tests.factories import make_cell, make_person
from tests.gui.shell_fixtures import ctx, dialogs, main_window  # noqa: F401 - fixtures
from ui.kit import vn_buttons
from ui.shell import errors
from ui.shell.actions import ActionRegistry, ActionSpec
from ui.shell.pages import discover

pytestmark = pytest.mark.gui


@pytest.fixture
def one_of_each(session) -> None:
    """A cell with a candidate and a member, made before the window opens on the file."""
    cell = make_cell(session, "Chi bộ thôn Nà Lầu")
    make_person(session, "Lò Thị Mai", cell_id=cell)
    member = make_person(session, "Nguyễn Văn An", cell_id=cell)
    with session.write() as audit:
        session.store.conn.execute(
            "UPDATE people SET status = 'official', admitted_on = '2001-02-03' WHERE id = ?", [member]
        )
        audit.record("test", "person", member, person_id=member)


def test_navigation_lists_only_real_pages_and_each_opens(one_of_each, main_window):
    titles = [main_window.nav.item(i).text() for i in range(main_window.nav.count())]
    assert titles == [p.title for p in discover() if not p.admin_only or main_window.ctx.session.actor.is_admin]
    assert {"Người vào Đảng", "Đảng viên", "Chi bộ"} <= set(titles)
    for key in ("candidates", "members", "cells"):
        page = main_window.page_widget(key)
        assert page is main_window.stack.currentWidget()
        # A page with real content, never an empty placeholder: a list the clerk can read, filled in.
        views = [v for v in page.findChildren(QAbstractItemView) if v.model() is not None]
        assert views and any(v.model().rowCount() > 0 for v in views)


def test_status_bar_shows_file_and_committee(qtbot, session, dialogs, db_path):
    from commune_app.ops.opening import OpenedFile
    from ui.shell.main_window import build_window

    with session.write() as audit:
        profile.save_profile(session.store, audit, {"committee_name": "Đảng ủy xã Nà Hang"})
    window = build_window(OpenedFile(session, None), Settings())
    qtbot.addWidget(window)
    assert db_path.name in window.file_label.text()
    assert window.committee_label.text() == "Đảng ủy xã Nà Hang"
    assert "Đảng ủy xã Nà Hang" in window.windowTitle()
    with session.write() as audit:  # a committed write tells the window itself: no notice by hand
        profile.save_profile(session.store, audit, {"committee_name": "Đảng ủy xã Yên Hoa"})
    assert window.committee_label.text() == "Đảng ủy xã Yên Hoa"


def test_geometry_and_recent_file_are_remembered(qtbot, main_window, db_path):
    main_window.resize(1000, 640)
    assert main_window.close()
    saved = Settings()
    assert saved.get("main_window_geometry")
    assert saved.get("recent_dbs")[0] == str(db_path.resolve())


def test_open_another_file_switches_session_and_status(qtbot, main_window, tmp_path):
    other = tmp_path / "khac.sqlite"
    assert main_window.switch_file(other, create=True)
    assert main_window.ctx.session.store.path == other
    assert "khac.sqlite" in main_window.file_label.text()
    assert main_window.page_widget("candidates").ctx is main_window.ctx


def test_action_registry_refuses_a_shortcut_used_twice(qtbot):
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    qtbot.addWidget(owner)
    registry = ActionRegistry(owner)
    registry.add(ActionSpec("a", "Một", lambda: None, "Ctrl+K"))
    with pytest.raises(ValueError):
        registry.add(ActionSpec("b", "Hai", lambda: None, "Ctrl+K"))
    assert "a" in registry and registry["a"].shortcut().toString() == "Ctrl+K"


def test_main_window_actions_have_vietnamese_texts_and_shortcuts(main_window):
    registry = main_window.actions_registry
    assert registry["person.new"].shortcut().toString() == "Ctrl+N"
    assert registry["file.open"].text().replace("&", "") == "Mở tệp dữ liệu khác..."


def test_task_runner_works_off_the_gui_thread_and_delivers_on_it(qtbot, main_window):
    runner = main_window.tasks
    seen: dict[str, object] = {}

    def work(progress):
        seen["worker"] = threading.current_thread() is threading.main_thread()
        progress(1, 2, "Đang làm")
        return 42

    def done(result):
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is QCoreApplication.instance().thread()

    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.run("Việc thử", work, done)
    assert seen == {"worker": False, "result": 42, "gui": True}
    assert not runner.busy


def test_task_runner_shows_a_refusal_once_and_reports_cancel(qtbot, main_window, dialogs):
    runner = main_window.tasks

    def refuse(_progress):
        raise Refused("Tệp đang mở trong Excel")

    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.run("Xuất danh sách", refuse, lambda _r: None)
    assert dialogs.shown == ["Xuất danh sách: Tệp đang mở trong Excel"]

    started = threading.Event()

    def long_work(progress):
        started.set()
        for step in range(1000):
            progress(step, 1000)
            QThread.msleep(5)
        return "hết"

    finished = []
    with qtbot.waitSignal(runner.message, timeout=10000) as message:
        runner.run("Việc dài", long_work, finished.append)
        assert started.wait(5)
        cancel = runner._dialog.findChild(QPushButton)
        assert cancel.text() == "Hủy"
        cancel.click()
    assert message.args == ["Đã hủy: Việc dài"]
    assert finished == []


def test_task_runner_sends_bugs_to_the_crash_dialog(qtbot, main_window, monkeypatch):
    reported = []
    monkeypatch.setattr(errors, "report_unexpected", lambda _parent, exc: reported.append(exc))
    with qtbot.waitSignal(main_window.tasks.idle, timeout=5000):
        main_window.tasks.run("Lỗi", lambda _p: 1 / 0)
    assert isinstance(reported[0], ZeroDivisionError)


def test_crash_dialog_logs_and_gives_copyable_details(qtbot, monkeypatch):
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    try:
        raise RuntimeError("hỏng")
    except RuntimeError as exc:
        errors.report_unexpected(None, exc)
    box = boxes[0]
    assert "lỗi không mong đợi" in box.text()
    assert str(logs.log_file()) in box.informativeText()
    assert "RuntimeError: hỏng" in box.detailedText()
    assert "RuntimeError: hỏng" in logs.log_file().read_text(encoding="utf-8")
    assert box.button(QMessageBox.StandardButton.Ok).text() == "Đồng ý"


def test_standard_buttons_speak_vietnamese(qtbot):
    from ui.shell.app import make_application

    make_application()
    box = vn_buttons.button_box(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Save).text() == "Lưu"
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"
    plain = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    assert plain.button(QDialogButtonBox.StandardButton.Yes).text().replace("&", "") == "Có"
    # Qt's texts we do not translate stay as Qt wrote them, never blank
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QLocalSocket", "%1: Invalid name") == "%1: Invalid name"


def test_restore_backup_swaps_the_data_and_reopens_the_same_file(qtbot, main_window, dialogs, tmp_path):
    from commune_app.ops import backup as backup_ops
    from commune_app.ops import people as people_ops
    from tests.factories import make_person

    session = main_window.ctx.session
    kept = make_person(session, "Nguyễn Văn An")
    info = backup_ops.manual_backup(session, tmp_path / "saoluu")
    make_person(session, "Trần Thị Ân")
    page = main_window.page_widget("candidates")
    page.refresh()
    assert page.model.rowCount() == 2

    assert main_window.restore_backup(info.path)
    new_session = main_window.ctx.session
    assert new_session is not session and new_session.store.path == session.store.path
    assert [r["id"] for r in people_ops.find(new_session)] == [kept]
    assert main_window.page_widget("candidates").model.rowCount() == 1
    assert dialogs.shown and dialogs.shown[-1].startswith("Đã khôi phục")


def test_the_program_opens_the_last_file_else_the_users_data_file(tmp_path):
    from commune_app.paths import default_data_file
    from ui.shell.app import choose_data_file

    settings = Settings()
    assert choose_data_file(None, settings) == (default_data_file(), True)
    given = tmp_path / "khac.sqlite"
    assert choose_data_file(given, settings) == (given, True)
    given.write_bytes(b"")
    settings.set("last_db", str(given))
    assert choose_data_file(None, settings) == (given, False)
    given.unlink()
    assert choose_data_file(None, settings)[0] == default_data_file()


def test_opening_a_person_twice_raises_the_same_window(qtbot, main_window):
    from tests.factories import make_person

    person = make_person(main_window.ctx.session, "Nguyễn Văn An")
    main_window.ctx.open_person(person)
    main_window.ctx.open_person(person)
    windows = main_window.person_windows()
    assert len(windows) == 1 and windows[0].windowTitle() == "Nguyễn Văn An"

    main_window.new_person()
    new = next(w for w in main_window.person_windows() if w.person_id is None)
    profile = new.tab("profile")
    profile.editors["full_name"].setText("Trần Thị Ân")
    profile.editors["gender"].set_value("F")
    profile.editors["birth_date"].setText("02/03/2000")
    assert new.save_all()
    main_window.ctx.open_person(new.person_id)
    assert len(main_window.person_windows()) == 2
