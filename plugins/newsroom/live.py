"""The preview's rebuild in place after an edit of items' text.

`invoke serve` keeps the generator of its last full build. When the files
saved are news items or pages whose edit changes only their text (title,
summary, body, author, picture descriptions, `updated`), each is read,
checked and rendered again, its entries in every locale are refreshed (the
derived script included), and only the pages and feeds that show it are
written again: its own pages, the list pages, home pages and archives that
list it, the pages whose related or neighbour links name it. Anything else
(a date, project, topics, slug, pictures or links that change, a new or
deleted file, a template, a setting) answers FULL: the caller builds it all.

`tests/test_live.py` holds it to its promise: the folder after an edit in
place equals, byte for byte, a full build of the same content.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from pathlib import Path

from plugins import search
from plugins.content import Problems, reader
from plugins.content.assemble import check_images, item_paths, make_context
from plugins.content.render import Renderer, report_removed
from plugins.translit.derive import cyrillic_spellings

from . import urls
from .feeds import FEED_SIZE

FULL = "full"   # edit() cannot do it in place: build everything
TEXT_FIELDS = frozenset({"title", "summary", "author", "image_alt", "image_caption",
                         "updated"})
ENTRY_TEXT = ("source", "title", "summary", "html", "author", "image_alt", "image_caption")


def _shown(data: dict):
    """The entries whose text a page shows."""
    entry = data.get("entry")
    if entry is not None:
        yield entry
        yield from entry.extra.get("related") or []
        yield from (e for e in (entry.extra.get("newer"), entry.extra.get("older")) if e)
    if data.get("lead") is not None:
        yield data["lead"]      # the home page's newest item
    for name in ("entries", "latest"):
        yield from data.get(name) or []


def _key(item) -> tuple:
    return item.kind, item.key


def _structure(source) -> dict:
    """The front matter the file itself writes (`lines`), but its text: the
    shared fields it inherits from its translations are in `meta` too."""
    return {k: v for k, v in source.meta.items() if k in source.lines and k not in TEXT_FIELDS}


def _texts(source):
    return source.meta.get("title"), source.summary, source.html


def _references(source) -> set:
    return {(ref, kind) for _, ref, _, kind, _ in reader.local_references(source)}


class LiveSite:
    def __init__(self, generator, output: Path):
        self.gen, self.output = generator, Path(output)
        self.content = Path(generator.path).resolve()
        site = generator.site
        self.ctx = make_context(generator.settings, generator.locales)
        self.sources = {source.path: (item, tag) for item in [*site.news, *site.pages]
                        for tag, source in item.sources.items()}
        self.items = item_paths(site.sources, self.content)
        self.unsaved: set = set()   # files of an edit that failed: part of the next
        # by (kind, key): a page and a news item may share a translation key
        self.pages_of: dict[tuple, set] = defaultdict(set)    # -> view positions
        self.feeds_of: dict[tuple, set] = defaultdict(set)    # -> feed paths
        self.entries_of: dict[tuple, dict] = defaultdict(dict)  # -> {id: Entry}
        feeds = set()
        for position, view in enumerate(generator.views):
            for entry in _shown(view.data):
                self.pages_of[_key(entry.item)].add(position)
                self.entries_of[_key(entry.item)][id(entry)] = entry
            feed = view.data.get("feed_url")
            if feed and feed not in feeds:   # every page of a list carries its feed
                feeds.add(feed)
                for entry in view.data["feed_entries"][:FEED_SIZE]:
                    self.feeds_of[_key(entry.item)].add(feed)
                    self.entries_of[_key(entry.item)][id(entry)] = entry
        for entries in generator.builder.own.values():
            for entry in entries:
                self.entries_of[_key(entry.item)][id(entry)] = entry

    def edit(self, changed: set) -> str | None:
        """Rebuild after `changed` files were saved: None when done, the
        problems' report when the content has errors (nothing written), or
        FULL when only a full build can do it."""
        # a file that came and went without a suffix is an editor's or
        # sed's temporary copy (sed08mhTa, 4913), not content
        paths = {p for p in map(Path, changed) if p.suffix or p.exists() or
                 p.resolve() in self.sources}
        paths = {p.resolve() for p in paths} | self.unsaved
        if not paths or any(p not in self.sources or not p.is_file() for p in paths):
            return FULL
        gen, problems = self.gen, Problems()
        fresh = []
        for path in sorted(paths):
            item, tag = self.sources[path]
            old = item.sources[tag]
            new = reader.read_source(path, self.content, gen.site.root, gen.locales,
                                     self.ctx, problems)
            if new is None:
                continue
            if _structure(new) != _structure(old) or _references(new) != _references(old):
                return FULL
            for name, value in old.meta.items():   # what its translations share with it
                if name not in old.lines:
                    new.meta.setdefault(name, value)
            fresh.append((item, tag, old, new))
        check_images([new for *_, new in fresh], self.content, problems,
                     gen.settings.get("IMAGE_WARN_BYTES", 8_000_000), items=self.items)
        renderer = Renderer(self.ctx.limits.render_seconds)
        for *_, new in fresh:
            renderer.render(new, self.content)
        report_removed([new for *_, new in fresh], problems,
                       tuple(gen.settings.get("ALLOW_RAW_HTML_IN", ())))
        if problems.errors:
            self.unsaved = paths   # the good files of this batch wait for the bad one
            return problems.report()
        keep = gen.settings.get("SERBIAN_KEEP_LATIN", ())
        if any(cyrillic_spellings(keep, _texts(old)) != cyrillic_spellings(keep, _texts(new))
               for *_, old, new in fresh):
            return FULL   # a keep-list word now (or no longer) written in Cyrillic: every page
        self.unsaved = set()
        for item, tag, old, new in fresh:
            item.sources[tag] = new
            sources = gen.site.sources
            sources[next(i for i, s in enumerate(sources) if s is old)] = new
        self._refresh_entries({_key(item): item for item, *_ in fresh}.values())
        return None

    def _refresh_entries(self, items) -> None:
        gen = self.gen
        views, feeds = set(), set()
        for item in items:
            now = {tag: localizer.entry(item) for tag, localizer in gen.localizers.items()}
            for entry in self.entries_of[_key(item)].values():
                current = now.get(entry.locale.tag)
                if current is not None:
                    for name in ENTRY_TEXT:
                        setattr(entry, name, getattr(current, name))
            for env in gen.envs.values():
                memo = env.globals["news_card"].memo
                for key in [k for k in memo if k[0] == item.key]:
                    del memo[key]   # at worst a same-key page's card is made again
            views |= self.pages_of[_key(item)]
            feeds |= self.feeds_of[_key(item)]
        for position in sorted(views):
            view = gen.views[position]
            entry = view.data.get("entry")
            if entry is not None and view.template in ("item.html", "page.html"):
                view.title = entry.title
            _replace(self.output, urls.save_as(view.url), gen.render(view))
            for _, relative, page in gen.redirect_pages(view):
                _replace(self.output, relative, page)
        if feeds:
            gen.write_feeds(_InPlace(self.output), only=feeds)
        if gen.settings.get("SEARCH_INDEX"):
            search.index(self.output, gen.locales, gen.sitepath)


def _replace(output: Path, relative: str, text: str) -> None:
    """Write a file so that a reader sees the old or the new one, never half."""
    target = output / relative
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".live-")
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


class _InPlace:
    """The writer interface write_feeds uses, replacing files in place."""

    def __init__(self, output: Path):
        self.output = output

    def write(self, relative: str, text) -> None:
        _replace(self.output, relative, text if isinstance(text, str) else text.decode())
