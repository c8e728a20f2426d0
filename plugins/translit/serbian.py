"""Exact Serbian Cyrillic <-> Gaj Latin transliteration (stdlib only).

cyrillic_to_latin(text)
    Every Serbian Cyrillic letter to its Gaj Latin counterpart. One-to-one
    letters go through a precomputed ``str.translate`` table; only the capital
    digraph letters Љ Њ Џ need context and go through one compiled regex:
    they become all-caps (LJ, NJ, DŽ) when the next letter of the word is
    upper case, or when they end a word whose previous letter is upper case;
    otherwise title case (Lj, Nj, Dž). A single-letter word (Љ, Њ, Џ alone)
    follows the nearest neighbouring word of two or more letters: all-caps
    neighbour -> "LJ", other neighbour -> "Lj" (so the initial in "Њ. Његош"
    gives "Nj. Njegoš"); with no neighbouring word at all it is "LJ".
    Combining accent marks are kept as combining marks after the Latin base
    letter ("а̀" -> "a" + U+0300, "ѐ" -> "e" + U+0300). Everything that is
    not a Serbian Cyrillic letter passes through unchanged.

latin_to_cyrillic(text, *, digraph_exceptions=(), keep_words=())
    Gaj Latin to Serbian Cyrillic, word by word. lj, nj, dž (any case) become
    љ, њ, џ; "dj" is d + j (дј), never ђ. Words whose lower-cased form starts
    with one of the digraph exceptions (BUILTIN_DIGRAPH_EXCEPTIONS plus the
    caller's) spell the exception prefix letter by letter (konjugacija ->
    конјугација, nadživeti -> надживети). Kept unchanged: tokens listed in
    keep_words (exact, case-sensitive; a hyphenated compound may be listed
    whole, e.g. "COVID-19"), words with a Latin letter outside the Gaj
    alphabet (q, w, x, y, ä, ö, ü, ß, ...) together with the hyphenated
    compound they belong to ("Wi-Fi"), Roman numerals (see _is_roman_keep
    for the exact rule about "I", "VI", initials, ...).

Both directions leave untouched: URLs (http://, https://, ftp://, www.,
bare domain names with a common TLD), e-mail addresses, HTML character
references (&nbsp; &#8222;) and text inside -{...}- markers, whose markers
are removed. strip_markers(text) only removes the markers.

Input is normalised to NFC first. The functions work on plain text (an HTML
text node): markup must be split off by the caller (see derive.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

__all__ = [
    "BUILTIN_DIGRAPH_EXCEPTIONS",
    "cyrillic_to_latin",
    "latin_to_cyrillic",
    "strip_markers",
]

# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------

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

_CYR_TO_LAT: dict[str, str] = {}
for _c, _l in _CYR_TO_LAT_LOWER.items():
    _CYR_TO_LAT[_c] = _l
    _CYR_TO_LAT[_c.upper()] = _l[0].upper() + _l[1:]   # title case: Lj Nj Dž

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
_CYR_TO_LAT.update(_accented_precomposed(
    [range(0x0400, 0x0530)], _CYR_TO_LAT, _CYR_VOWELS_R))
_LAT_TO_CYR.update(_accented_precomposed(
    [range(0x00C0, 0x0250), range(0x1E00, 0x1F00)], _LAT_TO_CYR, _LAT_VOWELS_R))

_CYR_TABLE = str.maketrans(_CYR_TO_LAT)
_LAT_TABLE = str.maketrans(_LAT_TO_CYR)

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
_FOREIGN_RE = re.compile("[" + "".join(re.escape(c) for c in _FOREIGN_CHARS) + "]")

# --------------------------------------------------------------------------
# Protected spans: -{...}- markers, URLs, e-mail addresses, HTML entities
# --------------------------------------------------------------------------

_URL_BODY = r"[^\s<>\"'„“”‘’«»]*[^\s<>\"'„“”‘’«».,;:!?)\]}]"
_TLDS = "rs|ba|me|hr|si|mk|vn|com|org|net|info|edu|gov|int|eu|io"
_PROTECTED_RE = re.compile(
    r"-\{(?P<inner>.*?)\}-"
    r"|(?<![\w.@/-])(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)" + _URL_BODY +
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"
    r"|(?<![\w.@/-])(?:[a-z0-9-]+\.)+(?:" + _TLDS + r")(?![\w@-])(?:/" + _URL_BODY + ")?",
    re.S,
)
_MARKER_RE = re.compile(r"-\{(.*?)\}-", re.S)
# Cheap pre-check: only run the protected-span regex when a span can exist.
_PROTECT_HINT_RE = re.compile(r"-\{|://|www\.|@|&|\.(?:" + _TLDS + r")\b")


def strip_markers(text: str) -> str:
    """Remove -{ and }- markers, keeping what is between them."""
    if "-{" not in text:
        return text
    return _MARKER_RE.sub(lambda m: m.group(1), text)


def _map_unprotected(text: str, convert) -> str:
    """Apply `convert` to the text outside protected spans; unwrap markers."""
    if not _PROTECT_HINT_RE.search(text):
        return convert(text)
    out = []
    pos = 0
    for m in _PROTECTED_RE.finditer(text):
        if m.start() > pos:
            out.append(convert(text[pos:m.start()]))
        inner = m.group("inner")
        out.append(inner if inner is not None else m.group())
        pos = m.end()
    if pos < len(text):
        out.append(convert(text[pos:]))
    return "".join(out)


# --------------------------------------------------------------------------
# Cyrillic -> Latin
# --------------------------------------------------------------------------

_CAP_DIGRAPH_RE = re.compile("[ЉЊЏ]")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_CONTEXT_CHARS = 120   # how far a single-letter word looks for a neighbour


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me")


def _cap_digraph(m: re.Match) -> str:
    s, i = m.string, m.start()
    title = _CYR_TO_LAT[m.group()]
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
    if before:
        return title.upper() if before[-1].isupper() else title
    return title.upper()


def _cyr_plain(text: str) -> str:
    if "Љ" in text or "Њ" in text or "Џ" in text:
        text = _CAP_DIGRAPH_RE.sub(_cap_digraph, text)
    return text.translate(_CYR_TABLE)


def cyrillic_to_latin(text: str) -> str:
    """Serbian Cyrillic -> Gaj Latin (exact; non-Serbian characters kept)."""
    if not text:
        return text
    text = unicodedata.normalize("NFC", text)
    return _map_unprotected(text, _cyr_plain)


# --------------------------------------------------------------------------
# Latin -> Cyrillic
# --------------------------------------------------------------------------

# Lower-case word prefixes in which nj / lj / dž are two letters.
BUILTIN_DIGRAPH_EXCEPTIONS: tuple[str, ...] = (
    # n + j
    "konjugacij", "konjunkcij", "konjunktur", "konjektur",
    "injekcij", "injekt", "vanjezičk", "vanjugoslovensk",
    # d + ž
    "nadživ", "nadžup", "podžanr", "podžup", "podželud", "odžal",
)

_LAT_DIGRAPHS = {}
for _a, _b, _cyr in (("l", "j", "љ"), ("n", "j", "њ"), ("d", "ž", "џ")):
    _LAT_DIGRAPHS[_a + _b] = _cyr
    _LAT_DIGRAPHS[_a + _b.upper()] = _cyr
    _LAT_DIGRAPHS[_a.upper() + _b] = _cyr.upper()
    _LAT_DIGRAPHS[_a.upper() + _b.upper()] = _cyr.upper()
_LAT_DIGRAPH_RE = re.compile("[LlNn][Jj]|[Dd][Žž]")

# A word token: letters/digits plus combining marks.
_TOKEN_RE = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")
_ROMAN_RE = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# All-caps Latin tokens that are valid Roman numerals but are (also)
# Serbian words; always converted: mi "we", li (question particle), div "giant".
_ROMAN_SERBIAN_WORDS = frozenset({"MI", "LI", "DIV"})
_SENTENCE_END = ".!?…:\n"


@lru_cache(maxsize=64)
def _exceptions_re(extra: tuple[str, ...]) -> re.Pattern:
    prefixes = {unicodedata.normalize("NFC", p).lower()
                for p in BUILTIN_DIGRAPH_EXCEPTIONS + extra if p}
    alts = sorted(prefixes, key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in alts))


def _digraphs(word: str) -> str:
    return _LAT_DIGRAPH_RE.sub(lambda m: _LAT_DIGRAPHS[m.group()], word).translate(_LAT_TABLE)


def _convert_word(word: str, exc_re: re.Pattern) -> str:
    lower = word.lower()
    m = exc_re.match(lower)
    if m and len(lower) == len(word):
        k = m.end()
        return word[:k].translate(_LAT_TABLE) + _digraphs(word[k:])
    return _digraphs(word)


def _is_caps_word(tok: str) -> bool:
    """An all-caps word of two or more letters that is not a Roman numeral."""
    return (tok.isupper() and sum(c.isalpha() for c in tok) >= 2
            and not _ROMAN_RE.fullmatch(tok))


def _is_roman_keep(tokens: list, idx: int, seg: str) -> bool:
    """Decide whether the Roman-numeral-looking token tokens[idx] is kept.

    Rules (the token is all upper case and a valid Roman numeral):
      * MI, LI, DIV are Serbian words (мi, ли, див): converted.
      * single C, D, L, M: converted (initials, single letters).
      * single I or V followed by ". " and an upper-case letter is an
        initial ("I. Andrić", "V. Petrović"): converted.
      * "I" is the conjunction (И) when the next word starts lower case
        ("I ovo"), when the next word is an all-caps word ("MLADI I STARI"),
        or at the start of a sentence followed by another word
        ("Rekao je. I Marko ..."); otherwise a numeral ("Petar I Karađorđević",
        "Faza I", "I.").
      * "VI" is the pronoun (ВИ) only next to an all-caps word ("VI STE");
        otherwise the numeral ("VI vek").
      * everything else (II, III, IV, XXI, MMXXIV, CD, ...) is kept.
    """
    m = tokens[idx]
    tok = m.group()
    if tok in _ROMAN_SERBIAN_WORDS:
        return False
    if len(tok) == 1 and tok in "CDLM":
        return False
    nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
    prv = tokens[idx - 1] if idx > 0 else None
    after = seg[m.end():nxt.start()] if nxt else seg[m.end():]
    if len(tok) == 1 and after.startswith(".") and nxt is not None \
            and after[1:].strip() == "" and after[1:] and nxt.group()[0].isupper():
        return False                                   # initial: "I. Andrić"
    if tok == "I":
        if nxt is None or after.strip() != "":
            return True                                # "I.", "I,", "Faza I"
        nw = nxt.group()
        if nw[0].islower() or _is_caps_word(nw):
            return False
        before = seg[:m.start()].rstrip(" \t\u00a0„“\"«(")
        if (not before or before[-1] in _SENTENCE_END) and not _ROMAN_RE.fullmatch(nw):
            return False
        return True
    if tok == "VI":
        if (nxt is not None and _is_caps_word(nxt.group())) or \
                (prv is not None and _is_caps_word(prv.group())):
            return False
        return True
    return True


def _kept_compounds(tokens: list, seg: str, keep: frozenset) -> set:
    """Indexes of tokens in hyphenated compounds kept as a whole.

    A compound ("Wi-Fi", "COVID-19") is kept when one of its parts is
    foreign or when the whole compound is listed in keep_words.
    """
    kept: set = set()
    if "-" not in seg:
        return kept
    start = 0
    for i in range(1, len(tokens) + 1):
        if i < len(tokens) and seg[tokens[i - 1].end():tokens[i].start()] == "-":
            continue
        if i - start > 1:
            group = range(start, i)
            whole = seg[tokens[start].start():tokens[i - 1].end()]
            if whole in keep or any(_FOREIGN_RE.search(tokens[j].group()) for j in group):
                kept.update(group)
        start = i
    return kept


def _make_lat_segment(exc_re: re.Pattern, keep: frozenset):
    def convert(seg: str) -> str:
        tokens = list(_TOKEN_RE.finditer(seg))
        if not tokens:
            return seg
        kept = _kept_compounds(tokens, seg, keep)
        out = []
        pos = 0
        for idx, m in enumerate(tokens):
            tok = m.group()
            out.append(seg[pos:m.start()])
            pos = m.end()
            if idx in kept or tok in keep or _FOREIGN_RE.search(tok):
                out.append(tok)
            elif tok.isupper() and _ROMAN_RE.fullmatch(tok) and _is_roman_keep(tokens, idx, seg):
                out.append(tok)
            else:
                out.append(_convert_word(tok, exc_re))
        out.append(seg[pos:])
        return "".join(out)
    return convert


def latin_to_cyrillic(text: str, *, digraph_exceptions: Iterable[str] = (),
                      keep_words: Iterable[str] = ()) -> str:
    """Gaj Latin -> Serbian Cyrillic (see the module docstring for the rules)."""
    if not text:
        return text
    text = unicodedata.normalize("NFC", text)
    exc_re = _exceptions_re(tuple(digraph_exceptions))
    keep = frozenset(unicodedata.normalize("NFC", w) for w in keep_words)
    return _map_unprotected(text, _make_lat_segment(exc_re, keep))
