"""Walk every page, tab, person tab and dialog kind at 1366×768 and at 1920×1080 with 125 %
scaling (1536×864 logical pixels): every text shows whole, and no text is a rule code or
Qt's English."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QTableView, QWidget

from commune_app.demo.generator import generate
from commune_app.domain.road import KINDS
from commune_app.ops.context import Actor, open_session
from commune_app.settings import Settings
from ui.fit_check import cut_texts, walk_pages, walk_tabs

pytestmark = pytest.mark.gui

SIZES = [(1366, 768), (1536, 864)]  # the second is 1920×1080 at 125 %, in logical pixels
CODE = re.compile(r"\[[A-Z][A-Z0-9]*(-[A-Z0-9]+)+\]|\[[A-Z]{3,}\]")
QT_ENGLISH = re.compile(
    r"^(OK|Cancel|Yes|No|Save|Open|Close|Apply|Discard|Browse|Look in:|File name:|"
    r"Files of type:|Show Details\.\.\.|Hide Details\.\.\.|Reset|Help|Retry|Abort|Ignore)$"
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator:
    from ui.app import OpenedFile, build_window, make_application

    folder = tmp_path_factory.mktemp("vua-man-hinh")
    make_application()
    session = open_session(folder / "demo.sqlite", actor=Actor(username="kiemthu", role="admin"))
    session.today_override = dt.date(2026, 12, 2)
    generate(session, scale="commune", seed=1)
    window = build_window(OpenedFile(session, None), Settings(folder / "cai-dat.json"))
    window.show()
    yield window
    for person in window.person_windows():
        person._forget_changes()
        person.close()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    session.close()


def _people(window) -> list[int]:
    store = window.ctx.session.store
    return [
        store.scalar(f"SELECT id FROM people WHERE status = '{status}' ORDER BY id LIMIT 1")
        for status in ("candidate", "probationary", "official")
    ]


def _dialogs(window) -> list[QWidget]:
    from ui.cell_awards import CellAwardsDialog
    from ui.cell_dialogs import CellDialog, TargetDialog
    from ui.course_dialogs import CourseDialog
    from ui.login import ChangePasswordDialog, LoginDialog
    from ui.move_dialog import MoveDialog
    from ui.pages.p_users import UserDialog
    from ui.road.introducer_picker import MemberPicker
    from ui.road.step_dialog import StepDialog
    from ui.settings_dialog import SettingsDialog
    from ui.trash import TrashDialog

    ctx, session = window.ctx, window.ctx.session
    cell = session.store.scalar("SELECT id FROM cells ORDER BY id LIMIT 1")
    candidate, probationary, _official = _people(window)
    made: list[QWidget] = [
        CellDialog(ctx, None, window),
        CellDialog(ctx, cell, window),
        TargetDialog(ctx, cell, "Chi bộ", 2026, 3, window),
        CourseDialog(ctx, None, window),
        MoveDialog(ctx, [(candidate, "Người thử")], window),
        MemberPicker(ctx, candidate, parent=window),
        MemberPicker(ctx, probationary, role="mentor", parent=window),
        SettingsDialog(ctx, window),
        UserDialog(ctx, window),
        TrashDialog(ctx, window),
        CellAwardsDialog(ctx, cell, window),
        LoginDialog(lambda _name, _password: session.actor, window),
        ChangePasswordDialog(lambda _old, _new: None, window),
    ]
    made += [StepDialog(ctx, candidate, kind=kind.code, parent=window) for kind in KINDS]
    return made


def _screens(window, size: tuple[int, int]) -> Iterator[tuple[str, QWidget]]:
    window.resize(*size)
    yield from walk_pages(window)
    for person in _people(window):
        window.open_person(person)
    for person_window in window.person_windows():
        person_window.resize(min(1000, size[0]), min(700, size[1] - 40))
        yield from walk_tabs(person_window, f"Hồ sơ {person_window.windowTitle()}")
        person_window._forget_changes()
        person_window.close()
    for dialog in _dialogs(window):
        dialog.show()
        QApplication.processEvents()
        yield dialog.windowTitle() or type(dialog).__name__, dialog
        dialog.hide()
        dialog.deleteLater()


def _texts(root: QWidget) -> Iterator[str]:
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget.text()
        if isinstance(widget, QLineEdit):
            yield widget.placeholderText()
        if widget.toolTip():
            yield widget.toolTip()
        if isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            yield from (str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount()))
            yield from (
                str(model.index(r, c).data() or "")
                for r in range(min(model.rowCount(), 30))
                for c in range(model.columnCount())
            )


@pytest.mark.parametrize("size", SIZES, ids=["1366x768", "1920x1080-125"])
def test_every_text_shows_whole(demo, size):
    cuts = []
    for where, widget in _screens(demo, size):
        cuts += [str(cut) for cut in cut_texts(widget, where)]
    assert sorted(set(cuts)) == []


def test_no_rule_code_and_no_qt_english_is_shown(demo):
    seen = []
    for where, widget in _screens(demo, SIZES[0]):
        seen += [
            f"{where}: {text}"
            for text in _texts(widget)
            if CODE.search(text) or QT_ENGLISH.match(text.replace("&", "").strip())
        ]
    assert sorted(set(seen)) == []
