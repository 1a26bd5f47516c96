@echo off
rem Windows twin of scripts/build.sh: build the one-folder program (build.spec) from a clean
rem virtual environment holding only the runtime dependencies plus PyInstaller, at the versions of
rem locks\runtime-py312.txt (pip adds PyInstaller's Windows-only helpers, pefile and pywin32-ctypes), then check it:
rem --version, a demo file, check, a report and a PDF, an account and an encrypted backup, and
rem the window's self-test offscreen (console program for its messages, then the windowed one).
rem   set PYTHON=C:\Python312\python.exe   interpreter for the clean environment (default: py -3.12)
rem   set BUILD_WORK=...  set BUILD_DIST=...  where the work files and the program folder go
rem Messages are plain ASCII: cmd.exe shows accented letters only after changing its code page.
setlocal EnableExtensions
cd /d "%~dp0\.."
if not defined BUILD_WORK set "BUILD_WORK=%CD%\build"
if not defined BUILD_DIST set "BUILD_DIST=%CD%\dist"
set "VENV=%BUILD_WORK%\venv-build"
set "APP=%BUILD_DIST%\PhatTrienDangVien"
for /f %%t in ('powershell -NoProfile -Command "[DateTimeOffset]::UtcNow.ToUnixTimeSeconds()"') do set START=%%t

echo == Moi truong sach: %VENV%
if exist "%VENV%" rmdir /s /q "%VENV%"
if exist "%BUILD_WORK%\pyinstaller" rmdir /s /q "%BUILD_WORK%\pyinstaller"
if exist "%APP%" rmdir /s /q "%APP%"
if not exist "%BUILD_WORK%" mkdir "%BUILD_WORK%"
if defined PYTHON (
    "%PYTHON%" -m venv "%VENV%" || exit /b 1
) else (
    py -3.12 -m venv "%VENV%" || exit /b 1
)
"%VENV%\Scripts\python" -c "import sys; sys.exit(sys.version_info[:2] != (3, 12))" || (echo Ban dung can Python 3.12 & exit /b 2)
"%VENV%\Scripts\python" -m pip install -q --upgrade pip || exit /b 1
"%VENV%\Scripts\python" -m pip install -q -r locks\runtime-py312.txt || exit /b 1

echo == PyInstaller
"%VENV%\Scripts\pyinstaller" --noconfirm --clean --log-level WARN --distpath "%BUILD_DIST%" --workpath "%BUILD_WORK%\pyinstaller" build.spec || exit /b 1
for /f %%t in ('powershell -NoProfile -Command "[DateTimeOffset]::UtcNow.ToUnixTimeSeconds()"') do set BUILT=%%t

echo == Kiem tra ban dung
"%VENV%\Scripts\python" scripts\qt_prune.py --check "%APP%" || exit /b 1
set "CHECK=%TEMP%\ptdv-build-check-%RANDOM%"
mkdir "%CHECK%" || exit /b 1
set "COMMUNE_APP_HOME=%CHECK%\home"
"%APP%\PhatTrienDangVien.exe" --version || goto failed
"%APP%\PhatTrienDangVien.exe" demo --db "%CHECK%\demo.sqlite" --seed 1 >nul || goto failed
"%APP%\PhatTrienDangVien.exe" check --db "%CHECK%\demo.sqlite" >nul || goto failed
"%APP%\PhatTrienDangVien.exe" report --db "%CHECK%\demo.sqlite" --period 2026 -o "%CHECK%\bao-cao.xlsx" >nul || goto failed
"%APP%\PhatTrienDangVien.exe" dossier --db "%CHECK%\demo.sqlite" --register -o "%CHECK%\so-du-bi.pdf" >nul || goto failed
> "%CHECK%\password" echo mat-khau-kiem-tra-ban-dung
"%APP%\PhatTrienDangVien.exe" user add --db "%CHECK%\demo.sqlite" --role admin --password-file "%CHECK%\password" quantri >nul || goto failed
"%APP%\PhatTrienDangVien.exe" backup --db "%CHECK%\demo.sqlite" --password-file "%CHECK%\password" -o "%CHECK%\sao-luu.ptdv" >nul || goto failed
for %%f in (bao-cao.xlsx so-du-bi.pdf sao-luu.ptdv) do if not exist "%CHECK%\%%f" (echo Ban dung khong tao duoc %%f & goto failed)
set QT_QPA_PLATFORM=offscreen
set "COMMUNE_APP_SELF_TEST_SHOT=%BUILD_WORK%\self-test.png"
"%APP%\PhatTrienDangVien.exe" --db "%CHECK%\demo.sqlite" --self-test || goto failed
rem A windowed program returns at once unless started with /wait; its messages go to the log.
start "" /wait "%APP%\PhatTrienDangVien.exe" --db "%CHECK%\demo.sqlite" --self-test
if errorlevel 1 (echo Chuong trinh cua so khong qua tu kiem tra, xem nhat ky trong %CHECK%\home & goto failed)
set QT_QPA_PLATFORM=
rmdir /s /q "%CHECK%"

for /f %%t in ('powershell -NoProfile -Command "[DateTimeOffset]::UtcNow.ToUnixTimeSeconds()"') do set END=%%t
rem (no pipe inside the for /f command: cmd.exe would need it escaped)
for /f %%m in ('powershell -NoProfile -Command "$s = 0; foreach ($f in Get-ChildItem -Recurse -File '%APP%') { $s += $f.Length }; [int]($s / 1MB)"') do set SIZE=%%m
set /a BUILD_SECONDS=BUILT-START
set /a CHECK_SECONDS=END-BUILT
echo Thu muc chuong trinh: %APP%
echo Dung luong: %SIZE% MB; dung trong %BUILD_SECONDS% giay, kiem tra trong %CHECK_SECONDS% giay
exit /b 0

:failed
echo Kiem tra ban dung KHONG DAT. Tep kiem tra giu lai trong %CHECK%
exit /b 1
