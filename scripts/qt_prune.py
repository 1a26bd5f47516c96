"""What the build leaves out of Qt, for both wheel layouts, and the check that it stayed out.

PySide6's wheels lay Qt out differently: on Linux `PySide6/Qt/plugins/...` and
`PySide6/Qt/lib/libQt6Quick.so.6`; on Windows `PySide6\\plugins\\...` and `PySide6\\Qt6Quick.dll`.
build.spec drops what matches ``UNUSED``; scripts/build.sh (and build.bat) run
``python scripts/qt_prune.py --check FOLDER`` on the built folder, which fails when anything
matching is present.

    python scripts/qt_prune.py --check dist/PhatTrienDangVien
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_SEP = r"[\\/]"
_QT = rf"PySide6{_SEP}(?:Qt{_SEP})?"  # Linux has the extra Qt/ level, Windows does not
_LIB = rf"(?:lib{_SEP})?(?:lib)?Qt6"  # Linux: Qt/lib/libQt6X.so.6; Windows: Qt6X.dll

# Qt plugins the program does not use: desktop themes (GTK drags in 30 libraries), Wayland and
# EGL, network reachability and TLS (QtNetwork serves only the local single-instance socket),
# SVG icons, picture formats other than PNG/ICO/JPEG/GIF, Qt's translations (none is Vietnamese),
# the QML modules. The CUPS printer plugin goes too (it links GnuTLS and Kerberos): the Linux build
# is the test build; the Windows printer plugin (windowsprintersupport) stays.
PLUGINS = (
    rf"{_QT}(?:translations|qml){_SEP}",
    rf"{_QT}plugins{_SEP}(?:platformthemes|wayland[^\\/]*|egldeviceintegrations|xcbglintegrations"
    rf"|networkinformation|tls|generic|iconengines|qmltooling|scenegraph|sceneparsers|geometryloaders"
    rf"|renderers|webview|multimedia|position|sensors|texttospeech|virtualkeyboard){_SEP}",
    rf"{_QT}plugins{_SEP}platforms{_SEP}[^\\/]*(?:wayland|eglfs|minimal|vnc|linuxfb|vkkhrdisplay|direct2d)",
    rf"{_QT}plugins{_SEP}imageformats{_SEP}[^\\/]*(?:svg|tiff|webp|icns|tga|wbmp|pdf)",
    rf"{_QT}plugins{_SEP}printsupport{_SEP}[^\\/]*cups",
)
# Qt libraries only QML, Quick, 3D, WebEngine, multimedia or the virtual keyboard need.
LIBRARIES = (
    rf"{_QT}{_LIB}(?:Qml|Quick|Quick3D|QuickControls2|QuickTemplates2|QuickWidgets|QuickShapes|QmlModels"
    rf"|QmlMeta|QmlWorkerScript|QmlCompiler|WebEngine\w*|WebChannel\w*|WebSockets|3D\w*|Multimedia\w*"
    rf"|VirtualKeyboard\w*|ShaderTools|Charts\w*|DataVisualization\w*|Designer\w*|Labs\w*|Lottie\w*|PdfQuick)[^\\/]*\.(?:dll|so[.\d]*|pyd)$",
    rf"PySide6{_SEP}Qt(?:Qml|Quick\w*|WebEngine\w*|3D\w*|Multimedia\w*|Charts|DataVisualization|Designer)"
    rf"[^\\/]*\.(?:pyd|so|pyi)$",
)
UNUSED = re.compile("|".join(f"(?:{p})" for p in (*PLUGINS, *LIBRARIES)), re.IGNORECASE)


def unused(name: str) -> bool:
    """Whether a path inside the bundle (either separator) is Qt the program never loads."""
    return UNUSED.search(name) is not None


def present(folder: Path) -> list[str]:
    """The pruned files found in a built program folder ([] when the build is clean)."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and unused(str(p.relative_to(folder)))
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "--check":
        print("cách dùng: python scripts/qt_prune.py --check THƯ_MỤC_CHƯƠNG_TRÌNH", file=sys.stderr)
        return 2
    found = present(Path(argv[1]))
    for name in found:
        print(f"Bản dựng còn phần Qt đã bỏ: {name}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
