"""Protected spans, which neither direction transliterates: -{...}-
markers, URLs, e-mail addresses and HTML character references."""

from __future__ import annotations

import re
import unicodedata


_URL_BODY = r"[^\s<>\"'„“”‘’«»]*[^\s<>\"'„“”‘’«».,;:!?)\]}]"
_TLDS = "rs|ba|me|hr|si|mk|vn|com|org|net|info|edu|gov|int|eu|io"
# Internationalised top-level domains in Cyrillic (Serbia's first): a bare
# domain under one is an address, not a word to transliterate.
_IDN_TLDS = "срб|рф|укр|бг|мкд|бел|мон|қаз"
# An e-mail address in any script: a local part and a domain of letters
# (any alphabet), digits and the usual punctuation ("контакт@пример.срб").
_EMAIL = r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)+"
PROTECTED_RE = re.compile(
    r"-\{(?P<inner>.*?)\}-"
    r"|(?<![\w.@/-])(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)" + _URL_BODY +
    "|" + _EMAIL +
    r"|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"
    r"|(?<![\w.@/-])(?:[A-Za-z0-9-]+\.)+(?:" + _TLDS + r")(?![\w@-])(?:/" + _URL_BODY + ")?",
    re.S,
)
# Cheap pre-check: only run the protected-span regex when a span can exist.
PROTECT_HINT_RE = re.compile(r"-\{|://|www\.|@|&|\.(?:" + _TLDS + r")\b")
# Cyrillic -> Latin only needs the spans that can hold Cyrillic letters:
# markers, URLs, e-mail addresses and bare domains under a Cyrillic
# top-level domain (ASCII ones and character references are left alone by
# the Cyrillic table anyway).
CYR_PROTECTED_RE = re.compile(
    r"-\{(?P<inner>.*?)\}-|(?:https?://|ftps?://|www\.)" + _URL_BODY +
    "|" + _EMAIL +
    r"|(?<![\w.@/-])(?:[\w-]+\.)+(?:" + _IDN_TLDS + r")(?![\w@-])(?:/" + _URL_BODY + ")?",
    re.S)
CYR_PROTECT_HINT_RE = re.compile(r"-\{|://|www\.|@|\.(?:" + _IDN_TLDS + r")\b")
_MARKER_RE = re.compile(r"-\{(.*?)\}-", re.S)


def nfc(text: str) -> str:
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


def map_unprotected(text: str, convert, protected: re.Pattern,
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
