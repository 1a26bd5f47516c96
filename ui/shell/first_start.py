"""The first start: the wizard, then the data file it describes (and the demo file if asked),
opened by ``ops.opening`` like every other file, with the administrator the wizard created."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from commune_app.errors import Refused
from commune_app.ops import encryption
from commune_app.ops.context import Session
from commune_app.ops.opening import OpenedFile, create_first_admin
from commune_app.ops.setup import create_data_file
from commune_app.paths import user_data_dir
from commune_app.settings import Settings
from ui.shell import errors
from ui.shell.encryption_dialogs import RecoveryKeyDialog
from ui.shell.first_run import START_DEMO, START_IMPORT, FirstRunWizard
from ui.shell.startup import open_in_window

DEMO_FILE = "du-lieu-mau-dung-thu.sqlite"


def run_first_start(settings: Settings) -> tuple[OpenedFile, str | None] | None:
    """Ask, create the real file (profile and administrator), and open it or the demo file;
    with the page the window starts on (the import page when that was the choice)."""
    wizard = FirstRunWizard()
    if not wizard.exec():
        return None
    choices = wizard.choices()
    settings.set("backup_dir", str(choices.backup_dir))
    settings.save()
    try:
        session = create_data_file(
            choices.data_file,
            choices.profile,
            admin_username=choices.admin_username,
            admin_password=choices.admin_password,
            admin_full_name=choices.admin_full_name,
        )
        if choices.encrypt:
            session = _encrypted(session, choices.admin_password)
        if choices.start == START_DEMO:
            from ui.shell.main_window import remember_file

            remember_file(settings, choices.data_file)  # the real file waits in "Tệp gần đây"
            session.close()
            session = _demo_session(choices)
    except Refused as exc:
        errors.show_refused(None, exc, "Không tạo được tệp dữ liệu")
        return None
    path, actor, key = session.store.path, session.actor, session.store.key
    session.close()
    opened = open_in_window(path, settings, create=False, actor=actor, key=key)
    if opened is None:
        return None
    return opened, "import" if choices.start == START_IMPORT else None


def _encrypted(session: Session, password: str) -> Session:
    """The new file encrypted at once, its recovery key shown (once) before anything else."""
    enabled = encryption.enable(session, password)
    RecoveryKeyDialog(enabled.recovery_code, enabled.session.store.path.name).exec()
    return enabled.session


def _demo_session(choices) -> Session:
    """The demo lives in its own file, never mixed with the commune's real records."""
    from commune_app.demo.generator import generate
    from commune_app.ops.context import SYSTEM, open_session

    path = user_data_dir() / DEMO_FILE
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)  # a previous trial: the demo is always made afresh
    session = open_session(path, create=True, actor=SYSTEM)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        generate(session, scale="commune", seed=1)
        session.actor = create_first_admin(
            session, choices.admin_username, choices.admin_password, choices.admin_full_name
        )
        session.store.user = session.actor.username
    except BaseException:
        session.close()
        raise
    finally:
        QApplication.restoreOverrideCursor()
    return session
