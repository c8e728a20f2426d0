"""ViewBuilder: the Site -> one `View` per output page, and the route table.

For each logical page (an item, a project, the news list's page 2...) the
route table holds the URL it has in each locale, from which the language
switcher, hreflang alternates and the sitemap are made.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from plugins.common.parallel import workers
from plugins.content.cache import DERIVED, cache_path, forget_unused
from plugins.content.model import Site
from plugins.content.reader import resolve_local
from plugins.translit.serbian import strip_markers

from ... import urls
from ...localize import Localizer, spelt_in_cyrillic
from .lists import link_neighbours, link_related, paginate

# What a locale's search page needs besides its theme strings:
# search_page(locale, locales, project cards) -> dict (plugins.search.page_data)
SearchPageData = Callable[[object, object, list], dict]


@dataclass
class View:
    """One output page: its template, address and what the template shows."""

    template: str
    url: str
    route: tuple             # logical page, shared by its versions in all locales
    locale: object           # Locale, or None for site-wide pages
    title: object = ""
    data: dict = field(default_factory=dict)   # what its template is given
    # a list page's feed: every entry of the list (the feeds phase writes
    # it; the template is not given it, and shows only its own page's)
    feed_entries: list | None = None

    @property
    def searchable(self) -> bool:
        """Whether the search index holds this page (the theme marks its
        body for Pagefind): news items, and the first page of a project or
        a topic."""
        return self.template == "item.html" or (
            self.template in ("project.html", "topic.html") and self.route[-1] == 1)


def project_status(project, today: dt.date) -> str:
    """`ongoing` or `completed`: as written, else from the end date and `today`."""
    if project.status:
        return project.status
    if project.end and project.end < today.isoformat()[: len(project.end)]:
        return "completed"
    return "ongoing"


class ViewBuilder:
    """Builds every page's view; `routes` and `own` are kept for the pages
    phase and the preview's rebuilds in place."""

    def __init__(self, site: Site, locales, settings: dict, today: dt.date,
                 search_page: SearchPageData):
        self.site, self.locales, self.settings = site, locales, settings
        self.search_page = search_page
        self.per_page = int(settings.get("NEWS_PER_PAGE", 10))
        self.today = today
        self.views: list[View] = []
        self.routes: dict[tuple, dict] = defaultdict(dict)

    def add(self, view: View) -> View:
        """Keep a view and record its URL under its route and locale."""
        self.views.append(view)
        if view.locale is not None:
            self.routes[view.route][view.locale.tag] = view.url
        return view

    def build(self) -> list[View]:
        """Every view of the site, for every locale."""
        self.spelt_in_cyrillic = spelt = spelt_in_cyrillic(self.site, self.locales,
                                                           self.settings)
        self.localizers = localizers = {loc.tag: Localizer(loc, self.locales, self.settings,
                                                           spelt)
                                        for loc in self.locales}
        self.own = {}  # locale tag -> the entries that have a page in it
        kept = cache_path(self.settings, Path(self.settings["PATH"]).resolve())
        for loc in self.locales:
            localizers[loc.tag].derive_bodies([*self.site.news, *self.site.pages],
                                              workers(self.settings), kept)
            entries = [e for e in map(localizers[loc.tag].entry, self.site.news) if e]
            for entry in entries:
                entry.url = urls.item(loc, entry.item.slug)
            self.own[loc.tag] = entries
        if kept:
            forget_unused(kept, DERIVED, [key for localizer in localizers.values()
                                          for key in localizer.derived_keys])
        for loc in self.locales:
            self.build_locale(loc, localizers[loc.tag])
        self.add(View("chooser.html", "", ("chooser",), None))
        self.add(View("404.html", "404.html", ("404",), None))
        return self.views

    def image_url(self, item) -> str | None:
        """Site path of the item's picture (checked to exist by the reader)."""
        if not item.image:
            return None
        content = Path(self.settings["PATH"]).resolve()
        target = resolve_local(item.image, item.image_from, content)
        return target.resolve().relative_to(content).as_posix()

    def listed(self, loc) -> list:
        """What the locale's lists show: its own entries, and for items it
        lacks, the entry of its first fallback locale that has one (linking
        to the original page: no duplicate pages are written)."""
        own = {e.item.key: e for e in self.own[loc.tag]}
        fallbacks = [{e.item.key: e for e in self.own[tag]} for tag in loc.fallbacks]
        out = []
        for item in self.site.news:
            if item.key in own:
                out.append(own[item.key])
                continue
            found = next((f[item.key] for f in fallbacks if item.key in f), None)
            if found is not None:
                out.append(replace(found, extra={}, fallback=True))
        return out

    def build_locale(self, loc, localizer: Localizer) -> None:
        """The views of one locale: home, lists, items, projects, topics,
        pages and search."""
        site = self.site
        own = self.own[loc.tag]
        news = self.listed(loc)
        projects = {k: self.project_card(p, loc, localizer, news)
                    for k, p in sorted(site.projects.items())}
        topics = {k: {"key": k, "label": localizer.text(t.label),
                      "description": localizer.text(t.description),
                      "url": urls.topic(loc, k),
                      "count": sum(1 for e in news if k in e.item.topics)}
                  for k, t in site.topics.items()}
        for entry in {id(e): e for e in [*news, *own]}.values():
            entry.extra["project"] = projects.get(entry.item.project)
            entry.extra["topics"] = [topics[t] for t in entry.item.topics if t in topics]
            entry.extra["image"] = self.image_url(entry.item)
            entry.extra["image_credit"] = localizer.credit(entry)
        link_neighbours(own)
        link_related(own)
        shared = {"projects": projects, "topics": topics}
        current = [p for p in projects.values() if p["status"] == "ongoing"]

        self.add(View("home.html", urls.home(loc), ("home",), loc, "",
                      {"lead": news[0] if news else None, "latest": news[1:5],
                       "current_projects": current, "publisher": self.publisher(localizer),
                       **shared}))
        self.paginated("news_list.html", news, lambda n: urls.news(loc, n),
                       ("news",), loc, {"years": self.years(news, loc), **shared},
                       feed=urls.feed(urls.news(loc)))
        for value, entries in self.by_year(news):
            self.add(View("news_list.html", urls.year(loc, value), ("year", value), loc,
                          value, {"entries": entries, "year": value,
                                  "years": self.years(news, loc), **shared}))
        for entry in own:
            self.add(View("item.html", entry.url, ("item", entry.item.key), loc,
                          entry.title, {"entry": entry, **shared}))

        project_list = sorted(projects.values(),
                              key=lambda p: (p["status"] != "ongoing", str(p["name"])))
        self.add(View("projects.html", urls.projects(loc), ("projects",), loc, "",
                      {"project_list": project_list, **shared}))
        for key, card in projects.items():
            entries = [e for e in news if e.item.project == key]
            self.paginated("project.html", entries, lambda n, k=key: urls.project(loc, k, n),
                           ("project", key), loc, {"project": card, **shared},
                           title=card["name"], feed=urls.feed(card["url"]))
        self.add(View("topics.html", urls.topics(loc), ("topics",), loc, "",
                      {"topic_list": list(topics.values()), **shared}))
        for key, card in topics.items():
            entries = [e for e in news if key in e.item.topics]
            self.paginated("topic.html", entries, lambda n, k=key: urls.topic(loc, k, n),
                           ("topic", key), loc, {"topic": card, **shared},
                           title=card["label"], feed=urls.feed(card["url"]))
        self.add(View("search.html", urls.search(loc), ("search",), loc, "",
                      {"search": self.search_page(loc, self.locales, projects.values()),
                       **shared}))
        for item in site.pages:
            entry = localizer.entry(item)
            if entry is None:
                continue
            entry.url = urls.page(loc, item.slug)
            contact = self.contact(localizer) if item.slug == "contact" else None
            self.add(View("page.html", entry.url, ("page", item.slug), loc, entry.title,
                          {"entry": entry, "contact": contact, **shared}))

    def paginated(self, template, entries, url_of, route, loc, data, *, title="",
                  feed=None):
        """One view per page of `entries`."""
        for pager, chunk in paginate(entries, self.per_page, url_of):
            self.add(View(template, pager.urls[pager.number - 1], route + (pager.number,),
                          loc, title, {**data, "entries": chunk, "pager": pager,
                                       "feed_url": feed}, feed_entries=entries))

    def project_card(self, project, loc, localizer, news) -> dict:
        """What a project's card and page show in this locale."""
        def names(orgs):
            return [{"name": localizer.text(o["name"]), "url": o.get("url")} for o in orgs]
        description = project.descriptions.get(loc.tag)
        derived = None
        if description is None and localizer.convert:
            origin = project.descriptions.get(loc.derive_from)
            derived = localizer.derive_html(origin.html) if origin else None
        return {
            "key": project.key,
            "name": localizer.text(project.name),
            "summary": localizer.text(project.summary),
            "funders": names(project.funders),
            "partners": names(project.partners),
            "start": project.start, "end": project.end,
            "status": project_status(project, self.today),
            "links": [{"url": l["url"], "label": localizer.text(l["label"])}
                      for l in project.links],
            "description_html": strip_markers(description.html) if description
            else derived,
            "url": urls.project(loc, project.key),
            "count": sum(1 for e in news if e.item.project == project.key),
        }

    def publisher(self, localizer) -> dict | None:
        """Who publishes the site (contact.yml's `publisher`), for the home page."""
        contact = self.site.contact
        org = next((o for o in contact.organisations if o["key"] == contact.publisher),
                   None) if contact else None
        return org and {"name": localizer.text(org["name"])}

    def contact(self, localizer) -> list[dict] | None:
        """The contact cards in this locale; None without contact.yml."""
        contact = self.site.contact
        if contact is None:
            return None
        cards = []
        for org in contact.organisations:
            card = {k: org.get(k) for k in ("key", "country", "website", "osm")}
            card.update({k: org.get(k, []) for k in ("phone", "email", "social")})
            for k in ("name", "city", "address", "hours"):
                card[k] = localizer.text(org[k]) if k in org else None
            person = org.get("contact_person")
            card["contact_person"] = person and {
                "name": person["name"], "role": localizer.text(person.get("role", {}))}
            card["publisher"] = org["key"] == contact.publisher
            cards.append(card)
        return cards

    @staticmethod
    def by_year(news):
        """(year, entries) pairs, newest year first."""
        years = defaultdict(list)
        for entry in news:
            years[entry.date.year].append(entry)
        return sorted(years.items(), reverse=True)

    def years(self, news, loc):
        """(year, its archive URL, how many items) for the year links."""
        return [(value, urls.year(loc, value), len(entries))
                for value, entries in self.by_year(news)]
