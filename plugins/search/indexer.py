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
_ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
_BODY = re.compile(r"<[^>]*\bdata-pagefind-body\b[^>]*>")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def bundle_folder(loc, language: str) -> str:
    """The Pagefind bundle that holds the index `language` of locale `loc`:
    "" (pagefind/ itself), or the index's name when it is searched with
    another language's rules (loc.search_language)."""
    if loc.search_language and loc.search_language != language.split("-")[0]:
        return language
    return ""


class SitePages:
    def __init__(self, site: Path, locales, sitepath: str = ""):
        self.site, self.sitepath = site, sitepath
        self.locales = {loc.tag: loc for loc in locales}
        self.pairs = twins.searched_through(locales)
        self.languages = {tag: twins.index_language(loc, self.pairs)
                          for tag, loc in self.locales.items()}
        self.twin_of = {latin: other for other, latin in self.pairs.items()}
        # {bundle folder ("": pagefind/ itself): the language Pagefind is told
        # to index it as (None: each page's own)}. An index searched with
        # another language's rules (Locale.search_language: bs with Serbian's
        # stemmer) is a bundle of its own, pagefind/<index>/, as Pagefind
        # forces one language on a whole bundle.
        self.bundles: dict[str, str | None] = {"": None}
        self.folder: dict[str, str] = {}
        for tag, loc in self.locales.items():
            folder = bundle_folder(loc, self.languages[tag])
            if folder:
                self.folder[self.languages[tag]] = folder
                self.bundles[folder] = loc.search_language

    def files(self):
        # the search index's own files, and the web editor (plugins.editor)
        skip = (self.site / "pagefind", self.site / "admin")
        for path in sorted(self.site.rglob("*.html")):
            if not any(path.is_relative_to(folder) for folder in skip):
                yield path

    def url(self, path: Path) -> str:
        relative = path.relative_to(self.site).as_posix()
        return f"{self.sitepath}/{relative.removesuffix('index.html')}"

    def __iter__(self):
        """(bundle folder, url, html) of every page to index, as Pagefind should see it:
        once in its language's index, and once more in the index of each
        other language whose lists show it in their stead (a bs search
        finds the sr-Latn items bs lists show, with bs's own text rules)."""
        for path in self.files():
            text = path.read_text(encoding="utf-8")
            body = _BODY.search(text)
            found = _LANG.search(text)
            if body is None or found is None:
                continue
            tag = found.group(1)
            if tag in self.pairs:   # found through its Latin twin
                continue
            alternates = {t: urlsplit(html.unescape(href)).path
                          for t, href in _ALTERNATE.findall(text)}
            meta = {"lang": tag}
            if tag in self.twin_of and self.twin_of[tag] in alternates:
                meta.update(self.twin(alternates[self.twin_of[tag]]))
            spans = "".join(f'<span data-pagefind-meta="{key}">{html.escape(value)}</span>'
                            for key, value in meta.items())
            indexes: dict[str, list] = {}
            for shown in self.shown_in(tag, alternates):
                indexes.setdefault(self.languages.get(shown, shown), []).append(shown)
            for language, shown in indexes.items():
                filters = "".join(f'<span data-pagefind-filter="shown_in">{html.escape(t)}'
                                  "</span>" for t in shown)
                # its own language as a filter too: a search page ranks its
                # own language's items above the ones it shows in their stead
                filters += f'<span data-pagefind-filter="lang">{html.escape(tag)}</span>'
                page = text.replace(found.group(0), f'<html lang="{language}"', 1)
                # Pagefind keeps one page per address: another index's copy
                # gets a fragment naming that index (the search page drops it)
                url = self.url(path) + ("" if tag in shown else f"#{language}")
                # outside the indexed body: metadata and filters, never searched
                yield self.folder.get(language, ""), url, page.replace(
                    "</body>", f"<div hidden>{spans}{filters}</div></body>", 1)

    def shown_in(self, tag: str, alternates: dict) -> list[str]:
        """The locales whose search pages show this page (each filters on
        its own): its own, the other script's for a Serbian Latin page, and
        the locales whose lists show it in their stead (they lack it, and
        no earlier locale of their fallbacks has it)."""
        found = [tag] + ([self.twin_of[tag]] if tag in self.twin_of else [])
        for other, loc in self.locales.items():
            chain = list(loc.fallbacks)
            if tag in chain and other not in alternates and \
                    not any(t in alternates for t in chain[:chain.index(tag)]):
                found.append(other)
        return found

    def twin(self, address: str) -> dict:
        """The Cyrillic twin's address, title and the words that spelling the
        Latin back letter by letter would get wrong."""
        relative = address[len(self.sitepath):].lstrip("/")
        twin_file = self.site / relative / "index.html" if address.endswith("/") \
            else self.site / relative
        try:
            twin = twin_file.read_text(encoding="utf-8")
        except OSError:
            return {}
        body = _BODY.search(twin)
        if body is None:
            return {}
        region = twin[body.end(): _closing(twin, body)]
        title = _H1.search(region)
        return {"twin_url": address,
                "twin_title": plain(title.group(1)) if title else "",
                "twin_words": json_text(twins.twin_words(plain(region)))}


def _closing(text: str, opening: re.Match) -> int:
    """Where the element an opening tag starts ends (same-name elements
    nested in it counted), or the end of the text."""
    name = re.match(r"<(\w+)", opening.group()).group(1)
    tags = re.compile(rf"<(/?){name}\b[^>]*>")
    depth = 1
    for tag in tags.finditer(text, opening.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.start()
    return len(text)


def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
