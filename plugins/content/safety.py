"""Code and HTML comments in a Markdown source: what is shown as text and
what is never published.

Whether a body holds anything active is judged on its rendered HTML
(sanitise.py); the source is read only for what rendering hides: an HTML
comment never closed (browsers would hide the rest of the page), and the
parts of a body that are code or notes (`mask_code`), which the checks of
links, pictures and scripts leave alone.
"""

from __future__ import annotations

import re

from .fences import fenced_blocks

_BACKTICKS = re.compile(r"(\\*)(`+)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _blank(text: str) -> str:
    """Same length and line breaks, no content: line numbers stay right."""
    return re.sub(r"[^\n]", " ", text)


def mask_code(body: str) -> str:
    """The body with code and HTML comments blanked out: code is shown as
    text, and comments never reach the page (render.py drops them). Linear:
    fences found line by line, code spans paired within their paragraph."""
    if "```" in body or "~~~" in body:
        lines = body.split("\n")
        for first, last in fenced_blocks(lines):
            lines[first:last + 1] = [" " * len(line) for line in lines[first:last + 1]]
        body = "\n".join(lines)
    if "`" in body:
        body = _mask_code_spans(body)
    return without_comments(body)


def _mask_code_spans(body: str) -> str:
    """Code spans as Python-Markdown reads them: a run of backticks not
    escaped by a backslash, up to the next run of the same length in the
    same paragraph."""
    out, done, start = [], 0, 0
    for end in [m.start() for m in _BLANK_LINE.finditer(body)] + [len(body)]:
        runs = [(m.start(2), m.end(2), len(m.group(1)) % 2 == 1)
                for m in _BACKTICKS.finditer(body, start, end)]
        following, closer = {}, [None] * len(runs)   # next run of each length
        for index in range(len(runs) - 1, -1, -1):
            length = runs[index][1] - runs[index][0]
            closer[index], following[length] = following.get(length), index
        index = 0
        while index < len(runs):
            begin, _, escaped = runs[index]
            match = closer[index]
            if escaped or match is None:
                index += 1
                continue
            out += [body[done:begin], _blank(body[begin:runs[match][1]])]
            done, index = runs[match][1], match + 1
        start = end
    return "".join(out) + body[done:]


def without_comments(body: str, blank=_blank) -> str:
    """HTML comments blanked out, line breaks kept (or replaced by what
    `blank` makes of them); an unclosed one stays. One pass: a regular
    expression would search to the end for every `<!--` never closed."""
    if "<!--" not in body:
        return body
    out, done = [], 0
    while (begin := body.find("<!--", done)) >= 0:
        close = _COMMENT_END.search(body, begin + 4)
        if close is None:
            break
        out += [body[done:begin], blank(body[begin:close.end()])]
        done = close.end()
    return "".join(out) + body[done:]


def drop_comments(html: str) -> str:
    """Rendered HTML without its comments: staff's notes are never published."""
    return without_comments(html, blank=lambda comment: "")


_COMMENT_END = re.compile(r"--!?>")


def scan(body: str) -> list[tuple[int, str, str]]:
    """(line in the body, what, fix) for what the source itself gets wrong."""
    masked = mask_code(body)
    found = []
    if "<!--" in masked:
        found.append((masked.count("\n", 0, masked.index("<!--")) + 1,
                      "an HTML comment that is never closed (`<!--` without `-->`)",
                      "close it with `-->` or delete it: browsers would hide "
                      "everything after it"))
    return found
