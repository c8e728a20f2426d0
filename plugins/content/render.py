"""Markdown to HTML, once per source per build.

Markdown instances are reused (reset between files): building a new one per
file is a large part of stock Pelican's read time. Two of them: the
extensions whose syntax few bodies use (footnotes, abbreviations,
definition lists, Markdown inside HTML) cost a tenth of the time of every
body, so a body without that syntax gets an instance without them (the same
HTML: tests/test_render_speed.py).
"""

from __future__ import annotations

import html
import posixpath
import re
import signal
import threading
import time
from collections import Counter
from contextlib import contextmanager
from fnmatch import fnmatch
from pathlib import Path
from xml.etree import ElementTree

import markdown
from markdown.treeprocessors import Treeprocessor

from plugins.translit.slugs import slugify

from plugins.common.parallel import fork_map
from plugins.common.progress import Progress

from . import blocks, headings, inline, links, preprocessors, safety, sanitise, trees
from .fences import LinearFences
from .rare import has_rare_syntax

EXTENSIONS = ["extra", "sane_lists", "toc"]
# "extra" without footnotes, abbr, def_list and md_in_html, and toc's heading
# ids without its table of contents: for bodies that hold none of their
# marks (has_rare_syntax)
COMMON_EXTENSIONS = ["attr_list", "fenced_code", "tables", "sane_lists"]
SUMMARY_WORDS = 40
LOCATED_REMOVALS = 20   # per file; finding each one's line may render the file again
LOCATE_SECONDS = 2      # processor seconds a file's search for those lines may take


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


def _nearest_mention(lines: list[str], upto: int, token: str) -> int:
    """The last of the first `upto` lines that names `token`: a construct is
    complete on its last line (a fence's closing one, the link that uses a
    definition), but the mistake is on the line that says it."""
    token = token.lower()
    for number in range(upto, 0, -1):
        if token and token in lines[number - 1].lower():
            return number
    return upto


class RenderTimeout(Exception):
    """A body took longer than its deadline to render."""


