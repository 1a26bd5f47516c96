"""Finding the modules that contribute a page or a tab: each names itself by its module name and
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


def discover_in_features(package_name: str, package_path: Iterable[str], attribute: str) -> list[Any]:
    """The ``attribute`` of every ``page`` or ``*_page`` module of the package's subpackages (the
    features), sorted by ``order``."""
    specs = []
    for feature in pkgutil.iter_modules(list(package_path)):
        if not feature.ispkg:
            continue
        package = importlib.import_module(f"{package_name}.{feature.name}")
        for info in pkgutil.iter_modules(list(package.__path__)):
            if info.name == "page" or info.name.endswith("_page"):
                module = importlib.import_module(f"{package.__name__}.{info.name}")
                specs.append(getattr(module, attribute))
    return sorted(specs, key=lambda s: s.order)
