"""The preview's rebuild in place after an edit of items' text.

`invoke serve` keeps the Build of its last full build (plugins.newsroom.
pipeline). When the files saved are news items or pages whose edit changes
only their text (title, summary, body, author, picture descriptions,
`updated`), each is read, checked and rendered again, and the Build writes
again only the pages and feeds that show it (`Build.rewrite`): its own pages,
the list pages, home pages and archives that list it, the pages whose related
or neighbour links name it. Anything else (a date, project, topics, slug,
pictures or links that change, a new or deleted file, a template, a setting)
answers FULL: the caller builds it all.

`tests/test_live.py` holds it to its promise: the folder after an edit in
place equals, byte for byte, a full build of the same content.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from plugins import search
from plugins.common.problems import Problems
from plugins.content import reader
from plugins.content.assemble import make_context
from plugins.content.linked_files import check_images, item_paths
from plugins.content.render import Renderer, report_removed
from plugins.newsroom.pipeline import Build
from plugins.translit.derive import cyrillic_spellings

FULL = "full"   # edit() cannot do it in place: build everything
TEXT_FIELDS = frozenset({"title", "summary", "author", "image_alt", "image_caption",
                         "updated"})


def _structure(source) -> dict:
    """The front matter the file itself writes (`lines`), but its text: the
    shared fields it inherits from its translations are in `meta` too."""
    return {k: v for k, v in source.meta.items() if k in source.lines and k not in TEXT_FIELDS}


def _texts(source):
    return source.meta.get("title"), source.summary, source.html


def _references(source) -> set:
    return {(ref, kind) for _, ref, _, kind, _ in reader.local_references(source)}


class LiveSite:
    """A built site in `output` and the Build that wrote it, kept up to
    date by edit()."""

    def __init__(self, build: Build, output: Path):
        self.build, self.output = build, Path(output)
        self.content = Path(build.settings["PATH"]).resolve()
        site = build.site
        self.ctx = make_context(build.settings, build.locales)
        self.sources = {source.path: (item, tag) for item in [*site.news, *site.pages]
                        for tag, source in item.sources.items()}
        self.items = item_paths(site.sources)
        self.unsaved: set = set()   # files of an edit that failed: part of the next

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
        build, problems = self.build, Problems()
        settings, site = build.settings, build.site
        fresh = []
        for path in sorted(paths):
            item, tag = self.sources[path]
            old = item.sources[tag]
            new = reader.read_source(path, self.content, site.root, build.locales,
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
                     settings.get("IMAGE_WARN_BYTES", 8_000_000), items=self.items)
        renderer = Renderer(self.ctx.limits.render_seconds)
        for *_, new in fresh:
            renderer.render(new, self.content)
        report_removed([new for *_, new in fresh], problems,
                       tuple(settings.get("ALLOW_RAW_HTML_IN", ())))
        if problems.errors:
            self.unsaved = paths   # the good files of this batch wait for the bad one
            return problems.report()
        keep = settings.get("SERBIAN_KEEP_LATIN", ())
        if any(cyrillic_spellings(keep, _texts(old)) != cyrillic_spellings(keep, _texts(new))
               for *_, old, new in fresh):
            return FULL   # a keep-list word now (or no longer) written in Cyrillic: every page
        self.unsaved = set()
        for item, tag, old, new in fresh:
            item.sources[tag] = new
            sources = site.sources
            sources[next(i for i, s in enumerate(sources) if s is old)] = new
        items = {(item.kind, item.key): item for item, *_ in fresh}.values()
        build.rewrite(items, _InPlace(self.output))
        if settings.get("SEARCH_INDEX"):
            search.index(self.output, build)
        return None


class _InPlace:
    """A writer that replaces files so that a reader sees the old or the
    new one, never half."""

    def __init__(self, output: Path):
        self.output = output

    def write(self, relative: str, text: str | bytes) -> None:
        target = self.output / relative
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".live-")
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text if isinstance(text, str) else text.decode())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