@contextmanager
def _deadline(seconds: float | None):
    """RenderTimeout after `seconds` of processor time in this block (not of
    the clock: a busy machine does not fail a build). A signal timer: only in
    a main thread (the build's and its workers'), else no deadline."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise RenderTimeout

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


class Renderer:
    def __init__(self, seconds: float | None = None, shortcuts: bool = True):
        """`seconds`: how long one body may take (CONTENT_MAX_RENDER_SECONDS);
        `shortcuts`: False renders every body with stock Markdown and every
        extension (what the shortcuts are tested against)."""
        self.seconds, self.shortcuts = seconds, shortcuts
        self._lang = None   # the language of the body being rendered
        self._md = self._markdown(EXTENSIONS)
        self._common = self._markdown(COMMON_EXTENSIONS) if shortcuts else self._md

    def _markdown(self, extensions: list) -> markdown.Markdown:
        own = [_LocalLinksExtension()]
        if "toc" not in extensions:
            own.append(headings.HeadingIdsExtension(self._heading_id))
        md = markdown.Markdown(
            extensions=extensions + own,
            extension_configs={"toc": {"slugify": self._heading_id, "permalink": False}},
            output_format="html")
        md.source_dir = ""
        fenced = md.preprocessors["fenced_code_block"]
        md.preprocessors.register(LinearFences(md, fenced.config), "fenced_code_block", 25)
        if self.shortcuts:
            preprocessors.install(md)
            inline.install(md)
            blocks.install(md)
            trees.install(md)
        return md

    def render(self, source, content_root: Path) -> None:
        """source.html: the body as published, sanitised; source.removed:
        (line, what, fix) for what the sanitiser had to take out;
        source.unrendered: (what, fix) when Markdown could not render it."""
        self._md.source_dir = self._common.source_dir = source.path.parent.relative_to(
            content_root).as_posix().strip(".")
        self._lang = source.locale.tag if source.locale else None
        source.removed, source.unrendered = [], None
        try:
            with _deadline(self.seconds):
                rendered = self._convert(source.body)
                source.html = sanitise.clean(rendered)
                if source.html != rendered:   # also when only written differently
                    found = sanitise.removals(rendered)
                    if found:
                        source.removed = self._locate(source.body, found,
                                                      source.body_line)
        except (RenderTimeout, RecursionError) as exc:
            source.html, source.removed = "", []
            source.unrendered = _unrendered(exc, self.seconds)
            # a fresh Markdown: the old one stopped midway
            self.__init__(self.seconds, self.shortcuts)
        source.summary = source.meta.get("summary") or first_words(source.html)

    def _heading_id(self, value: str, separator: str) -> str:
        """A heading's anchor, folded as the body's language spells it."""
        return slugify(value, lang=self._lang) or "section"

    def _convert(self, body: str) -> str:
        # HTML comments are staff's notes (and the original of a translation in
        # progress): never published. Code shows `<!--` escaped: only real ones match.
        md = self._md if has_rare_syntax(body) else self._common
        return safety.drop_comments(md.reset().convert(body))

    def _locate(self, body: str, found: list, first_line: int) -> list:
        """The line of each removal. Where the source names the removed thing
        (`onclick`, the `javascript:` address) as often as it was removed,
        the k-th mention is the k-th removal. Otherwise: the shortest start
        of the body whose rendering already holds it (Markdown keeps no
        source positions, and an attribute list or a reference definition
        can put an attribute far from its link), found by a binary search,
        for LOCATE_SECONDS at most; then the nearest mention."""
        lines = body.splitlines(keepends=True)
        memo: dict[int, list] = {len(lines): found}
        mentions: dict[str, list[int]] = {}
        counts = Counter(found)
        stop = time.process_time() + LOCATE_SECONDS

        def removed_by(n: int) -> list:
            if n not in memo:
                memo[n] = sanitise.removals(self._convert("".join(lines[:n])))
            return memo[n]

        located, seen = [], {}
        for removal in found[:LOCATED_REMOVALS]:
            nth = seen[removal] = seen.get(removal, 0) + 1
            named = mentions.setdefault(removal.token, _mentions(lines, removal.token))
            if len(named) == counts[removal]:
                line = named[nth - 1]
            elif time.process_time() < stop:
                low, high = 1, len(lines)
                while low < high:
                    middle = (low + high) // 2
                    if removed_by(middle).count(removal) >= nth:
                        high = middle
                    else:
                        low = middle + 1
                line = _nearest_mention(lines, low, removal.token)
            else:
                line = named[min(nth, len(named)) - 1] if named else 1
            located.append((first_line + line - 1, removal.what, removal.fix))
        if len(found) > LOCATED_REMOVALS:
            located.append((located[-1][0], f"{len(found) - LOCATED_REMOVALS} more "
                            "things like these", "the next check lists them once "
                            "these are fixed"))
        return located


def _mentions(lines: list[str], token: str) -> list[int]:
    """The numbers of the lines that name `token`, once per mention."""
    token = token.lower()
    return [number for number, line in enumerate(lines, 1)
            for _ in range(line.lower().count(token) if token else 0)]


def _unrendered(exc: Exception, seconds: float | None) -> tuple[str, str]:
    if isinstance(exc, RecursionError):
        return ("the text nests too deeply to be turned into a page (brackets, "
                "emphasis marks or lists within each other, thousands deep)",
                "look for a long run of `[`, `*`, `_` or `-` and remove it")
    return (f"the text could not be turned into a page in {seconds:g} s of processor "
            "time",
            "look for a long run of `[`, `*`, `` ` `` or other marks Markdown reads "
            "as structure, and remove it (CONTENT_MAX_RENDER_SECONDS sets this limit)")


def first_words(fragment: str, limit: int = SUMMARY_WORDS) -> str:
    """Plain text of the first paragraph, cut at a word boundary."""
    m = re.search(r"<p>(.*?)</p>", fragment, re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", m.group(1) if m else fragment))
    words = text.split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def render_all(sources, content_root: Path, n_workers: int = 1, cache=None,
               seconds: float | None = None) -> int:
    """Render every source once, on `n_workers` processes; with a cache, only
    those whose text changed since a build that used it. Returns the count
    rendered."""
    keys = [cache.key(s, content_root) for s in sources] if cache else []
    cached = cache.get_many(keys) if cache else {}
    todo = []
    for index, source in enumerate(sources):
        hit = cached.get(keys[index]) if cache else None
        if hit:
            source.html, source.summary = hit
        else:
            todo.append(index)

    progress = Progress("texts", len(todo))

    def job(index: int, count: int):
        renderer = Renderer(seconds)
        out = []
        for position in progress.each(todo[index::count]):
            source = sources[position]
            renderer.render(source, content_root)
            out.append((source.html, source.summary, source.removed, source.unrendered))
        return out

    with progress:
        results = fork_map(job, len(todo), n_workers)
    count, rows = len(results), []
    for index, chunk in enumerate(results):
        for position, (html, summary, removed, unrendered) in zip(todo[index::count],
                                                                   chunk):
            source = sources[position]
            source.html, source.summary = html, summary
            source.removed, source.unrendered = removed, unrendered
            if cache and not removed and not unrendered:   # a hit would hide them
                rows.append((keys[position], html, summary))
    if rows:
        cache.put_many(rows)
    return len(todo)


def report_removed(sources, problems, allow_raw_html=()) -> None:
    """What the sanitiser took out of each body, at its line: an error (the
    build stops: staff learn what would be lost), or a warning for files
    that ALLOW_RAW_HTML_IN names (published without it); and bodies that
    could not be rendered at all."""
    # one mistake, one message: a line with an error already (a picture from
    # another site, say) gets no second one
    reported = {(p.path, p.line) for p in problems.errors}
    for source in sources:
        if source.unrendered:
            problems.error(source.shown, source.unrendered[0], line=source.body_line,
                           hint=source.unrendered[1])
        trusted = any(fnmatch(source.shown, pattern) for pattern in allow_raw_html)
        report = problems.warning if trusted else problems.error
        for line, what, fix in source.removed:
            if (source.shown, line) not in reported:
                report(source.shown, f"the text contains {what}, which the site does "
                       "not publish", line=line, hint=fix)
