"""The one way text goes into a workbook cell, for every workbook the program writes (through
openpyxl, or the report workbook's own writer, ``xlsx_book``).

A recipient's Excel must never run what a clerk (or an imported sheet) typed: text that
begins like a formula ('=', '+', '-', '@', a tab or a carriage return) is stored as a
string, shown as typed, with Excel's quote prefix so that editing the cell keeps it text.
Control characters (which openpyxl refuses with IllegalCharacterError, and which CSV
imports let in) are removed, so no writer can crash half-way on them.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from commune_app import vn

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """NFC text without the control characters a workbook cannot hold (line breaks are kept)."""
    return vn.CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", text))


def text_cell(text: str) -> tuple[str, bool]:
    """The text a cell holds, and whether it takes Excel's quote prefix (it begins like a formula
    Excel would run when the cell is edited)."""
    cleaned = clean_text(text)
    return cleaned, cleaned.startswith("=")


def put(cell: Any, value: Any) -> Any:
    """Store ``value`` in an openpyxl cell (normal or write-only); returns the cell."""
    if isinstance(value, str):
        value, quote = text_cell(value)
        cell.value = value
        if value.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # openpyxl would write '=…' as a formula
            if quote:
                cell.quotePrefix = True
    else:
        cell.value = value
    return cell
