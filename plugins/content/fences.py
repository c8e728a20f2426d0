"""Fenced code blocks found in linear time.

Python-Markdown's preprocessor searches the text with one regular expression
whose code part runs to the end of the text for every opening fence that is
never closed, and it rebuilds the whole text after each block: a body of
many small or unclosed fences took minutes. This finds the same blocks by
walking the lines once (an opening line, then the first later line that is
exactly its fence) and hands each block to the original code, so the HTML is
the same byte for byte.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.attr_list import get_attrs_and_remainder

# The opening line of FencedBlockPreprocessor.FENCED_BLOCK_RE, alone.
_OPENING = re.compile(r"""(?P<fence>(?:~{3,}|`{3,}))[ ]*
    ((\{(?P<attrs>[^\n]*)\})|
    (\.?(?P<lang>[\w#.+-]*)[ ]*)?
    (hl_lines=(?P<quot>"|')(?P<hl_lines>.*?)(?P=quot)[ ]*)?)""", re.VERBOSE)
_CLOSING = re.compile(r"(~{3,}|`{3,})[ ]*")


def fenced_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line numbers of each fenced code block, as
    Python-Markdown finds them: an opening line at the left margin, closed by
    the first later line that is exactly its fence (a fence never closed is
    text)."""
    closings: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        if line[:1] in "`~" and (m := _CLOSING.fullmatch(line)):
            closings.setdefault(m.group(1), []).append(number)
    blocks, number = [], 0
    while closings and number < len(lines):
        line = lines[number]
        opening = _OPENING.fullmatch(line) if line[:1] in "`~" else None
        close = _closing(closings, opening, number) if opening else None
        if close is None:
            number += 1
        else:
            blocks.append((number, close))
            number = close + 1
    return blocks


def _closing(closings: dict, opening: re.Match, number: int) -> int | None:
    """The line that closes a fence opened on line `number`, if any."""
    if opening.group("attrs") is not None:
        _, remainder = get_attrs_and_remainder(opening.group("attrs"))
        if remainder:   # Python-Markdown skips a fence with broken {attrs}
            return None
    candidates = closings.get(opening.group("fence"), [])
    at = bisect_right(candidates, number)
    return candidates[at] if at < len(candidates) else None


class LinearFences(FencedBlockPreprocessor):
    """Markdown's fenced code blocks, found in one pass over the lines."""
    def run(self, lines: list[str]) -> list[str]:
        """The lines with each fenced block replaced by its placeholder."""
        out, number = [], 0
        for first, last in fenced_blocks(lines):
            out += lines[number:first]
            # the original's own code makes the block's HTML and placeholder
            out += super().run(lines[first:last + 1])   # "", placeholder, ""
            number = last + 1
        return out + lines[number:]
