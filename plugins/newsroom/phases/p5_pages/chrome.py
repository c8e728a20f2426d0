"""What a page shows around its view: the language switcher, the menu,
breadcrumbs, hreflang alternates, Open Graph tags and JSON-LD."""

from __future__ import annotations

from types import SimpleNamespace

from babel import Locale as BabelLocale

from ... import meta, urls
from ...localize import Text
from ..p3_views import View, Views

# The part of the site (a main menu entry) each kind of page belongs to.
SECTIONS = {"news": "news", "year": "news", "item": "news", "projects": "projects",
            "project": "projects", "topics": "topics", "topic": "topics", "search": "search"}


class Record(SimpleNamespace):
    """A line of a page's context (a switcher entry, an alternate, a
    breadcrumb), read as `alt.url` in templates and as `alt["url"]` in
    Python. Not a dict: Jinja tries an attribute before a key, and each
    `alt.url` on a dict costs it a raised and caught AttributeError; a page
    reads some fifty of them."""

    def __getitem__(self, key: str):
        return self.__dict__[key]


class PageChrome:
    """The page context of every view of one build."""

    def __init__(self, locales, views: Views, catalogs: dict, pictures: dict, absolute):
        self.locales, self.views, self.catalogs = locales, views, catalogs
        self.routes, self.site_names = views.routes, views.site_names
        self.pictures, self.absolute = pictures, absolute
        # Each locale's name in each page locale's language, from CLDR.
        self.language_names = {
            page.tag: {loc.tag: BabelLocale.parse(loc.babel).get_display_name(page.babel)
                       for loc in locales} for page in locales}
        # What a switcher on a page in one locale says of each locale, the
        # same on all of that locale's pages: (label, rest, "home page").
        self.switch_texts = {
            (page.tag, loc.tag): (loc.switch_label(page), loc.switch_rest(page),
                                  catalogs[loc.tag].gettext("home page"))
            for page in locales for loc in locales}

    def inputs(self) -> dict:
        """What the chrome of every page is made from besides its view, the
        routes, the site's names, the pictures and the theme's catalogs:
        for the page cache's site digest."""
        return {"publishers": [self.publisher(loc) for loc in self.locales],
                "language_names": self.language_names,
                "switch_texts": list(self.switch_texts.items())}

    def of(self, view: View) -> dict:
        """Switcher, alternates and navigation of one page."""
        if view.route == ("chooser",):
            return {"languages": [self.about(loc) for loc in self.locales]}
        if view.route == ("404",):
            # the site's header in the default locale, a way home in each
            return {**self.chrome(view, self.locales.default, {}), "not_found": [
                Record(locale=loc, message=self.catalogs[loc.tag].gettext(
                    "This page does not exist."),
                       home=self.catalogs[loc.tag].gettext("Home page"))
                for loc in self.locales]}
        counterparts = self.routes.get(view.route, {})
        alternates = [Record(locale=loc, url=counterparts[loc.tag])
                      for loc in self.locales if loc.tag in counterparts]
        # x-default: the chooser for the home pages, else the version in the
        # default locale (or the first that exists), the same on every
        # version so that the group stays reciprocal.
        if view.route == ("home",):
            x_default = ""
        else:
            x_default = next(counterparts[tag] for tag in
                             [self.locales.default.tag, *self.locales.tags]
                             if tag in counterparts)
        trail = self.trail(view)
        return {**self.chrome(view, view.locale, counterparts), "alternates": alternates,
                "x_default": x_default, "trail": trail,
                **self.head_meta(view, alternates, trail)}

    def chrome(self, view: View, loc, counterparts: dict) -> dict:
        """What the header and footer of a page in `loc` need: the language
        switcher (to this page's versions, else each home), the menu."""
        texts = self.switch_texts
        switcher = [Record(locale=other, label=label, rest=rest,
                           url=counterparts.get(other.tag, urls.home(other)),
                           counterpart=other.tag in counterparts,
                           current=other == loc, home_label=home_label)
                    for other in self.locales
                    for label, rest, home_label in [texts[loc.tag, other.tag]]]
        contact = self.routes.get(("page", "contact"), {}).get(loc.tag)
        nav = Record(news=urls.news(loc), projects=urls.projects(loc),
                     topics=urls.topics(loc), contact=contact, search=urls.search(loc))
        return {"switcher": switcher, "nav": nav,
                "nav_current": SECTIONS.get(view.route[0], view.route[-1]),
                "site_name": self.site_names[loc.tag],
                "language_names": self.language_names[loc.tag]}

    def about(self, loc) -> dict:
        """The chooser's line for a locale: what the site is, who publishes it."""
        gettext = self.catalogs[loc.tag].gettext
        publisher = self.views.builder.publisher(self.views.localizers[loc.tag])
        lines = [gettext("News, projects and topics in social protection.")]
        if publisher:
            lines.append(gettext("This site is published by %(name)s.")
                         % {"name": publisher["name"]})
        return Record(locale=loc, site_name=self.site_names[loc.tag], about=" ".join(lines))

    def trail(self, view: View) -> list[dict]:
        """Breadcrumbs: the home page, the list a page belongs to, the page;
        none on the home page itself. The last one is the page (or, on page
        2 and later of a list, the list's first page)."""
        loc, kind = view.locale, view.route[0]
        if kind == "home":
            return []
        gettext = self.catalogs[loc.tag].gettext
        steps = [(gettext("Home"), urls.home(loc))]
        section = SECTIONS.get(kind)
        if section:
            label = {"news": gettext("News"), "projects": gettext("Projects"),
                     "topics": gettext("Topics"), "search": gettext("Search")}[section]
            steps.append((label, getattr(urls, section)(loc)))
        if kind in ("year", "item", "project", "topic", "page"):
            first_page = {"project": lambda: urls.project(loc, view.route[1]),
                          "topic": lambda: urls.topic(loc, view.route[1])}
            steps.append((view.title, first_page[kind]() if kind in first_page
                          else view.url))
        return [Record(label=label if isinstance(label, Text) else Text(str(label), loc.tag),
                       url=url, current=url == view.url)
                for label, url in steps]

    def head_meta(self, view: View, alternates: list, trail: list) -> dict:
        """Open Graph tags and JSON-LD blocks of a page."""
        loc, data = view.locale, view.data
        site_name = str(self.site_names[loc.tag])
        url = self.absolute(view.url)
        entry = data.get("entry")
        picture = self.pictures.get(entry.extra.get("image")) if entry is not None else None
        image = self.absolute(picture.og) if picture and picture.og else None
        title = str(view.title) if view.title else site_name
        description = entry.summary if entry is not None else site_name
        graph = meta.open_graph(view, title=title, description=description, url=url,
                                site_name=site_name, alternates=alternates, image=image,
                                image_alt=entry.image_alt if image else None)
        blocks = []
        if view.template == "item.html":
            blocks.append(meta.news_article(entry, url=url, publisher=self.publisher(loc),
                                            image=image))
        elif data.get("contact"):
            blocks.extend(meta.organisations(data["contact"], url=self.absolute(
                urls.home(loc))))
        if trail:
            blocks.append(meta.breadcrumbs([(str(step["label"]), self.absolute(step["url"]))
                                            for step in trail]))
        return {"open_graph": graph, "json_ld": blocks}

    def publisher(self, loc) -> str:
        """The publisher's name in a locale (else the site's name)."""
        found = self.views.builder.publisher(self.views.localizers[loc.tag])
        return str(found["name"]) if found else str(self.site_names[loc.tag])
