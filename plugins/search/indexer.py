"""The built site -> what Pagefind indexes, fed by the build's views.

Only searchable views are indexed (View.searchable: news items and the
first page of projects and topics; the theme marks their body
`data-pagefind-body`). A page's language, its versions in other locales
(which give its twin and the locales whose search shows it) and its title
come from the views; Pagefind reads the text from the written HTML.
Pages of a language in two scripts are indexed once, through the Latin
page, with its Cyrillic twin's title, address and words (twins.py). What is
added for the index never reaches the published pages.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from plugins.newsroom.urls import save_as

from . import twins

if TYPE_CHECKING:
    from plugins.newsroom.pipeline import Build

_BODY = re.compile(r"<[^>]*\bdata-pagefind-body\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_HTML = re.compile(r"<html\b[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Recipe:
    """One page in one index, before its file is read: SitePages.page makes
    it, SitePages.inputs says what it is made of."""

    folder: str               # its bundle ("": pagefind/ itself)
    language: str             # the index it is in
    url: str                  # its address in that index
    file: str                 # the written page, relative to the site
    tag: str                  # its locale
    shown: tuple              # the locales whose search pages show it
    twin: str | None          # its Cyrillic twin's site path
    twin_title: str


def plain(markup: str) -> str:
    """The text of HTML markup: tags dropped, entities read, spaces joined."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def bundle_folder(loc, language: str) -> str:
    """The Pagefind bundle that holds the index `language` of locale `loc`:
    "" (pagefind/ itself), or the index's name when it is searched with
    another language's rules (loc.search_language)."""
    if loc.search_language and loc.search_language != language.split("-")[0]:
        return language
    return ""


