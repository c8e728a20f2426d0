"""Python-Markdown's inline patterns, tried only on text that holds their marks.

Markdown tries each of its ~15 inline patterns (links, emphasis, code,
entities...) as a regular expression on every run of text, and most runs of
news prose hold none of their marks: that loop was the largest single cost
of a build. `MarkedInlineProcessor` skips a pattern on a text that holds none
of the characters the pattern needs to match, which is what trying it would
conclude, so the HTML is the same byte for byte (tests/test_render_speed.py
renders bodies both ways). A pattern not in TRIGGERS is always tried.

It replaces one private method of InlineProcessor (markdown==3.11.3 is
pinned; the test above fails if a new version changes what it relies on).
"""

from __future__ import annotations

from markdown import util
from markdown.treeprocessors import InlineProcessor

# Pattern name -> strings of which a text must hold one for the pattern to
# match (read off each pattern's regular expression in markdown 3.11).
# Placeholders Markdown puts into the text (STX "klzzwxh:0001" ETX) hold none.
TRIGGERS = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[^",),
    "reference": ("[",), "link": ("[",), "short_reference": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_image_ref": ("![",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",),
    "linebreak": ("  \n",), "entity": ("&",), "em_strong": ("*", "_"),
}


MARKS = frozenset(mark for needs in TRIGGERS.values() for mark in needs)


class MarkedInlineProcessor(InlineProcessor):
    """Markdown's inline processor that skips patterns whose marks a text lacks."""

    _needs = None

    def run(self, tree, ancestors=None):
        if self._needs is None:   # the patterns are all registered by now
            patterns = self.inlinePatterns
            self._needs = [None] * len(patterns)
            for name, needs in TRIGGERS.items():
                if name in patterns:
                    self._needs[patterns.get_index_for_name(name)] = frozenset(needs)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        # InlineProcessor.__handleInline, with the test for the marks added
        if isinstance(data, util.AtomicString):
            return data
        patterns, needs, apply = (self.inlinePatterns, self._needs,
                                  self._InlineProcessor__applyPattern)
        start, count = 0, len(patterns)
        present = {mark for mark in MARKS if mark in data}
        while patternIndex < count:
            need = needs[patternIndex]
            if need is not None and need.isdisjoint(present):
                patternIndex, start = patternIndex + 1, 0   # as a pattern that failed
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if matched:
                present = {mark for mark in MARKS if mark in data}
            else:
                patternIndex += 1
        return data


def install(md) -> None:
    """Use MarkedInlineProcessor in `md` (in place of its inline processor)."""
    md.treeprocessors.register(MarkedInlineProcessor(md), "inline", 20)
