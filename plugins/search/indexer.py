"""The built site -> what Pagefind indexes.

Only pages the theme marks `data-pagefind-body` are indexed (news items and
the first page of projects and topics). A page's language is its <html
lang>; pages of a language in two scripts are indexed once, through the
Latin page, with its Cyrillic twin's title, address and words (twins.py).
What is added for the index never reaches the published pages.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from . import twins

_LANG = re.compile(r'<html lang="([^"]+)"')
_BODY = re.compile(r"<[^>]*\bdata-pagefind-body\b[^>]*>")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


class SitePages:
    def __init__(self, site: Path, locales, sitepath: str = ""):
        self.site, self.sitepath = site, sitepath
        self.locales = {loc.tag: loc for loc in locales}
        self.pairs = twins.searched_through(locales)
        self.languages = {tag: twins.index_language(loc, self.pairs)
                          for tag, loc in self.locales.items()}
        self.twin_of = {latin: other for other, latin in self.pairs.items()}
        self.skipped = 0   # pages found through their twins

    def files(self):
        skip = self.site / "pagefind"
        for path in sorted(self.site.rglob("*.html")):
            if not path.is_relative_to(skip):
                yield path

    def url(self, path: Path) -> str:
        relative = path.relative_to(self.site).as_posix()
        return f"{self.sitepath}/{relative.removesuffix('index.html')}"

    def __iter__(self):
        """(url, html) of every page to index, as Pagefind should see it."""
        for path in self.files():
            text = path.read_text(encoding="utf-8")
            body = _BODY.search(text)
            found = _LANG.search(text)
            if body is None or found is None:
                continue
            tag = found.group(1)
            if tag in self.pairs:
                self.skipped += 1
                continue
            language = self.languages.get(tag, tag)
            if language != tag:
                text = text.replace(found.group(0), f'<html lang="{language}"', 1)
            if tag in self.twin_of:
                text = self.with_twin(text, self.twin_of[tag])
            yield self.url(path), text

    def with_twin(self, text: str, twin_tag: str) -> str:
        """The page with its twin's address, title and words as Pagefind
        metadata (outside the indexed body: found, never searched)."""
        link = re.search(rf'<link rel="alternate" hreflang="{re.escape(twin_tag)}" '
                         r'href="([^"]+)">', text)
        if link is None:
            return text
        address = urlsplit(html.unescape(link.group(1))).path
        relative = address[len(self.sitepath):].lstrip("/")
        twin_file = self.site / relative / "index.html" if address.endswith("/") \
            else self.site / relative
        try:
            twin = twin_file.read_text(encoding="utf-8")
        except OSError:
            return text
        body = _BODY.search(twin)
        if body is None:
            return text
        end = twin.find("</main>", body.end())
        region = twin[body.end(): end if end > 0 else None]
        title = _H1.search(region)
        meta = {"twin_url": address,
                "twin_title": plain(title.group(1)) if title else "",
                "twin_words": json_text(twins.twin_words(plain(region)))}
        spans = "".join(f'<span data-pagefind-meta="{key}">{html.escape(value)}</span>'
                        for key, value in meta.items())
        return text.replace("</body>", f"<div hidden>{spans}</div></body>", 1)


def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
