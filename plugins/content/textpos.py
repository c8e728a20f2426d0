"""Line numbers of offsets in a text, for reports of what a scan found.

Counting the newlines before each match (`text.count("\\n", 0, m.start())`)
costs the length of the text per match: quadratic in a long file with many
matches. One pass records where lines start; each lookup is then a bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_NEWLINE = re.compile("\n")


class LineIndex:
    """Line (1-based) and column (1-based) of any offset in `text`."""

    def __init__(self, text: str):
        self._starts = None
        self._text = text

    def _line_starts(self) -> list[int]:
        if self._starts is None:   # built on the first lookup: most texts need none
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self._text))]
        return self._starts

    def line(self, offset: int) -> int:
        """The line (from 1) holding `offset`."""
        return bisect_right(self._line_starts(), offset)

    def column(self, offset: int) -> int:
        """The column (from 1) of `offset` on its line."""
        starts = self._line_starts()
        return offset - starts[bisect_right(starts, offset) - 1] + 1
