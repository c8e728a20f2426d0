"""What a locale's search page needs besides its theme strings."""

from __future__ import annotations

from babel import Locale as BabelLocale

from . import twins
from .indexer import bundle_folder


def plural_samples(babel_locale: str) -> list[tuple[str, int]]:
    """(CLDR plural category, a number in it) for each category of the
    locale: the page renders "{count} results" for each with ngettext and
    its script picks one with Intl.PluralRules."""
    rule = BabelLocale.parse(babel_locale).plural_form
    samples: dict[str, int] = {}
    for number in range(0, 1000):
        samples.setdefault(rule(number), number)
        if len(samples) == len(rule.tags | {"other"}):
            break
    return sorted(samples.items(), key=lambda pair: pair[1])


def page_data(loc, locales, projects) -> dict:
    """`projects`: the locale's project cards (key, localized name)."""
    pairs = twins.searched_through(locales)
    fallbacks = [locales.get(tag) for tag in loc.fallbacks]
    if loc.tag in pairs or loc.tag in pairs.values():
        # both scripts search the Latin index; a Cyrillic page shows the Cyrillic twins
        letters = twins.page_tables(shown_in_cyrillic=loc.tag in pairs)
    elif loc.language in twins.ALSO_IN_CYRILLIC:
        letters = twins.page_tables(shown_in_cyrillic=False)   # a Cyrillic query finds Latin
    else:
        letters = None
    return {
        # the Pagefind bundle of its index: pagefind/ or pagefind/<index>/
        "bundle": bundle_folder(loc, twins.index_language(loc, pairs)),
        # the names of the languages of the items this locale's lists show
        # in its stead (LOCALE_FALLBACKS), which its search finds too
        "languages": {f.tag: BabelLocale.parse(f.babel).get_display_name(loc.babel)
                      for f in fallbacks},
        "projects": sorted(({"key": p["key"], "name": str(p["name"])} for p in projects),
                           key=lambda p: p["name"].casefold()),
        "plurals": plural_samples(loc.babel),
        "letters": letters,
    }
