"""Which bodies need the Markdown extensions few bodies use (render.py
renders the others without them, faster, to the same HTML)."""

from __future__ import annotations

from .headings import MARKER


def has_rare_syntax(body: str) -> bool:
    """`[^1]` footnotes, `*[UN]:` abbreviations, `: ` definitions, any raw
    HTML (md_in_html changes how HTML blocks are read), toc's marker. Tests
    of `in`, not one regular expression: a fifth of the time."""
    return ("<" in body or "[^" in body or "*[" in body or MARKER in body
            or _opens_a_line_with_colon(body))


def _opens_a_line_with_colon(body: str) -> bool:
    """A line that starts with `:` after at most three spaces (a definition)."""
    at = body.find(":")
    while at != -1:
        start = body.rfind("\n", 0, at) + 1
        if at - start <= 3 and not body[start:at].strip(" "):
            return True
        at = body.find(":", at + 1)
    return False