class SitePages:
    """The pages of one build to index: `build` is the pipeline's Build
    (plugins.newsroom.pipeline) that wrote `site`."""

    def __init__(self, site: Path, build: Build):
        self.site, self.sitepath = site, build.sitepath
        self.routes = build.views.routes
        self.views = [view for view in build.views.pages if view.searchable]
        locales = build.locales
        self.locales = {loc.tag: loc for loc in locales}
        self.pairs = twins.searched_through(locales)
        self.languages = {tag: twins.index_language(loc, self.pairs)
                          for tag, loc in self.locales.items()}
        self.twin_of = {latin: other for other, latin in self.pairs.items()}
        self.views_by_url = {view.url: view for view in self.views}
        # the pages the page cache knows the bytes of are not read again
        self._digests: dict[str, str] = dict(build.pages.digests)
        self._twins: dict[str, dict] = {}
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

    def files(self) -> list[tuple[str, object]]:
        """(file, view) of every searchable page, in the order of their paths."""
        found = [(save_as(view.url), view) for view in self.views]
        return sorted(found, key=lambda pair: PurePosixPath(pair[0]).parts)

    def address(self, url: str) -> str:
        """The address of a page at site path `url`."""
        return f"{self.sitepath}/{url}"

    def __iter__(self):
        """A Recipe for every page to index: once in its language's index,
        and once more in the index of each other language whose lists show
        it in their stead (a bs search finds the sr-Latn items bs lists
        show, with bs's own text rules). Cheap: no page is read."""
        for relative, view in self.files():
            tag = view.locale.tag
            if tag in self.pairs:   # found through its Latin twin
                continue
            alternates = self.routes.get(view.route, {})
            twin = alternates.get(self.twin_of.get(tag))
            twin_title = " ".join(str(self.views_by_url[twin].title).split()) if twin else ""
            indexes: dict[str, list] = {}
            for shown in self.shown_in(tag, alternates):
                indexes.setdefault(self.languages.get(shown, shown), []).append(shown)
            for language, shown in indexes.items():
                # Pagefind keeps one page per address: another index's copy
                # gets a fragment naming that index (the search page drops
                # it), ending in "/" as a folder Pagefind reads can name it
                url = self.address(view.url) + ("" if tag in shown else f"#{language}/")
                yield Recipe(self.folder.get(language, ""), language, url, relative, tag,
                             tuple(shown), twin, twin_title)

    def inputs(self, recipe: Recipe) -> bytes:
        """All a page as Pagefind gets it is made of: the recipe and the
        bytes of the files it reads (their digests)."""
        files = (recipe.file, save_as(recipe.twin) if recipe.twin else None)
        return repr((recipe, [self._digest(f) for f in files if f])).encode()

    def page(self, recipe: Recipe) -> str:
        """The page as Pagefind should see it: in the index's language,
        with its metadata and filters in a hidden element after the body
        (outside what is indexed: never searched)."""
        text = (self.site / recipe.file).read_text(encoding="utf-8")
        meta = {"lang": recipe.tag}
        if recipe.twin:
            meta.update(self.twin(recipe.twin, recipe.twin_title))
        spans = "".join(f'<span data-pagefind-meta="{key}">{html.escape(value)}</span>'
                        for key, value in meta.items())
        filters = "".join(f'<span data-pagefind-filter="shown_in">{html.escape(t)}'
                          "</span>" for t in recipe.shown)
        # its own language as a filter too: a search page ranks its own
        # language's items above the ones it shows in their stead
        filters += f'<span data-pagefind-filter="lang">{html.escape(recipe.tag)}</span>'
        page = indexed_part(text).replace(f'<html lang="{recipe.tag}"',
                                          f'<html lang="{recipe.language}"', 1)
        return page.replace("</body>", f"<div hidden>{spans}{filters}</div></body>", 1)

    def _digest(self, relative: str) -> str:
        digest = self._digests.get(relative)
        if digest is None:
            try:
                data = (self.site / relative).read_bytes()
            except OSError:   # as twin() has it: a twin not written adds nothing
                data = b"\0missing"
            digest = self._digests[relative] = hashlib.sha256(data).hexdigest()
        return digest

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

    def twin(self, url: str, title: str) -> dict:
        """The Cyrillic twin's address, title and the words that spelling the
        Latin back letter by letter would get wrong (from its text); worked
        out once for all the indexes a page is in."""
        if url not in self._twins:
            self._twins[url] = self._twin(url, title)
        return self._twins[url]

    def _twin(self, url: str, title: str) -> dict:
        try:
            text = (self.site / save_as(url)).read_text(encoding="utf-8")
        except OSError:
            return {}
        body = _body_tag(text)
        if body is None:
            return {}
        return {"twin_url": self.address(url), "twin_title": title,
                "twin_words": json_text(twins.twin_words(plain(text[body.end():
                                                                     _closing(text, body)])))}


def indexed_part(page: str) -> str:
    """The page cut down to what Pagefind takes from it: its <html> tag and
    its data-pagefind-body element (Pagefind then parses a third of the
    bytes; the index it writes is the same). Whole when anything else on it
    speaks to Pagefind: a theme's meta or filter outside the body."""
    body = _body_tag(page)
    opening = _HTML.search(page)
    if body is None or opening is None:
        return page
    end = _closing(page, body)
    close = page.find(">", end) + 1
    element = page[body.start():close]
    if not close or element.count("data-pagefind-") != page.count("data-pagefind-"):
        return page
    return (f'<!DOCTYPE html>{opening.group()}<head><meta charset="utf-8"></head>'
            f"<body>{element}</body></html>")


def _body_tag(page: str) -> re.Match | None:
    """The first tag with a data-pagefind-body attribute (as _BODY.search,
    but found by the word: the regex tried every tag of a 13 KB page)."""
    at = page.find("data-pagefind-body")
    while at != -1:
        start = page.rfind("<", 0, at)
        found = _BODY.match(page, start) if start != -1 else None
        if found and found.end() > at:
            return found
        at = page.find("data-pagefind-body", at + 1)
    return None


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
    """Compact, sorted JSON with the letters as they are (no `\\u` escapes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
