"""Latin -> Cyrillic finds the listed word beginnings, the kept words and
the Roman numerals at token starts without a look-behind opening each
pattern (tried at every character) and through a tree of the beginnings'
letters (not one alternative each): the same matches as the patterns
they replace, on generated texts built from the words themselves."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from plugins.translit import serbian
from plugins.translit.roman import BEFORE, ROMAN_CANDIDATE_RE, token_starts
from plugins.translit.serbian import BUILTIN_DIGRAPH_EXCEPTIONS

# "Fi" in "aWi-Fi": a kept word may start inside a candidate that is not one
KEEP = frozenset({"GIZ", "UNICEF", "LGBT", "SoRi", "IT", "ITS", "Wi-Fi", "Fi"})
PIECES = [*BUILTIN_DIGRAPH_EXCEPTIONS, *KEEP, "XIV", "MI", "I", "V", "XXI", "nj", "Nj",
          "NJ", "dž", "konjugacija", "PREDŽELUDAC", "a", "1", "x", "é", "\u0301", "_",
          "ǅ", "ǈ", "Љ", "ж", "ⅩⅣ"]
SEPARATORS = [" ", "", "", "-", "_", ". ", "\n", "(", "«", "1", "\u0301"]


def texts(count: int = 3000, seed: int = 11) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(PIECES) + rnd.choice(SEPARATORS)
                    for _ in range(rnd.randint(1, 14))) for _ in range(count)]


def alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@pytest.mark.parametrize("extra", [(), ("konjug", "nadživ", "Odžnj")])
def test_the_tree_of_beginnings_matches_as_their_alternation(extra):
    prefixes = {unicodedata.normalize("NFC", p).lower()
                for p in BUILTIN_DIGRAPH_EXCEPTIONS + extra if p}
    old = re.compile(BEFORE + "(?i:" + alternation(prefixes) + ")")
    new = serbian._exceptions_re(extra)
    found = 0
    for text in texts():
        spans = [m.span() for m in new.finditer(text)]
        assert spans == [m.span() for m in old.finditer(text)], text
        found += len(spans)
    assert found > 1000   # the texts hold the beginnings, nested ones too


def test_a_longer_beginning_wins_over_one_it_starts_with():
    tree = re.compile("(?:" + serbian._letter_tree({"pod", "podž", "podžnje", "x"}) + ")")
    assert [tree.match(t).group() for t in ("podžnjeti", "podža", "podoban", "xy")] == \
        ["podžnje", "podž", "pod", "x"]


@pytest.mark.parametrize("pattern", [
    serbian._keep_re(KEEP).pattern, ROMAN_CANDIDATE_RE.pattern,
], ids=["kept words", "Roman numerals"])
def test_token_starts_finds_what_a_leading_look_behind_found(pattern):
    new, old = re.compile(pattern), re.compile(BEFORE + pattern)
    found = 0
    for text in texts():
        spans = [m.span() for m in token_starts(new, text)]
        assert spans == [m.span() for m in old.finditer(text)], text
        found += len(spans)
    assert found > 500
