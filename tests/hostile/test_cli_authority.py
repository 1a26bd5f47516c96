"""Issue 15, cases 10, 12 and 15: once a file has accounts the command line needs one to
change anything, respects the window's lock, audits what it copies; closed pipes are quiet."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from commune_app.cli.main import run
from commune_app.ops import accounts
from commune_app.ops.context import SYSTEM, open_session
from commune_app.safety import lock
from tests.hostile.helpers import fill

pytestmark = pytest.mark.hostile
ADMIN_PASSWORD = "mat khau quan tri"


@pytest.fixture
def guarded(session, db_path, tmp_path):
    fill(session)
    accounts.create_user(session, "quantri", ADMIN_PASSWORD, "admin")
    accounts.create_user(session, "canbo", "mat khau can bo", "clerk")
    session.close()
    (tmp_path / "qt.txt").write_text(ADMIN_PASSWORD, encoding="utf-8")
    (tmp_path / "cb.txt").write_text("mat khau can bo", encoding="utf-8")
    (tmp_path / "moi.txt").write_text("mat khau moi dai", encoding="utf-8")
    return db_path


def _admin(tmp_path: Path) -> list[str]:
    return ["--user", "quantri", "--user-password-file", str(tmp_path / "qt.txt")]


def _audit(db_path: Path, action: str) -> list[dict]:
    s = open_session(db_path, read_only=True, actor=SYSTEM)
    try:
        return s.store.query("SELECT user, summary FROM audit WHERE action = ? ORDER BY id", [action])
    finally:
        s.close()


@pytest.mark.parametrize(
    "command",
    [
        ["user", "add", "ke-la", "--role", "admin", "--password-file", "{moi}"],
        ["user", "reset-password", "quantri", "--password-file", "{moi}"],
        ["export", "-o", "{out}"],
    ],
)
def test_account_and_copy_commands_need_a_credential(guarded, tmp_path, command, capsys):
    args = [a.format(moi=tmp_path / "moi.txt", out=tmp_path / "x.json") for a in command]
    assert (
        run(
            [*args[:2], "--db", str(guarded), *args[2:]]
            if args[0] == "user"
            else [args[0], "--db", str(guarded), *args[1:]]
        )
        == 2
    )
    assert "--user TÊN --user-password-file" in capsys.readouterr().err
    assert accounts.verify_password(ADMIN_PASSWORD, _hash(guarded, "quantri"))


def _hash(db_path: Path, username: str) -> str:
    from commune_app.store import users as user_store

    s = open_session(db_path, read_only=True, actor=SYSTEM)
    try:
        return user_store.by_username(s.store, username)["password_hash"]
    finally:
        s.close()


def test_with_an_administrator_s_credential_they_run(guarded, tmp_path):
    assert (
        run(
            [
                "user",
                "add",
                "--db",
                str(guarded),
                "xem",
                "--role",
                "viewer",
                "--password-file",
                str(tmp_path / "moi.txt"),
                *_admin(tmp_path),
            ]
        )
        == 0
    )
    out = tmp_path / "x.json"
    assert run(["export", "--db", str(guarded), "-o", str(out), *_admin(tmp_path)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert "users" not in document["tables"] and "password_hash" not in out.read_text(encoding="utf-8")
    assert run(["export", "--db", str(guarded), "-o", str(out), "--force", "--with-accounts", *_admin(tmp_path)]) == 0
    assert "password_hash" in out.read_text(encoding="utf-8")
    assert [r["user"] for r in _audit(guarded, "copy")] == ["quantri", "quantri"]


def test_a_clerk_may_not_export_or_add_an_administrator(guarded, tmp_path):
    clerk = ["--user", "canbo", "--user-password-file", str(tmp_path / "cb.txt")]
    assert run(["export", "--db", str(guarded), "-o", str(tmp_path / "x.json"), *clerk]) == 1
    assert (
        run(
            [
                "user",
                "add",
                "--db",
                str(guarded),
                "ke-la",
                "--role",
                "admin",
                "--password-file",
                str(tmp_path / "moi.txt"),
                *clerk,
            ]
        )
        == 1
    )


def test_a_wrong_credential_is_refused_and_counted(guarded, tmp_path):
    (tmp_path / "sai.txt").write_text("khong phai mat khau", encoding="utf-8")
    wrong = ["--user", "quantri", "--user-password-file", str(tmp_path / "sai.txt")]
    assert (
        run(
            [
                "user",
                "reset-password",
                "--db",
                str(guarded),
                "canbo",
                "--password-file",
                str(tmp_path / "moi.txt"),
                *wrong,
            ]
        )
        == 1
    )
    assert len(_audit(guarded, "login_failed")) == 1


def test_restore_needs_an_administrator_of_the_file_it_replaces(guarded, tmp_path, capsys):
    assert run(["backup", "--db", str(guarded), "-o", str(tmp_path / "bk")]) == 0
    backup = next((tmp_path / "bk").glob("*.sqlite"))
    assert run(["restore", "--db", str(guarded), str(backup)]) == 2
    assert "--user" in capsys.readouterr().err
    assert run(["restore", "--db", str(guarded), str(backup), *_admin(tmp_path)]) == 0


def test_reading_commands_run_without_a_password_and_are_audited_as_the_command_line(guarded, tmp_path):
    assert run(["find", "--db", str(guarded), "Lan"]) == 0
    assert run(["report", "--db", str(guarded), "--period", "2026", "-o", str(tmp_path / "bc.xlsx")]) == 0
    assert run(["backup", "--db", str(guarded), "-o", str(tmp_path / "bk")]) == 0
    copies = _audit(guarded, "copy")
    assert [r["user"] for r in copies] == ["dòng lệnh", "dòng lệnh"]
    assert "3 người" in copies[0]["summary"] and "Xuất báo cáo" in copies[0]["summary"]


def test_files_without_accounts_need_no_credential(session, db_path, tmp_path):
    fill(session)
    session.close()
    (tmp_path / "moi.txt").write_text("mat khau moi dai", encoding="utf-8")
    assert run(["export", "--db", str(db_path), "-o", str(tmp_path / "x.json")]) == 0
    assert (
        run(
            [
                "user",
                "add",
                "--db",
                str(db_path),
                "quantri",
                "--role",
                "admin",
                "--password-file",
                str(tmp_path / "moi.txt"),
            ]
        )
        == 0
    )


def _window_elsewhere(path: Path) -> None:
    """The lock of a window on another computer (another process: the same one may take its own lock again)."""
    now = dt.datetime.now().isoformat(timespec="seconds")
    holder = {"user": "lan", "computer": "MAY-KHAC", "pid": 1, "since": now, "heartbeat": now}
    lock.lock_path(path).write_text(json.dumps(holder), encoding="utf-8")


def test_writers_respect_the_window_s_lock(guarded, tmp_path, capsys):
    _window_elsewhere(guarded)
    reset = ["user", "reset-password", "--db", str(guarded), "canbo", "--password-file", str(tmp_path / "moi.txt")]
    assert run([*reset, *_admin(tmp_path)]) == 1  # refused, not a usage error
    err = capsys.readouterr().err
    assert "đang được mở bởi lan trên máy MAY-KHAC" in err and "Traceback" not in err
    assert lock.read_holder(guarded).computer == "MAY-KHAC"  # the window's lock is left alone
    assert run(["find", "--db", str(guarded)]) == 0  # reading runs beside the window


def test_a_writer_holds_the_lock_while_it_runs_and_releases_it(guarded, tmp_path, monkeypatch):
    from commune_app.cli import cmd_user

    seen = []
    real = cmd_user.accounts.reset_password

    def watching(session, *args, **kwargs):
        seen.append(lock.read_holder(guarded))
        return real(session, *args, **kwargs)

    monkeypatch.setattr(cmd_user.accounts, "reset_password", watching)
    reset = ["user", "reset-password", "--db", str(guarded), "canbo", "--password-file", str(tmp_path / "moi.txt")]
    assert run([*reset, *_admin(tmp_path)]) == 0
    assert seen and seen[0] is not None  # a window started meanwhile would have been told
    assert lock.read_holder(guarded) is None


def test_a_closed_pipe_is_quiet(tmp_path):
    demo = tmp_path / "mau.sqlite"
    assert run(["demo", "--db", str(demo), "--seed", "3", "--today", "2026-11-20"]) == 0  # more than a pipe holds
    code = (
        "import sys; from commune_app.cli.main import main; "
        f"sys.argv = ['commune-app', 'find', '--db', {str(demo)!r}, '--json']; main()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**__import__("os").environ}
    )
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err
