"""Opening a data file: the one path the window and the command line both take.

``open_data_file`` does, in order: the place warnings (a synchronised folder, a network share,
a USB stick); the one-program-per-file lock (another program holds it: ask whether to open
read-only); the session, opened once (``open_store`` brings the schema up to date); the quick
variant of the integrity check ``commune-app check`` runs (``ops.integrity.check_file``),
offering the latest good backup when it fails; sign-in; the day's first backup. Whatever needs
an answer goes to a ``Questions`` object: the window answers with dialogs (``ui/shell/startup.py``),
the command line from its options (``cli/common.py``). Nothing here knows Qt.

A failed automatic backup (refused, disk full, read-only folder) never stops opening or
closing: it comes back as a ``Notice`` the caller shows, and is tried again at the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from commune_app import log_line, places
from commune_app.errors import FileRefused, Refused
from commune_app.ops.context import SYSTEM, Actor, Session, open_session
from commune_app.ops.integrity import FileReport, check_file
from commune_app.safety import outputs
from commune_app.safety.lock import FileInUse, FileLock
from commune_app.settings import Settings
from commune_app.store import engine
from commune_app.store.db import writable

# The accounts and the backups are imported where a sign-in or a backup needs them: a reading
# command (find, report) starts without them (issue 21: the command line's start).
if TYPE_CHECKING:
    from commune_app.safety.backups import BackupInfo

_LOG = "commune_app"  # the logger this module writes to

# Set when the on-close backup failed: the next start backs up even if today's copy exists.
RETRY_KEY = "backup_retry_at_start"
DAY_FAILED = "Chưa sao lưu được hôm nay: {reason} Chương trình sẽ thử lại lần mở sau."
CLOSE_FAILED = "Chưa sao lưu được khi đóng chương trình: {reason} Chương trình sẽ thử lại lần mở sau."
UNWRITABLE = (
    "Tệp {name} nằm ở nơi không ghi được (ổ chỉ đọc, thư mục được bảo vệ): tệp được mở ở chế độ chỉ đọc, "
    "không ghi được thay đổi."
)


@dataclass(frozen=True)
class Notice:
    """A warning for the clerk that does not stop anything (the caller shows it)."""

    title: str
    text: str


class SignIn:
    """The sign-in question's answer sheet. The asker gathers a name and a password and hands
    them to ``verify`` (or, on a file without accounts, to ``create_admin``), which refuse with
    a Vietnamese reason; opening goes on only with the actor one of them returned.

    On an encrypted file (``encrypted``) ``verify`` first unlocks the data key with the same
    password, and ``recover`` opens it with the recovery key instead: given an administrator's
    name and a new password it sets that password (the window's "Quên mật khẩu"); without them
    the holder of the key works as an administrator named "khóa khôi phục" (the command line)."""

    def __init__(
        self,
        path: Path,
        *,
        first_admin: bool,
        verify: Callable[[str, str], Actor],
        create_admin: Callable[[str, str, str], Actor],
        recover: Callable[[str, str | None, str | None], Actor] | None = None,
    ) -> None:
        self.path = path
        self.first_admin = first_admin
        self._verify = verify
        self._create_admin = create_admin
        self._recover = recover
        self.actor: Actor | None = None

    @property
    def encrypted(self) -> bool:
        return self._recover is not None

    def verify(self, username: str, password: str) -> Actor:
        self.actor = self._verify(username, password)
        return self.actor

    def create_admin(self, username: str, password: str, full_name: str = "") -> Actor:
        """The first administrator of a file that has no account yet."""
        if not self.first_admin:
            raise Refused("Tệp dữ liệu đã có tài khoản: hãy đăng nhập.")
        self.actor = self._create_admin(username, password, full_name)
        return self.actor

    def recover(self, code: str, username: str | None = None, new_password: str | None = None) -> Actor:
        if self._recover is None:
            raise Refused("Tệp dữ liệu này không mã hóa: không có khóa khôi phục.")
        self.actor = self._recover(code, username, new_password)
        return self.actor

    def without_account(self, name: str) -> Actor:
        """Someone who gives no account (the command line): on a file without accounts the
        administrator of their own file, otherwise a viewer."""
        if self.encrypted:
            raise FileRefused(ENCRYPTED_NEEDS_ACCOUNT.format(name=self.path.name))
        self.actor = Actor(username=name, role="admin" if self.first_admin else "viewer")
        return self.actor


ENCRYPTED_NEEDS_ACCOUNT = (
    "Tệp {name} đã được mã hóa: mọi lệnh cần --user TÊN --user-password-file TỆP, "
    "hoặc --recovery-key-file TỆP (tệp chứa khóa khôi phục)."
)
RECOVERY_ACTOR = "khóa khôi phục"  # who the audit names for work done with the recovery key


class PasswordChange:
    """The new password an administrator's reset requires, handed to ``apply``."""

    def __init__(self, username: str, apply: Callable[[str, str], None]) -> None:
        self.username = username
        self._apply = apply

    def apply(self, old_password: str, new_password: str) -> None:
        self._apply(old_password, new_password)


class Questions(Protocol):
    """What opening a file asks; each answer may also raise ``Refused`` to stop with a reason."""

    def place_warnings(self, warnings: list[places.PlaceWarning]) -> None:
        """The file lies somewhere unsafe: tell (opening goes on)."""

    def open_read_only(self, in_use: FileInUse) -> bool:
        """Another program holds the file: True opens it read-only, False gives up."""

    def restore_damaged(self, report: FileReport, latest: BackupInfo | None) -> bool:
        """The file failed its check: True restores ``latest`` (never asked to when it is None)."""

    def sign_in(self, request: SignIn) -> bool:
        """Who works: call ``request.verify`` (or ``create_admin``); False gives up."""

    def change_password(self, change: PasswordChange) -> bool:
        """The account's password was reset: call ``change.apply``; False gives up."""


@dataclass
class OpenedFile:
    """An open data file until the program closes: its session, its lock, what to show.

    ``settings`` None (tools, previews, tests, the command line) makes no automatic backup."""

    session: Session
    settings: Settings | None = None
    lock: FileLock | None = None
    notices: list[Notice] = field(default_factory=list)

    def close(self) -> list[Notice]:
        """A last backup (its failure is a notice, never a reason to stay open), then the lock goes."""
        from commune_app.ops import backup as backup_ops

        notices = []
        if self.settings is not None and not self.session.store.read_only:
            settings = self.settings
            failure = _backup_failure(lambda: backup_ops.automatic_backup(self.session, settings, force=True), settings)
            if failure:
                notices.append(Notice("Chưa sao lưu được", CLOSE_FAILED.format(reason=failure)))
            _remember_retry(self.settings, bool(failure))
        self.session.close()
        self.release()
        return notices

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def replace_session(self, path: Path, key: bytes | None = None) -> None:
        """After a restore from the Sao lưu page: the same file again, the same user, the lock kept
        (``key``: an encrypted file's, which the closed session had)."""
        self.session = open_session(path, actor=self.session.actor, key=key)


def open_data_file(
    path: Path,
    settings: Settings | None,
    questions: Questions,
    *,
    create: bool = False,
    read_only: bool = False,
    check: bool = True,
    lock: bool = True,
    actor: Actor | None = None,
    key: bytes | None = None,
) -> OpenedFile | None:
    """Open ``path`` with every guard; None when a question was answered "give up".

    ``check`` False skips the quick integrity check (a one-shot command: ``commune-app check``
    runs the full one itself); ``lock`` False reads (and audits) beside a program holding the
    file, as the command line's reading commands do; ``actor`` is someone already signed in
    (the first-start wizard just created them), with ``key`` when it also encrypted the file.
    A refusal (file missing, not ours, newer) raises ``Refused``."""
    path = Path(path)
    found = places.data_file_warnings(path)
    if found:
        questions.place_warnings(found)
    notices = []
    if not read_only and path.exists() and not writable(path):
        notices.append(Notice("Tệp chỉ đọc", UNWRITABLE.format(name=path.name)))
        read_only = True
    held = None
    if lock and not read_only:
        held = FileLock(path)
        try:
            held.acquire()
        except FileInUse as exc:
            held = None
            if not questions.open_read_only(exc):
                return None
            read_only = True
    # Nothing in an encrypted file can be read before a password unlocks its key.
    by_sign_in = key is None and path.exists() and engine.is_encrypted_file(path)
    try:
        if by_sign_in:
            unlocked = _unlocked(path, questions, read_only)
            if unlocked is None:
                if held is not None:
                    held.release()
                return None
            session = unlocked
        else:
            session = open_session(path, create=create, read_only=read_only, actor=SYSTEM, key=key)
    except BaseException:
        if held is not None:
            held.release()
        raise
    opened = OpenedFile(session, settings, held, notices)
    try:
        signed = session.actor if by_sign_in else actor
        ready = (not check or _checked(opened, questions)) and _signed_in(opened, questions, signed)
    except BaseException:
        opened.session.close()
        opened.release()
        raise
    if not ready:
        opened.session.close()
        opened.release()
        return None
    if settings is not None and not opened.session.store.read_only:
        opened.notices += day_backup(opened.session, settings)
    return opened


def _checked(opened: OpenedFile, questions: Questions) -> bool:
    report = check_file(opened.session, quick=True)
    if report.sound:
        return True
    log_line.error(_LOG, "Tệp dữ liệu không đạt kiểm tra: %s", report.problems[:5])
    # read-only: another program holds the file, so it must not be swapped under it
    key = opened.session.store.key
    latest = (
        None if opened.session.store.read_only or opened.settings is None else latest_good_backup(opened.settings, key)
    )
    if not questions.restore_damaged(report, latest) or latest is None or opened.settings is None:
        return False
    from commune_app.ops import backup as backup_ops

    path, actor = opened.session.store.path, opened.session.actor
    opened.session.close()
    restored = backup_ops.restore(path, latest.path, opened.settings, key=key)
    opened.session = open_session(path, actor=actor, key=restored.key)
    return True


def latest_good_backup(settings: Settings, key: bytes | None = None) -> BackupInfo | None:
    """The newest backup without a backup password that passes the full check a restore runs
    (the copies of an encrypted file count when its ``key`` is given)."""
    from commune_app.ops import backup as backup_ops
    from commune_app.safety import backups

    for info in backups.list_backups(backup_ops.backup_folder(settings)):
        if info.encrypted or (info.keyed and key is None):
            continue
        try:
            return backups.inspect(info.path, key=key if info.keyed else None)
        except Refused:
            continue
    return None


def _unlocked(path: Path, questions: Questions, read_only: bool) -> Session | None:
    """An encrypted file opened by the sign-in that unlocked it (None: the asker gave up). A wrong
    password is counted here, in this opening, as in a read-only file: the file cannot be read yet."""
    from commune_app.ops import accounts, encryption

    opened: list[Session] = []
    failures: dict[str, tuple[int, str | None]] = {}

    def open_with(key: bytes) -> Session:
        for earlier in opened:
            earlier.close()
        opened.clear()
        session = open_session(path, read_only=read_only, actor=SYSTEM, key=key)
        opened.append(session)
        return session

    def verify(username: str, password: str) -> Actor:
        key = accounts.counted_outside_file(failures, username, lambda: encryption.unlock(path, username, password))
        session = open_with(key)
        session.sign_in_failures = failures
        return accounts.authenticate(session, username, password)

    def recover(code: str, username: str | None, new_password: str | None) -> Actor:
        key = accounts.counted_outside_file(failures, "", lambda: encryption.unlock_with_recovery(path, code))
        session = open_with(key)
        session.actor = Actor(username=RECOVERY_ACTOR, role="admin")
        session.store.user = RECOVERY_ACTOR
        if username is None or new_password is None:
            return session.actor
        accounts.reset_password(session, username, new_password, must_change=False, admin_only=True)
        return accounts.authenticate(session, username, new_password)

    request = SignIn(path, first_admin=False, verify=verify, create_admin=lambda *_: SYSTEM, recover=recover)
    try:
        signed = questions.sign_in(request) and request.actor is not None and bool(opened)
    except BaseException:
        for session in opened:
            session.close()
        raise
    if not signed:
        for session in opened:
            session.close()
        return None
    assert request.actor is not None
    opened[-1].actor = request.actor
    return opened[-1]


def _signed_in(opened: OpenedFile, questions: Questions, actor: Actor | None) -> bool:
    from commune_app.ops import accounts

    session = opened.session
    if actor is None:
        request = SignIn(
            session.store.path,
            first_admin=accounts.needs_first_admin(session.store),
            verify=lambda username, password: accounts.authenticate(session, username, password),
            create_admin=lambda username, password, full_name: create_first_admin(
                session, username, password, full_name
            ),
        )
        if not questions.sign_in(request) or request.actor is None:
            return False
        actor = request.actor
    session.actor = actor
    session.store.user = actor.username
    # read-only (another program holds the file): a new password could not be saved anyway
    if not session.store.read_only and accounts.must_change_password(session.store, actor.username):
        change = PasswordChange(actor.username, lambda old, new: accounts.change_own_password(session, old, new))
        return questions.change_password(change)
    return True


def create_first_admin(session: Session, username: str, password: str, full_name: str = "") -> Actor:
    """The administrator of a file without accounts, signed in."""
    from commune_app.ops import accounts

    accounts.create_user(session, username, password, "admin", full_name=full_name)
    return accounts.authenticate(session, username, password)


def day_backup(session: Session, settings: Settings) -> list[Notice]:
    """The first start of each day leaves a verified copy; a failure is a notice, and the next
    start tries again (no automatic backup of today exists then, or the retry mark says so)."""
    from commune_app.ops import backup as backup_ops

    notices = []
    retry = bool(settings.get(RETRY_KEY, False))
    try:
        backup_ops.remove_leftovers(session, settings)
    except OSError as exc:  # a folder that cannot be listed: the backup below says what to do
        log_line.warning(_LOG, "Không dọn được tệp tạm: %s", exc)
    failure = _backup_failure(lambda: backup_ops.automatic_backup(session, settings, force=retry), settings)
    if failure:
        notices.append(Notice("Chưa sao lưu được", DAY_FAILED.format(reason=failure)))
    elif retry:
        _remember_retry(settings, False)
    if not failure:
        weekly = _backup_failure(lambda: backup_ops.weekly_check(settings, key=session.store.key), settings)
        if weekly:
            notices.append(Notice("Bản sao lưu không đạt kiểm tra", weekly))
    return notices


def _backup_failure(make: Callable[[], object], settings: Settings) -> str | None:
    """None when ``make`` worked, else why not in the clerk's words (logged too)."""
    from commune_app.ops import backup as backup_ops

    try:
        make()
    except Refused as exc:
        reason = " ".join(exc.reasons)
    except Exception as exc:
        if not isinstance(exc, (OSError, *engine.Error)):
            raise
        reason = outputs.explain(exc, backup_ops.backup_folder(settings) / "bản sao lưu")
    else:
        return None
    log_line.error(_LOG, "Sao lưu tự động (hoặc kiểm tra hằng tuần) không thành: %s", reason)
    return reason.rstrip(".") + "."


def _remember_retry(settings: Settings, due: bool) -> None:
    if bool(settings.get(RETRY_KEY, False)) == due:
        return
    settings.set(RETRY_KEY, due)
    try:
        settings.save()
    except OSError as exc:  # the settings folder itself refuses: the next start simply cannot know
        log_line.warning(_LOG, "Không ghi được cài đặt: %s", exc)
