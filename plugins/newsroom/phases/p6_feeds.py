"""Phase 6: every list's Atom feed, sitemap.xml, robots.txt and _headers."""

from __future__ import annotations

import datetime as dt

from plugins import editor, images

from .. import feeds, headers, sitemap
from ..writer import Writer
from .p1_read import Checked
from .p3_views import Views
from .p5_pages import Pages


def write_feeds(checked: Checked, views: Views, pages: Pages, out: Writer,
                only: set | None = None) -> None:
    """Every list's Atom feed (or `only` those feed paths), through
    `out.write(path, text)`."""
    if not checked.settings.get("FEEDS", True):
        return
    news_items, absolute = checked.site.news, pages.absolute
    newest = news_items[0].date if news_items else \
        dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    pictures = pages.content.pictures

    def content_of(entry) -> str:
        # its pictures as published renditions at absolute addresses, its main picture first
        return images.feed_html(entry.html, pictures, absolute,
                                lead=entry.extra.get("image"), lead_alt=entry.image_alt or "")

    done = set()
    for view in views.pages:
        feed_url = view.data.get("feed_url")
        if not feed_url or feed_url in done or (only is not None and feed_url not in only):
            continue
        done.add(feed_url)  # page 1 comes first: its URL is the list's
        site_name = str(views.site_names[view.locale.tag])
        news = pages.templates.catalogs[view.locale.tag].gettext("News")
        out.write(feed_url, feeds.atom(
            title=f"{view.title or news} · {site_name}", lang=view.locale.tag,
            page_url=view.url, feed_url=feed_url, author=site_name,
            entries=view.feed_entries, absolute=absolute, fallback_updated=newest,
            content_of=content_of))


def write_site_files(checked: Checked, views: Views, pages: Pages, out: Writer) -> None:
    """sitemap.xml, robots.txt and the hosts' _headers file."""
    settings = checked.settings
    out.write("sitemap.xml", sitemap.sitemap(views.pages, views.routes, pages.absolute))
    out.write("robots.txt", sitemap.robots(pages.absolute))
    admin = editor.load_editor(settings)
    out.write("_headers", headers.headers_file(
        settings.get("CONTENT_SECURITY_POLICY", ""), settings.get("SECURITY_HEADERS", {}),
        (editor.FOLDER, editor.csp(admin)) if admin else None))
