"""The architecture's rules, checked on the source: who may import what, where SQL lives."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL = re.compile(
    r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX))\b",
    re.IGNORECASE | re.DOTALL,
)
HEAVY = {"reportlab", "openpyxl", "pypdf", "docx"}


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(tree: ast.AST) -> list[tuple[str, bool]]:
    """(module, at module level?) for every import in a file."""
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            found.append((name, node.col_offset == 0))
    return found


def test_core_never_imports_qt_or_ui() -> None:
    offenders = []
    for path in _modules("commune_app"):
        for name, _ in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if name.split(".")[0] in ("PySide6", "ui", "shiboken6"):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_heavy_libraries_are_imported_inside_functions() -> None:
    offenders = []
    for package in ("commune_app", "ui"):
        for path in _modules(package):
            for name, top_level in _imports(ast.parse(path.read_text(encoding="utf-8"))):
                if top_level and name.split(".")[0] in HEAVY:
                    offenders.append(f"{path.relative_to(ROOT)} imports {name} at module level")
    assert offenders == []


def _string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_sql_lives_only_in_the_store() -> None:
    offenders = []
    for package in ("commune_app", "ui"):
        for path in _modules(package):
            if path.is_relative_to(ROOT / "commune_app" / "store"):
                continue
            for text in _string_constants(path):
                if SQL.search(text):
                    offenders.append(f"{path.relative_to(ROOT)}: {text[:60]!r}")
    assert offenders == []


def test_every_package_is_declared_in_pyproject() -> None:
    declared = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    actual = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for package in ("commune_app", "ui")
        for init in (ROOT / package).rglob("__init__.py")
    }
    assert actual - declared == set(), "add these packages to pyproject.toml [tool.setuptools] packages"


def test_no_window_module_imports_the_store() -> None:
    """The window reaches data through commune_app.ops only (issue 18): checked here by reading
    every module, so the import contract cannot be loosened without this test failing."""
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            if any(n == "commune_app.store" or n.startswith("commune_app.store.") for n in names):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"][
        "contracts"
    ]
    (ui_store,) = [c for c in contracts if c["name"] == "ui does not import commune_app.store"]
    assert ui_store.get("ignore_imports", []) == []


def test_no_benchmark_or_fixture_module_in_the_product_packages() -> None:
    product = ("store", "domain", "rules", "ops", "dossier", "reports", "importing", "safety")
    found = [
        str(p.relative_to(ROOT))
        for name in product
        for p in (ROOT / "commune_app" / name).rglob("*.py")
        if p.stem in ("bench", "fixtures", "factories", "samples")
    ]
    assert found == []


def _ui_imports() -> dict[str, set[str]]:
    """Every ui module and the ui modules it imports, at the top or inside a function."""
    modules = {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
        for p in (ROOT / "ui").rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
        graph[name] = {m for m in found if m in modules and m != name and not name.startswith(m + ".")}
    return graph


def test_the_window_modules_import_no_circle() -> None:
    """app, main_window, first_start and self_test once imported each other (issue 18 item 9)."""
    graph = _ui_imports()

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            if current == goal:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(graph.get(current, ()))
        return False

    circles = sorted({tuple(sorted((a, b))) for a, targets in graph.items() for b in targets if reaches(b, a)})
    assert circles == []


def test_ui_is_laid_out_by_feature() -> None:
    """No loose modules beside the entry points: the shell, the kit, the widgets and one package
    per feature (docs/architecture.md shows the map)."""
    loose = sorted(p.name for p in (ROOT / "ui").glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "launch.py"]
    packages = sorted(p.name for p in (ROOT / "ui").iterdir() if (p / "__init__.py").exists())
    assert {"shell", "kit", "widgets", "people", "person", "road", "cells", "courses", "documents"} <= set(packages)


def test_a_refusal_is_shown_by_the_one_function() -> None:
    """A refusal caught in the window goes through ui.shell.errors.show_refused (or a kit dialog's
    error line), which titles a permission refusal "Không có quyền"; a message box written out by
    hand titled a NotAllowed "Chưa xóa được" (issue 18 item 9)."""
    by_hand = re.compile(r"except (?:Refused|NotAllowed)[^\n]*:\n\s*vn_buttons\.(?:warn|inform)\(")
    found = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "ui").rglob("*.py"))
        if by_hand.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
