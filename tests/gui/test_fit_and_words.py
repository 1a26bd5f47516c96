"""Walk every page, tab, person tab and dialog kind at 1366×768 and at 1920×1080 with 125 %
scaling (1536×864 logical pixels): every text shows whole, and no text is a rule code or
Qt's English."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTableView, QWidget

from commune_app.demo.generator import generate
from commune_app.ops.context import Actor, open_session
from commune_app.settings import Settings
from tests.gui.screens import screens
from ui.kit.fit_check import cut_texts

pytestmark = pytest.mark.gui

SIZES = [(1366, 768), (1536, 864)]  # the second is 1920×1080 at 125 %, in logical pixels
CODE = re.compile(r"\[[A-Z][A-Z0-9]*(-[A-Z0-9]+)+\]|\[[A-Z]{3,}\]")
QT_ENGLISH = re.compile(
    r"^(OK|Cancel|Yes|No|Save|Open|Close|Apply|Discard|Browse|Look in:|File name:|"
    r"Files of type:|Show Details\.\.\.|Hide Details\.\.\.|Reset|Help|Retry|Abort|Ignore)$"
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator:
    from commune_app.ops.opening import OpenedFile
    from ui.shell.app import make_application
    from ui.shell.main_window import build_window

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
    for where, widget in screens(demo, size):
        cuts += [str(cut) for cut in cut_texts(widget, where)]
        # A page that needs more room than the screen holds the whole window wider than it
        # (the course papers' buttons on one row once needed 1394 pixels at 1366).
        needs = widget.minimumSizeHint()
        if needs.width() > size[0] or needs.height() > size[1]:
            cuts.append(f"{where}: cần {needs.width()}×{needs.height()}, màn hình {size[0]}×{size[1]}")
    assert sorted(set(cuts)) == []


def test_no_rule_code_and_no_qt_english_is_shown(demo):
    seen = []
    for where, widget in screens(demo, SIZES[0]):
        seen += [
            f"{where}: {text}"
            for text in _texts(widget)
            if CODE.search(text) or QT_ENGLISH.match(text.replace("&", "").strip())
        ]
    assert sorted(set(seen)) == []
