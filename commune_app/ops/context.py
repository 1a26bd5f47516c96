"""The application context every operation receives: the open file, who acts, which rules.

There are no globals: the window and the command line each build one ``Session`` and pass
it to the operations (git-cola's explicit context, not a singleton).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from commune_app.errors import NotAllowed
from commune_app.store import profile
from commune_app.store.db import Audit, Store, open_store

if TYPE_CHECKING:
    from commune_app.rules.calendar import WorkCalendar
    from commune_app.rules.ruleset import RuleSet

ROLE_LABELS = {"admin": "Quản trị", "clerk": "Cán bộ nhập liệu", "viewer": "Chỉ xem"}
CELL_ONLY = "Tài khoản này chỉ được làm việc với chi bộ được giao."
COMMUNE_ONLY = (
    "Đây là việc chung của cả đảng bộ; tài khoản chỉ làm việc với một chi bộ không làm được."
    " Hãy nhờ cán bộ của đảng ủy thực hiện."
)


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, or ``SYSTEM``. The role is always stated by whoever opens
    a session: nothing becomes an administrator by default."""

    username: str
    role: str  # a key of ROLE_LABELS
    cell_id: int | None = None  # a cell secretary sees and edits only this cell
    full_name: str = ""

    @property
    def can_write(self) -> bool:
        return self.role in ("admin", "clerk")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


# The command line, the demo generator and the benchmark act as the system administrator
# (docs/decisions/command-line-actor.md); the window replaces it with the user who signs in.
SYSTEM = Actor(username="hệ thống", role="admin")


@dataclass
class Session:
    store: Store
    actor: Actor
    today_override: dt.date | None = None
    # Sign-in failures that cannot be counted in the file (read-only, unknown name): name → (tries, locked until).
    sign_in_failures: dict[str, tuple[int, str | None]] = field(default_factory=dict, repr=False)
    _rules: RuleSet | None = field(default=None, repr=False)
    _calendar: WorkCalendar | None = field(default=None, repr=False)
    # Run once the file is closed: the command line's lock goes with its session.
    after_close: list[Callable[[], None]] = field(default_factory=list, repr=False)

    @property
    def today(self) -> dt.date:
        return self.today_override or dt.date.today()

    @property
    def rules(self) -> RuleSet:
        if self._rules is None:
            from commune_app.rules.ruleset import load_rule_set

            self._rules = load_rule_set(profile.get_setting(self.store, "rule_set"))
        return self._rules

    @property
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            from commune_app.rules.calendar import WorkCalendar

            self._calendar = WorkCalendar(extra_days_off=profile.extra_days_off(self.store))
        return self._calendar

    def forget_calendar(self) -> None:
        """Called after the clerk changes the days off."""
        self._calendar = None

    @property
    def writable(self) -> bool:
        """Whether this session may change anything at all: the one test every window control uses."""
        return self.actor.can_write and not self.store.read_only

    def require_write(self, cell_id: int | None = None) -> None:
        """Refuse a change the actor may not make (role, or a cell outside their restriction)."""
        if self.store.read_only:
            raise NotAllowed("Tệp đang mở ở chế độ chỉ đọc.")
        if not self.actor.can_write:
            raise NotAllowed("Tài khoản chỉ xem không được thay đổi dữ liệu.")
        if self.actor.cell_id is not None and cell_id is not None and cell_id != self.actor.cell_id:
            raise NotAllowed(CELL_ONLY)

    def require_admin(self) -> None:
        if not self.actor.is_admin:
            raise NotAllowed("Chỉ tài khoản quản trị mới được làm việc này.")

    def sees_cell(self, cell_id: int | None) -> bool:
        """Whether the actor may read this cell's people (an unrestricted account reads every cell)."""
        return self.actor.cell_id is None or cell_id == self.actor.cell_id

    def require_cell(self, cell_id: int | None) -> None:
        """Refuse reading or acting on a person or a cell outside the actor's restriction."""
        if not self.sees_cell(cell_id):
            raise NotAllowed(CELL_ONLY)

    def require_whole_commune(self) -> None:
        """Refuse the commune-wide work (courses, reports, registers) to an account restricted to one cell."""
        if self.actor.cell_id is not None:
            raise NotAllowed(COMMUNE_ONLY)

    def write(self) -> AbstractContextManager[Audit]:
        """One transaction with its audit rows, in the actor's name."""
        return self.store.write(self.actor.username)

    def close(self) -> None:
        self.store.close()
        while self.after_close:
            self.after_close.pop()()


def open_session(
    path: str | Path, *, actor: Actor, create: bool = True, read_only: bool = False, key: bytes | None = None
) -> Session:
    """``key``: the data key of an encrypted file (``ops.encryption.unlock``)."""
    from commune_app.store.packages import cell_mode

    store = open_store(path, create=create, read_only=read_only, user=actor.username, key=key)
    mode = cell_mode(store) if actor.cell_id is None else None
    if mode is not None:  # a file opened from a cell package works with that cell only
        actor = replace(actor, cell_id=mode["cell_id"])
    return Session(store=store, actor=actor)
