"""Exact Serbian Cyrillic <-> Gaj Latin transliteration (stdlib only).

cyrillic_to_latin(text, *, before="", after="")
    Every Serbian Cyrillic letter to its Gaj Latin counterpart. One-to-one
    letters go through a precomputed ``str.translate`` table; only the capital
    digraph letters Љ Њ Џ need context and go through one compiled regex:
    they become all-caps (LJ, NJ, DŽ) when the next letter of the word is
    upper case, or when they end a word whose previous letter is upper case;
    otherwise title case (Lj, Nj, Dž). A single-letter word (Љ, Њ, Џ alone)
    follows the nearest neighbouring word of two or more letters: all-caps
    neighbour -> "LJ", other neighbour -> "Lj" (so the initial in "Њ. Његош"
    gives "Nj. Njegoš"); with no such word it is "Lj", as the alphabet
    writes the letter. The context is the text as shown: it runs across
    -{...}- markers ("-{Љ}- и Љ" -> "Љ i Lj") and, through `before` and
    `after`, across markup ("<b>Љ</b>убав" -> "<b>Lj</b>ubav", derive.py).
    Accent marks go with the Latin base letter, and the result is NFC: one
    precomposed character where Unicode has one ("ѐ" -> "è", "а̀" -> "à",
    "ру̏ка" -> "rȕka"), else the base letter and its combining marks.
    Everything that is not a Serbian Cyrillic letter passes through
    unchanged.

latin_to_cyrillic(text, *, digraph_exceptions=(), keep_words=(), before="", after="")
    Gaj Latin to Serbian Cyrillic. lj, nj, dž (any case) become
    љ, њ, џ; "dj" is d + j (дј), never ђ. Words whose lower-cased form starts
    with one of the digraph exceptions (BUILTIN_DIGRAPH_EXCEPTIONS plus the
    caller's) spell the exception prefix letter by letter (konjugacija ->
    конјугација, nadživeti -> надживети); the built-in list is made of
    prefix rules (DIGRAPH_PREFIX_RULES: in-, kon-, van-, pan- before
    j-stems, nad-, pod-, od-, pred- before ž-stems) and a few single words
    (DIGRAPH_EXCEPTION_WORDS: Tanjug). Kept unchanged: tokens listed in
    keep_words (exact, case-sensitive; a hyphenated compound may be listed
    whole, e.g. "COVID-19"), words with a Latin letter outside the Gaj
    alphabet (q, w, x, y, ä, ö, ü, ß, ...) together with the hyphenated
    compound they belong to ("Wi-Fi"), Roman numerals (see roman.is_roman_keep
    for the exact rule about "I", "VI", initials, ...).

Both directions leave untouched: URLs (http://, https://, ftp://, www.,
bare domain names with a common TLD or a Cyrillic one such as .срб),
e-mail addresses in any script ("контакт@пример.срб"), HTML character
references (&nbsp; &#8222;) and text inside -{...}- markers, whose markers
are removed. strip_markers(text) only removes the markers.

Input is normalised to NFC first, and so is the output (a base letter and
accent marks that compose in the other script are written as one character,
as the Nu checker and every search index expect). The functions work on plain text (an HTML
text node): markup must be split off by the caller (see derive.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from .letters import (CYR_TABLE, CYR_TO_LAT, FOREIGN_RE, LAT_TABLE, bulk,
                      letter_tables)
from .roman import (AFTER, BEFORE, ROMAN_CANDIDATE_RE, ROMAN_RE, TOKEN_RE, is_roman_keep,
                    token_starts)
from .spans import (CYR_PROTECT_HINT_RE, CYR_PROTECTED_RE, PROTECT_HINT_RE, PROTECTED_RE,
                    map_unprotected, nfc, strip_markers)

__all__ = [
    "BUILTIN_DIGRAPH_EXCEPTIONS",
    "DIGRAPH_EXCEPTION_WORDS",
    "DIGRAPH_PREFIX_RULES",
    "letter_tables",
    "cyrillic_to_latin",
    "latin_to_cyrillic",
    "strip_markers",
]

# --------------------------------------------------------------------------
# Cyrillic -> Latin
# --------------------------------------------------------------------------

_CAP_DIGRAPH_RE = re.compile("[ЉЊЏ]")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_CONTEXT_CHARS = 120   # how far a single-letter word looks for a neighbour


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me")


def _cap_digraph(s: str, i: int) -> str:
    """Љ, Њ or Џ at s[i] in Latin: all caps when its word is, else title case."""
    title = CYR_TO_LAT[s[i]]
    n = len(s)
    # next letter of the same word (combining marks skipped)
    j = i + 1
    while j < n and _is_mark(s[j]):
        j += 1
    if j < n and s[j].isalpha():
        return title.upper() if s[j].isupper() else title
    # previous letter of the same word
    k = i - 1
    while k >= 0 and _is_mark(s[k]):
        k -= 1
    if k >= 0 and s[k].isalpha():
        return title.upper() if s[k].isupper() else title
    # single-letter word: nearest neighbouring word of 2+ letters decides
    for w in _LETTERS_RE.finditer(s, j, min(n, j + _CONTEXT_CHARS)):
        if len(w.group()) >= 2:
            return title.upper() if w.group().isupper() else title
    before = [w.group() for w in _LETTERS_RE.finditer(s, max(0, i - _CONTEXT_CHARS), i)
              if len(w.group()) >= 2]
    if before and before[-1].isupper():
        return title.upper()
    return title      # a letter on its own is written as in the alphabet: Lj, Nj, Dž


def _cyr_plain(text: str, context: str | None = None, offset: int = 0) -> str:
    if "Љ" in text or "Њ" in text or "Џ" in text:
        s = text if context is None else context
        text = _CAP_DIGRAPH_RE.sub(lambda m: _cap_digraph(s, offset + m.start()), text)
    return text.translate(CYR_TABLE)


def cyrillic_to_latin(text: str, *, before: str = "", after: str = "") -> str:
    """Serbian Cyrillic -> Gaj Latin (exact; non-Serbian characters kept).

    `before` and `after`: the text around this one, not converted, that the
    capital digraph letters take their case from (the neighbouring text
    nodes of an HTML fragment, say: "<b>Љ</b>убав" -> "<b>Lj</b>ubav")."""
    if not text:
        return text
    text = unicodedata.normalize("NFC", text)
    if not CYR_PROTECT_HINT_RE.search(text):
        if before or after:
            return nfc(_cyr_plain(text, before + text + after, len(before)))
        return nfc(_cyr_plain(text))
    return nfc(map_unprotected(text, _cyr_plain, CYR_PROTECTED_RE, before, after))


# --------------------------------------------------------------------------
# Latin -> Cyrillic
# --------------------------------------------------------------------------

# Where n + j or d + ž meet across a morpheme boundary they are two letters
# (н + ј, д + ж), not the digraph letters њ, џ: a prefix ending in n or d
# before a stem starting with j or ž. Each rule pairs prefixes with the
# stems they are found with: "in" + "jekc" is injekcija (инјекција), while
# inje "hoarfrost" (иње), konj, Konjic, panj and odžak (оџак) keep theirs.
DIGRAPH_PREFIX_RULES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    # Latin in-, con-: injekcija, injektor, injicirati; konjugacija,
    # konjunkcija, konjunktura, konjektura
    (("in",), ("jekc", "jekt", "jic")),
    (("kon",), ("jug", "junkc", "junkt", "jekt")),
    # van- "outside", pan- "all": vanjezički, vanjugoslovenski, panjugoslovenski
    (("van", "pan"), ("jez", "jug")),
    # nad-, pod-, od-, pred- before ž: nadživeti, nadžupan, podžanr,
    # podželudačna, odžaliti, podžariti, odživeti
    (("nad", "pod", "od", "pred"), ("živ", "žup", "žanr", "želud", "žal", "žar", "žnje",
                                    "žnj")),
)
# Single words no prefix rule covers (names, mostly); a site adds its own
# with SERBIAN_DIGRAPH_EXCEPTIONS.
DIGRAPH_EXCEPTION_WORDS: tuple[str, ...] = (
    "tanjug",        # Танјуг, the agency (Telegrafska agencija nova Jugoslavija)
)
# {word beginning made by a prefix rule: where its prefix ends}: only the
# letters at that seam are two; a digraph further on is one (nad|žnjeti).
_PREFIX_SEAMS = {prefix + stem: len(prefix) for prefixes, stems in DIGRAPH_PREFIX_RULES
                 for prefix in prefixes for stem in stems}
# Lower-case word beginnings in which nj / lj / dž are two letters.
BUILTIN_DIGRAPH_EXCEPTIONS: tuple[str, ...] = tuple(_PREFIX_SEAMS) + DIGRAPH_EXCEPTION_WORDS

@lru_cache(maxsize=64)
def _exceptions_re(extra: tuple[str, ...]) -> re.Pattern:
    """The longest listed beginning at each token start. A tree of the
    beginnings' letters (p(?:od(?:ž...)|red...)), not one alternative per
    beginning: the engine tries each alternative in turn at every token
    start, and letters shared are tried once (a third of the time)."""
    prefixes = {unicodedata.normalize("NFC", p).lower()
                for p in BUILTIN_DIGRAPH_EXCEPTIONS + extra if p}
    return re.compile(BEFORE + "(?i:" + _letter_tree(prefixes) + ")")


def _letter_tree(words) -> str:
    """A pattern matching the longest of `words` that starts where it is
    tried, as their alternation longest first would."""
    root: dict = {}
    for word in words:
        node = root
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}   # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(letter) + pattern(child)
                    for letter, child in sorted(node.items()) if letter]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body   # longer first, then end
    return pattern(root)


@lru_cache(maxsize=64)
def _keep_re(keep: frozenset) -> re.Pattern | None:
    """The kept words, as whole tokens (searched with token_starts)."""
    if not keep:
        return None
    alts = sorted(keep, key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(w) for w in alts) + ")" + AFTER)


def _compound_around(seg: str, i: int) -> tuple[int, int]:
    """The hyphenated compound ("Wi-Fi-ja") containing position i."""
    n = len(seg)
    a = i
    while a > 0 and (_is_word_char(seg[a - 1])
                     or (seg[a - 1] == "-" and a > 1 and _is_word_char(seg[a - 2])
                         and _is_word_char(seg[a]))):
        a -= 1
    b = i
    while b < n and (_is_word_char(seg[b])
                     or (seg[b] == "-" and b + 1 < n and _is_word_char(seg[b + 1])
                         and b > 0 and _is_word_char(seg[b - 1]))):
        b += 1
    return a, b


def _is_word_char(ch: str) -> bool:
    return (ch.isalnum()) or "\u0300" <= ch <= "\u036f"


def _make_lat_segment(exc_re: re.Pattern, keep_re: re.Pattern | None):
    def convert(seg: str, context: str | None = None, offset: int = 0) -> str:
        # word rules that look beyond the token (Roman numerals) read `context`
        if context is None:
            context = seg
        # (start, end, replacement) for tokens that are not plain Serbian
        spans = []
        last = -1
        for m in FOREIGN_RE.finditer(seg):
            if m.start() < last:
                continue            # same compound as the previous hit
            a, last = _compound_around(seg, m.start())
            spans.append((a, last, seg[a:last]))
        if keep_re is not None:
            spans.extend((m.start(), m.end(), m.group()) for m in token_starts(keep_re, seg))
        for m in exc_re.finditer(seg):
            t = TOKEN_RE.match(seg, m.start())
            seam = _PREFIX_SEAMS.get(m.group().lower())
            if seam is None:   # a listed word: its listed beginning letter by letter
                head, rest = m.group().translate(LAT_TABLE), seg[m.end():t.end()]
            else:              # a prefix rule: split at the seam only
                head, rest = bulk(m.group()[:seam]), seg[m.start() + seam:t.end()]
            spans.append((m.start(), t.end(), head + bulk(rest)))
        for m in token_starts(ROMAN_CANDIDATE_RE, seg):
            if ROMAN_RE.fullmatch(m.group()) and is_roman_keep(
                    context, offset + m.start(), offset + m.end()):
                spans.append((m.start(), m.end(), m.group()))
        if not spans:
            return bulk(seg)
        spans.sort(key=lambda sp: (sp[0], -sp[1]))
        out = []
        pos = 0
        for a, b, repl in spans:
            if a < pos:          # inside a span already taken (e.g. a foreign compound)
                continue
            out.append(bulk(seg[pos:a]))
            out.append(repl)
            pos = b
        out.append(bulk(seg[pos:]))
        return "".join(out)
    return convert


def latin_to_cyrillic(text: str, *, digraph_exceptions: Iterable[str] = (),
                      keep_words: Iterable[str] = (), before: str = "",
                      after: str = "") -> str:
    """Gaj Latin -> Serbian Cyrillic (see the module docstring for the rules).

    `before` and `after`: the text around this one, not converted, that the
    word rules read (the neighbouring text nodes of an HTML fragment)."""
    if not text:
        return text
    text = unicodedata.normalize("NFC", text)
    exc_re = _exceptions_re(tuple(digraph_exceptions))
    keep_re = _keep_re(frozenset(unicodedata.normalize("NFC", w) for w in keep_words if w))
    convert = _make_lat_segment(exc_re, keep_re)
    if not PROTECT_HINT_RE.search(text):
        if before or after:
            return nfc(convert(text, before + text + after, len(before)))
        return nfc(convert(text))
    return nfc(map_unprotected(text, convert, PROTECTED_RE, before, after))
