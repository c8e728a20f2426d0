"""The one Pelican generator that writes every locale in one run.

generate_context: read and check all content (nothing is written if there is
any error), render each source once, compute every page's view.
generate_output: render the views with the page's own locale, then feeds,
sitemap and robots.txt.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from functools import cached_property
from pathlib import Path

from babel import Locale as BabelLocale
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from pelican.generators import Generator

from plugins import editor, i18n, images
from plugins.content import ContentErrors, load_locales, load_site, render_site
from plugins.content.problems import Problems
from plugins.content.parallel import fork_map, workers
from plugins.search import FOLDER as SEARCH_FOLDER

from . import feeds, headers, markup, meta, sitemap, theme_assets, urls
from .localize import Text
from .views import ViewBuilder
from .writer import SafeWriter

logger = logging.getLogger(__name__)

# A link the renderer pointed at another item's file: href="/news/2017/x.bs.md#part"
_SOURCE_LINK = re.compile(r'(href=")/([^"#]+\.md)(#[^"]*)?"')
_ROOT_LINK = re.compile(r'href="/(?!/)')
_FILE_LINK = re.compile(r'(href=")(/[^"#?]+)')
# folders the build fills after the pages: no old address may take them
RESERVED = {SEARCH_FOLDER, editor.FOLDER}

# What the build is doing, for `invoke build` to show (plain lines, no colour).
progress = logging.getLogger("glasnik.progress")


class PhaseLog(dict):
    """Seconds per build phase; each one is reported as it ends."""

    def __setitem__(self, phase, seconds):
        super().__setitem__(phase, seconds)
        progress.info("%s: %.2f s", phase, seconds)


# A card's picture is 6.5rem wide on phones, 9rem on wider screens.
THUMBNAIL_SIZES = "(min-width: 48rem) 9rem, 6.5rem"

# The part of the site (a main menu entry) each kind of page belongs to.
SECTIONS = {"news": "news", "year": "news", "item": "news", "projects": "projects",
            "project": "projects", "topics": "topics", "topic": "topics", "search": "search"}


class NewsroomGenerator(Generator):
    renamed: dict = {}   # site path of a linked file -> the one published (publish_assets)

    def generate_context(self):
        settings = self.settings
        clock = time.perf_counter()
        self.timings = PhaseLog()
        self.locales = load_locales(settings)
        content = Path(self.path).resolve()
        self.brand = theme_assets.load_brand(settings, content)
        self.image_options = images.load_options(settings)
        self.site, problems = load_site(settings)
        self.timings["read and check"] = time.perf_counter() - clock
        clock = time.perf_counter()
        # rendered even when reading found errors: what the sanitiser would
        # remove is reported with them, in one run
        self.rendered = render_site(self.site, settings, problems)
        self.timings["markdown"] = time.perf_counter() - clock
        for problem in problems.warnings:
            logger.warning(problem.format())
        if problems.errors:
            raise ContentErrors(problems)
        clock = time.perf_counter()
        today = settings.get("BUILD_DATE") or dt.date.today()
        self.builder = ViewBuilder(self.site, self.locales, settings, today)
        self.views = self.builder.build()
        self.localizers = self.builder.localizers
        self.site_names = {tag: localizer.text(settings.get("SITE_NAME", {}))
                           for tag, localizer in self.localizers.items()}
        self.context["newsroom_views"] = self.views
        self.timings["views"] = time.perf_counter() - clock
        self.summary = {loc.tag: len(self.builder.own[loc.tag]) for loc in self.locales}
        self.timings["of which script derivation"] = sum(
            localizer.derive_seconds for localizer in self.localizers.values())

    # --- output ---------------------------------------------------------------

    def absolute(self, url: str) -> str:
        # Canonical, hreflang, feed and sitemap URLs must be absolute; a
        # development build (SITEURL "") uses the preview server's address.
        base = self.settings.get("SITEURL") or self.settings.get("PREVIEW_SITEURL", "")
        return f"{base}/{url}"

    def environments(self) -> dict:
        theme = Path(self.theme) / "templates"
        translations = Path(self.theme) / "translations"
        envs, self.catalogs, shared_globals = {}, {}, self.globals()
        # Each locale's name in each page locale's language, from CLDR.
        self.language_names = {
            page.tag: {loc.tag: BabelLocale.parse(loc.babel).get_display_name(page.babel)
                       for loc in self.locales} for page in self.locales}
        for locale in [*self.locales, None]:
            env = Environment(loader=FileSystemLoader(str(theme)),
                              autoescape=select_autoescape(["html", "xml"]),
                              undefined=StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
            if locale is not None:
                catalog = i18n.load_translations(translations, locale, self.locales,
                                                 self.settings)
                self.catalogs[locale.tag] = catalog
                env.install_gettext_translations(catalog, newstyle=True)
            else:
                env.install_null_translations(newstyle=True)
            babel = locale.babel if locale else self.locales.default.babel
            gettext = self.catalogs[locale.tag].gettext if locale else str
            one_side = (gettext("from %(date)s"), gettext("until %(date)s"))
            env.filters.update({
                "long_date": lambda d, b=babel: i18n.long_date(d, b),
                "period": lambda p, b=babel, w=one_side: i18n.period(p["start"], p["end"],
                                                                     b, w),
                "number": lambda n, b=babel: i18n.number(n, b),
                "iso": i18n.iso,
                "script_json": markup.json_ld,
            })
            env.globals.update(shared_globals)
            env.globals["news_card"] = _card_renderer(env)
            envs[locale.tag if locale else None] = env
        return envs

    def picture_markup(self, path: str, alt: str, eager: bool = True):
        return images.picture_html(self.pictures[path], alt or "", sitepath=self.sitepath,
                                   sizes=self.image_sizes, eager=eager)

    def thumbnail_markup(self, path: str):
        """A news card's small picture: the smallest renditions, loaded lazily;
        the card's title says what it is about (alt="")."""
        return images.picture_html(self.pictures[path], "", sitepath=self.sitepath,
                                   sizes=THUMBNAIL_SIZES, eager=False)

    def thumbnail_url(self, path: str) -> str:
        """The smallest JPEG or PNG rendition, for search results."""
        return f"{self.sitepath}/{images.nearest(self.pictures[path], 0)[0]}"

    def body_markup(self, html: str, locale, eager_first: bool = True,
                    lead: str | None = None):
        """Rendered HTML with its pictures as <picture> elements and links to
        other items' files as links to their pages in this locale; a body
        that starts with the item's main picture (`lead`, shown above it)
        loses that first paragraph."""
        if lead:
            html = images.without_lead(html, lead)
        if ".md" in html:
            html = _SOURCE_LINK.sub(lambda m: self.item_link(m, locale), html)
        if self.renamed:
            html = _FILE_LINK.sub(lambda m: m.group(1) + self.renamed.get(m.group(2),
                                                                          m.group(2)), html)
        if self.sitepath and 'href="/' in html:
            # links are written from the site root; a site in a sub-folder
            # (SITEURL https://example.org/vijesti) needs its path before them
            html = _ROOT_LINK.sub(lambda m: f'href="{self.sitepath}/', html)
        return Markup(images.rewrite(html, self.pictures, sitepath=self.sitepath,
                                     sizes=self.image_sizes, eager_first=eager_first))

    def item_link(self, match, locale) -> str:
        """href of the page of the item whose file a link names: in the page's
        locale where it has one, else in its fallbacks' (as its lists show
        items), else in the file's own locale."""
        route = self.source_routes.get(match.group(2))
        pages = self.builder.routes.get(route, {}) if route else {}
        own = self.locales.by_suffix(match.group(2)[:-3].rpartition(".")[2])
        wanted = [locale.tag, *locale.fallbacks, own.tag if own else None]
        url = next((pages[tag] for tag in wanted if tag in pages),
                   next(iter(pages.values()), None))
        if url is None:   # checked by the reader; kept as written otherwise
            return match.group(0)
        return f'{match.group(1)}/{url}{match.group(3) or ""}"'

    @cached_property
    def source_routes(self) -> dict:
        """{content path of a source: the route of its item's pages}."""
        content = Path(self.path).resolve()
        routes = {}
        for kind, items in (("item", self.site.news), ("page", self.site.pages)):
            for item in items:
                route = (kind, item.key if kind == "item" else item.slug)
                for source in item.sources.values():
                    routes[source.path.resolve().relative_to(content).as_posix()] = route
        return routes

    @cached_property
    def sitepath(self) -> str:
        return urls.site_path(self.settings.get("SITEURL", ""))

    @property
    def image_sizes(self) -> str:
        # the item column is at most 40rem wide; below that, the screen less margins
        return self.settings.get("IMAGE_SIZES", "(min-width: 42rem) 40rem, calc(100vw - 2rem)")

    def globals(self) -> dict:
        s = self.settings
        return {"SITEURL": s.get("SITEURL", ""),
                # Links and assets are root-relative (with the path of SITEURL,
                # for sites served from a sub-folder): a production build then
                # works on any host; canonical, hreflang and feeds are absolute.
                "SITEPATH": self.sitepath,
                "locales": list(self.locales),
                "default_locale": self.locales.default, "site_names": self.site_names,
                "absolute": self.absolute, "routes": self.builder.routes,
                "text": markup.text, "lang_attr": markup.lang_attr,
                "picture": self.picture_markup, "body": self.body_markup,
                "thumbnail": self.thumbnail_markup, "thumbnail_url": self.thumbnail_url,
                "asset": self.theme_files.__getitem__,
                "logo": self.theme_files.get("logo"),
                "csp": self.settings.get("CONTENT_SECURITY_POLICY", ""),
                # `invoke serve` only: the page reloads when a new build lands
                "live_reload": bool(self.settings.get("LIVE_RELOAD")),
                "show_drafts": s.get("SHOW_DRAFTS", False),
                "search_index": bool(s.get("SEARCH_INDEX"))}

    def generate_output(self, writer):
        clock = time.perf_counter()
        out = SafeWriter(self.output_path)
        self.theme_files = theme_assets.publish(
            Path(self.theme) / "static", Path(self.path).resolve(), self.brand, out.write)
        self.publish_pictures(out)
        self.publish_assets(out)   # before the pages: they link to what it renamed
        self.envs = self.environments()

        def job(index: int, count: int) -> list:
            part = SafeWriter(self.output_path)
            for view in self.views[index::count]:
                part.write(urls.save_as(view.url), self.render(view))
            return part.written

        for written in fork_map(job, len(self.views), workers(self.settings)):
            out.claim(written)  # workers only see their own share of paths
        for warning in editor.publish(out.write, out.copy, self.settings, self.locales,
                                      self.site, self.theme_files, self.sitepath):
            logger.warning(warning)
        self.timings["pages"] = time.perf_counter() - clock
        clock = time.perf_counter()
        self.write_feeds(out)
        out.write("sitemap.xml", sitemap.sitemap(self.views, self.builder.routes,
                                                 self.absolute))
        out.write("robots.txt", sitemap.robots(self.absolute))
        settings = editor.load_editor(self.settings)
        out.write("_headers", headers.headers_file(
            self.settings.get("CONTENT_SECURITY_POLICY", ""),
            self.settings.get("SECURITY_HEADERS", {}),
            (editor.FOLDER, editor.csp(settings)) if settings else None))
        self.timings["feeds and sitemap"] = time.perf_counter() - clock
        self.write_redirects(out)   # last: an old address may take no file above
        self.context["newsroom_written"] = out.written
        self.context["newsroom_timings"] = self.timings
        logger.info("newsroom: %d files written for %d locales (%s)", len(out.written),
                    len(self.locales), ", ".join(f"{k} {v:.2f} s"
                                                 for k, v in self.timings.items()))

    def render(self, view) -> str:
        # the 404 page speaks the default locale; the chooser every one
        locale = view.locale or self.locales.default
        env = self.envs[locale.tag if view.route != ("chooser",) else None]
        template = env.get_template(view.template)
        return template.render(page=view, locale=locale,
                               **self.page_context(view), **view.data)

    def write_redirects(self, out: SafeWriter) -> None:
        """A page at each old address (`aliases`) that sends readers on."""
        problems = Problems()
        for view in self.views:
            for alias, relative, page in self.redirect_pages(view):
                source = view.data["entry"].source
                if out.collides(relative) or relative.split("/")[0] in RESERVED:
                    problems.error(source.shown, f"the old address {alias} is already the "
                                   "address of another page, file or old address",
                                   field="aliases", line=source.lines.get("aliases"),
                                   hint="an old address must not replace a real page or "
                                   "file: remove it from aliases")
                    continue
                out.write(relative, page)
        if problems.errors:
            raise ContentErrors(problems)

    def redirect_pages(self, view):
        """(old address, file, page) for each old address of the item or page
        a view shows."""
        entry = view.data.get("entry") if view.template in ("item.html", "page.html") \
            else None
        if entry is None or entry.generated or not entry.source.meta.get("aliases"):
            return
        template = self.envs[view.locale.tag].get_template("redirect.html")
        for alias in entry.source.meta["aliases"]:
            yield alias, urls.alias_file(alias), template.render(locale=view.locale,
                                                                 target=entry)

    def publish_pictures(self, out: SafeWriter) -> None:
        """Every picture content shows, in its sizes and formats (cached)."""
        clock = time.perf_counter()
        content = Path(self.path).resolve()
        leads = {self.builder.image_url(item) for item in self.site.news if item.image}
        try:
            self.pictures = images.process(
                {path: path in leads for path in self.site.pictures}, content,
                images.cache_folder(self.settings, content), self.image_options, out.copy,
                workers(self.settings))
        except images.PictureError as exc:
            # one line per picture: "content/news/2017/a.jpg: what is wrong"
            problems = Problems()
            for line in str(exc).splitlines():
                path, _, message = line.partition(": ")
                problems.error(path, message)
            raise ContentErrors(problems) from None
        self.timings["pictures"] = time.perf_counter() - clock

    def publish_assets(self, out: SafeWriter) -> None:
        """Only files content points at are published, pictures stripped of
        their metadata (Pelican's static copy of content/ is off). A picture
        published under another name (HEIC as JPEG) is kept in `renamed`,
        for the links to it."""
        content = Path(self.path).resolve()
        self.renamed = {}
        for relative in sorted(self.site.assets):
            shown = f"content/{relative}"
            try:
                published = images.publish(content / relative, relative, self.image_options,
                                           shown, out.target)
            except images.PictureError as exc:
                raise ContentErrors.single(shown, str(exc).removeprefix(f"{shown}: ")) from None
            out.claim([published])
            if published != relative:
                self.renamed[f"/{relative}"] = f"/{published}"

    def page_context(self, view) -> dict:
        """Switcher, alternates and navigation of one page."""
        if view.route == ("chooser",):
            return {"languages": [self.about(loc) for loc in self.locales]}
        if view.route == ("404",):
            # the site's header in the default locale, a way home in each
            return {**self.chrome(view, self.locales.default, {}), "not_found": [
                {"locale": loc, "message": self.catalogs[loc.tag].gettext(
                    "This page does not exist."),
                 "home": self.catalogs[loc.tag].gettext("Home page")}
                for loc in self.locales]}
        counterparts = self.builder.routes.get(view.route, {})
        alternates = [{"locale": loc, "url": counterparts[loc.tag]}
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

    def chrome(self, view, loc, counterparts: dict) -> dict:
        """What the header and footer of a page in `loc` need: the language
        switcher (to this page's versions, else each home), the menu."""
        switcher = [{"locale": other, "label": other.switch_label(loc),
                     "rest": other.switch_rest(loc),
                     "url": counterparts.get(other.tag, urls.home(other)),
                     "counterpart": other.tag in counterparts,
                     "current": other == loc,
                     "home_label": self.catalogs[other.tag].gettext("home page")}
                    for other in self.locales]
        contact = self.builder.routes.get(("page", "contact"), {}).get(loc.tag)
        nav = {"news": urls.news(loc), "projects": urls.projects(loc),
               "topics": urls.topics(loc), "contact": contact, "search": urls.search(loc)}
        return {"switcher": switcher, "nav": nav,
                "nav_current": SECTIONS.get(view.route[0], view.route[-1]),
                "site_name": self.site_names[loc.tag],
                "language_names": self.language_names[loc.tag]}

    def about(self, loc) -> dict:
        """The chooser's line for a locale: what the site is, who publishes it."""
        gettext = self.catalogs[loc.tag].gettext
        publisher = self.builder.publisher(self.localizers[loc.tag])
        lines = [gettext("News, projects and topics in social protection.")]
        if publisher:
            lines.append(gettext("This site is published by %(name)s.")
                         % {"name": publisher["name"]})
        return {"locale": loc, "site_name": self.site_names[loc.tag], "about": " ".join(lines)}

    def trail(self, view) -> list[dict]:
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
        return [{"label": label if isinstance(label, Text) else Text(str(label), loc.tag),
                 "url": url, "current": url == view.url}
                for label, url in steps]

    def head_meta(self, view, alternates, trail) -> dict:
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
        found = self.builder.publisher(self.localizers[loc.tag])
        return str(found["name"]) if found else str(self.site_names[loc.tag])

    def write_feeds(self, out: SafeWriter, only: set | None = None) -> None:
        """Every list's Atom feed (or `only` those feed paths)."""
        if not self.settings.get("FEEDS", True):
            return
        newest = self.site.news[0].date if self.site.news else \
            dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
        done = set()
        for view in self.views:
            feed_url = view.data.get("feed_url")
            if not feed_url or feed_url in done or (only is not None and feed_url not in only):
                continue
            done.add(feed_url)  # page 1 comes first: its URL is the list's
            site_name = str(self.site_names[view.locale.tag])
            news = self.catalogs[view.locale.tag].gettext("News")
            title = f"{view.title or news} · {site_name}"
            out.write(feed_url, feeds.atom(
                title=title, lang=view.locale.tag, page_url=view.url,
                feed_url=feed_url, author=site_name, entries=view.data["feed_entries"],
                absolute=self.absolute, fallback_updated=newest,
                content_of=self.feed_content))

    def feed_content(self, entry) -> str:
        """An entry's HTML in a feed: its pictures as published renditions at
        absolute addresses, its main picture first."""
        return images.feed_html(entry.html, self.pictures, self.absolute,
                                lead=entry.extra.get("image"), lead_alt=entry.image_alt or "")


def _card_renderer(env):
    """A news card is the same on every list that shows it (news, year,
    project, topic, home): render it once per locale and reuse the markup."""
    memo = {}

    def news_card(entry, locale, language_names, level):
        key = (entry.item.key, entry.lang, entry.fallback, level)
        markup = memo.get(key)
        if markup is None:
            module = env.get_template("partials/news_card.html").module
            markup = memo[key] = module.news_card(entry, locale, language_names, level)
        return markup
    news_card.memo = memo   # the preview forgets an edited item's cards
    return news_card
