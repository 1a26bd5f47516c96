"""Build the Windows installer from a PyInstaller folder: python scripts/build_installer.py DIST_FOLDER.

Writes the lists of files to install and to remove (the uninstaller removes exactly these, by
name), refuses a folder that holds anything that looks like a clerk's data, runs makensis
(Debian's `nsis` package builds Windows installers on Linux too) and signs the result when a
certificate is given (SIGN_CERT=path.pfx, SIGN_PASSWORD_FILE=file; osslsigncode or signtool).
Prints the listing, the size, and whether the output is signed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path, PureWindowsPath

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "installer" / "phat-trien-dang-vien.nsi"
EXE = "PhatTrienDangVien.exe"
# What must never be in an installer: a data file, its journal, a backup, settings, logs.
DATA_PATTERNS = re.compile(
    r"(\.sqlite|\.sqlite-wal|\.sqlite-shm|\.db|\.ptdv|\.lock|cai-dat\.json|\.log)$"
    r"|(^|/)(sao-luu|backups?|logs?)(/|$)",
    re.IGNORECASE,
)


class InstallerError(Exception):
    """Why the installer was not built (a Vietnamese sentence)."""


def app_version() -> str:
    text = (ROOT / "commune_app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if not found:
        raise InstallerError("Không đọc được số phiên bản trong commune_app/__init__.py")
    return found.group(1)


def program_files(folder: Path) -> list[Path]:
    """Every file of the program folder, relative to it, in a stable order."""
    if not (folder / EXE).is_file():
        raise InstallerError(f"{folder} không phải thư mục chương trình đã dựng (thiếu {EXE})")
    files = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    data = [str(p) for p in files if DATA_PATTERNS.search(p.as_posix())]
    if data:
        raise InstallerError("Thư mục chương trình có tệp trông như dữ liệu, không đưa vào bộ cài: " + ", ".join(data))
    return files


def _win(path: Path) -> str:
    return str(PureWindowsPath(*path.parts))


def install_list(folder: Path, files: list[Path]) -> str:
    """SetOutPath per folder, then File for each of its files (absolute source paths)."""
    lines, current = [], None
    for rel in files:
        target = rel.parent
        if target != current:
            lines.append(f'SetOutPath "$INSTDIR\\{_win(target)}"' if target.parts else 'SetOutPath "$INSTDIR"')
            current = target
        lines.append(f'File "{folder / rel}"')
    return "\n".join(lines) + "\n"


def uninstall_list(files: list[Path]) -> str:
    """Delete each file installed, then remove its folders deepest first, only if empty."""
    lines = [f'Delete "$INSTDIR\\{_win(rel)}"' for rel in files]
    folders = sorted(
        {parent for rel in files for parent in rel.parents if parent.parts}, key=lambda p: len(p.parts), reverse=True
    )
    lines += [f'RMDir "$INSTDIR\\{_win(folder)}"' for folder in folders]
    return "\n".join(lines) + "\n"


def size_kb(folder: Path, files: list[Path]) -> int:
    return sum((folder / rel).stat().st_size for rel in files) // 1024 + 1


def sign(exe: Path) -> bool:
    """Sign with the certificate given in the environment; False (unsigned) without one."""
    cert, password_file = os.environ.get("SIGN_CERT"), os.environ.get("SIGN_PASSWORD_FILE")
    if not cert:
        return False
    password = Path(password_file).read_text(encoding="utf-8").strip() if password_file else ""
    signed = exe.with_name(exe.stem + "-signed.exe")
    if shutil.which("osslsigncode"):
        command = [
            "osslsigncode",
            "sign",
            "-pkcs12",
            cert,
            "-pass",
            password,
            "-n",
            "Phát triển Đảng viên",
            "-in",
            str(exe),
            "-out",
            str(signed),
        ]
    elif shutil.which("signtool"):
        command = ["signtool", "sign", "/f", cert, "/p", password, "/fd", "SHA256", str(exe)]
        signed = exe
    else:
        raise InstallerError("Có chứng thư số (SIGN_CERT) nhưng không có osslsigncode hay signtool để ký")
    subprocess.run(command, check=True)
    if signed != exe:
        signed.replace(exe)
    return True


def build(folder: Path, out: Path, makensis: str = "makensis") -> tuple[list[Path], bool]:
    """Build ``out`` from the program ``folder``; the files installed, and whether it is signed."""
    folder, out = folder.resolve(), out.resolve()
    if shutil.which(makensis) is None:
        raise InstallerError("Không có makensis: trên Debian/Ubuntu cài gói nsis (apt-get install nsis)")
    files = program_files(folder)
    work = out.parent / "nsis"
    work.mkdir(parents=True, exist_ok=True)
    (work / "install-files.nsh").write_text(install_list(folder, files), encoding="utf-8")
    (work / "uninstall-files.nsh").write_text(uninstall_list(files), encoding="utf-8")
    version = app_version()
    numbers = [*re.findall(r"\d+", version), "0", "0", "0", "0"][:4]
    defines = {
        "VERSION": version,
        "VERSION4": ".".join(numbers),
        "SOURCE": str(folder),
        "OUTFILE": str(out),
        "FILES": str(work / "install-files.nsh"),
        "UNFILES": str(work / "uninstall-files.nsh"),
        "SIZE_KB": str(size_kb(folder, files)),
    }
    command = [makensis, "-V2", "-INPUTCHARSET", "UTF8", *(f"-D{k}={v}" for k, v in defines.items()), str(SCRIPT)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise InstallerError("makensis không dựng được bộ cài:\n" + (done.stdout + done.stderr)[-4000:])
    return files, sign(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Dựng bộ cài Windows từ thư mục PyInstaller")
    parser.add_argument("folder", type=Path, help="thư mục chương trình (dist/PhatTrienDangVien)")
    parser.add_argument(
        "-o", "--out", type=Path, help="tệp bộ cài (mặc định dist/PhatTrienDangVien-Setup-<phiên bản>.exe)"
    )
    args = parser.parse_args(argv)
    out = args.out or ROOT / "dist" / f"PhatTrienDangVien-Setup-{app_version()}.exe"
    try:
        files, signed = build(args.folder, out)
    except InstallerError as exc:
        print(exc, file=sys.stderr)
        return 1
    for rel in files:
        print(rel.as_posix())
    size = out.stat().st_size / 1024 / 1024
    print(f"Bộ cài: {out} ({len(files)} tệp, {size:.1f} MB)".replace(f"{size:.1f}", f"{size:.1f}".replace(".", ",")))
    print("Đã ký số." if signed else "CHƯA KÝ SỐ: Windows SmartScreen sẽ cảnh báo khi chạy (xem docs/cai-dat.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
