"""Hooks that derive one script's text from another's (sr-Cyrl <-> sr-Latn).

`converter(from_tag, to_tag, settings)` returns a `Converter` with `text()` for
plain strings and `html()` for rendered fragments, or None when the pair has
no exact mapping. The HTML hook changes text between tags and the
human-text attributes (alt, title, aria-label), never URLs, and skips
code, pre, kbd, samp, script, style and elements marked translate="no" or
with a lang of their own. Word rules (the case of Љ Њ Џ, Roman numerals)
read each text node with its neighbours in the same line of inline markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Callable

from .roman import token_starts
from .serbian import cyrillic_to_latin, latin_to_cyrillic, strip_markers

# Comments, and tags whose quoted attribute values may hold `>`.
_TAG = re.compile(r"""(<!--.*?-->|<[/!?]?[A-Za-z](?:[^>"']|"[^"]*"|'[^']*')*>)""", re.S)
_SKIP = {"code", "pre", "kbd", "samp", "script", "style"}
_TEXT_ATTRS = re.compile(r"""(\s(?:alt|title|aria-label)\s*=\s*)("[^"]*"|'[^']*')""", re.I)
_NO_TRANSLATE = re.compile(r"""\stranslate\s*=\s*["']?no\b""", re.I)
_OTHER_LANG = re.compile(r"""\slang\s*=\s*["']?+(?!sr\b)""", re.I)
_LANG_VALUE = re.compile(r"""(\slang\s*=\s*["']?+)([A-Za-z-]+)""")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
# Elements inside a line of text: a word may run across them ("<b>Љ</b>убав").
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em",
           "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong",
           "sub", "sup", "time", "u", "var"}
_CONTEXT = 160   # characters of context on each side
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
         "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Converter:
    """Converts text, and HTML through `html`, from one locale's script to
    another's. `rules`: the word lists it was given, for a cache of what it
    converted (with the package's code, all its output depends on)."""
    text: Callable[[str], str]
    from_tag: str = ""
    to_tag: str = ""
    rules: str = ""

    def html(self, fragment: str) -> str:
        """The fragment converted: text and human-text attributes only."""
        return convert_html(fragment, self.text, self.from_tag, self.to_tag)


def converter(from_tag: str, to_tag: str, settings: dict | None = None,
              spelt_in_cyrillic: frozenset = frozenset()) -> Converter | None:
    """`spelt_in_cyrillic`: words of the keep list (SERBIAN_KEEP_LATIN) that
    staff write in Cyrillic (cyrillic_spellings): those are converted."""
    settings = settings or {}
    if (from_tag, to_tag) == ("sr-Cyrl", "sr-Latn"):
        return Converter(cyrillic_to_latin, from_tag, to_tag)
    if (from_tag, to_tag) == ("sr-Latn", "sr-Cyrl"):
        keep = tuple(w for w in settings.get("SERBIAN_KEEP_LATIN", ())
                     if w not in spelt_in_cyrillic)
        exceptions = tuple(settings.get("SERBIAN_DIGRAPH_EXCEPTIONS", ()))
        return Converter(partial(latin_to_cyrillic, digraph_exceptions=exceptions,
                                 keep_words=keep),
                         from_tag, to_tag, repr((keep, exceptions)))
    return None


def cyrillic_spellings(keep_words, texts) -> frozenset:
    """The words of the keep list that `texts` (what staff wrote in Cyrillic)
    spell in Cyrillic: "ЛГБТ" for LGBT, "СоРи" for SoRi. The site writes
    those in Cyrillic on its Cyrillic pages, derived ones too, so that a
    Cyrillic word comes back Cyrillic from its Latin page; the others (GIZ,
    written "GIZ" in Cyrillic text) stay in Latin."""
    spelt = {}
    for word in keep_words:
        cyrillic = latin_to_cyrillic(word)
        if cyrillic != word:
            spelt[cyrillic] = word
    if not spelt:
        return frozenset()
    # A word's start is checked by token_starts, not by a look-behind opening
    # the pattern (ten times slower here).
    pattern = re.compile(r"(?:" + "|".join(
        re.escape(c) for c in sorted(spelt, key=len, reverse=True)) + r")(?![^\W_])")
    found = set()
    for text in texts:
        if text:
            found.update(spelt[m.group()] for m in token_starts(pattern, text))
            if len(found) == len(spelt):
                break
    return frozenset(found)


def convert_html(fragment: str, convert: Callable[..., str], from_tag: str = "",
                 to_tag: str = "") -> str:
    """Convert the text of an HTML fragment, leaving markup and URLs alone.

    Each text node is converted with the text around it in the same run of
    inline markup as context (`convert(text, before=..., after=...)`), so
    that word rules see the whole word: "<b>Љ</b>убав" -> "<b>Lj</b>ubav"."""
    parts = [part for part in _TAG.split(fragment) if part]
    around = _inline_context(parts)
    out, stack = [], []   # stack: (tag name, skipping?) of open elements
    for i, part in enumerate(parts):
        if part.startswith("<"):
            out.append(_convert_tag(part, stack, convert, from_tag, to_tag))
        elif any(skip for _, skip in stack):
            out.append(strip_markers(part))
        elif i in around:
            before, after = around[i]
            out.append(convert(part, before=before, after=after))
        else:
            out.append(convert(part))
    return "".join(out)


def _inline_context(parts: list[str]) -> dict[int, tuple[str, str]]:
    """{index of a text part: (text before it, text after it)} within its run
    of text and inline elements, for parts that have such neighbours."""
    around: dict[int, tuple[str, str]] = {}
    run: list[int] = []

    def close():
        if len(run) > 1:
            texts = [strip_markers(parts[i]) for i in run]
            joined, start = "".join(texts), 0
            for i, text in zip(run, texts):
                end = start + len(text)
                around[i] = (joined[max(0, start - _CONTEXT):start], joined[end:end + _CONTEXT])
                start = end
        run.clear()

    for i, part in enumerate(parts):
        if not part.startswith("<"):
            run.append(i)
            continue
        m = _TAG_NAME.match(part)
        if m is None or m.group(2).lower() not in _INLINE:
            close()
    close()
    return around


def _convert_tag(tag: str, stack: list, convert, from_tag: str, to_tag: str) -> str:
    m = _TAG_NAME.match(tag)
    if not m:
        return tag
    closing, name = m.group(1), m.group(2).lower()
    if closing:
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                del stack[i:]
                break
        return tag
    skip = (name in _SKIP or _NO_TRANSLATE.search(tag) is not None
            or _OTHER_LANG.search(tag) is not None)
    if name not in _VOID and not tag.endswith("/>"):
        stack.append((name, skip))
    if skip or any(s for _, s in stack[:-1]):
        return tag
    if from_tag and to_tag:  # text marked as the source script is now the other
        tag = _LANG_VALUE.sub(lambda a: a.group(1) + (to_tag if a.group(2).lower()
                              == from_tag.lower() else a.group(2)), tag)
    return _TEXT_ATTRS.sub(lambda a: a.group(1) + a.group(2)[0] + convert(a.group(2)[1:-1])
                           + a.group(2)[0], tag)
