"""Python-Markdown's work on the element tree, skipped or remembered where
its answer is known beforehand (markdown 3.11, pinned).

- `attr_list` looks at the text of every element for `{: ...}`: a body
  whose text holds no `{` has none to find (the tree's text is the body's,
  Markdown's placeholders being `\x02...\x03`).
- `is_block_level(tag)` lowers the tag and looks for it in a list of some
  fifty names, half a million times a build, for a dozen distinct tags.

The same HTML byte for byte (tests/test_render_speed.py).
"""

from __future__ import annotations

from markdown.extensions.attr_list import AttrListTreeprocessor


class MarkedAttrList(AttrListTreeprocessor):
    def run(self, doc):
        if "{" in "\n".join(self.md.lines):   # the body as its preprocessors left it
            super().run(doc)


def _remembered_block_level(md):
    """md.is_block_level, each tag's answer kept (the list is complete once
    the extensions are loaded)."""
    stock, known = md.is_block_level, {}

    def is_block_level(tag) -> bool:
        found = known.get(tag)
        if found is None:
            found = known[tag] = stock(tag)
        return found
    return is_block_level


def install(md) -> None:
    """Use the shortcuts in `md` (attr_list's only where it is loaded)."""
    if "attr_list" in md.treeprocessors:
        md.treeprocessors.register(MarkedAttrList(md), "attr_list", 8)
    md.is_block_level = _remembered_block_level(md)
