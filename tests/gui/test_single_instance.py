"""One program per data file: a second start on the same file wakes the first, another file opens."""

from __future__ import annotations

import pytest

from ui.shell.single_instance import InstanceServer, server_name, wake_running_instance

pytestmark = pytest.mark.gui


def test_same_file_wakes_the_running_program_another_file_does_not(qtbot, tmp_path):
    first, other = tmp_path / "Đảng ủy #2" / "ba-son.sqlite", tmp_path / "khac.sqlite"
    server = InstanceServer(first)
    try:
        with qtbot.waitSignal(server.woken, timeout=3000):
            assert wake_running_instance(first)
        assert not wake_running_instance(other)
        server.listen_for(other)  # the window switched files
        assert not wake_running_instance(first)
        with qtbot.waitSignal(server.woken, timeout=3000):
            assert wake_running_instance(other)
    finally:
        server.close()


def test_names_differ_per_file_and_ignore_how_the_path_is_written(tmp_path):
    assert server_name(tmp_path / "a.sqlite") != server_name(tmp_path / "b.sqlite")
    assert server_name(tmp_path / "a.sqlite") == server_name(tmp_path / "." / "a.sqlite")
    assert server_name(None) != server_name(tmp_path / "a.sqlite")
