"""The screens a clerk meets, one after another: every page and its tabs, the person window's
tabs for a candidate, a probationer and a member, and every dialog kind. The fit walk of the
tests and scripts/page_screenshots.py go through the same list."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QApplication, QWidget

from commune_app.domain.road import KINDS
from ui.kit.fit_check import walk_pages, walk_tabs


def sample_people(window) -> list[int]:
    store = window.ctx.session.store
    return [
        store.scalar(f"SELECT id FROM people WHERE status = '{status}' ORDER BY id LIMIT 1")
        for status in ("candidate", "probationary", "official")
    ]


def dialog_kinds(window) -> list[QWidget]:
    from ui.accounts.users_page import UserDialog
    from ui.cells.awards_dialog import CellAwardsDialog
    from ui.cells.dialogs import CellDialog, TargetDialog
    from ui.courses.dialogs import CourseDialog
    from ui.person.move_dialog import MoveDialog
    from ui.person.tab_relatives import RelativeDialog
    from ui.person.trash import TrashDialog
    from ui.road.introducer_picker import MemberPicker
    from ui.road.step_dialog import StepDialog
    from ui.shell.login import ChangePasswordDialog, LoginDialog
    from ui.shell.settings_dialog import SettingsDialog

    ctx, session = window.ctx, window.ctx.session
    cell = session.store.scalar("SELECT id FROM cells ORDER BY id LIMIT 1")
    candidate, probationary, _official = sample_people(window)
    made: list[QWidget] = [
        CellDialog(ctx, None, window),
        CellDialog(ctx, cell, window),
        TargetDialog(ctx, cell, "Chi bộ", 2026, 3, window),
        CourseDialog(ctx, None, window),
        MoveDialog(ctx, [(candidate, "Người thử")], window),
        MemberPicker(ctx, candidate, parent=window),
        RelativeDialog(ctx, candidate, parent=window),
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


def screens(window, size: tuple[int, int]) -> Iterator[tuple[str, QWidget]]:
    window.resize(*size)
    yield from walk_pages(window)
    for person in sample_people(window):
        window.open_person(person)
    for person_window in window.person_windows():
        person_window.resize(min(1000, size[0]), min(700, size[1] - 40))
        yield from walk_tabs(person_window, f"Hồ sơ {person_window.windowTitle()}")
        person_window._forget_changes()
        person_window.close()
    for dialog in dialog_kinds(window):
        dialog.show()
        QApplication.processEvents()
        step = getattr(dialog, "step_form", None)  # every step kind has the same title: name the kind
        title = dialog.windowTitle() or type(dialog).__name__
        yield (f"{title} ({step.kind})" if step is not None else title), dialog
        dialog.hide()
        dialog.deleteLater()
