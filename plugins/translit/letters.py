"""The letters of Serbian in its two scripts: the one-to-one tables (accented
vowels included), the Latin digraphs lj, nj, dž, and the Latin letters that
are not Serbian (a word with one is foreign and kept as written)."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable


_CYR_TO_LAT_LOWER = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e",
    "ж": "ž", "з": "z", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj",
    "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č",
    "џ": "dž", "ш": "š",
}

# Accent marks used in Serbian dictionaries and linguistic texts: short
# rising (grave), long rising (acute), genitive sign (circumflex),
# post-accent length (macron), short falling (double grave), long falling
# (inverted breve).
SERBIAN_ACCENTS = "\u0300\u0301\u0302\u0304\u030f\u0311"

CYR_TO_LAT: dict[str, str] = {}
for _c, _l in _CYR_TO_LAT_LOWER.items():
    CYR_TO_LAT[_c] = _l
    CYR_TO_LAT[_c.upper()] = _l[0].upper() + _l[1:]   # title case: Lj Nj Dž

_LAT_TO_CYR: dict[str, str] = {}
for _c, _l in _CYR_TO_LAT_LOWER.items():
    if len(_l) == 1:
        _LAT_TO_CYR[_l] = _c
        _LAT_TO_CYR[_l.upper()] = _c.upper()
# Unicode digraph letters (rare, but cheap to support).
_LAT_TO_CYR.update({
    "\u01c4": "Џ", "\u01c5": "Џ", "\u01c6": "џ",   # Ǆ ǅ ǆ
    "\u01c7": "Љ", "\u01c8": "Љ", "\u01c9": "љ",   # Ǉ ǈ ǉ
    "\u01ca": "Њ", "\u01cb": "Њ", "\u01cc": "њ",   # Ǌ ǋ ǌ
})


def _accented_precomposed(ranges: Iterable[range], base_map: dict[str, str],
                          bases: str) -> dict[str, str]:
    """Precomposed letters (NFC forms) = Serbian vowel/r + accent marks.

    NFC composes e.g. Cyrillic е + U+0300 into ѐ and Latin a + U+0300 into à;
    such a letter maps to the other script's base letter followed by the
    same combining marks.
    """
    out = {}
    for rng in ranges:
        for cp in rng:
            ch = chr(cp)
            d = unicodedata.normalize("NFD", ch)
            if (len(d) > 1 and d[0] in bases
                    and all(m in SERBIAN_ACCENTS for m in d[1:])):
                out[ch] = base_map[d[0]] + d[1:]
    return out


_CYR_VOWELS_R = "аеиоурАЕИОУР"
_LAT_VOWELS_R = "aeiourAEIOUR"
CYR_TO_LAT.update(_accented_precomposed(
    [range(0x0400, 0x0530)], CYR_TO_LAT, _CYR_VOWELS_R))
_LAT_TO_CYR.update(_accented_precomposed(
    [range(0x00C0, 0x0250), range(0x1E00, 0x1F00)], _LAT_TO_CYR, _LAT_VOWELS_R))


def _dense_table(mapping: dict[str, str], size: int = 0x2100) -> list:
    """A str.translate table as a list indexed by code point.

    Every code point below `size` (ASCII, Latin, Cyrillic, general
    punctuation) has an entry, identity if unmapped, so translate() never
    takes the slow missing-key path for them; higher code points raise
    IndexError, which translate() treats as "unchanged".
    """
    table: list = list(range(size))
    for ch, repl in mapping.items():
        table[ord(ch)] = ord(repl) if len(repl) == 1 else repl
    return table


CYR_TABLE = _dense_table(CYR_TO_LAT)
LAT_TABLE = _dense_table(_LAT_TO_CYR)

# Latin letters that are not part of the Gaj alphabet: a word containing one
# is foreign and kept as written (q, w, x, y, ä, ö, ü, ß, ł, é is allowed
# only as an accented e ...). Also combining marks that are not Serbian
# accents (e.g. a diaeresis that did not compose).
_FOREIGN_CHARS = sorted(
    {chr(cp) for rng in (range(0x41, 0x250), range(0x1E00, 0x1F00))
     for cp in rng
     if chr(cp).isalpha() and chr(cp) not in _LAT_TO_CYR
     and unicodedata.name(chr(cp), "").startswith("LATIN")}
    | {chr(cp) for cp in range(0x0300, 0x0370) if chr(cp) not in SERBIAN_ACCENTS}
)
FOREIGN_RE = re.compile("[" + "".join(re.escape(c) for c in _FOREIGN_CHARS) + "]")

# Digraphs -> one Cyrillic letter; the case of the first letter decides.
# No digraph's second letter can start another digraph, so replacing them
# one pattern after the other equals a left-to-right scan.
_LAT_DIGRAPHS = []
for _a, _b, _cyr in (("l", "j", "љ"), ("n", "j", "њ"), ("d", "ž", "џ")):
    for _first in (_a, _a.upper()):
        for _second in (_b, _b.upper()):
            _LAT_DIGRAPHS.append((_first + _second, _cyr if _first.islower() else _cyr.upper()))


def letter_tables() -> dict[str, dict[str, str]]:
    """The plain letter mappings, for code outside Python (the search page's
    script): "to_latin" letter by letter (exact), "to_cyrillic" with lj, nj,
    dž as one letter and none of latin_to_cyrillic's word rules."""
    to_latin, to_cyrillic = {}, dict(_LAT_DIGRAPHS)
    for cyr, lat in _CYR_TO_LAT_LOWER.items():
        to_latin[cyr], to_latin[cyr.upper()] = lat, lat[0].upper() + lat[1:]
        if len(lat) == 1:
            to_cyrillic[lat], to_cyrillic[lat.upper()] = cyr, cyr.upper()
    return {"to_latin": to_latin, "to_cyrillic": to_cyrillic}


def bulk(text: str) -> str:
    """Convert a stretch of ordinary Latin text (digraphs, then letters)."""
    for lat, cyr in _LAT_DIGRAPHS:
        if lat in text:
            text = text.replace(lat, cyr)
    return text.translate(LAT_TABLE)
