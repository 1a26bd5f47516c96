"""Encryption at rest (issue 15, item 11): nothing of a person can be read from the data file,
its backups or its key slots without a password; every path that opens, copies or restores the
file keeps it encrypted; a wrong password, a missing slot or a crash changes nothing."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from commune_app.cli.main import run
from commune_app.errors import FileRefused, Refused
from commune_app.ops import accounts, encryption, opening
from commune_app.ops import backup as backup_ops
from commune_app.ops.context import SYSTEM, Actor, open_session
from commune_app.safety import backups, keyslots, outputs
from commune_app.settings import Settings
from commune_app.store import engine
from tests.core.test_opening import Scripted
from tests.hostile.helpers import NAME, fill

CCCD = b"020300001234"  # the identity number fill() gives NAME
PASSWORD = "matkhau1"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    chosen = Settings(tmp_path / "cai-dat.json")
    chosen.set("backup_dir", str(tmp_path / "sao-luu"))
    return chosen


def _readable(path: Path) -> bool:
    data = path.read_bytes()
    return CCCD in data or NAME.encode() in data


def _encrypted_file(db_path: Path) -> str:
    """A file with people and an administrator, encrypted; returns its recovery key."""
    session = open_session(db_path, actor=SYSTEM)
    fill(session)
    accounts.create_user(session, "quantri", PASSWORD, "admin")
    session.actor = Actor("quantri", "admin")
    assert _readable(db_path) or _readable(Path(f"{db_path}-wal"))  # plain: the number is there to find
    enabled = encryption.enable(session, PASSWORD)
    enabled.session.close()
    return enabled.recovery_code


def test_turning_encryption_on_leaves_nothing_readable_and_keeps_everything(db_path):
    before = open_session(db_path, actor=SYSTEM)
    fill(before)
    accounts.create_user(before, "quantri", PASSWORD, "admin")
    people = before.store.query("SELECT full_name, cccd FROM people ORDER BY id")
    before.actor = Actor("quantri", "admin")
    enabled = encryption.enable(before, PASSWORD)
    try:
        assert enabled.session.store.query("SELECT full_name, cccd FROM people ORDER BY id") == people
        assert enabled.session.store.key is not None
        assert enabled.session.store.scalar("SELECT count(*) FROM audit WHERE action = 'encrypt'") == 1
    finally:
        enabled.session.close()
    assert engine.is_encrypted_file(db_path)
    for companion in (db_path, Path(f"{db_path}-wal"), keyslots.path_for(db_path)):
        assert not companion.exists() or not _readable(companion)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("SELECT * FROM people").fetchall()
    if os.name == "posix":
        assert keyslots.path_for(db_path).stat().st_mode & 0o777 == 0o600
        assert db_path.stat().st_mode & 0o777 == 0o600
    groups = enabled.recovery_code.split("-")
    assert len(groups) == 5 and all(len(g) == 5 for g in groups)


def test_the_password_of_another_account_is_refused_before_anything_changes(db_path):
    session = open_session(db_path, actor=SYSTEM)
    fill(session)
    accounts.create_user(session, "quantri", PASSWORD, "admin")
    session.actor = Actor("quantri", "admin")
    with pytest.raises(Refused, match="không đúng"):
        encryption.enable(session, "saimatkhau")
    session.close()
    assert not engine.is_encrypted_file(db_path) and not keyslots.path_for(db_path).exists()


def test_a_failed_swap_leaves_the_plain_file_open_and_whole(db_path, monkeypatch):
    session = open_session(db_path, actor=SYSTEM)
    fill(session)
    accounts.create_user(session, "quantri", PASSWORD, "admin")
    session.actor = Actor("quantri", "admin")
    real_replace = os.replace

    def refusing(source, target):
        if Path(target) == db_path:
            raise PermissionError(13, "Access is denied")  # Windows: another program holds the file
        real_replace(source, target)

    monkeypatch.setattr(outputs.os, "replace", refusing)
    with pytest.raises(encryption.Reopened) as failure:
        encryption.enable(session, PASSWORD)
    reopened = failure.value.session
    try:
        assert reopened.store.scalar("SELECT count(*) FROM people") == 3 and reopened.store.key is None
    finally:
        reopened.close()
    assert not engine.is_encrypted_file(db_path)
    assert not [p for p in db_path.parent.iterdir() if outputs.TEMP_MARK in p.name]


def test_sign_in_unlocks_the_file_and_a_wrong_or_unknown_name_gets_one_answer(db_path, settings):
    _encrypted_file(db_path)
    questions = Scripted(logins=[("quantri", "sai-mat-khau"), ("khongco", PASSWORD), ("quantri", PASSWORD)])
    opened = opening.open_data_file(db_path, settings, questions)
    assert opened is not None
    try:
        assert questions.errors == [encryption.WRONG, encryption.WRONG]
        assert opened.session.actor.username == "quantri"
        assert opened.session.store.scalar("SELECT count(*) FROM people") == 3
    finally:
        opened.close()
    autos = backups.list_backups(backup_ops.backup_folder(settings))
    assert autos and all(b.keyed and not _readable(b.path) for b in autos)  # the day's copy stays encrypted


def test_five_wrong_passwords_lock_the_sign_in_before_the_file_can_count_them(db_path):
    _encrypted_file(db_path)
    questions = Scripted(logins=[("quantri", f"sai-{n}-mat-khau") for n in range(5)] + [("quantri", PASSWORD)])
    assert opening.open_data_file(db_path, None, questions) is None
    assert "tạm khóa" in questions.errors[-1]  # the right password, too late


def test_recovery_key_sets_an_administrators_new_password(db_path):
    code = _encrypted_file(db_path)

    class Forgotten(Scripted):
        def sign_in(self, request: opening.SignIn) -> bool:
            assert request.encrypted
            with pytest.raises(Refused, match="Khóa khôi phục không đúng"):
                request.recover("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", "quantri", "matkhaumoi1")
            request.recover(code.lower().replace("-", " "), "quantri", "matkhaumoi1")
            return True

    opened = opening.open_data_file(db_path, None, Forgotten())
    assert opened is not None
    opened.close()
    opened = opening.open_data_file(db_path, None, Scripted(logins=[("quantri", "matkhaumoi1")]))
    assert opened is not None
    opened.close()


def test_accounts_follow_their_slots(db_path):
    _encrypted_file(db_path)
    opened = opening.open_data_file(db_path, None, Scripted())
    assert opened is not None
    session = opened.session
    accounts.create_user(session, "canbo", "matkhau2", "clerk")
    assert keyslots.load(db_path).account("canbo") is not None
    accounts.update_user(session, "canbo", active=False)
    assert keyslots.load(db_path).account("canbo") is None  # a locked account cannot open a copy either
    accounts.update_user(session, "canbo", active=True)
    assert not accounts.has_slot(session, "canbo")
    accounts.reset_password(session, "canbo", "matkhau3")
    assert accounts.has_slot(session, "canbo")
    opened.close()
    opened = opening.open_data_file(
        db_path, None, Scripted(logins=[("canbo", "matkhau3")], new_password=("matkhau3", "matkhau4"))
    )
    assert opened is not None
    opened.close()
    opened = opening.open_data_file(db_path, None, Scripted(logins=[("canbo", "matkhau4")]))
    assert opened is not None and opened.session.actor.role == "clerk"
    opened.close()


def test_a_missing_slot_file_is_said_and_the_recovery_key_still_opens(db_path, tmp_path, capsys):
    code = _encrypted_file(db_path)
    keyslots.path_for(db_path).unlink()
    questions = Scripted()
    assert opening.open_data_file(db_path, None, questions) is None
    assert "không có tệp khóa" in questions.errors[0]
    with pytest.raises(FileRefused, match="không đọc được"):
        open_session(db_path, actor=SYSTEM)
    recovery = tmp_path / "khoa.txt"
    recovery.write_text(code, encoding="utf-8")
    assert run(["find", "--db", str(db_path), "--recovery-key-file", str(recovery), "Lương"]) == 0
    assert NAME in capsys.readouterr().out


def test_backups_of_an_encrypted_file_stay_encrypted_and_restore_into_it(db_path, settings, tmp_path):
    plain_folder = tmp_path / "cu"
    plain = open_session(db_path, actor=SYSTEM)
    fill(plain)
    accounts.create_user(plain, "quantri", PASSWORD, "admin")
    old_plain = backups.make_backup(plain.store, plain_folder, name="Ba Sơn")  # made before encryption
    plain.actor = Actor("quantri", "admin")
    session = encryption.enable(plain, PASSWORD).session
    key = session.store.key
    try:
        folder = tmp_path / "sao-luu"
        keyed = backups.make_backup(session.store, folder, name="Ba Sơn")
        usb = backups.make_backup(session.store, folder, name="Ba Sơn", password="mat khau sao luu")
        assert keyed.keyed and not _readable(keyed.path)
        assert not _readable(usb.path)
        manifest_slots = backups.manifest.read(keyed.path).key_slots
        assert keyslots.KeySlots.from_json(manifest_slots).unlock_account("quantri", PASSWORD) == key
        with pytest.raises(Refused, match="mã hóa"):
            backups.inspect(keyed.path)  # without the key
        assert backups.inspect(keyed.path, key=key).summary["people"] == 3
        assert backups.inspect(usb.path, "mat khau sao luu").summary["people"] == 3  # its password alone
        from tests.factories import make_person

        make_person(session, "Hoàng Thị Mai")
    finally:
        session.close()
    for source, password in ((keyed.path, None), (usb.path, "mat khau sao luu"), (old_plain.path, None)):
        restored = backups.restore(
            db_path, source, safety_folder=tmp_path / "an-toan", name="ba-son", password=password, key=key
        )
        assert restored.key == key and restored.saved is not None and not _readable(restored.saved)
        assert engine.is_encrypted_file(db_path) and not _readable(db_path)
        session = open_session(db_path, actor=SYSTEM, key=key)
        try:
            assert session.store.scalar("SELECT count(*) FROM people") == 3
        finally:
            session.close()


def test_an_encrypted_files_backup_on_a_new_computer_stays_encrypted_and_its_accounts_open_it(tmp_path):
    old_pc, new_pc = tmp_path / "may-cu" / "du-lieu.sqlite", tmp_path / "may-moi" / "du-lieu.sqlite"
    old_pc.parent.mkdir()
    new_pc.parent.mkdir()
    _encrypted_file(old_pc)
    opened = opening.open_data_file(old_pc, None, Scripted())
    assert opened is not None
    usb = backups.make_backup(opened.session.store, tmp_path / "usb", name="Ba Sơn", password="mat khau sao luu")
    keyed = backups.make_backup(opened.session.store, tmp_path / "usb", name="Ba Sơn")
    opened.close()
    fresh = open_session(new_pc, actor=SYSTEM)  # the new computer's empty, plain file
    fresh.close()
    for source, password in ((usb.path, "mat khau sao luu"), (keyed.path, None)):
        if source == keyed.path:  # a copy under the file's key: on a new computer only the key opens it
            with pytest.raises(Refused, match="khóa"):
                backups.restore(new_pc, source, safety_folder=tmp_path / "an-toan", name="x", password=password)
            continue
        restored = backups.restore(new_pc, source, safety_folder=tmp_path / "an-toan", name="x", password=password)
        assert restored.key is not None and engine.is_encrypted_file(new_pc) and not _readable(new_pc)
    again = opening.open_data_file(new_pc, None, Scripted())  # the old computer's account and password
    assert again is not None and again.session.store.scalar("SELECT count(*) FROM people") == 3
    again.close()


def test_the_command_line_needs_a_credential_for_every_command(db_path, tmp_path, capsys):
    code = _encrypted_file(db_path)
    secret = tmp_path / "mk.txt"
    secret.write_text(PASSWORD, encoding="utf-8")
    recovery = tmp_path / "khoa.txt"
    recovery.write_text(code + "\n", encoding="utf-8")
    assert run(["find", "--db", str(db_path), "Lương"]) == 2
    assert "đã được mã hóa" in capsys.readouterr().err
    assert run(["find", "--db", str(db_path), "--user", "quantri", "--user-password-file", str(secret), "Lương"]) == 0
    assert NAME in capsys.readouterr().out
    assert run(["find", "--db", str(db_path), "--recovery-key-file", str(recovery), "Lương"]) == 0
    assert NAME in capsys.readouterr().out
    assert run(["check", "--db", str(db_path), "--user", "quantri", "--user-password-file", str(secret)]) == 0


def test_no_output_lands_on_an_encrypted_data_file_or_its_backup(db_path, tmp_path):
    _encrypted_file(db_path)
    for protected in (db_path, keyslots.path_for(db_path)):
        with pytest.raises(FileRefused):
            outputs.check_target(protected, data_file=tmp_path / "another.sqlite", force=True)


def test_the_json_export_of_an_encrypted_file_warns_that_it_is_plain(db_path, tmp_path, capsys):
    _encrypted_file(db_path)
    secret = tmp_path / "mk.txt"
    secret.write_text(PASSWORD, encoding="utf-8")
    target = tmp_path / "ban-sao.json"
    args = ["export", "--db", str(db_path), "--user", "quantri", "--user-password-file", str(secret), "-o", str(target)]
    assert run(args) == 0
    assert "KHÔNG mã hóa" in capsys.readouterr().err
    assert NAME in target.read_text(encoding="utf-8")


def test_the_slot_file_names_no_account(db_path):
    _encrypted_file(db_path)
    text = keyslots.path_for(db_path).read_text(encoding="utf-8")
    assert "quantri" not in text and keyslots.load(db_path).account("QuanTri ") is not None
