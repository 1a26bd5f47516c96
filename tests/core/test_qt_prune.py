"""The build's Qt pruning matches both wheel layouts, keeps what the program loads, and its check fails."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import qt_prune  # noqa: E402

PRUNED = [
    # Windows layout (PySide6\plugins, Qt6*.dll next to the bindings)
    r"PySide6\translations\qtbase_de.qm",
    r"PySide6\plugins\platformthemes\qxdgdesktopportal.dll",
    r"PySide6\Qt6Quick.dll",
    r"PySide6\Qt6Qml.dll",
    r"PySide6\Qt6QmlModels.dll",
    r"PySide6\Qt6WebEngineCore.dll",
    r"PySide6\Qt6PdfQuick.dll",
    r"PySide6\qml\QtQuick\Controls\qmldir",
    r"PySide6\QtQuick.pyd",
    r"PySide6\plugins\imageformats\qsvg.dll",
    r"PySide6\plugins\platforms\qdirect2d.dll",
    r"PySide6\plugins\tls\qschannelbackend.dll",
    # Linux layout (PySide6/Qt/plugins, PySide6/Qt/lib/libQt6*.so.6)
    "PySide6/Qt/translations/qt_vi.qm",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforms/libqwayland-egl.so",
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6Qml.so.6",
    "PySide6/Qt/lib/libQt6LabsSettings.so.6",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/QtQml.abi3.so",
]
KEPT = [
    r"PySide6\Qt6Core.dll",
    r"PySide6\Qt6Widgets.dll",
    r"PySide6\Qt6Pdf.dll",
    r"PySide6\Qt6PdfWidgets.dll",
    r"PySide6\Qt6PrintSupport.dll",
    r"PySide6\Qt6Network.dll",
    r"PySide6\QtPdf.pyd",
    r"PySide6\plugins\platforms\qwindows.dll",
    r"PySide6\plugins\platforms\qoffscreen.dll",
    r"PySide6\plugins\imageformats\qjpeg.dll",
    r"PySide6\plugins\printsupport\windowsprintersupport.dll",
    r"PySide6\plugins\styles\qmodernwindowsstyle.dll",
    "PySide6/Qt/lib/libQt6Gui.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqico.so",
    "PySide6/QtWidgets.abi3.so",
    "shiboken6/Shiboken.abi3.so",
]


@pytest.mark.parametrize("name", PRUNED)
def test_unused_qt_is_pruned_in_both_layouts(name: str) -> None:
    assert qt_prune.unused(name)


@pytest.mark.parametrize("name", KEPT)
def test_what_the_program_loads_is_kept(name: str) -> None:
    assert not qt_prune.unused(name)


def test_the_build_check_fails_when_a_pruned_file_is_present(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = tmp_path / "PhatTrienDangVien"
    kept = app / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Gui.so.6"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"")
    assert qt_prune.main(["--check", str(app)]) == 0
    (kept.parent / "libQt6Quick.so.6").write_bytes(b"")
    assert qt_prune.main(["--check", str(app)]) == 1
    assert "libQt6Quick.so.6" in capsys.readouterr().err
