#!/usr/bin/env bash
# Build the one-folder program from a clean virtual environment holding only the runtime
# dependencies, then check the result: --version, `check` on a demo file, and the window
# starting offscreen. Prints the folder's size and the build time.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ -z "${PYTHON:-}" ] && python3.12 --version >/dev/null 2>&1; then PY=python3.12; fi
WORK=${BUILD_WORK:-build/venv-build}
START=$(date +%s)

rm -rf "$WORK" build/PhatTrienDangVien dist/PhatTrienDangVien
$PY -m venv "$WORK"
"$WORK/bin/pip" install -q --upgrade pip
"$WORK/bin/pip" install -q . "pyinstaller>=6.10"
"$WORK/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller build.spec

APP=dist/PhatTrienDangVien
CHECK=$(mktemp -d)
"$APP/commune-app" --version
"$APP/commune-app" demo --db "$CHECK/demo.sqlite" --seed 1 >/dev/null
"$APP/commune-app" check --db "$CHECK/demo.sqlite" >/dev/null
COMMUNE_APP_HOME="$CHECK/home" QT_QPA_PLATFORM=offscreen "$APP/PhatTrienDangVien" --db "$CHECK/demo.sqlite" --self-test
rm -rf "$CHECK"

END=$(date +%s)
echo "Thư mục chương trình: $APP ($(du -sh "$APP" | cut -f1)); thời gian dựng: $((END - START)) giây"
