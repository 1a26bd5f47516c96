"""The static checks' own rules: the mypy ratchet only shrinks and never covers the core's heart."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEVER_RELAXED = ("commune_app.store", "commune_app.domain", "commune_app.rules", "commune_app.ops")
# The modules that were not yet clean when the ratchet was set (December 2026). Remove a module here
# and from pyproject.toml once it passes; never add one.
RATCHET_2026 = {
    "commune_app.demo.courses",
    "commune_app.dossier.context",
    "commune_app.dossier.course_lists",
    "commune_app.dossier.layout",
    "commune_app.importing.commit",
    "commune_app.importing.preview",
    "commune_app.importing.reader",
    "commune_app.importing.values",
    "commune_app.reports.cell_figures",
    "commune_app.reports.checks",
    "commune_app.reports.counting",
    "commune_app.reports.course_roster",
    "commune_app.reports.e9_list",
    "commune_app.reports.form_1",
    "commune_app.reports.form_2",
    "commune_app.safety.backups",
    "ui.shell.app",
    "ui.courses.attendance_grid",
    "ui.cells.dialogs",
    "ui.courses.dialogs",
    "ui.shell.first_run",
    "ui.shell.login",
    "ui.shell.main_window",
    "ui.person.move_dialog",
    "ui.accounts.audit_page",
    "ui.backup.page",
    "ui.cells.page",
    "ui.courses.page",
    "ui.importing.page",
    "ui.reports.page",
    "ui.people.people_list",
    "ui.person.tab_documents",
    "ui.person.tab_profile",
    "ui.person.tab_road",
    "ui.person.window",
    "ui.road.form_dialog",
    "ui.road.introducer_picker",
    "ui.road.step_dialog",
    "ui.road.step_forms",
    "ui.shell.self_test",
    "ui.shell.settings_dialog",
    "ui.shell.tasks",
    "ui.kit.vn_buttons",
    "ui.widgets.target_chart",
}


def _overrides() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["mypy"]["overrides"])


def _relaxed_modules() -> set[str]:
    relaxed: set[str] = set()
    for override in _overrides():
        if override.get("module", "").__class__ is str:
            modules = [str(override["module"])]
        else:
            modules = [str(m) for m in override["module"]]  # type: ignore[attr-defined]
        if {k for k in override if k != "module"} - {"check_untyped_defs", "strict_optional"}:
            relaxed.update(modules)
    return relaxed


def test_the_ratchet_only_shrinks() -> None:
    ignored = {m for o in _overrides() if o.get("ignore_errors") for m in o["module"]}  # type: ignore[attr-defined]
    assert ignored <= RATCHET_2026


def test_store_domain_rules_and_ops_are_never_relaxed() -> None:
    offenders = [m for m in _relaxed_modules() if m.startswith(NEVER_RELAXED)]
    assert offenders == []


def test_mypy_is_strict_for_the_core() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["mypy"]["strict"] is True
