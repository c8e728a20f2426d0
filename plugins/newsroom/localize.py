"""Text as a locale shows it: written by staff, derived from the other
script, or shown in its own language with its own `lang`.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from plugins import translit
from plugins.common.parallel import fork_map
from plugins.content.cache import RenderCache, keep_derived
from plugins.content.locales import Locale, Locales
from plugins.content.model import Item, Source
from plugins.translit.derive import converter, cyrillic_spellings
from plugins.translit.serbian import strip_markers


@dataclass(frozen=True)
class Text:
    """A string with the language it is written in (None: any, e.g. a name)."""

    value: str
    lang: str | None = None

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)


@dataclass
class Entry:
    """A news item or page as one locale shows it."""

    item: Item
    source: Source          # the file the text comes from
    locale: Locale          # the locale whose pages show it
    lang: str               # the language and script of the text
    generated: bool         # derived from the other script
    title: str
    summary: str
    html: str
    author: str | None
    image_alt: str | None
    image_caption: str | None = None
    url: str = ""
    extra: dict = field(default_factory=dict)
    fallback: bool = False  # listed in another locale that lacks the item

    @property
    def date(self):
        """The item's date, shared by its translations."""
        return self.item.date

    @property
    def draft(self) -> bool:
        """This translation is a draft (or its original is)."""
        return self.source.draft

    @property
    def scheduled(self) -> bool:
        """The item is dated in the future."""
        return self.item.scheduled

    @property
    def standfirst(self) -> str:
        """The summary under the headline, when staff wrote one (else it
        would repeat the first words of the text)."""
        return self.summary if self.source.meta.get("summary") else ""

    @property
    def image_credit(self) -> str | None:
        """Who took the main picture, as written once for all translations."""
        return self.extra.get("image_credit")


