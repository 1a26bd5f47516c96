"""The serif font of party documents, registered once per process with reportlab.

HD 36-HD/VPTW asks for Unicode Times New Roman. Where the computer has it (every Windows
office PC does) it is embedded; otherwise the bundled Liberation Serif, which has the same
metrics, so a document breaks lines and pages the same way on every machine.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from commune_app.paths import resource_path

STYLES = ("regular", "bold", "italic", "bold_italic")

# Settings key document_font: "auto" (Times New Roman when present), "times", "liberation".
FONT_CHOICES = {
    "auto": "Tự động (Times New Roman nếu máy có)",
    "times": "Times New Roman",
    "liberation": "Liberation Serif (kèm theo chương trình)",
}


@dataclass(frozen=True)
class FontSet:
    """reportlab font names of one family, plus where the files came from."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    label: str


def _times_candidates() -> list[dict[str, Path]]:
    """Places a Times New Roman family may be installed, most likely first."""
    sets: list[dict[str, Path]] = []
    windir = Path(os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows") / "Fonts"
    local = Path(os.environ.get("LOCALAPPDATA") or Path.home()) / "Microsoft" / "Windows" / "Fonts"
    for folder in (windir, local):
        sets.append(
            {
                "regular": folder / "times.ttf",
                "bold": folder / "timesbd.ttf",
                "italic": folder / "timesi.ttf",
                "bold_italic": folder / "timesbi.ttf",
            }
        )
    for folder in (
        Path("/usr/share/fonts/truetype/msttcorefonts"),
        Path.home() / ".fonts",
        Path("/usr/share/fonts/TTF"),
    ):
        sets.append(
            {
                "regular": folder / "Times_New_Roman.ttf",
                "bold": folder / "Times_New_Roman_Bold.ttf",
                "italic": folder / "Times_New_Roman_Italic.ttf",
                "bold_italic": folder / "Times_New_Roman_Bold_Italic.ttf",
            }
        )
    if sys.platform == "darwin":
        for folder in (Path("/System/Library/Fonts/Supplemental"), Path("/Library/Fonts")):
            sets.append(
                {
                    "regular": folder / "Times New Roman.ttf",
                    "bold": folder / "Times New Roman Bold.ttf",
                    "italic": folder / "Times New Roman Italic.ttf",
                    "bold_italic": folder / "Times New Roman Bold Italic.ttf",
                }
            )
    return sets


def find_times_new_roman() -> dict[str, Path] | None:
    for files in _times_candidates():
        if all(p.is_file() for p in files.values()):
            return files
    return None


def bundled_liberation() -> dict[str, Path]:
    names = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
    return {style: resource_path("fonts", f"LiberationSerif-{suffix}.ttf") for style, suffix in names.items()}


@lru_cache(maxsize=4)
def document_fonts(choice: str = "auto") -> FontSet:
    """Register (once) and return the document family for a ``document_font`` setting."""
    files = None if choice == "liberation" else find_times_new_roman()
    if files is not None:
        try:
            return _register("DocTimes", files, "Times New Roman")
        except Exception as exc:  # a damaged system font file: fall back to the bundled family
            logging.getLogger("commune_app").warning("Không dùng được phông Times New Roman của máy: %s", exc)
    return _register("DocLiberation", bundled_liberation(), "Liberation Serif")


def _register(family: str, files: dict[str, Path], label: str) -> FontSet:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = {
        "regular": family,
        "bold": f"{family}-Bold",
        "italic": f"{family}-Italic",
        "bold_italic": f"{family}-BoldItalic",
    }
    for style in STYLES:
        if names[style] not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(names[style], str(files[style])))
    # So that <b> and <i> inside paragraphs pick the right face.
    addMapping(family, 0, 0, names["regular"])
    addMapping(family, 1, 0, names["bold"])
    addMapping(family, 0, 1, names["italic"])
    addMapping(family, 1, 1, names["bold_italic"])
    return FontSet(
        family=family,
        regular=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        bold_italic=names["bold_italic"],
        label=label,
    )
