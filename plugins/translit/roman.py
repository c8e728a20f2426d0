"""Word tokens, and which Roman numerals Latin -> Cyrillic keeps as written
("XXI vek", "faza I") and which are Serbian words or initials ("MI", "I. Andrić")."""

from __future__ import annotations

import re


_W = r"(?:[^\W_]|[\u0300-\u036f])"            # a word character or a combining mark
TOKEN_RE = re.compile(r"[^\W_]" + _W + "*")   # a word token: letters, digits, marks
BEFORE = r"(?<![^\W_])"                       # token start
AFTER = r"(?!" + _W + ")"                     # token end
ROMAN_CANDIDATE_RE = re.compile("[IVXLCDM]+" + AFTER)   # where token_starts finds it
ROMAN_RE = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_LAST_TOKEN_RE = re.compile(r"([^\W_]" + _W + r"*)[^\w]*\Z")
# All-caps Latin tokens that are valid Roman numerals but are (also)
# Serbian words; always converted: mi "we", li (question particle), div "giant".
_ROMAN_SERBIAN_WORDS = frozenset({"MI", "LI", "DIV"})
_SENTENCE_END = ".!?…:\n"
_NUMERAL_JOINERS = frozenset({"i", "ili", "do"})   # "I i II", "I ili II", "I do III"


def token_starts(pattern: re.Pattern, text: str):
    """The matches of `pattern` that start a token (no letter or digit just
    before), as `BEFORE + pattern` would find them. A look-behind opening a
    pattern is tried at every character; without it the search skips ahead
    to the pattern's first letters (a fifth of the time on news prose)."""
    found = pattern.search(text)
    while found:
        start = found.start()
        if start and text[start - 1].isalnum():   # [^\W_] is isalnum()
            found = pattern.search(text, start + 1)   # where BEFORE's next try would be
            continue
        yield found
        found = pattern.search(text, found.end())


def _is_caps_word(tok: str | None) -> bool:
    """An all-caps word of two or more letters that is not a Roman numeral."""
    return (tok is not None and tok.isupper() and sum(c.isalpha() for c in tok) >= 2
            and not ROMAN_RE.fullmatch(tok))


def is_roman_keep(seg: str, start: int, end: int) -> bool:
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
    nm = TOKEN_RE.search(seg, end)
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
        if ROMAN_RE.fullmatch(nxt):
            return True                                # "I II" (a list)
        if nxt in _NUMERAL_JOINERS:                    # "I i II faza"
            nm2 = TOKEN_RE.search(seg, nm.end())
            return (nm2 is not None and not seg[nm.end():nm2.start()].strip()
                    and ROMAN_RE.fullmatch(nm2.group()) is not None)
        return False                                   # "I ovo", ". I Marko"
    if tok == "VI":
        pm = _LAST_TOKEN_RE.search(seg, max(0, start - 80), start)
        prv = pm.group(1) if pm else None
        return not (_is_caps_word(nxt) or _is_caps_word(prv))
    return True
