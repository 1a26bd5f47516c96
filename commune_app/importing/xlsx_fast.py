"""Reading one sheet of an .xlsx quickly: the cells' values straight from the XML with lxml.

openpyxl builds an object per cell and per string (about 1.5 ms per row of the national
database's 28-column sheet); an import needs only the values. This reads the sheet part, the
shared strings and the number formats that make a number a date, and gives the rows exactly as
``openpyxl`` in read-only mode with ``values_only`` does (rows numbered as in the sheet, gaps
kept as empty rows). ``None`` when the workbook is not laid out as expected (the caller then
uses openpyxl).
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"^([A-Z]+)(\d+)$")
# Built-in number formats that show a date (ECMA-376 §18.8.30).
_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})


def _column(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + (ord(ch) - 64)
    return number - 1


def sheets(path: Path) -> list[tuple[str, str, str]] | None:
    """(name, state, part) of every sheet in workbook order; state is visible, hidden or veryHidden."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive:
            book = etree.fromstring(archive.read("xl/workbook.xml"))
            rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError):
        return None
    targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter(f"{_PACKAGE_REL}Relationship")}
    out = []
    for item in book.iter(f"{_MAIN}sheet"):
        target = targets.get(item.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append((item.get("name") or "", item.get("state") or "visible", part))
    return out or None


def _text(element: Any) -> str:
    """The text of a string item, its phonetic runs (rPh) left out."""
    return "".join(t.text or "" for t in element.iter(f"{_MAIN}t") if t.getparent().tag != f"{_MAIN}rPh")


_SI = re.compile(rb"<(?:\w+:)?si>(.*?)</(?:\w+:)?si>|<(?:\w+:)?si\s*/>", re.S)


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    return [_joined(m.group(1) or b"") for m in _SI.finditer(archive.read("xl/sharedStrings.xml"))]


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles whose number format is a date."""
    from lxml import etree

    if "xl/styles.xml" not in archive.namelist():
        return set()
    styles = etree.fromstring(archive.read("xl/styles.xml"))
    custom = {int(f.get("numFmtId")): f.get("formatCode") or "" for f in styles.iter(f"{_MAIN}numFmt")}
    cell_xfs = styles.find(f"{_MAIN}cellXfs")
    dated = set()
    for index, xf in enumerate(cell_xfs if cell_xfs is not None else []):
        number = int(xf.get("numFmtId") or 0)
        if number in _DATE_FORMATS or (number in custom and _is_date_format(custom[number])):
            dated.add(index)
    return dated


def _is_date_format(code: str) -> bool:
    from openpyxl.styles.numbers import is_date_format  # a third of a second: only for custom formats

    return bool(is_date_format(code))


def _epoch(archive: zipfile.ZipFile) -> dt.datetime:
    head = archive.read("xl/workbook.xml")[:4000]
    return dt.datetime(1904, 1, 1) if re.search(rb'date1904="(1|true)"', head) else dt.datetime(1899, 12, 30)


def _number(raw: str) -> int | float:
    try:
        return int(raw)
    except ValueError:
        return float(raw)


# One cell: its reference, its other attributes (no '/' in them) and its body up to the first closing
# tag. Possessive runs of non-'<' bytes keep the scan in the regex engine's fast loops: a lazy '.*?'
# body took twice as long on the 28-column sheet. A cell this misses is caught by the count in _scan.
_CELL = re.compile(
    rb'<(?:\w+:)?c\s+r="([A-Z]+)(\d+)"([^>/]*+)(?:/>|>([^<]*+(?:<(?!/(?:\w+:)?c>)[^<]*+)*+)</(?:\w+:)?c>)', re.S
)
_ATTR_T = re.compile(rb'\bt="(\w+)"')
_ATTR_S = re.compile(rb'\bs="(\d+)"')
_V = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.S)
_T = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>|<(?:\w+:)?t\s*/>", re.S)
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)


_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _entity(found: re.Match[str]) -> str:
    name = found.group(1)
    if name[0] != "#":
        return _NAMED[name]
    return chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return _ENTITY.sub(_entity, text) if "&" in text else text


def _joined(raw: bytes) -> str:
    if b"rPh" in raw:
        raw = _PHONETIC.sub(b"", raw)
    return _unescape(b"".join(_T.findall(raw)))


_UNKNOWN = object()  # not decoded yet
_CHUNK = 1 << 20  # bytes of XML matched at once: findall is quicker than finditer, its lists stay small


def _cells(xml: bytes) -> Iterator[list[tuple[bytes, bytes, bytes, bytes]]]:
    """(column letters, row number, other attributes, body) of every cell, a megabyte at a time, cut
    before a row ('<' only ever starts markup; a cut inside a cell would lose it, which _scan's count
    would catch)."""
    start = 0
    while start < len(xml):
        end = xml.find(b"<row ", start + _CHUNK)
        end = len(xml) if end < 0 else end
        yield _CELL.findall(xml, start, end)
        start = end


def _scan(xml: bytes, strings: list[str], dated: set[int], epoch: dt.datetime, on_row: Any) -> list[list[Any]] | None:
    """The cells found by pattern in the sheet's XML, each with its own reference (the common
    case, several times faster than building elements); None when some cell has no reference.
    ``on_row`` sees the rows once every cell is known to have been found, so a sheet read the slow
    way after all is never counted twice."""
    rows: list[list[Any]] = []
    current = b""
    values: list[Any] = []
    columns: dict[bytes, int] = {}
    # The same attributes and body always give the same value: a column of repeated text, dates or
    # numbers is decoded once (values are immutable: str, int, float, bool, datetime, None).
    decoded: dict[tuple[bytes, bytes], Any] = {}
    cells = 0
    for chunk in _cells(xml):
        cells += len(chunk)
        for letters, number, attributes, body in chunk:
            if number != current:
                index = int(number) - 1
                while len(rows) <= index:
                    rows.append([])
                values, current = rows[index], number
            column = columns.get(letters)
            if column is None:
                column = columns[letters] = _column(letters.decode("ascii"))
            if column > len(values):
                values.extend([None] * (column - len(values)))
            key = (attributes, body)
            value = decoded.get(key, _UNKNOWN)
            if value is _UNKNOWN:
                value = decoded[key] = _scanned_value(attributes, body, strings, dated, epoch)
            values.append(value)
    if xml.count(b"<c ") + xml.count(b":c ") != cells:
        return None
    if on_row is not None:
        for row in rows:
            if row:
                on_row(row)
    return rows


def _scanned_value(attributes: bytes, body: bytes, strings: list[str], dated: set[int], epoch: dt.datetime) -> Any:
    kind_match = _ATTR_T.search(attributes)
    kind = kind_match.group(1).decode("ascii") if kind_match else "n"
    if kind == "inlineStr":
        return _joined(body)
    found = _V.search(body)
    if found is None:
        return None
    raw = found.group(1)
    if kind == "s":
        return strings[int(raw)]
    if kind in ("str", "e"):
        return _unescape(raw)
    if kind == "b":
        return raw == b"1"
    if kind == "d":
        return dt.datetime.fromisoformat(raw.decode("ascii"))
    value = _number(raw.decode("ascii"))
    style = _ATTR_S.search(attributes)
    if style and int(style.group(1)) in dated:
        return epoch + dt.timedelta(days=value)
    return value


def read_rows(path: Path, part: str, on_row: Any = None) -> tuple[list[list[Any]], bytes] | None:
    """The values of every row of the sheet stored in ``part``, and the part's raw XML (for its merged
    cells); ``on_row(values)`` is called for each row. None: not readable this way, use openpyxl."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive:
            if part not in archive.namelist():
                return None
            strings, dated, epoch = _shared_strings(archive), _date_styles(archive), _epoch(archive)
            xml = archive.read(part)
    except (KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
        return None
    try:
        scanned = _scan(xml, strings, dated, epoch, on_row)
    except (ValueError, IndexError, OverflowError):
        return None
    if scanned is not None:
        return scanned, xml
    rows: list[list[Any]] = []
    try:
        for _, row in etree.iterparse(io.BytesIO(xml), tag=f"{_MAIN}row"):
            number = int(row.get("r") or len(rows) + 1)
            while len(rows) < number - 1:
                rows.append([])
            values: list[Any] = []
            for cell in row.iterchildren(f"{_MAIN}c"):
                ref = _REF.match(cell.get("r") or "")
                column = _column(ref.group(1)) if ref else len(values)
                values.extend([None] * (column - len(values)))
                values.append(_value(cell, strings, dated, epoch))
            rows.append(values)
            if on_row is not None:
                on_row(values)
            row.clear()
            while row.getprevious() is not None:
                del row.getparent()[0]
    except (ValueError, IndexError, etree.XMLSyntaxError, OverflowError):
        return None
    return rows, xml


def _value(cell: Any, strings: list[str], dated: set[int], epoch: dt.datetime) -> Any:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(f"{_MAIN}is")
        return _text(inline) if inline is not None else None
    raw = cell.findtext(f"{_MAIN}v")
    if raw is None:
        return None
    if kind == "s":
        return strings[int(raw)]
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return raw == "1"
    if kind == "d":
        return dt.datetime.fromisoformat(raw)
    value = _number(raw)
    if int(cell.get("s") or 0) in dated:
        return epoch + dt.timedelta(days=value)
    return value
