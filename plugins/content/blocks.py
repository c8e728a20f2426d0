"""Python-Markdown's block processors, their regular expressions tried only
on blocks that hold the marks they need.

Each block of each body is tested against every block processor in turn,
most by a regular expression; a paragraph of prose matches none, and the
searches for blockquotes, rules, headings and link definitions were a tenth
of a render. Each test here first asks for a string its expression cannot
match without, so it concludes what the expression would, sooner: the same
HTML byte for byte (tests/test_render_speed.py renders bodies both ways).
Read off the expressions of markdown 3.11 (pinned), as inline.py is.
"""

from __future__ import annotations

from markdown.blockprocessors import (BlockQuoteProcessor, HashHeaderProcessor,
                                      HRProcessor, ReferenceProcessor,
                                      SetextHeaderProcessor)
from markdown.extensions.tables import TableProcessor


class MarkedHashHeader(HashHeaderProcessor):
    def test(self, parent, block):
        return "#" in block and super().test(parent, block)


class MarkedSetextHeader(SetextHeaderProcessor):
    def test(self, parent, block):
        # the block's second line starts with its underline, `=` or `-`
        return ("\n=" in block or "\n-" in block) and super().test(parent, block)


class MarkedHR(HRProcessor):
    def test(self, parent, block):
        return ("-" in block or "_" in block or "*" in block) and super().test(parent, block)


class MarkedBlockQuote(BlockQuoteProcessor):
    def test(self, parent, block):
        return ">" in block and super().test(parent, block)


class MarkedReference(ReferenceProcessor):
    def run(self, parent, blocks):
        if "]:" not in blocks[0]:   # `[id]: address`; stock pops it and puts it back
            return False
        return super().run(parent, blocks)


class MarkedTable(TableProcessor):
    def test(self, parent, block):
        # a row holds a `|` (its cells' separator, or the border of a single cell)
        return "|" in block and super().test(parent, block)


# name -> (class, priority), as markdown's build_block_parser registers them
MARKED = {"hashheader": (MarkedHashHeader, 70), "setextheader": (MarkedSetextHeader, 60),
          "hr": (MarkedHR, 50), "quote": (MarkedBlockQuote, 20),
          "reference": (MarkedReference, 15)}


def install(md) -> None:
    """Use the marked block processors in `md` (in place of stock ones)."""
    for name, (processor, priority) in MARKED.items():
        md.parser.blockprocessors.register(processor(md.parser), name, priority)
    if "table" in md.parser.blockprocessors:   # the tables extension's, and its settings
        table = md.parser.blockprocessors["table"]
        md.parser.blockprocessors.register(MarkedTable(md.parser, table.config), "table", 75)
