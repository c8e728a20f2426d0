"""Invisible control characters, which no page or feed can hold.

A NUL, an ESCAPE or a backspace pasted into a title passes YAML (as an
escape in quotes) and Markdown, then breaks the Atom feed: XML cannot hold
them. They are found in the decoded source (with line and column) and in
the values YAML made from escapes, named as Unicode names them, and
replaced by U+FFFD so the rest of the file is still checked.
"""

from __future__ import annotations

import re

from .textpos import LineIndex

# C0 controls except tab and line feed (carriage returns are gone by now),
# DEL, C1 controls, lone surrogates and the noncharacters.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                     "\ufffe\uffff" + "".join(f"{chr(plane * 0x10000 + 0xfffe)}"
                                              f"{chr(plane * 0x10000 + 0xffff)}"
                                              for plane in range(1, 17)) + "]")
REPLACEMENT = "\ufffd"
# CONTROL's 34 single characters above U+FFFF make `re` test each character
# of a text against a list: 20 times slower than this superset (one range up
# there, where emoji are not), tried first.
_MAYBE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                            "\ufffe\uffff\U0001fffe-\U0010ffff]")

_C0 = ("NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT",
       "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE", "BELL", "BACKSPACE",
       "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED",
       "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE",
       "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
       "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
       "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE",
       "ESCAPE", "FILE SEPARATOR", "GROUP SEPARATOR", "RECORD SEPARATOR",
       "UNIT SEPARATOR")
_OTHER = {0x7f: "DELETE", 0x85: "NEXT LINE"}

HINT = ("delete it: it came with text pasted from another program (Word, a PDF, "
        "a terminal). Most editors show it as a box, `^[` or nothing at all: "
        "delete the characters around that column and type them again")


def name(char: str) -> str:
    """`U+001B ESCAPE`: the code point and its Unicode name (or alias)."""
    point = ord(char)
    if point < 0x20:
        label = _C0[point]
    elif point in _OTHER:
        label = _OTHER[point]
    elif 0x80 <= point <= 0x9f:
        label = "C1 CONTROL CHARACTER"
    elif 0xd800 <= point <= 0xdfff:
        label = "SURROGATE (half of a character)"
    else:
        label = "NONCHARACTER"
    return f"U+{point:04X} {label}"


def check_text(text: str, path, problems, *, first_line: int = 1) -> str:
    """`text` with its control characters replaced, after one error at the
    first of them (the message counts the others and names their lines)."""
    found = _MAYBE_CONTROL.search(text) and CONTROL.search(text)
    if found is None:
        return text
    index = LineIndex(text)
    offsets = [m.start() for m in CONTROL.finditer(text)]
    lines = sorted({index.line(offset) for offset in offsets})
    total = len(offsets)
    others = ""
    if total > 1:
        shown = ", ".join(str(first_line - 1 + line) for line in lines[1:6])
        others = (f"; the file has {total - 1} more" +
                  (f" (also on line{'s' if len(lines) > 2 else ''} {shown}"
                   f"{', ...' if len(lines) > 6 else ''})" if shown else ""))
    problems.error(path, f"the text has an invisible control character, "
                   f"{name(found.group(0))}, at column {index.column(found.start())}, "
                   f"which pages and feeds cannot hold{others}",
                   line=first_line - 1 + index.line(found.start()), hint=HINT)
    return CONTROL.sub(REPLACEMENT, text)


def check_values(data: dict, lines: dict, path, problems) -> dict:
    """Field values YAML made from escapes such as `"\\e"` or `"\\x00"` in
    quotes: one error per field that holds a control character, and the
    values with it replaced."""
    out = {}
    for key, value in data.items():
        found = _first_control(key) or _first_control(value)
        if found:
            problems.error(path, f"the value has an invisible control character, "
                           f"{name(found)}, which pages and feeds cannot hold",
                           line=lines.get(key), field=str(key),
                           hint="remove the escape (such as `\\e`, `\\x1b` or "
                           "`\\0`) from the quoted text")
            key, value = _replaced(key), _replaced(value)
        out[key] = value
    return out


def _first_control(value) -> str | None:
    if isinstance(value, str):
        m = CONTROL.search(value)
        return m.group(0) if m else None
    if isinstance(value, dict):
        return next(filter(None, (_first_control(k) or _first_control(v)
                                  for k, v in value.items())), None)
    if isinstance(value, list):
        return next(filter(None, map(_first_control, value)), None)
    return None


def _replaced(value):
    if isinstance(value, str):
        return CONTROL.sub(REPLACEMENT, value)
    if isinstance(value, dict):
        return {_replaced(k): _replaced(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_replaced(v) for v in value]
    return value
