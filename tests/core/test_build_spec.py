"""build.spec read as Python, without PyInstaller: one program for the window and the command line."""

from __future__ import annotations

import ast
from pathlib import Path

SPEC = Path(__file__).resolve().parents[2] / "build.spec"


def _calls(name: str) -> list[ast.Call]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == name]


def test_one_executable_with_its_own_console_hidden_when_started_from_explorer() -> None:
    (program,) = _calls("EXE")
    keywords = {k.arg: k.value for k in program.keywords}
    assert ast.literal_eval(keywords["console"]) is True  # cmd.exe waits for it and gets its exit code
    assert ast.literal_eval(keywords["hide_console"]) == "hide-early"  # a shortcut shows no console
    (collect,) = _calls("COLLECT")
    assert next(a.id for a in collect.args if isinstance(a, ast.Name)) == "program"
