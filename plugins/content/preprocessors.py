"""Python-Markdown's first two preprocessors, each step skipped on a body
it would leave as it is.

Every body passes through NormalizeWhitespace, whose search for lines of
spaces alone scans the whole text with a look-behind (two thirds of its
cost), and HtmlBlockPreprocessor, which feeds the whole text to an HTML
parser: together a tenth of rendering a news item that holds neither such
a line nor `<` or `&`. Here each step first asks for the character it
works on, so what it does is what markdown's would: the same lines, the
same HTML byte for byte (tests/test_render_speed.py renders bodies both
ways). Read off markdown 3.11 (pinned), as inline.py and blocks.py are.
"""

from __future__ import annotations

import re

from markdown import util
from markdown.preprocessors import HtmlBlockPreprocessor, NormalizeWhitespace

_SPACES_LINE = re.compile(r"(?<=\n) +\n")


class MarkedNormalizeWhitespace(NormalizeWhitespace):
    def run(self, lines: list[str]) -> list[str]:
        # NormalizeWhitespace.run, each replacement only where it finds something
        source = "\n".join(lines)
        if util.STX in source or util.ETX in source:
            source = source.replace(util.STX, "").replace(util.ETX, "")
        if "\r" in source:
            source = source.replace("\r\n", "\n").replace("\r", "\n")
        source += "\n\n"
        if "\t" in source:
            source = source.expandtabs(self.md.tab_length)
        if " \n" in source:   # what the expression needs to match
            source = _SPACES_LINE.sub("\n", source)
        return source.split("\n")


class MarkedHtmlBlock(HtmlBlockPreprocessor):
    def run(self, lines: list[str]) -> list[str]:
        # Without `<` the parser finds no tag, and without `&` no reference
        # (which it would write back with a `;`): all of it is text, which
        # it gives back as it was, and so the lines are.
        if not any("<" in line or "&" in line for line in lines):
            return lines
        return super().run(lines)


def install(md) -> None:
    """Use the marked preprocessors in `md` in place of markdown's own (an
    extension's replacement, such as md_in_html's, stays)."""
    for name, priority, stock, marked in (   # markdown's names and priorities
            ("normalize_whitespace", 30, NormalizeWhitespace, MarkedNormalizeWhitespace),
            ("html_block", 20, HtmlBlockPreprocessor, MarkedHtmlBlock)):
        if name in md.preprocessors and type(md.preprocessors[name]) is stock:
            md.preprocessors.register(marked(md), name, priority)
