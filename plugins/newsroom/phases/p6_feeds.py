"""Phase 6: every list's Atom feed, sitemap.xml, robots.txt and _headers.

The files are listed as (path, make) pairs: a full build hands them to the
pages phase's workers (`alongside`), which write them beside their pages on
every core instead of the parent on one after them; the preview's rebuilds
in place write the feeds an edit touched through `write_feeds`.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from plugins import editor, images

from .. import feeds, headers, sitemap
from ..writer import Writer
from .p1_read import Checked
from .p3_views import Views
from .p5_pages import Pages

# A file of the site and what makes its text, called where it is written
MadeFile = tuple[str, Callable[[], str]]


def feed_files(checked: Checked, views: Views, pages: Pages,
               only: set | None = None) -> list[MadeFile]:
    """Every list's Atom feed (or `only` those feed paths)."""
    if not checked.settings.get("FEEDS", True):
        return []
    news_items, absolute = checked.site.news, pages.absolute
    newest = news_items[0].date if news_items else \
        dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    pictures = pages.content.pictures

    def content_of(entry) -> str:
        # its pictures as published renditions at absolute addresses, its main picture first
        return images.feed_html(entry.html, pictures, absolute,
                                lead=entry.extra.get("image"), lead_alt=entry.image_alt or "")

    def feed(view, feed_url: str) -> str:
        site_name = str(views.site_names[view.locale.tag])
        news = pages.templates.catalogs[view.locale.tag].gettext("News")
        return feeds.atom(
            title=f"{view.title or news} · {site_name}", lang=view.locale.tag,
            page_url=view.url, feed_url=feed_url, author=site_name,
            entries=view.feed_entries, absolute=absolute, fallback_updated=newest,
            content_of=content_of)

    made, done = [], set()
    for view in views.pages:
        feed_url = view.data.get("feed_url")
        if not feed_url or feed_url in done or (only is not None and feed_url not in only):
            continue
        done.add(feed_url)  # page 1 comes first: its URL is the list's
        made.append((feed_url, lambda view=view, url=feed_url: feed(view, url)))
    return made


def site_files(checked: Checked, views: Views, pages: Pages) -> list[MadeFile]:
    """sitemap.xml, robots.txt and the hosts' _headers file."""
    settings = checked.settings
    admin = editor.load_editor(settings)   # here: a settings error is the parent's

    def headers_file() -> str:
        return headers.headers_file(
            settings.get("CONTENT_SECURITY_POLICY", ""), settings.get("SECURITY_HEADERS", {}),
            (editor.FOLDER, editor.csp(admin)) if admin else None)
    return [("sitemap.xml", lambda: sitemap.sitemap(views.pages, views.routes, pages.absolute)),
            ("robots.txt", lambda: sitemap.robots(pages.absolute)),
            ("_headers", headers_file)]


def all_files(checked: Checked, views: Views, pages: Pages) -> list[MadeFile]:
    """The feeds, then the site files: what a full build writes in this phase."""
    return feed_files(checked, views, pages) + site_files(checked, views, pages)


def write_feeds(checked: Checked, views: Views, pages: Pages, out: Writer,
                only: set | None = None) -> None:
    """Every list's Atom feed (or `only` those feed paths), through
    `out.write(path, text)`."""
    for path, make in feed_files(checked, views, pages, only):
        out.write(path, make())
