"""Each body rendered by the forked worker that read it.

One pass over the files instead of a pool that reads and a second one that
renders: the parent neither hashes every body for the cache nor takes
every body back from the readers only to hand it to the renderers. A
worker sends back each source's HTML, without its Markdown (let go once
rendered: pages need the HTML only), and keeps the renderings the cache
lacked itself, in one transaction (SQLite takes the workers' in turn): the
parent would write them all while both cores wait.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .cache import RENDERINGS, RenderCache, forget_unused
from .render import Renderer


class RenderAsRead:
    """What a reading worker renders its sources with: the render cache's
    path (None: no cache), each body's time limit and the progress count."""

    def __init__(self, cache: RenderCache | None, seconds: float | None, progress):
        self.cache_path = cache.path if cache else None
        self.seconds, self.progress = seconds, progress

    def __call__(self, sources: list, content: Path) -> list[str] | None:
        """Render `sources` (unchanged ones from the cache, new renderings
        kept in it) and let go of their Markdown; the cache keys of their
        renderings (None: this process could not open the cache)."""
        cache = self._open()
        try:
            keys = self._render(sources, content, cache)
            return keys if cache else None
        finally:
            if cache:
                cache.close()

    def forget_unused(self, used: list[list[str] | None]) -> None:
        """Remove the renderings no source of this build has, given what
        every call returned (none if a call went without the cache: its
        sources' renderings would be lost)."""
        if self.cache_path is not None and None not in used:
            forget_unused(self.cache_path, RENDERINGS, [k for keys in used for k in keys])

    def _render(self, sources: list, content: Path, cache: RenderCache | None) -> list[str]:
        keys = [cache.key(s, content) for s in sources] if cache else []
        cached = cache.get_many(keys) if cache else {}
        renderer, rows = Renderer(self.seconds), []
        for index, source in enumerate(self.progress.each(sources)):
            hit = cached.get(keys[index]) if cache else None
            if hit:
                source.html, source.summary = hit
            else:
                renderer.render(source, content)
                if cache and not source.removed and not source.unrendered:
                    rows.append((keys[index], source.html, source.summary))  # a hit would hide them
            source.body = ""
        if rows:
            cache.put_many(rows)
        return keys

    def _open(self) -> RenderCache | None:
        # this process's own connection: one opened before the fork is not
        # to be used after it (the parent opened the cache, and said so if
        # it could not)
        if self.cache_path is None:
            return None
        try:
            return RenderCache(self.cache_path)
        except (sqlite3.Error, OSError):
            return None
