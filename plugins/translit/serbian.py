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
    compound they belong to ("Wi-Fi"), Roman numerals (see _is_roman_keep
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


_CYR_TABLE = _dense_table(_CYR_TO_LAT)
_LAT_TABLE = _dense_table(_LAT_TO_CYR)

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
# Internationalised top-level domains in Cyrillic (Serbia's first): a bare
# domain under one is an address, not a word to transliterate.
_IDN_TLDS = "срб|рф|укр|бг|мкд|бел|мон|қаз"
# An e-mail address in any script: a local part and a domain of letters
# (any alphabet), digits and the usual punctuation ("контакт@пример.срб").
_EMAIL = r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)+"
_PROTECTED_RE = re.compile(
    r"-\{(?P<inner>.*?)\}-"
    r"|(?<![\w.@/-])(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)" + _URL_BODY +
    "|" + _EMAIL +
    r"|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"
    r"|(?<![\w.@/-])(?:[A-Za-z0-9-]+\.)+(?:" + _TLDS + r")(?![\w@-])(?:/" + _URL_BODY + ")?",
    re.S,
)
# Cheap pre-check: only run the protected-span regex when a span can exist.
_PROTECT_HINT_RE = re.compile(r"-\{|://|www\.|@|&|\.(?:" + _TLDS + r")\b")
# Cyrillic -> Latin only needs the spans that can hold Cyrillic letters:
# markers, URLs, e-mail addresses and bare domains under a Cyrillic
# top-level domain (ASCII ones and character references are left alone by
# the Cyrillic table anyway).
_CYR_PROTECTED_RE = re.compile(
    r"-\{(?P<inner>.*?)\}-|(?:https?://|ftps?://|www\.)" + _URL_BODY +
    "|" + _EMAIL +
    r"|(?<![\w.@/-])(?:[\w-]+\.)+(?:" + _IDN_TLDS + r")(?![\w@-])(?:/" + _URL_BODY + ")?",
    re.S)
_CYR_PROTECT_HINT_RE = re.compile(r"-\{|://|www\.|@|\.(?:" + _IDN_TLDS + r")\b")
_MARKER_RE = re.compile(r"-\{(.*?)\}-", re.S)


