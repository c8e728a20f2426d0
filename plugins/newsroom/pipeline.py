"""The build as a pipeline: `run` calls the phases (plugins/newsroom/phases/)
in the order data flows through them, and returns the `Build`: what each
phase made, for the search index and the preview's rebuilds in place.

    read, check and render -> report what rendering removed -> views -> assets
    -> pages, feeds and sitemap -> redirects -> extra files

(The pictures and files pages point at are published before the pages: the
pages need their renditions and published names.)
"""

from __future__ import annotations

import gc
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from plugins.content import Locales
from plugins.content.model import Site

from . import urls
from .phases import (p1_read, p2_render, p3_views, p4_assets, p5_pages, p6_feeds,
                     p7_redirects, p8_extra)
from .phases.p3_views.builder import SearchPageData
from .shown import ShownIn, key_of
from .writer import SafeWriter, Writer

logger = logging.getLogger(__name__)
# What the build is doing, for `invoke build` to show (plain lines, no colour).
progress = logging.getLogger("glasnik.progress")

# An Entry's fields that follow its source's text
ENTRY_TEXT = ("source", "title", "summary", "html", "author", "image_alt", "image_caption")


class PhaseLog(dict):
    """Seconds per build phase; each one is reported as it ends."""

    def __setitem__(self, phase, seconds):
        super().__setitem__(phase, seconds)
        progress.info("%s: %.2f s", phase, seconds)

    @contextmanager
    def phase(self, name: str):
        """Time the block as the phase `name`."""
        clock = time.perf_counter()
        yield
        self[name] = time.perf_counter() - clock


def run(settings: dict, output: Path, *, search_page: SearchPageData,
        reserved: frozenset = frozenset()) -> Build:
    """Build the site into `output`, phase by phase; raise ContentErrors
    (nothing written if reading or rendering found any). `search_page`
    gives a locale's search page its data (plugins.search.page_data);
    `reserved`: top-level folders the caller fills after the build."""
    with _frozen():
        return _run(settings, output, search_page, reserved)


@contextmanager
def _frozen():
    """What the phases keep for the whole build is set aside from the
    garbage collector as each phase ends (gc.freeze): each collection of
    the oldest generation would walk every source and view again (its cost
    grows with the site, and so would a build's time per source), and
    forked workers would copy every page of memory it touched. Within a
    phase the collector is off: the objects a phase makes live on, or die
    by their count, yet each full collection walked all of them made so far
    (the parent's collections took 0.11 s of a build at N=2,500 and 1.1 s
    at N=10,000). Forked workers collect as before (start_worker). Both are
    given back at the end: a preview server builds again and again."""
    collecting = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
        gc.unfreeze()


def _run(settings: dict, output: Path, search_page: SearchPageData,
         reserved: frozenset) -> Build:
    timings, theme = PhaseLog(), Path(settings["THEME"])
    with timings.phase("read, check and render"):
        checked = p1_read.read_and_check(settings)   # each body rendered as read
        p2_render.render(checked)
    gc.freeze()
    with timings.phase("views"):
        views = p3_views.build_views(checked, search_page)
    gc.freeze()
    timings["of which script derivation"] = views.derive_seconds
    out = SafeWriter(output)
    assets = p4_assets.publish(checked, views, theme, out, timings)
    with timings.phase("pages, feeds and sitemap"):   # the feeds by the pages' workers
        pages = p5_pages.write_pages(checked, views, assets, theme, out, alongside=lambda
                                     pages: p6_feeds.all_files(checked, views, pages))
    p7_redirects.write_redirects(views, pages, out, reserved)
    p8_extra.copy_extra_files(checked, out, reserved)
    logger.info("newsroom: %d files written for %d locales (%s)", len(out.written),
                len(checked.locales), ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
    return Build(checked, views, assets, pages, out.written, timings)


@dataclass
class Build:
    """What one build's phases made."""

    checked: p1_read.Checked
    views: p3_views.Views
    assets: p4_assets.Assets
    pages: p5_pages.Pages
    written: list[str]        # every file, relative to the output folder
    timings: dict             # seconds per phase
    _shown: ShownIn | None = field(default=None, init=False, repr=False)

    @property
    def settings(self) -> dict:
        """The settings it was built with."""
        return self.checked.settings

    @property
    def site(self) -> Site:
        """The content it was built from."""
        return self.checked.site

    @property
    def locales(self) -> Locales:
        """The site's locales, the default first."""
        return self.checked.locales

    @property
    def sitepath(self) -> str:
        """The path links start with ("" for a site at the root of its host)."""
        return self.pages.content.sitepath

    @property
    def items(self) -> dict[str, int]:
        """News items and pages with a page in each locale."""
        return {loc.tag: len(self.views.own[loc.tag]) for loc in self.locales}

    def rewrite(self, items: Iterable, out: Writer) -> list[str]:
        """After the text of `items` changed (their new sources already in
        the site), show the new text in every locale and write again each
        page, old address and feed that shows them through
        `out.write(path, text)`; the paths written."""
        if self._shown is None:
            self._shown = ShownIn(self.views)
        shown, written = self._shown, []
        positions, feeds = set(), set()
        for item in items:
            now = {tag: localizer.entry(item)
                   for tag, localizer in self.views.localizers.items()}
            for entry in shown.entries[key_of(item)].values():
                current = now.get(entry.locale.tag)
                if current is not None:
                    for name in ENTRY_TEXT:
                        setattr(entry, name, getattr(current, name))
            self.pages.templates.forget_cards(item.key)
            positions |= shown.pages[key_of(item)]
            feeds |= shown.feeds[key_of(item)]
        for position in sorted(positions):
            view = self.views.pages[position]
            entry = view.data.get("entry")
            if entry is not None and view.template in ("item.html", "page.html"):
                view.title = entry.title
            written.append(urls.save_as(view.url))
            out.write(written[-1], self.pages.render(view))
            self.pages.digests.pop(written[-1], None)   # the old text's
            self.pages.taken.pop(written[-1], None)
            for _, relative, page in p7_redirects.redirect_pages(view, self.pages):
                out.write(relative, page)
                written.append(relative)
        if feeds:
            p6_feeds.write_feeds(self.checked, self.views, self.pages, _Noting(out, written),
                                 only=feeds)
        return written


class _Noting:
    """A writer that notes the paths it passes on."""

    def __init__(self, out: Writer, written: list):
        self.out, self.written = out, written

    def write(self, relative: str, text) -> None:
        self.out.write(relative, text)
        self.written.append(relative)
