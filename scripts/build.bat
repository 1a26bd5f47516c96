@echo off
rem Build the one-folder program on Windows from a clean virtual environment, then check it.
setlocal
cd /d "%~dp0\.."
if exist build\venv-build rmdir /s /q build\venv-build
py -3.12 -m venv build\venv-build || python -m venv build\venv-build || exit /b 1
build\venv-build\Scripts\python -m pip install -q --upgrade pip || exit /b 1
build\venv-build\Scripts\pip install -q . "pyinstaller>=6.10" || exit /b 1
build\venv-build\Scripts\pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller build.spec || exit /b 1
set APP=dist\PhatTrienDangVien
"%APP%\commune-app.exe" --version || exit /b 1
"%APP%\commune-app.exe" demo --db "%TEMP%\ptdv-demo.sqlite" --seed 1 >nul || exit /b 1
"%APP%\commune-app.exe" check --db "%TEMP%\ptdv-demo.sqlite" >nul || exit /b 1
"%APP%\PhatTrienDangVien.exe" --db "%TEMP%\ptdv-demo.sqlite" --self-test || exit /b 1
del "%TEMP%\ptdv-demo.sqlite"
echo Da dung xong: %APP%