def _nfc(text: str) -> str:
    """The converted text in NFC: an accent carried over from the source
    (ѐ -> e + U+0300) composes with its new base letter (è) where Unicode
    has the precomposed letter."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def strip_markers(text: str) -> str:
    """Remove -{ and }- markers, keeping what is between them."""
    if "-{" not in text:
        return text
    return _MARKER_RE.sub(lambda m: m.group(1), text)


def _map_unprotected(text: str, convert, protected: re.Pattern,
                     before: str = "", after: str = "") -> str:
    """Apply `convert(piece, context, offset)` to the text outside protected
    spans and unwrap markers. `context` is the text as shown (markers
    removed) with `before` and `after` around it, and `offset` where the
    piece starts in it: word rules look across markers and markup."""
    pieces = []   # (text, to convert?)
    pos = 0
    for m in protected.finditer(text):
        if m.start() > pos:
            pieces.append((text[pos:m.start()], True))
        inner = m.group("inner")
        pieces.append((inner if inner is not None else m.group(), False))
        pos = m.end()
    if pos < len(text):
        pieces.append((text[pos:], True))
    context = before + "".join(piece for piece, _ in pieces) + after
    out, offset = [], len(before)
    for piece, free in pieces:
        out.append(convert(piece, context, offset) if free else piece)
        offset += len(piece)
    return "".join(out)


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
    title = _CYR_TO_LAT[s[i]]
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
    return text.translate(_CYR_TABLE)


def cyrillic_to_latin(text: str, *, before: str = "", after: str = "") -> str:
    """Serbian Cyrillic -> Gaj Latin (exact; non-Serbian characters kept).

    `before` and `after`: the text around this one, not converted, that the
    capital digraph letters take their case from (the neighbouring text
    nodes of an HTML fragment, say: "<b>Љ</b>убав" -> "<b>Lj</b>ubav")."""
    if not text:
        return text
    text = unicodedata.normalize("NFC", text)
    if not _CYR_PROTECT_HINT_RE.search(text):
        if before or after:
            return _nfc(_cyr_plain(text, before + text + after, len(before)))
        return _nfc(_cyr_plain(text))
    return _nfc(_map_unprotected(text, _cyr_plain, _CYR_PROTECTED_RE, before, after))


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

# Digraphs -> one Cyrillic letter; the case of the first letter decides.
# No digraph's second letter can start another digraph, so replacing them
# one pattern after the other equals a left-to-right scan.
_LAT_DIGRAPHS = []
for _a, _b, _cyr in (("l", "j", "љ"), ("n", "j", "њ"), ("d", "ž", "џ")):
    for _first in (_a, _a.upper()):
        for _second in (_b, _b.upper()):
            _LAT_DIGRAPHS.append((_first + _second, _cyr if _first.islower() else _cyr.upper()))

_W = r"(?:[^\W_]|[\u0300-\u036f])"            # a word character or a combining mark
_TOKEN_RE = re.compile(r"[^\W_]" + _W + "*")  # a word token: letters, digits, marks
_BEFORE = r"(?<![^\W_])"                      # token start
_AFTER = r"(?!" + _W + ")"                    # token end
_ROMAN_CANDIDATE_RE = re.compile(_BEFORE + "[IVXLCDM]+" + _AFTER)
_ROMAN_RE = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_LAST_TOKEN_RE = re.compile(r"([^\W_]" + _W + r"*)[^\w]*\Z")
# All-caps Latin tokens that are valid Roman numerals but are (also)
# Serbian words; always converted: mi "we", li (question particle), div "giant".
_ROMAN_SERBIAN_WORDS = frozenset({"MI", "LI", "DIV"})
_SENTENCE_END = ".!?…:\n"
_NUMERAL_JOINERS = frozenset({"i", "ili", "do"})   # "I i II", "I ili II", "I do III"


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


def _bulk(text: str) -> str:
    """Convert a stretch of ordinary Latin text (digraphs, then letters)."""
    for lat, cyr in _LAT_DIGRAPHS:
        if lat in text:
            text = text.replace(lat, cyr)
    return text.translate(_LAT_TABLE)


@lru_cache(maxsize=64)
def _exceptions_re(extra: tuple[str, ...]) -> re.Pattern:
    prefixes = {unicodedata.normalize("NFC", p).lower()
                for p in BUILTIN_DIGRAPH_EXCEPTIONS + extra if p}
    alts = sorted(prefixes, key=len, reverse=True)
    return re.compile(_BEFORE + "(?i:" + "|".join(re.escape(p) for p in alts) + ")")


@lru_cache(maxsize=64)
def _keep_re(keep: frozenset) -> re.Pattern | None:
    if not keep:
        return None
    alts = sorted(keep, key=len, reverse=True)
    return re.compile(_BEFORE + "(?:" + "|".join(re.escape(w) for w in alts) + ")" + _AFTER)


def _is_caps_word(tok: str | None) -> bool:
    """An all-caps word of two or more letters that is not a Roman numeral."""
    return (tok is not None and tok.isupper() and sum(c.isalpha() for c in tok) >= 2
            and not _ROMAN_RE.fullmatch(tok))


def _is_roman_keep(seg: str, start: int, end: int) -> bool:
    """Decide whether the Roman-numeral-looking token seg[start:end] is kept.

    Rules (the token is all upper case and a valid Roman numeral):
      * MI, LI, DIV are Serbian words (ми, ли, див): converted.
      * single C, D, L, M: converted (initials, single letters).
      * single I or V followed by ". " and an upper-case letter is an
        initial ("I. Andrić", "V. Petrović"): converted.
      * "I" is a numeral when punctuation or nothing follows it ("Faza I",
        "I.", "I,") and inside a sentence ("faza I i faza II", "u okviru I
        faze", "Petar I Karađorđević"): a capital conjunction only starts a
        sentence or stands in all-caps text. So it is the conjunction (И)
        next to an all-caps word ("MLADI I STARI") and at the start of a
        sentence followed by a word ("I ovo je", "Rekao je. I Marko ..."),
        unless that word is a numeral or "i"/"ili"/"do" and a numeral
        ("I i II faza").
      * "VI" is the pronoun (ВИ) only next to an all-caps word ("VI STE");
        otherwise the numeral ("VI vek").
      * everything else (II, III, IV, XXI, MMXXIV, CD, ...) is kept.
    """
    tok = seg[start:end]
    if tok in _ROMAN_SERBIAN_WORDS:
        return False
    if tok in ("C", "D", "L", "M"):
        return False
    nm = _TOKEN_RE.search(seg, end)
    nxt = nm.group() if nm else None
    after = seg[end:nm.start()] if nm else seg[end:]
    if (len(tok) == 1 and nxt is not None and after.startswith(".")
            and after[1:] and not after[1:].strip() and nxt[0].isupper()):
        return False                                   # initial: "I. Andrić"
    if tok == "I":
        if nxt is None or after.strip() != "":
            return True                                # "I.", "I,", "Faza I"
        pm = _LAST_TOKEN_RE.search(seg, max(0, start - 80), start)
        if _is_caps_word(nxt) or (pm is not None and _is_caps_word(pm.group(1))):
            return False                               # "MLADI I STARI"
        before = seg[:start].rstrip(" \t\u00a0„“\"«(")
        if before and before[-1] not in _SENTENCE_END:
            return True                                # "faza I i", "okviru I faze"
        if _ROMAN_RE.fullmatch(nxt):
            return True                                # "I II" (a list)
        if nxt in _NUMERAL_JOINERS:                    # "I i II faza"
            nm2 = _TOKEN_RE.search(seg, nm.end())
            return (nm2 is not None and not seg[nm.end():nm2.start()].strip()
                    and _ROMAN_RE.fullmatch(nm2.group()) is not None)
        return False                                   # "I ovo", ". I Marko"
    if tok == "VI":
        pm = _LAST_TOKEN_RE.search(seg, max(0, start - 80), start)
        prv = pm.group(1) if pm else None
        return not (_is_caps_word(nxt) or _is_caps_word(prv))
    return True


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
        for m in _FOREIGN_RE.finditer(seg):
            if m.start() < last:
                continue            # same compound as the previous hit
            a, last = _compound_around(seg, m.start())
            spans.append((a, last, seg[a:last]))
        if keep_re is not None:
            spans.extend((m.start(), m.end(), m.group()) for m in keep_re.finditer(seg))
        for m in exc_re.finditer(seg):
            t = _TOKEN_RE.match(seg, m.start())
            seam = _PREFIX_SEAMS.get(m.group().lower())
            if seam is None:   # a listed word: its listed beginning letter by letter
                head, rest = m.group().translate(_LAT_TABLE), seg[m.end():t.end()]
            else:              # a prefix rule: split at the seam only
                head, rest = _bulk(m.group()[:seam]), seg[m.start() + seam:t.end()]
            spans.append((m.start(), t.end(), head + _bulk(rest)))
        for m in _ROMAN_CANDIDATE_RE.finditer(seg):
            if _ROMAN_RE.fullmatch(m.group()) and _is_roman_keep(
                    context, offset + m.start(), offset + m.end()):
                spans.append((m.start(), m.end(), m.group()))
        if not spans:
            return _bulk(seg)
        spans.sort(key=lambda sp: (sp[0], -sp[1]))
        out = []
        pos = 0
        for a, b, repl in spans:
            if a < pos:          # inside a span already taken (e.g. a foreign compound)
                continue
            out.append(_bulk(seg[pos:a]))
            out.append(repl)
            pos = b
        out.append(_bulk(seg[pos:]))
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
    if not _PROTECT_HINT_RE.search(text):
        if before or after:
            return _nfc(convert(text, before + text + after, len(before)))
        return _nfc(convert(text))
    return _nfc(_map_unprotected(text, convert, _PROTECTED_RE, before, after))
