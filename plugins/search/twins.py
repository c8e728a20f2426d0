"""Serbian across its two scripts.

Every Serbian page exists in Cyrillic and in Latin with the same words, and
Cyrillic -> Latin is exact, so the index holds only the Latin pages: a query
typed in either script is searched in Latin, where Pagefind also matches
words typed without č ć š ž đ. A Cyrillic search page shows each result's
Cyrillic twin: its title and address come with the Latin page into the index,
and the excerpt is spelt back in Cyrillic letter by letter, except for the
words where that would be wrong (Latin names kept in Cyrillic text, lj/nj/dž
that are two letters): those travel with the page as `twin_words`.
"""

from __future__ import annotations

import functools
import re

from plugins.translit import cyrillic_to_latin, letter_tables

_WORD = re.compile(r"[^\W\d_]+")
# Languages whose pages are in Gaj Latin but whose readers may type Serbian
# Cyrillic as well (both scripts are official in Bosnia and Herzegovina and
# Montenegro): the search page turns a Cyrillic query into Latin.
ALSO_IN_CYRILLIC = frozenset({"sr", "bs", "cnr"})
_TABLES = letter_tables()
_TO_CYRILLIC = _TABLES["to_cyrillic"]
# Longest first, as the page's script does: "lj" before "l".
_TO_CYRILLIC_RE = re.compile("|".join(
    re.escape(k) for k in sorted(_TO_CYRILLIC, key=len, reverse=True)))


def _script(tag: str) -> str | None:
    return next((part for part in tag.split("-")[1:] if len(part) == 4), None)


def searched_through(locales) -> dict[str, str]:
    """{tag of a locale whose pages are searched through their Latin twins:
    the twin locale's tag}: two scripts of one language, each derived from
    the other, so that every page has its twin."""
    tags = {loc.tag: loc for loc in locales}
    pairs = {}
    for loc in locales:
        twin = tags.get(loc.derive_from or "")
        if (twin and twin.derive_from == loc.tag and twin.language == loc.language
                and _script(twin.tag) == "Latn" and _script(loc.tag) != "Latn"):
            pairs[loc.tag] = twin.tag
    return pairs


def index_language(loc, pairs: dict[str, str]) -> str:
    """The index a locale's pages are in: one per language for a language in
    two scripts ("sr": the search page of either script finds it from its
    own lang, sr-Cyrl or sr-Latn), else the locale's own."""
    if loc.tag in pairs or loc.tag in pairs.values():
        return loc.language
    return loc.tag


def letter_by_letter(word: str) -> str:
    """Latin -> Cyrillic as the search page's script does it, no word rules."""
    return _TO_CYRILLIC_RE.sub(lambda m: _TO_CYRILLIC[m.group()], word)


def twin_words(cyrillic_text: str) -> dict[str, str]:
    """{Latin word: its Cyrillic form} for the words of a Cyrillic text that
    letter_by_letter() would spell wrong."""
    words = {}
    for word in sorted(set(_WORD.findall(cyrillic_text))):   # the same every build
        latin = _misspelt_back(word)
        if latin is not None:
            words.setdefault(latin, word)
    return words


@functools.lru_cache(maxsize=1 << 16)
def _misspelt_back(word: str) -> str | None:
    """The Latin of a Cyrillic word if letter_by_letter() would not give the
    word back, else None (kept per word: a site's pages share most words)."""
    latin = cyrillic_to_latin(word)
    return latin if letter_by_letter(latin) != word else None


def page_tables(shown_in_cyrillic: bool) -> dict[str, dict[str, str]]:
    """The letter tables a search page's script converts with: the query
    into Latin, and on a Cyrillic page the results back into Cyrillic."""
    if shown_in_cyrillic:
        return _TABLES
    return {"to_latin": _TABLES["to_latin"]}