class Localizer:
    """Derives one locale's strings; one per locale per build."""

    OPTIONAL = ("author", "image_alt", "image_caption")   # per-locale texts of an Entry

    def __init__(self, locale: Locale, locales: Locales, settings: dict,
                 spelt_in_cyrillic: frozenset = frozenset()):
        self.locale = locale
        self.locales = locales
        origin = locale.derive_from
        self.convert = converter(origin, locale.tag, settings,
                                 spelt_in_cyrillic) if origin else None
        self.derive_seconds = 0.0   # the benchmark's figure for derived script
        self._derived: dict[str, str] = {}   # bodies derive_bodies() did ahead
        self.derived_keys: list[str] = []     # their keys in the Markdown cache

    def derive_text(self, value: str) -> str:
        """Text in this locale's script, derived from the source's (timed)."""
        return self._timed(self.convert.text, value)

    def derive_html(self, html: str) -> str:
        """HTML in this locale's script, derived from the source's (timed)."""
        done = self._derived.pop(html, None)
        return done if done is not None else self._timed(self.convert.html, html)

    def derive_bodies(self, items, n_workers: int, kept: Path | None = None) -> None:
        """Derive ahead, on every core, the bodies of `items` this locale
        shows in its script from the other's: a site whose staff write
        Serbian in one script has every body of the other derived, which
        was a second of the build on one core for 2,500 items. `kept`: the
        Markdown cache's file, where bodies derived before are taken from
        and those derived now are kept (0.4 s a build at N=2,500)."""
        if not self.convert:
            return
        tag, origin = self.locale.tag, self.locale.derive_from
        bodies = list({item.sources[origin].html: None for item in items
                       if tag not in item.sources and origin in item.sources})
        clock = time.perf_counter()
        keys = self.derived_keys = [self._key(html) for html in bodies] if kept else []
        found = _derived_before(kept, keys)
        for html, key in zip(bodies, keys):
            if key in found:
                self._derived[html] = found[key]
        if found:
            missing = [(html, key) for html, key in zip(bodies, keys) if key not in found]
            bodies, keys = [html for html, _ in missing], [key for _, key in missing]
        convert = self.convert.html

        def job(index: int, count: int) -> list:
            done = [convert(html) for html in bodies[index::count]]
            if kept:   # each worker its own rows, while the other converts
                keep_derived(kept, list(zip(keys[index::count], done)))
            return done
        parts = fork_map(job, len(bodies), n_workers)
        for index, part in enumerate(parts):
            self._derived.update(zip(bodies[index::len(parts)], part))
        self.derive_seconds += time.perf_counter() - clock

    def _key(self, html: str) -> str:
        """What a derived body is kept under: all its conversion depends on."""
        convert = self.convert
        digest = hashlib.sha256(f"{_translit_code()}\0{convert.from_tag}\0{convert.to_tag}"
                                f"\0{convert.rules}\0".encode())
        digest.update(html.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _timed(self, convert, value: str) -> str:
        clock = time.perf_counter()
        try:
            return convert(value)
        finally:
            self.derive_seconds += time.perf_counter() - clock

    def text(self, values: dict) -> Text:
        """Pick from a {locale tag: text} mapping (None key: same everywhere)."""
        tag = self.locale.tag
        if tag in values:
            return Text(strip_markers(values[tag]), tag)
        if None in values:
            return Text(values[None], None)
        if self.convert and self.locale.derive_from in values:
            return Text(self.derive_text(values[self.locale.derive_from]), tag)
        for other in [self.locales.default.tag, *self.locales.tags]:
            if other in values:
                return Text(values[other], other)
        return Text("")

    def entry(self, item: Item) -> Entry | None:
        """The item in this locale, or None when it has no text here."""
        tag = self.locale.tag
        source = item.sources.get(tag)
        if source is not None:
            # -{...}- marks text to keep as written when deriving the other
            # script; on the page itself only the text is shown.
            m, keep = source.meta, strip_markers
            return Entry(item, source, self.locale, tag, False, keep(m["title"]),
                         keep(source.summary), keep(source.html),
                         *(keep(m[k]) if m.get(k) else None for k in self.OPTIONAL))
        origin = item.sources.get(self.locale.derive_from) if self.convert else None
        if origin is None:
            return None
        m, text = origin.meta, self.derive_text
        return Entry(item, origin, self.locale, tag, True, text(m["title"]),
                     text(origin.summary), self.derive_html(origin.html),
                     *(text(m[k]) if m.get(k) else None for k in self.OPTIONAL))

    def credit(self, entry: Entry) -> str | None:
        """Who took the main picture (written once, shared): as written, or in
        the other script on a page derived from it."""
        value = entry.source.meta.get("image_credit")
        if value and entry.generated and entry.lang == self.locale.tag:
            return self.derive_text(value)
        return strip_markers(value) if value else None


def written_texts(site, tag: str):
    """Every text staff wrote in locale `tag`: items, pages, projects, topics."""
    for item in [*site.news, *site.pages]:
        source = item.sources.get(tag)
        if source is not None:
            yield from (source.meta.get("title"), source.summary, source.html)
    for project in site.projects.values():
        yield from (project.name.get(tag), project.summary.get(tag))
        if tag in project.descriptions:
            yield project.descriptions[tag].html
    for topic in site.topics.values():
        yield from (topic.label.get(tag), topic.description.get(tag))


def _derived_before(kept: Path | None, keys: list[str]) -> dict[str, str]:
    """{key: body} of those derived bodies the Markdown cache holds."""
    if not kept or not keys or not kept.exists():
        return {}
    try:
        cache = RenderCache(kept)
    except (sqlite3.Error, OSError):
        return {}
    try:
        return cache.derived(keys)
    finally:
        cache.close()


@functools.cache
def _translit_code() -> str:
    """The code every derived body depends on."""
    digest = hashlib.sha256()
    for path in sorted(Path(translit.__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def spelt_in_cyrillic(site, locales: Locales, settings: dict) -> frozenset:
    """Keep-list words staff write in Cyrillic in some locale's own files."""
    keep = settings.get("SERBIAN_KEEP_LATIN", ())
    return frozenset().union(*(cyrillic_spellings(keep, written_texts(site, loc.tag))
                               for loc in locales if loc.derive_from))
