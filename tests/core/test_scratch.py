"""Preview scratch folders: removed even when Windows holds a file a moment longer, and
what a crash left behind is removed at the next start, never another program's."""

from __future__ import annotations

import os
from pathlib import Path

from commune_app import scratch


def test_removal_is_retried_while_a_file_is_in_use(tmp_path):
    folder = tmp_path / (scratch.PREFIX + "a")
    folder.mkdir()
    (folder / "ho-so.pdf").write_bytes(b"%PDF")
    attempts = []

    def windows_rmtree(path: Path) -> None:  # WinError 32 twice, as while the PDF engine lets go
        attempts.append(path)
        if len(attempts) < 3:
            raise PermissionError(32, "The process cannot access the file because it is being used")
        import shutil

        shutil.rmtree(path)

    assert scratch.remove_folder(folder, sleep=lambda _s: None, rmtree=windows_rmtree)
    assert len(attempts) == 3 and not folder.exists()


def test_a_file_held_for_good_is_left_for_the_next_start(tmp_path):
    folder = tmp_path / (scratch.PREFIX + "b")
    folder.mkdir()

    def always_held(_path: Path) -> None:
        raise PermissionError(32, "in use")

    assert not scratch.remove_folder(folder, sleep=lambda _s: None, rmtree=always_held)
    assert folder.exists()


def test_leftovers_of_dead_programs_go_and_a_running_one_keeps_its_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(tmp_path))
    mine = scratch.new_folder()
    dead = tmp_path / (scratch.PREFIX + "dead")
    dead.mkdir()
    (dead / scratch.OWNER_FILE).write_text("999999999")
    (dead / "ho-so-12.pdf").write_bytes(b"%PDF CCCD 001099012345")
    unmarked = tmp_path / (scratch.PREFIX + "unmarked")
    unmarked.mkdir()
    other = tmp_path / "not-ours"
    other.mkdir()
    removed = scratch.remove_leftovers(alive=lambda pid: pid == os.getpid())
    assert removed == 2 and mine.exists() and other.exists()
    assert not dead.exists() and not unmarked.exists()


def test_scratch_folders_are_private(tmp_path, monkeypatch):
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(tmp_path))
    folder = scratch.new_folder()
    if os.name == "posix":
        assert folder.stat().st_mode & 0o077 == 0
