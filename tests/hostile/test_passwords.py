"""Issue 15 cases 8 and "one-character password"; issue 21 item 4 (password files from Notepad)."""

from __future__ import annotations

import codecs

import pytest

from commune_app.cli.common import read_password
from commune_app.cli.main import run
from commune_app.errors import FileRefused, Refused
from commune_app.safety import backups, crypto, drives
from tests.hostile.helpers import fill

pytestmark = pytest.mark.hostile
SECRET = "Mật khẩu Đảng ủy 2026"


@pytest.mark.parametrize(
    "raw",
    [
        SECRET.encode("utf-8"),
        codecs.BOM_UTF8 + SECRET.encode("utf-8") + b"\r\n",  # Notepad's "UTF-8 with BOM"
        codecs.BOM_UTF16_LE + (SECRET + "\r\n").encode("utf-16-le"),  # Notepad's "Unicode"
        codecs.BOM_UTF16_BE + SECRET.encode("utf-16-be"),
    ],
)
def test_password_files_saved_by_notepad_give_the_same_password(tmp_path, raw):
    path = tmp_path / "mk.txt"
    path.write_bytes(raw)
    assert read_password(str(path)) == SECRET


def test_other_encodings_are_refused_in_vietnamese(tmp_path):
    path = tmp_path / "mk.txt"
    path.write_bytes(SECRET.encode("cp1258", errors="replace") + b"\xff\xfe\xfd")
    with pytest.raises(FileRefused, match="UTF-8"):
        read_password(str(path))


def test_an_empty_password_file_never_gives_a_plain_backup(session, db_path, tmp_path, capsys):
    fill(session)
    session.close()
    empty = tmp_path / "rong.txt"
    empty.write_text("\r\n", encoding="utf-8")
    assert run(["backup", "--db", str(db_path), "-o", str(tmp_path / "usb"), "--password-file", str(empty)]) == 2
    assert "trống" in capsys.readouterr().err
    assert not (tmp_path / "usb").exists() or not list((tmp_path / "usb").iterdir())


@pytest.mark.parametrize("weak", ["", " ", "a", "1234567", "ba từ"])
def test_short_or_empty_backup_passwords_are_refused_saying_why(session, tmp_path, weak):
    fill(session)
    with pytest.raises(Refused) as caught:
        backups.make_backup(session.store, tmp_path / "bk", name="x", password=weak)
    assert "8 ký tự" in str(caught.value) or "trống" in str(caught.value)
    assert not (tmp_path / "bk").exists() or not list((tmp_path / "bk").iterdir())


@pytest.mark.parametrize("good", ["12345678", "ngựa ăn cỏ non"])
def test_eight_characters_or_four_words_are_accepted(good):
    assert crypto.password_problem(good) is None


def test_a_removable_drive_is_recognised(tmp_path, monkeypatch):
    import os

    disk = tmp_path / "sys" / "devices" / "usb1" / "sdb"
    (disk / "sdb1").mkdir(parents=True)
    (disk / "removable").write_text("1\n", encoding="ascii")
    device = os.stat(tmp_path).st_dev
    links = tmp_path / "dev-block"
    links.mkdir()
    (links / f"{os.major(device)}:{os.minor(device)}").symlink_to(disk / "sdb1")
    assert drives._linux_removable(tmp_path, links)
    (disk / "removable").write_text("0\n", encoding="ascii")
    assert not drives._linux_removable(tmp_path, links)
    assert not drives._linux_removable(tmp_path, tmp_path / "khong-co")
