"""Recognising a sheet's columns by their Vietnamese headers.

The synonyms are data (resources/labels/import_headers.json) because every commune words its
lists a little differently. A header is compared folded (case, tones, đ, spacing and
punctuation ignored); a two-row header is tried as 'upper + lower' first, then each part.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from commune_app import vn
from commune_app.paths import resource_path

_PUNCT = re.compile(r"[\s,.;:()\[\]/\\\-–_*'\"“”]+")


def header_key(text: str) -> str:
    """The folded form a header is compared in: 'Ngày, tháng, năm sinh' → 'ngay thang nam sinh'."""
    return _PUNCT.sub(" ", vn.fold(text)).strip()


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str
    synonyms: tuple[str, ...]  # header keys


@lru_cache(maxsize=1)
def import_fields() -> dict[str, ImportField]:
    """Every field a column can be mapped to, in the order of the data file."""
    data = json.loads(resource_path("labels", "import_headers.json").read_text(encoding="utf-8"))
    return {
        key: ImportField(key, spec["label"], tuple(header_key(s) for s in spec["synonyms"]))
        for key, spec in data["fields"].items()
    }


@lru_cache(maxsize=1)
def _exact() -> dict[str, str]:
    out: dict[str, str] = {}
    for field in import_fields().values():
        for synonym in field.synonyms:
            out.setdefault(synonym, field.key)
    return out


@lru_cache(maxsize=1)
def _contained() -> list[tuple[str, str]]:
    """Synonyms of two words or more, longest first, for headers with extra words around them."""
    pairs = [(s, f.key) for f in import_fields().values() for s in f.synonyms if " " in s]
    return sorted(pairs, key=lambda p: -len(p[0]))


def _match_one(key: str) -> str | None:
    if not key:
        return None
    found = _exact().get(key)
    if found:
        return found
    padded = f" {key} "
    for synonym, field in _contained():
        if f" {synonym} " in padded:
            return field
    return None


def _is_male_tick(upper: str, lower: str) -> bool:
    """A column headed just 'Nam' (ticks beside 'Nữ'). Told apart before folding, which
    would make it 'Năm' (a year), so it cannot be an ordinary synonym."""
    words = {vn.nfc(t).strip().casefold() for t in (upper, lower) if t and t.strip()}
    return words == {"nam"}


_REMARK = re.compile(r"\([^)]*\)")


def match_header(upper: str, lower: str = "") -> str | None:
    """The field a column is for, from its header (and the second header row, if any).

    Remarks in brackets are tried without first: 'Quê quán (theo mô hình 2 cấp)' over 'Quốc gia'
    is the home town's country, not the home town; 'Số thẻ Đảng * (12 số theo HD38-HD/BTCTW)'."""
    if _is_male_tick(upper, lower):
        return "gender_male_mark"
    if "(" in upper or "(" in lower:
        found = _match_pair(_REMARK.sub(" ", upper), _REMARK.sub(" ", lower))
        if found:
            return found
    return _match_pair(upper, lower)


def _match_pair(upper: str, lower: str) -> str | None:
    top, sub = header_key(upper), header_key(lower)
    if sub and sub != top:
        for candidate in (f"{top} {sub}".strip(), sub):
            found = _exact().get(candidate)
            if found:
                return found
        combined = _match_one(f"{top} {sub}".strip())
        if combined:
            return combined
        return _match_one(sub) or _match_one(top)
    return _match_one(top)


def column_label(upper: str, lower: str = "") -> str:
    """What the wizard shows for a column: 'Ngày, tháng, năm sinh / Nữ'."""
    upper, lower = vn.nfc(upper), vn.nfc(lower)
    if lower and lower != upper:
        return f"{upper} / {lower}" if upper else lower
    return upper


def auto_mapping(labels: list[tuple[str, str]]) -> dict[int, str]:
    """Column index → field for the columns recognised; a field is taken by its first column."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, (upper, lower) in enumerate(labels):
        field = match_header(upper, lower)
        if field and field not in taken:
            mapping[index] = field
            taken.add(field)
    return mapping


def mapping_by_header(labels: list[tuple[str, str]], mapping: dict[int, str]) -> dict[str, str]:
    """A mapping in the form it is saved: header key → field, reusable on another file."""
    out = {}
    for index, field in mapping.items():
        if 0 <= index < len(labels):
            upper, lower = labels[index]
            out[header_key(f"{upper} {lower}" if lower and lower != upper else upper)] = field
    return out


def apply_saved(labels: list[tuple[str, str]], saved: dict[str, str]) -> dict[int, str]:
    """A saved mapping applied to this sheet's headers; unknown headers fall back to recognition."""
    mapping = auto_mapping(labels)
    fields = import_fields()
    for index, (upper, lower) in enumerate(labels):
        key = header_key(f"{upper} {lower}" if lower and lower != upper else upper)
        if key in saved:
            field = saved[key]
            for other, value in list(mapping.items()):
                if value == field and other != index:
                    del mapping[other]
            if field in fields:
                mapping[index] = field
            else:
                mapping.pop(index, None)
    return mapping
