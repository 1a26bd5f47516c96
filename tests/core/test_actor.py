"""Nobody acts as an administrator by default: every session states who acts, with which role."""

from __future__ import annotations

from pathlib import Path

import pytest

from commune_app.ops.context import SYSTEM, Actor, open_session


def test_an_actor_needs_a_role() -> None:
    with pytest.raises(TypeError):
        Actor(username="ai-do")  # type: ignore[call-arg]


def test_a_session_needs_an_actor(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        open_session(tmp_path / "a.sqlite")  # type: ignore[call-arg]
    assert not (tmp_path / "a.sqlite").exists()


def test_the_system_actor_is_the_command_line_administrator(tmp_path: Path) -> None:
    session = open_session(tmp_path / "a.sqlite", actor=SYSTEM)
    try:
        assert session.actor.is_admin and session.actor.username == "hệ thống"
    finally:
        session.close()
