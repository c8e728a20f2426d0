"""Phase 3: what every page shows, computed in Python; templates only loop
and print.

One `View` per output page (items, news lists and year archives, projects,
topics, pages, search, chooser, 404) and the route table: for each logical
page the URL it has in each locale, from which the language switcher,
hreflang alternates, the sitemap and the search index's twins are made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...localize import Entry, Localizer, Text
from ..p1_read import Checked
from .builder import SearchPageData, View, ViewBuilder

__all__ = ["Views", "View", "build_views"]


@dataclass
class Views:
    """Every page's view, and what the later phases look up in them."""

    pages: list[View]
    routes: dict[tuple, dict[str, str]]   # route -> {locale tag: url}
    own: dict[str, list[Entry]]           # locale tag -> entries with a page in it
    localizers: dict[str, Localizer]
    site_names: dict[str, Text]
    builder: ViewBuilder                  # publisher() and image_url()

    @property
    def derive_seconds(self) -> float:
        """Seconds spent deriving the other script."""
        return sum(localizer.derive_seconds for localizer in self.localizers.values())


def build_views(checked: Checked, search_page: SearchPageData) -> Views:
    """Views of every page of every locale, in the order they are listed."""
    settings = checked.settings
    today = settings.get("BUILD_DATE") or dt.date.today()
    builder = ViewBuilder(checked.site, checked.locales, settings, today, search_page)
    pages = builder.build()
    site_names = {tag: localizer.text(settings.get("SITE_NAME", {}))
                  for tag, localizer in builder.localizers.items()}
    return Views(pages, builder.routes, builder.own, builder.localizers, site_names,
                 builder)
