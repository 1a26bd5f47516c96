"""The Windows installer, built on Linux from a stand-in program folder: it compiles, lists
what it installs, removes exactly that, and never lists a data path."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("build_installer", ROOT / "scripts" / "build_installer.py")
assert spec and spec.loader
build_installer = importlib.util.module_from_spec(spec)
sys.modules["build_installer"] = build_installer
spec.loader.exec_module(build_installer)


def _stand_in(base: Path) -> Path:
    folder = base / "PhatTrienDangVien"
    for rel in (
        "PhatTrienDangVien.exe",
        "_internal/PySide6/plugins/platforms/qwindows.dll",
        "_internal/resources/help/huong-dan.md",
        "_internal/resources/fonts/LiberationSerif-Regular.ttf",
    ):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(b"x" * 100)
    (folder / "_internal/resources/icons").mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "app.ico", folder / "_internal/resources/icons/app.ico")
    return folder


def test_lists_install_and_remove_the_same_files(tmp_path):
    folder = _stand_in(tmp_path)
    files = build_installer.program_files(folder)
    installed = build_installer.install_list(folder, files)
    removed = build_installer.uninstall_list(files)
    assert len(re.findall(r'^File "', installed, re.M)) == len(files) == 5
    deleted = re.findall(r'^Delete "\$INSTDIR\\(.+)"$', removed, re.M)
    assert sorted(deleted) == sorted(str(p).replace("/", "\\") for p in files)
    assert "/r" not in removed  # never a folder wholesale: a data file put there by mistake survives


@pytest.mark.parametrize(
    "data",
    [
        "du-lieu.sqlite",
        "du-lieu.sqlite-wal",
        "sao-luu/ban-1.sqlite",
        "ban.ptdv",
        "cai-dat.json",
        "logs/chuong-trinh.log",
    ],
)
def test_a_folder_with_data_in_it_is_refused(tmp_path, data):
    folder = _stand_in(tmp_path)
    (folder / data).parent.mkdir(parents=True, exist_ok=True)
    (folder / data).write_bytes(b"SQLite format 3")
    with pytest.raises(build_installer.InstallerError, match="dữ liệu"):
        build_installer.program_files(folder)


def test_the_script_installs_per_user_away_from_the_data():
    script = build_installer.SCRIPT.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in script
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${FOLDER}"' in script
    removal = script.split('Section "Uninstall"')[1]
    assert "RMDir /r" not in removal and "$LOCALAPPDATA\\${FOLDER}" not in removal
    assert 'MUI_LANGUAGE "Vietnamese"' in script


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (Debian package nsis) is not installed")
def test_installer_compiles_from_a_stand_in_folder(tmp_path, capsys):
    folder = _stand_in(tmp_path)
    out = tmp_path / "out" / "PhatTrienDangVien-Setup.exe"
    assert build_installer.main([str(folder), "-o", str(out)]) == 0
    assert out.read_bytes()[:2] == b"MZ" and out.stat().st_size > 50_000
    printed = capsys.readouterr().out
    assert "PhatTrienDangVien.exe" in printed and "CHƯA KÝ SỐ" in printed
