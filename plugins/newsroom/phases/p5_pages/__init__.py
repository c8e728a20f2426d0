"""Phase 5: every view through the theme's templates, in the page's own
locale, written in forked workers (a page whose key the page cache holds is
taken from it, cache.py), with the files made alongside them (the feeds and
the sitemap: phase 6); then the web editor's page.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from plugins import editor
from plugins.common.parallel import fork_map, workers

from ... import urls
from ...writer import SafeWriter
from ..p1_read import Checked
from ..p3_views import View, Views
from ..p4_assets import Assets
from .cache import PageCache
from .chrome import PageChrome
from .fingerprint import Fingerprints
from .markup import ContentMarkup
from .templates import Templates, template_globals

logger = logging.getLogger(__name__)

__all__ = ["Pages", "write_pages"]


class Pages:
    """The theme applied to views: one build's templates and page chrome."""

    def __init__(self, checked: Checked, views: Views, assets: Assets, theme: Path):
        settings = checked.settings
        self.locales = checked.locales
        self.absolute = urls.absolute_urls(settings)
        self.content = ContentMarkup(checked, views.routes, assets.pictures, assets.renamed)
        self.templates = Templates(theme, checked.locales, settings, template_globals(
            settings, checked.locales, views, assets, self.content, self.absolute))
        # {page written: the SHA-256 of its bytes} where the page cache
        # knows it, for the search index not to read the page again
        self.digests: dict[str, str] = {}
        # {page taken from the page cache: its digest}: its bytes are the
        # cached page's, for the publication's check (verify.py) to reuse
        # what it found in them before
        self.taken: dict[str, str] = {}
        self.chrome = PageChrome(checked.locales, views, self.templates.catalogs,
                                 assets.pictures, self.absolute)

    def render(self, view: View) -> str:
        """The HTML of one page."""
        template = self.templates.environment_of(view).get_template(view.template)
        return template.render(page=view, locale=view.locale or self.locales.default,
                               **self.chrome.of(view), **view.data)


def write_pages(checked: Checked, views: Views, assets: Assets, theme: Path,
                out: SafeWriter, alongside: Callable[[Pages], list] = lambda pages: []
                ) -> Pages:
    """Write every view's page and the web editor's, and the files
    `alongside(pages)` lists as (path, make): each written with the text
    make() returns, by the workers between them (one core would write them
    after the pages while the other waited); the Pages, for the phases
    after (and the preview's rebuilds in place)."""
    pages = Pages(checked, views, assets, theme)
    pages.templates.compile_all()   # before forking: the workers share them
    cache = PageCache.open(checked.settings, Path(out.output), pages)
    made = alongside(pages)

    def job(index: int, count: int) -> tuple:
        # Consecutive shares, not every count-th view: views come locale by
        # locale, so a worker renders (and keeps) the news cards of its own
        # locales only, and copies less of the parent's memory on write.
        total = len(views.pages)
        part, fingerprints = SafeWriter(out.output), Fingerprints()
        used, digests, taken = [], [], []
        for view in views.pages[total * index // count:total * (index + 1) // count]:
            relative = urls.save_as(view.url)
            key = cache and cache.key(fingerprints, view)
            if key is None:
                part.write(relative, pages.render(view))
                continue
            used.append(key)
            digest = cache.take(part, relative, key)
            if digest is None:
                data = pages.render(view).encode("utf-8")
                part.write(relative, data)
                digest = cache.keep(part.target(relative), key, data)
            else:
                taken.append((relative, digest))
            digests.append((relative, digest))
        for relative, make in made[index::count]:
            part.write(relative, make())
        return part.written, used, digests, taken

    used = set()
    for written, keys, digests, took in fork_map(job, len(views.pages),
                                                 workers(checked.settings)):
        out.claim(written)  # workers only see their own share of paths
        used.update(keys)
        pages.digests.update(digests)
        pages.taken.update(took)
    if cache is not None:
        cache.forget_unused(used)
        logger.info("pages: %d from the page cache, %d rendered", len(pages.taken),
                    len(views.pages) - len(pages.taken))
        cache.forget_gone_outputs()
    for warning in editor.publish(out.write, out.copy, checked.settings, checked.locales,
                                  checked.site, assets.theme_files, pages.content.sitepath):
        logger.warning(warning)
    return pages
