"""The lock files agree with pyproject.toml: every dependency that applies is pinned, in its range.

A lock is named for what installs from it and the Python it was compiled for:
runtime-py312.txt (scripts/build.sh, build.bat: the dependencies plus the `build` extra),
test-py3NN.txt (.ci/run: the dependencies plus the `test` and `lint` extras). Regenerate them with
the pip-compile command written at the top of each file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCKS = sorted((ROOT / "locks").glob("*.txt"))
EXTRAS = {"runtime": ("build",), "test": ("test", "lint")}
# Their releases change documents, reports, deadlines or encryption: never from a range.
MUST_BE_PINNED = ("reportlab", "openpyxl", "holidays", "cryptography", "sqlite-utils")


def _pins(lock: Path) -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        found = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if found:
            pins[canonicalize_name(found.group(1))] = Version(found.group(2))
    return pins


def _environment(lock: Path) -> dict[str, str]:
    """The marker environment of the Python the lock was compiled for."""
    minor = re.search(r"-py3(\d+)\.txt$", lock.name)
    assert minor, f"{lock.name}: name the Python it was compiled for (…-py312.txt)"
    return {
        **{k: str(v) for k, v in default_environment().items()},
        "python_version": f"3.{minor.group(1)}",
        "python_full_version": f"3.{minor.group(1)}.0",
    }


def _requirements(lock: Path) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in EXTRAS[lock.name.split("-")[0]]:
        wanted += project["optional-dependencies"][extra]
    return [Requirement(text) for text in wanted]


def test_there_is_a_runtime_and_a_test_lock() -> None:
    assert {lock.name.split("-")[0] for lock in LOCKS} == set(EXTRAS)


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_every_dependency_is_pinned_within_its_range(lock: Path) -> None:
    pins = _pins(lock)
    env = _environment(lock)
    problems = []
    for requirement in _requirements(lock):
        if requirement.marker is not None and not requirement.marker.evaluate(env):
            continue
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            problems.append(f"{requirement.name} is not in {lock.name}")
        elif not requirement.specifier.contains(pinned, prereleases=True):
            problems.append(f"{requirement.name}=={pinned} in {lock.name} is outside {requirement.specifier}")
    assert problems == []


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_the_output_libraries_are_pinned(lock: Path) -> None:
    pins = _pins(lock)
    assert [name for name in MUST_BE_PINNED if canonicalize_name(name) not in pins] == []
