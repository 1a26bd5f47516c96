"""Issue 21, item 1 (emulated Windows behaviour): a lock file Windows refuses to write does
not stop the start nor raise every minute; ACCESS_DENIED on the owner's process means alive."""

from __future__ import annotations

import os

import pytest

from commune_app.safety import lock

pytestmark = pytest.mark.hostile


def test_access_denied_means_the_owner_is_alive():
    assert lock.opened_means_alive(False, 5)  # ERROR_ACCESS_DENIED: another account's process
    assert not lock.opened_means_alive(False, 87)  # ERROR_INVALID_PARAMETER: no such process
    assert lock.opened_means_alive(True, 0)


def test_a_lock_file_windows_refuses_does_not_stop_the_start(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(lock, "_RETRY_SECONDS", 0)
    monkeypatch.setattr(os, "replace", refuse)
    held = lock.FileLock(tmp_path / "du-lieu.sqlite")
    held.acquire()  # no exception: the program opens, the log says why
    assert not held.held


def test_a_passing_refusal_is_retried_and_the_heartbeat_never_raises(tmp_path, monkeypatch):
    real = os.replace
    refusals = iter([True, True, False])

    def sometimes(src, dst):
        if next(refusals, False):
            raise PermissionError(13, "in use")
        real(src, dst)

    monkeypatch.setattr(lock, "_RETRY_SECONDS", 0)
    monkeypatch.setattr(os, "replace", sometimes)
    held = lock.FileLock(tmp_path / "du-lieu.sqlite")
    held.acquire()
    assert held.held and lock.read_holder(tmp_path / "du-lieu.sqlite") is not None

    def always(*args, **kwargs):
        raise PermissionError(13, "in use")

    monkeypatch.setattr(os, "replace", always)
    held.heartbeat()  # logged, retried a minute later; no error dialog
    assert held.held
