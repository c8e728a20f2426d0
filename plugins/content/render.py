"""Markdown to HTML, once per source per build.

One Markdown instance is reused (reset between files): building a new one per
file is a large part of stock Pelican's read time.
"""

from __future__ import annotations

import html
import posixpath
import re
import zlib
from pathlib import Path
from xml.etree import ElementTree

import markdown
from markdown.treeprocessors import Treeprocessor

from plugins.translit.slugs import slugify

from . import links, safety
from .parallel import fork_map

EXTENSIONS = ["extra", "sane_lists", "toc"]
SUMMARY_WORDS = 40


class _LocalLinks(Treeprocessor):
    """Pictures and files relative to the item's file get their site paths
    (the page itself lives at another address than its source)."""

    def run(self, root: ElementTree.Element):
        base = self.md.source_dir  # e.g. "news/2017"
        for element, attribute in [*((e, "src") for e in root.iter("img")),
                                   *((e, "href") for e in root.iter("a"))]:
            value = element.get(attribute, "")
            if value and _is_relative_file(value, attribute):
                element.set(attribute, "/" + posixpath.normpath(
                    f"{base}/{value}" if base else value))


def _is_relative_file(value: str, attribute: str) -> bool:
    """A path relative to the item's own file (site paths start with `/`)."""
    if value.startswith("/") or links.is_elsewhere(value) or value.startswith("#"):
        return False
    return attribute == "src" or links.is_local_file(value) or links.is_source_link(value)


class _LocalLinksExtension(markdown.Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_LocalLinks(md), "local_links", 1)


def _heading_id(value: str, separator: str) -> str:
    return slugify(value) or "section"


class Renderer:
    def __init__(self):
        self._md = markdown.Markdown(
            extensions=EXTENSIONS + [_LocalLinksExtension()],
            extension_configs={"toc": {"slugify": _heading_id, "permalink": False}},
            output_format="html")

    def render(self, source, content_root: Path) -> None:
        md = self._md.reset()
        md.source_dir = source.path.parent.relative_to(content_root).as_posix().strip(".")
        # HTML comments are staff's notes (and the original of a translation in
        # progress): never published. Code shows `<!--` escaped: only real ones match.
        source.html = safety.COMMENT.sub("", md.convert(source.body))
        source.summary = source.meta.get("summary") or first_words(source.html)


def first_words(fragment: str, limit: int = SUMMARY_WORDS) -> str:
    """Plain text of the first paragraph, cut at a word boundary."""
    m = re.search(r"<p>(.*?)</p>", fragment, re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", m.group(1) if m else fragment))
    words = text.split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def render_all(sources, content_root: Path, n_workers: int = 1, cache=None) -> int:
    """Render every source once, on `n_workers` processes; with a cache, only
    those whose text changed since a build that used it. Returns the count
    rendered. Workers send HTML back compressed: the cache stores it so, and
    a cold build writes a quarter of the bytes (disk time dominates here)."""
    keys = [cache.key(s, content_root) for s in sources] if cache else []
    cached = cache.get_many(keys) if cache else {}
    todo = []
    for index, source in enumerate(sources):
        hit = cached.get(keys[index]) if cache else None
        if hit:
            source.html, source.summary = zlib.decompress(hit[0]).decode("utf-8"), hit[1]
        else:
            todo.append(index)

    def job(index: int, count: int):
        renderer = Renderer()
        out = []
        for position in todo[index::count]:
            source = sources[position]
            renderer.render(source, content_root)
            out.append((zlib.compress(source.html.encode("utf-8"), 1), source.summary))
        return out

    results = fork_map(job, len(todo), n_workers)
    count, rows = len(results), []
    for index, chunk in enumerate(results):
        for position, (blob, summary) in zip(todo[index::count], chunk):
            source = sources[position]
            source.html, source.summary = zlib.decompress(blob).decode("utf-8"), summary
            if cache:
                rows.append((keys[position], blob, summary))
    if rows:
        cache.put_many(rows)
    return len(todo)
