"""The window shows the account's limits: a restricted clerk's list is their cell's, pages they may
not use are not listed, buttons of changes they may not make are disabled (the operations refuse
them anyway: tests/core/test_permissions.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from commune_app.ops.context import Actor, Session
from commune_app.settings import Settings
from tests.factories import make_cell, make_person
from tests.gui.shell_fixtures import Dialogs, dialogs  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui


@pytest.fixture
def cells(session: Session) -> tuple[int, int]:
    nalau = make_cell(session, "Chi bộ thôn Nà Lầu")
    pacbo = make_cell(session, "Chi bộ thôn Pác Bó")
    make_person(session, "Nguyễn Văn An", cell_id=nalau)
    make_person(session, "Trần Thị Ân", cell_id=pacbo, gender="F")
    return nalau, pacbo


def _window(qtbot, session: Session, actor: Actor) -> Iterator:
    from commune_app.ops.opening import OpenedFile
    from ui.shell.app import make_application
    from ui.shell.main_window import build_window

    session.actor = actor
    make_application()
    window = build_window(OpenedFile(session, None), Settings())
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def restricted_window(qtbot, session: Session, cells: tuple[int, int], dialogs: Dialogs) -> Iterator:
    yield from _window(qtbot, session, Actor(username="bithu", role="clerk", cell_id=cells[0]))


@pytest.fixture
def viewer_window(qtbot, session: Session, cells: tuple[int, int], dialogs: Dialogs) -> Iterator:
    yield from _window(qtbot, session, Actor(username="xem", role="viewer"))


def test_a_restricted_clerk_sees_their_cell_and_no_commune_pages(qtbot, restricted_window, cells) -> None:
    keys = [page.key for page in restricted_window._pages]
    assert "reports" not in keys and "users" not in keys and "audit" not in keys
    assert "candidates" in keys and "import" in keys
    page = restricted_window.page_widget("candidates")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.model.row_data(0)["full_name"] == "Nguyễn Văn An"
    assert page.cell_combo.value() == str(cells[0]) and not page.cell_combo.isEnabled()
    assert page.new_button.isEnabled() and page.delete_button.isEnabled()
    assert not page.move_button.isEnabled()  # every move would take someone out of their cell
    cells_page = restricted_window.page_widget("cells")
    assert not cells_page.add_button.isEnabled() and cells_page.target_button.isEnabled()
    backup_page = restricted_window.page_widget("backup")
    assert not backup_page.usb_button.isEnabled() and not backup_page.file_button.isEnabled()
    assert not restricted_window.page_widget("documents").register.button.isEnabled()


def test_a_restricted_clerk_cannot_restore(qtbot, restricted_window, dialogs: Dialogs, tmp_path) -> None:
    assert restricted_window.restore_backup(tmp_path / "khong-co.sqlite") is False
    assert any("quản trị" in text for text in dialogs.shown)


def test_a_viewer_has_no_import_page_and_no_change_buttons(qtbot, viewer_window) -> None:
    keys = [page.key for page in viewer_window._pages]
    assert "import" not in keys and "reports" in keys and "users" not in keys
    page = viewer_window.page_widget("candidates")
    assert page.cell_combo.isEnabled() and not page.new_button.isEnabled()
    cells_page = viewer_window.page_widget("cells")
    assert not any(b.isEnabled() for b in (cells_page.add_button, cells_page.edit_button, cells_page.target_button))
    courses_page = viewer_window.page_widget("courses")
    assert not courses_page.all_present.isEnabled()
