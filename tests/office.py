"""LibreOffice headless as the slow tests' printer: a workbook or a Word file to PDF.

LibreOffice draws Times New Roman with whatever fontconfig prefers on the machine: with
ghostscript's fonts installed that is Nimbus Roman, whose Vietnamese comes out decomposed,
and page breaks move. The conversion therefore runs with a private fontconfig that adds the
bundled fonts (resources/fonts) and prefers Liberation Serif, the metric twin of Times New
Roman that the office PC's Word would use, so the pages are the same on every machine.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"


def libreoffice_pdf(source: Path, out: Path) -> Path:
    """Convert ``source`` into ``out``; the PDF's path."""
    out.mkdir(parents=True, exist_ok=True)
    fonts_conf = out / "fonts.conf"
    fonts_conf.write_text(
        f"""<?xml version="1.0"?><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{FONTS}</dir>
<cachedir>{out / "fc-cache"}</cachedir>
<alias binding="strong"><family>Times New Roman</family><prefer><family>Liberation Serif</family></prefer></alias>
</fontconfig>""",
        encoding="utf-8",
    )
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{out / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        env={**os.environ, "FONTCONFIG_FILE": str(fonts_conf)},
        capture_output=True,
        timeout=180,
    )
    return out / f"{source.stem}.pdf"
