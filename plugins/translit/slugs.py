"""ASCII URL slugs shared by all translations of a page.

slugify(text, lang=None)
    NFC -> Serbian Cyrillic to Gaj Latin (cyrillic_to_latin, which also drops
    -{...}- markers) -> đ/Đ to "dj" (or to "d" when `lang` starts with "vi":
    Vietnamese đ is a plain d) -> a small fold for letters that have no
    decomposition (non-Serbian Cyrillic such as ы щ я й, and ß æ ø ł ...)
    -> NFKD with combining marks dropped (č ć -> c, š -> s, ž -> z,
    ậ -> a) -> lower case -> every run of characters outside [a-z0-9]
    becomes one "-" -> "-" trimmed at both ends. Longer than 80 characters:
    cut at the last hyphen that keeps it within 80 (a single word longer
    than 80 is cut hard). Returns "" when nothing is left; the caller
    reports that.

is_valid_slug(s)
    True for ^[a-z0-9]+(?:-[a-z0-9]+)*$ of at most 120 characters.
"""

from __future__ import annotations

import re
import unicodedata

from .serbian import cyrillic_to_latin

__all__ = ["MAX_SLUG_LENGTH", "MAX_VALID_SLUG_LENGTH", "is_valid_slug", "slug_table",
           "slugify"]

MAX_SLUG_LENGTH = 80
MAX_VALID_SLUG_LENGTH = 120

# Applied to lower-cased text after the Serbian transliteration, so only
# lower-case keys are needed. Non-Serbian Cyrillic is transcribed the
# Serbian way (я -> ja, not ya), then folded to ASCII with the rest.
_FOLD = str.maketrans({
    # Russian, Ukrainian, Belarusian, Bulgarian, Macedonian
    "ё": "jo", "й": "j", "щ": "šč", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "ju", "я": "ja", "є": "je", "і": "i", "ї": "ji", "ґ": "g",
    "ў": "u", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
    # Latin letters without a canonical decomposition
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "þ": "th",
    "ð": "d", "ı": "i", "ħ": "h", "ŧ": "t", "ŀ": "l",
})
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")
_VALID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slugify(text: str, lang: str | None = None) -> str:
    """Return an ASCII slug for `text` ("" when nothing usable is left)."""
    if not text:
        return ""
    s = cyrillic_to_latin(unicodedata.normalize("NFC", text)).lower()
    vietnamese = bool(lang) and lang.lower().replace("_", "-").split("-")[0] == "vi"
    s = _fold(s.replace("đ", "d" if vietnamese else "dj"))
    s = _NON_ALNUM_RE.sub("-", s.lower()).strip("-")
    if len(s) > MAX_SLUG_LENGTH:
        cut = s[:MAX_SLUG_LENGTH + 1]
        hyphen = cut.rfind("-")
        s = cut[:hyphen] if hyphen > 0 else s[:MAX_SLUG_LENGTH]
        s = s.strip("-")
    return s


def _fold(s: str) -> str:
    s = s.translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slug_table() -> dict[str, str]:
    """{lower-case letter: what slugify makes of it} for the letters it
    changes (Latin with marks, Cyrillic, Vietnamese; `đ` is left to the
    caller: `dj`, or `d` in Vietnamese), so that a slug made in the browser
    (the web editor) is the one slugify makes."""
    table = {}
    for code in [*range(0xC0, 0x250), *range(0x400, 0x530), *range(0x1E00, 0x1F00)]:
        letter = chr(code)
        if letter != letter.lower() or letter == "đ":
            continue
        folded = _fold(cyrillic_to_latin(letter).lower()).lower()
        if folded != letter:
            table[letter] = folded
    return table


def is_valid_slug(s: object) -> bool:
    """True when `s` is a well-formed slug of at most 120 characters."""
    return (isinstance(s, str) and len(s) <= MAX_VALID_SLUG_LENGTH
            and _VALID_RE.fullmatch(s) is not None)
