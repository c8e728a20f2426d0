"""Heading ids, as Python-Markdown's `toc` extension gives them, without
the table of contents.

We use `toc` only for the ids of headings (no permalinks, no `[TOC]` in
our texts), yet it also builds, serialises and searches the body for the
place of a table of contents in every body: a seventh of a render. Bodies
that write its marker `[TOC]` still get the whole extension (render.py
sends them the way of the rare syntax); for the others this gives every
heading the id `toc` would, byte for byte (tests/test_render_speed.py
renders bodies both ways). markdown==3.11.3 is pinned: the same helpers.
"""

from __future__ import annotations

import html
import re
import sys

import markdown
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags, unique
from markdown.treeprocessors import Treeprocessor

HEADING = re.compile("[Hh][123456]")   # as toc's: a heading's tag starts so
MARKER = "[TOC]"                       # where toc puts its table of contents


class HeadingIds(Treeprocessor):
    """TocTreeprocessor.run less the table of contents (baselevel 1, no
    anchors, no permalinks: our configuration of it)."""

    def __init__(self, md, slugify):
        super().__init__(md)
        self.slugify = slugify

    def run(self, doc):
        elements = list(doc.iter())
        used = {el.attrib["id"] for el in elements if "id" in el.attrib}
        counters: dict[str, int] = {}
        for el in elements:
            if isinstance(el.tag, str) and HEADING.match(el.tag):
                # as toc, even where an attribute list gave the id: the same
                # calls fail on a heading nested too deep
                name = strip_tags(render_inner_html(remove_fnrefs(el), self.md))
                if "id" not in el.attrib:   # an id from an attribute list stays
                    el.attrib["id"] = unique(self.slugify(html.unescape(name), "-"),
                                             used, counters)
                el.attrib.pop("data-toc-label", None)   # toc reads it and drops it
        if len(elements) > sys.getrecursionlimit() // 4:   # else too few to be that deep
            self._walk_as_toc(doc)

    def _walk_as_toc(self, doc) -> None:
        """toc's search for its marker walks the tree by recursion, with as
        many calls as here: a tree nested deeper than the stack allows
        (emphasis 20,000 deep) fails here as it did there, and is reported
        as too deep to render."""
        for _ in self._iterparent(doc):
            pass

    def _iterparent(self, node):
        # TocTreeprocessor.iterparent
        for child in node:
            if not HEADING.match(child.tag) and child.tag not in ("pre", "code"):
                yield node, child
                yield from self._iterparent(child)


class HeadingIdsExtension(markdown.Extension):
    def __init__(self, slugify):
        super().__init__()
        self.slugify = slugify

    def extendMarkdown(self, md):
        md.treeprocessors.register(HeadingIds(md, self.slugify), "heading_ids", 5)
