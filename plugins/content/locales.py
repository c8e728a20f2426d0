"""The site's locales, read once from settings and checked.

`LOCALES` in pelicanconf.py is the one place locales are declared; everything
else (file suffixes, URL prefixes, Babel locales, catalogs) comes from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from babel import Locale as BabelLocale
from babel.core import UnknownLocaleError

from plugins.common.errors import SettingsError

WORDS = ("news", "projects", "topics", "contact", "search", "page")


@dataclass(frozen=True)
class Locale:
    """One locale of the site, as the LOCALES setting declares it."""
    tag: str                 # BCP 47, case kept: sr-Cyrl
    name: str                # in itself: Српски (ћирилица)
    prefix: str              # URL prefix: sr-cyrl
    babel: str               # Babel / catalog locale: sr_Cyrl
    og_locale: str           # Open Graph: sr_RS
    words: dict = field(hash=False, compare=False)
    derive_from: str | None = None
    fallbacks: tuple = ()    # locales whose items fill this locale's lists
    script: str | None = None  # the script's name in itself: Ћирилица
    # the language whose rules search indexes and queries this one with,
    # where Pagefind has none of its own (bs: "sr"); None: its own
    search_language: str | None = None
    short: str | None = None   # the name a switcher shows, its script saying the rest: Српски

    def switch_label(self, page: "Locale") -> str:
        """This locale's name in a switcher on `page`: only the script's
        name (Ћирилица / Latinica) beside another script of its language."""
        if self.script and page.script and page.language == self.language:
            return self.script
        return self.short or self.name

    def switch_rest(self, page: "Locale") -> str:
        """What the short label leaves out, for screen readers: ` (ћирилица)`."""
        label = self.switch_label(page)
        return self.name[len(label):] if self.name.startswith(label) else ""

    @property
    def suffix(self) -> str:
        """The file-name suffix staff write: `.sr-cyrl.md`."""
        return self.tag.lower()

    @property
    def language(self) -> str:
        """The language subtag: `sr` for sr-Cyrl."""
        return self.tag.split("-")[0]


@dataclass(frozen=True)
class Locales:
    """The site's locales in settings order, and the default one."""
    all: tuple               # Locale objects in settings order
    default: Locale

    def __iter__(self):
        return iter(self.all)

    def __len__(self):
        return len(self.all)

    @property
    def tags(self) -> tuple:
        """Every locale's BCP 47 tag, in settings order."""
        return tuple(loc.tag for loc in self.all)

    def get(self, tag: str) -> Locale:
        """The locale with this tag (it must exist)."""
        return next(loc for loc in self.all if loc.tag == tag)

    def by_suffix(self, suffix: str) -> Locale | None:
        """The locale a file name ending names (`sr-cyrl`), or None."""
        return next((loc for loc in self.all if loc.suffix == suffix.lower()), None)


def load_locales(settings: dict) -> Locales:
    """Check `LOCALES` and `DEFAULT_LOCALE`; raise SettingsError with every problem."""
    raw = settings.get("LOCALES")
    if not isinstance(raw, dict) or not raw:
        raise SettingsError("LOCALES in pelicanconf.py must be a mapping of "
                            "BCP 47 tag to locale settings, such as "
                            "{'sr-Cyrl': {'name': ..., 'prefix': ..., ...}}")
    errors, locales = [], []
    for tag, spec in raw.items():
        where = f"LOCALES[{tag!r}]"
        if not isinstance(spec, dict):
            errors.append(f"{where} must be a mapping")
            continue
        missing = [k for k in ("name", "prefix", "babel", "og_locale", "words")
                   if k not in spec]
        if missing:
            errors.append(f"{where} lacks {', '.join(missing)}")
            continue
        try:
            BabelLocale.parse(spec["babel"])
        except (UnknownLocaleError, ValueError):
            errors.append(f"{where}['babel'] = {spec['babel']!r} is not a locale "
                          "Babel knows (for example 'sr_Cyrl', 'bs', 'vi')")
        if not re.fullmatch(r"[a-z0-9-]+", spec["prefix"]):
            errors.append(f"{where}['prefix'] must be lower-case ASCII")
        words = spec["words"]
        for word in WORDS:
            value = words.get(word) if isinstance(words, dict) else None
            if not value or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
                errors.append(f"{where}['words'][{word!r}] must be an ASCII URL "
                              f"word, found {value!r}")
        locales.append(Locale(tag, spec["name"], spec["prefix"], spec["babel"],
                              spec["og_locale"], dict(words) if isinstance(words, dict) else {},
                              spec.get("derive_from"), script=spec.get("script"),
                              search_language=spec.get("search_language"),
                              short=spec.get("short")))
        if spec.get("search_language") is not None and not re.fullmatch(
                r"[a-z]{2,3}", str(spec["search_language"])):
            errors.append(f"{where}['search_language'] must be a language code such "
                          f"as 'sr', found {spec['search_language']!r}")
    tags = [loc.tag for loc in locales]
    for loc in locales:
        if loc.derive_from and loc.derive_from not in tags:
            errors.append(f"LOCALES[{loc.tag!r}]['derive_from'] names "
                          f"{loc.derive_from!r}, which is not in LOCALES")
    fallbacks = settings.get("LOCALE_FALLBACKS") or {}
    for tag, chain in fallbacks.items():
        bad = [t for t in [tag, *chain] if t not in tags]
        if bad or not isinstance(chain, (list, tuple)):
            errors.append(f"LOCALE_FALLBACKS[{tag!r}] must map a locale to a list of "
                          f"other locales from {tags}; unknown: {bad}")
    locales = [replace(loc, fallbacks=tuple(fallbacks.get(loc.tag, ())))
               for loc in locales]
    prefixes = [loc.prefix for loc in locales]
    if len(set(prefixes)) != len(prefixes):
        errors.append("two LOCALES share a URL prefix")
    default_tag = settings.get("DEFAULT_LOCALE") or settings.get("DEFAULT_LANG")
    if default_tag not in tags:
        errors.append(f"DEFAULT_LOCALE = {default_tag!r} is not one of {tags}")
    if errors:
        raise SettingsError("pelicanconf.py: " + "; ".join(errors))
    return Locales(tuple(locales), next(l for l in locales if l.tag == default_tag))
