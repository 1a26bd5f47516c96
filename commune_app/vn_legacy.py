"""Text typed in the pre-Unicode Vietnamese fonts: TCVN3 (.VnTime, "ABC") and VNI (VNI-Times).

Old lists keep names typed with those fonts; Excel stores the font's code points as Latin-1
letters, so "Hoàng Thị Bích" arrives as "Hoµng ThÞ BÝch" (TCVN3) or "Hoaøng Thò Bích" (VNI).
``detect`` recognises such text and gives its Unicode spelling; it answers only when the text
holds a sign that Unicode Vietnamese never uses and no letter that only Unicode has, so a
name written properly is never "converted".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng: TCVN3's order
# TCVN3: per vowel, the five toned forms in the order of _TONES; then the bare letters.
_TCVN3_TONED = {
    "a": "µ¶·¸¹",
    "ă": "»¼½¾Æ",
    "â": "ÇÈÉÊË",
    "e": "ÌÎÏÐÑ",
    "ê": "ÒÓÔÕÖ",
    "i": "×ØÜÝÞ",
    "o": "ßáâãä",
    "ô": "åæçèé",
    "ơ": "êëìíî",
    "u": "ïñòóô",
    "ư": "õö÷øù",
    "y": "úûüýþ",
}
_TCVN3_BARE = {
    "¨": "ă",
    "©": "â",
    "ª": "ê",
    "«": "ô",
    "¬": "ơ",
    "\u00ad": "ư",
    "®": "đ",
    "¡": "Ă",
    "¢": "Â",
    "£": "Ê",
    "¤": "Ô",
    "¥": "Ơ",
    "¦": "Ư",
    "§": "Đ",
}
# Signs TCVN3 uses and neither Unicode Vietnamese nor VNI does (symbols, not letters).
_TCVN3_EXCLUSIVE = set("µ¶·¸¹»¼½¾Ç×Þß÷þ¨©ª«¬\u00ad®¡¢£¤¥¦§")
_TCVN3_ALL = set("".join(_TCVN3_TONED.values())) | set(_TCVN3_BARE)

# VNI: a base letter followed by marks. After a, e, o: circumflex (+tone); after a: breve (+tone).
_VNI_TONE = {"ø": 0, "û": 1, "õ": 2, "ù": 3, "ï": 4}
_VNI_CIRCUMFLEX = {"â": None, "à": 0, "å": 1, "ã": 2, "á": 3, "ä": 4}
_VNI_BREVE = {"ê": None, "è": 0, "ú": 1, "ü": 2, "é": 3, "ë": 4}
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_VNI_ONLY = set("øûïñöëüåäæîØÛÏÑÖËÜÅÄÆÎ")
# Mark pairs VNI writes and Unicode Vietnamese never has: a circumflex or breve as its own letter.
_VNI_PAIRS = re.compile(r"[aeoAEO][âÂ]|[aeAE][àáãÀÁÃ]|[aA][êÊèéÈÉ]|[aeiouyAEIOUY][ùÙ]")
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")

# Letters only Unicode Vietnamese has (ă đ ĩ ũ ơ ư and the precomposed block): never in legacy text.
_UNICODE_ONLY = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")


@lru_cache(maxsize=1)
def _tcvn3_table() -> dict[str, str]:
    table = dict(_TCVN3_BARE)
    for vowel, codes in _TCVN3_TONED.items():
        for code, tone in zip(codes, _TONES, strict=True):
            table[code] = unicodedata.normalize("NFC", vowel + tone)
    return table


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _case(letter: str, upper: bool) -> str:
    return letter.upper() if upper else letter


def _from_vni(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        ch = text[index]
        low = ch.lower()
        mark = text[index + 1].lower() if index + 1 < len(text) else ""
        if low in "aeo" and mark in _VNI_CIRCUMFLEX:
            tone = _VNI_CIRCUMFLEX[mark]
            out.append(_compose(ch, "\u0302", *(() if tone is None else (_TONES[tone],))))
            index += 2
        elif low == "a" and mark in _VNI_BREVE:
            tone = _VNI_BREVE[mark]
            out.append(_compose(ch, "\u0306", *(() if tone is None else (_TONES[tone],))))
            index += 2
        elif low in _VNI_SINGLE:
            letter = _case(_VNI_SINGLE[low], ch != low)
            index += 1
            following = text[index].lower() if index < len(text) else ""
            if letter.lower() in "ơư" and following in _VNI_TONE:
                letter = _compose(letter, _TONES[_VNI_TONE[following]])
                index += 1
            out.append(letter)
        elif low in "aeiouy" and mark in _VNI_TONE:
            out.append(_compose(ch, _TONES[_VNI_TONE[mark]]))
            index += 2
        else:
            out.append(ch)
            index += 1
    return "".join(out)


def _clean(text: str) -> bool:
    """No Latin-1 letter left that Vietnamese does not use (what a wrong guess leaves behind)."""
    return not any("\u00a0" <= ch <= "\u00ff" and ch not in _VIETNAMESE_LATIN1 for ch in text)


def detect(text: str) -> tuple[str, str] | None:
    """('TCVN3', Unicode text) or ('VNI', Unicode text) when ``text`` was typed in an old font; else None."""
    if not text or text.isascii() or _UNICODE_ONLY.search(text):
        return None
    letters = set(text)
    pairs = _VNI_PAIRS.search(text)
    if not pairs and _clean(text.replace("Ð", "Đ").replace("ð", "đ")):
        return None  # Unicode Vietnamese, perhaps with the 'Ð' some keyboards type for 'Đ'
    table = _tcvn3_table()
    if letters & _TCVN3_EXCLUSIVE:
        return "TCVN3", unicodedata.normalize("NFC", "".join(table.get(ch, ch) for ch in text))
    if pairs or letters & _VNI_ONLY:
        converted = _from_vni(text)
        if converted != text and _clean(converted):
            return "VNI", converted
    if letters & _TCVN3_ALL:
        converted = unicodedata.normalize("NFC", "".join(table.get(ch, ch) for ch in text))
        if _clean(converted):
            return "TCVN3", converted
    return None


FONT_NAMES = {"TCVN3": "TCVN3 (.VnTime)", "VNI": "VNI (VNI-Times)"}
