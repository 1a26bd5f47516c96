#!/usr/bin/env bash
# Build the one-folder program (build.spec) from a clean virtual environment holding only the
# runtime dependencies plus PyInstaller, at the versions of locks/runtime-py312.txt (so two builds
# of the same commit print the same documents and count the same working days), then check the result as a clerk's
# PC would run it: --version, a demo file, `check`, a report and a PDF from it, an account
# (scrypt) and an encrypted backup, and the window starting offscreen with its self-test, which
# leaves a picture of the window in BUILD_WORK/self-test.png. Prints the folder's size and the
# build time.
#
#   PYTHON=python3.12   the interpreter for the clean environment (default: python3.12); it must be 3.12
#   BUILD_WORK=DIR      where the environment and PyInstaller's work files go (default: build/)
#   BUILD_DIST=DIR      where the program folder goes (default: dist/)
# Nothing is written into the checkout outside these two folders.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PY=${PYTHON:-}
if [ -z "$PY" ]; then
    if python3.12 --version >/dev/null 2>&1; then PY=python3.12; else PY=python3; fi
fi
# The lock and the Qt pruning of build.spec are made for Python 3.12 (docs/decisions/python-version.md).
if [ "$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" != "3.12" ]; then
    echo "Bản dựng cần Python 3.12 (đang có $("$PY" --version 2>&1)); đặt PYTHON=đường-dẫn-python3.12" >&2
    exit 2
fi
WORK=$(mkdir -p "${BUILD_WORK:-build}" && cd "${BUILD_WORK:-build}" && pwd)
DIST=$(mkdir -p "${BUILD_DIST:-dist}" && cd "${BUILD_DIST:-dist}" && pwd)
VENV="$WORK/venv-build"
APP="$DIST/PhatTrienDangVien"
START=$(date +%s)

step() { echo "== $*"; }

step "Môi trường sạch: $VENV ($($PY --version))"
rm -rf "$VENV" "$WORK/pyinstaller" "$APP"
$PY -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -r locks/runtime-py312.txt

step "PyInstaller"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath "$DIST" \
    --workpath "$WORK/pyinstaller" build.spec
BUILT=$(date +%s)

step "Kiểm tra bản dựng"
"$VENV/bin/python" scripts/qt_prune.py --check "$APP"  # no Qt the spec leaves out (QtQuick, QML, WebEngine...)
CHECK=$(mktemp -d)
trap 'rm -rf "$CHECK"' EXIT
export COMMUNE_APP_HOME="$CHECK/home"  # the settings and logs of the check stay in the temporary folder
"$APP/PhatTrienDangVien" --version
"$APP/PhatTrienDangVien" demo --db "$CHECK/demo.sqlite" --seed 1 >/dev/null
"$APP/PhatTrienDangVien" check --db "$CHECK/demo.sqlite" >/dev/null
"$APP/PhatTrienDangVien" report --db "$CHECK/demo.sqlite" --period 2026 -o "$CHECK/bao-cao.xlsx" >/dev/null
"$APP/PhatTrienDangVien" dossier --db "$CHECK/demo.sqlite" --register -o "$CHECK/so-du-bi.pdf" >/dev/null
printf 'mat-khau-kiem-tra-ban-dung\n' >"$CHECK/password"
"$APP/PhatTrienDangVien" user add --db "$CHECK/demo.sqlite" --role admin --password-file "$CHECK/password" quantri >/dev/null
"$APP/PhatTrienDangVien" backup --db "$CHECK/demo.sqlite" --password-file "$CHECK/password" -o "$CHECK/sao-luu.ptdv" >/dev/null
for output in bao-cao.xlsx so-du-bi.pdf sao-luu.ptdv; do
    [ -s "$CHECK/$output" ] || { echo "Bản dựng không tạo được $output" >&2; exit 1; }
done
# The file now has an account: the self-test must still start without anyone signing in.
rm -f "$WORK/self-test.png"
QT_QPA_PLATFORM=offscreen COMMUNE_APP_SELF_TEST_SHOT="$WORK/self-test.png" \
    "$APP/PhatTrienDangVien" --db "$CHECK/demo.sqlite" --self-test
[ -s "$WORK/self-test.png" ] || { echo "Tự kiểm tra không để lại ảnh chụp cửa sổ" >&2; exit 1; }

END=$(date +%s)
SIZE=$(du -sm --apparent-size "$APP" | cut -f1)
echo "Thư mục chương trình: $APP"
echo "Dung lượng: $SIZE MB; dựng trong $((BUILT - START)) giây, kiểm tra trong $((END - BUILT)) giây"
