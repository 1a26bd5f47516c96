"""Finding the modules that contribute a page or a tab: each names itself by a prefix and
exposes one attribute, so a feature adds its screen by adding its module."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from typing import Any


def discover(package_name: str, package_path: Iterable[str], prefix: str, attribute: str) -> list[Any]:
    """The ``attribute`` of every module ``<prefix>*`` in the package, sorted by ``order``."""
    specs = []
    for info in pkgutil.iter_modules(list(package_path)):
        if info.name.startswith(prefix):
            module = importlib.import_module(f"{package_name}.{info.name}")
            specs.append(getattr(module, attribute))
    return sorted(specs, key=lambda s: s.order)
