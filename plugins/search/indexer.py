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

import html
import json
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from plugins.newsroom.urls import save_as

from . import twins

if TYPE_CHECKING:
    from plugins.newsroom.pipeline import Build

_BODY = re.compile(r"<[^>]*\bdata-pagefind-body\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


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
        """(bundle folder, index language, url, html) of every page to
        index, as Pagefind should see it: once in its language's index, and
        once more in the index of each other language whose lists show it in
        their stead (a bs search finds the sr-Latn items bs lists show, with
        bs's own text rules)."""
        for relative, view in self.files():
            tag = view.locale.tag
            if tag in self.pairs:   # found through its Latin twin
                continue
            text = (self.site / relative).read_text(encoding="utf-8")
            alternates = self.routes.get(view.route, {})
            meta = {"lang": tag}
            if tag in self.twin_of and self.twin_of[tag] in alternates:
                twin = alternates[self.twin_of[tag]]
                meta.update(self.twin(twin, self.views_by_url[twin]))
            spans = "".join(f'<span data-pagefind-meta="{key}">{html.escape(value)}</span>'
                            for key, value in meta.items())
            indexes: dict[str, list] = {}
            for shown in self.shown_in(tag, alternates):
                indexes.setdefault(self.languages.get(shown, shown), []).append(shown)
            own = f'<html lang="{tag}"'
            for language, shown in indexes.items():
                filters = "".join(f'<span data-pagefind-filter="shown_in">{html.escape(t)}'
                                  "</span>" for t in shown)
                # its own language as a filter too: a search page ranks its
                # own language's items above the ones it shows in their stead
                filters += f'<span data-pagefind-filter="lang">{html.escape(tag)}</span>'
                page = text.replace(own, f'<html lang="{language}"', 1)
                # Pagefind keeps one page per address: another index's copy
                # gets a fragment naming that index (the search page drops it)
                url = self.address(view.url) + ("" if tag in shown else f"#{language}")
                # outside the indexed body: metadata and filters, never searched
                yield self.folder.get(language, ""), language, url, page.replace(
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

    def twin(self, url: str, view) -> dict:
        """The Cyrillic twin's address, title and the words that spelling the
        Latin back letter by letter would get wrong (from its text)."""
        try:
            text = (self.site / save_as(url)).read_text(encoding="utf-8")
        except OSError:
            return {}
        body = _BODY.search(text)
        if body is None:
            return {}
        return {"twin_url": self.address(url), "twin_title": " ".join(str(view.title).split()),
                "twin_words": json_text(twins.twin_words(plain(text[body.end():
                                                                     _closing(text, body)])))}


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
