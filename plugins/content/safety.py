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

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.M | re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
COMMENT = re.compile(r"<!--.*?(?:--!?>)", re.S)


def _blank(match: re.Match) -> str:
    """Same length and line breaks, no content: line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(body: str) -> str:
    """The body with code and HTML comments blanked out: code is shown as
    text, and comments never reach the page (render.py drops them)."""
    if "`" in body or "~~~" in body:
        body = _INLINE_CODE.sub(_blank, _FENCE.sub(_blank, body))
    return without_comments(body)


def without_comments(body: str) -> str:
    """HTML comments blanked out, line breaks kept."""
    return COMMENT.sub(_blank, body) if "<!--" in body else body


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
