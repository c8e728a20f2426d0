"""Where each page lives: pretty ASCII URLs with localized path words.

Paths are relative to the site root and end with `/` for pages; `save_as()`
turns one into the file to write.
"""

from __future__ import annotations

from functools import partial
from typing import Callable
from urllib.parse import urlsplit

from plugins.content.locales import Locale


def site_path(siteurl: str) -> str:
    """The path links start with: "" for a site at the root of its host,
    "/vijesti" for SITEURL https://example.org/vijesti."""
    return urlsplit(siteurl or "").path.rstrip("/")


def home(loc: Locale) -> str:
    """A locale's home page."""
    return f"{loc.prefix}/"


def news(loc: Locale, page: int = 1) -> str:
    """A page of a locale's news list."""
    base = f"{loc.prefix}/{loc.words['news']}/"
    return base if page == 1 else f"{base}{loc.words['page']}/{page}/"


def year(loc: Locale, value: int) -> str:
    """A locale's news archive of one year."""
    return f"{loc.prefix}/{loc.words['news']}/{value}/"


def item(loc: Locale, slug: str) -> str:
    """A news item's page."""
    return f"{loc.prefix}/{loc.words['news']}/{slug}/"


def projects(loc: Locale) -> str:
    """A locale's project list."""
    return f"{loc.prefix}/{loc.words['projects']}/"


def project(loc: Locale, key: str, page: int = 1) -> str:
    """A page of a project's page."""
    base = f"{loc.prefix}/{loc.words['projects']}/{key}/"
    return base if page == 1 else f"{base}{loc.words['page']}/{page}/"


def topics(loc: Locale) -> str:
    """A locale's topic list."""
    return f"{loc.prefix}/{loc.words['topics']}/"


def topic(loc: Locale, key: str, page: int = 1) -> str:
    """A page of a topic's page."""
    base = f"{loc.prefix}/{loc.words['topics']}/{key}/"
    return base if page == 1 else f"{base}{loc.words['page']}/{page}/"


def search(loc: Locale) -> str:
    """A locale's search page."""
    return f"{loc.prefix}/{loc.words['search']}/"


def page(loc: Locale, slug: str) -> str:
    """A page such as contact: its localized word where there is one."""
    return f"{loc.prefix}/{loc.words.get(slug, slug)}/"


def feed(page_url: str) -> str:
    """The Atom feed beside a list page."""
    return f"{page_url}atom.xml"


def alias_file(alias: str) -> str:
    """The file an old address is served from: /a/b/ and /a/b -> a/b/index.html,
    /a/b.html -> a/b.html."""
    path = alias.strip("/")
    last = path.rsplit("/", 1)[-1]
    if alias.endswith("/") or "." not in last:
        return f"{path}/index.html"
    return path


def save_as(url: str) -> str:
    """The file a URL is written to: `index.html` in a folder's URL."""
    return url + "index.html" if url.endswith("/") or not url else url


def absolute_urls(settings: dict) -> Callable[[str], str]:
    """site path -> absolute URL. Canonical, hreflang, feed and sitemap URLs
    must be absolute; a development build (SITEURL "") uses the preview
    server's address."""
    return partial(_absolute, settings.get("SITEURL") or settings.get("PREVIEW_SITEURL", ""))


def _absolute(base: str, url: str) -> str:
    return f"{base}/{url}"
