"""Content as a page shows it: pictures as <picture> elements in their
published sizes, links to other items' files as links to their pages.

A `ContentMarkup`'s methods are registered as template globals (`picture`,
`thumbnail`, `thumbnail_url`, `body`); it knows the pictures and routes,
nothing else of the build.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from plugins import images

from ... import urls
from ..p1_read import Checked

# A link the renderer pointed at another item's file: href="/news/2017/x.bs.md#part"
_SOURCE_LINK = re.compile(r'(href=")/([^"#]+\.md)(#[^"]*)?"')
_ROOT_LINK = re.compile(r'href="/(?!/)')
_FILE_LINK = re.compile(r'(href=")(/[^"#?]+)')

# A card's picture is 6.5rem wide on phones, 9rem on wider screens.
THUMBNAIL_SIZES = "(min-width: 48rem) 9rem, 6.5rem"
# the item column is at most 40rem wide; below that, the screen less margins
IMAGE_SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"


def source_routes(checked: Checked) -> dict[str, tuple]:
    """{content path of a source: the route of its item's pages}."""
    routes = {}
    for kind, items in (("item", checked.site.news), ("page", checked.site.pages)):
        for item in items:
            route = (kind, item.key if kind == "item" else item.slug)
            for source in item.sources.values():
                # read from below the resolved content folder, not through
                # linked folders: only a file itself may be a link to resolve
                if source.path.is_symlink():
                    routes[source.path.resolve().relative_to(checked.content).as_posix()] = route
                else:
                    routes[source.relative] = route
    return routes


class ContentMarkup:
    """Pictures and links of content, as the pages of one build show them."""

    def __init__(self, checked: Checked, routes: dict, pictures: dict, renamed: dict):
        settings = checked.settings
        self.locales, self.routes = checked.locales, routes
        self.pictures, self.renamed = pictures, renamed
        self.sitepath = urls.site_path(settings.get("SITEURL", ""))
        self.image_sizes = settings.get("IMAGE_SIZES", IMAGE_SIZES)
        self.source_routes = source_routes(checked)

    def picture(self, path: str, alt: str, eager: bool = True) -> Markup:
        """A content picture as <picture>, in every size and format made."""
        return images.picture_html(self.pictures[path], alt or "", sitepath=self.sitepath,
                                   sizes=self.image_sizes, eager=eager)

    def thumbnail(self, path: str) -> Markup:
        """A news card's small picture: the smallest renditions, loaded lazily;
        the card's title says what it is about (alt="")."""
        return images.picture_html(self.pictures[path], "", sitepath=self.sitepath,
                                   sizes=THUMBNAIL_SIZES, eager=False)

    def thumbnail_url(self, path: str) -> str:
        """The smallest JPEG or PNG rendition, for search results."""
        return f"{self.sitepath}/{images.nearest(self.pictures[path], 0)[0]}"

    def body(self, html: str, locale, eager_first: bool = True,
             lead: str | None = None) -> Markup:
        """Rendered HTML with its pictures as <picture> elements and links to
        other items' files as links to their pages in this locale; a body
        that starts with the item's main picture (`lead`, shown above it)
        loses that first paragraph."""
        if lead:
            html = images.without_lead(html, lead)
        if ".md" in html:
            html = _SOURCE_LINK.sub(lambda m: self._item_link(m, locale), html)
        if self.renamed:
            html = _FILE_LINK.sub(lambda m: m.group(1) + self.renamed.get(m.group(2),
                                                                          m.group(2)), html)
        if self.sitepath and 'href="/' in html:
            # links are written from the site root; a site in a sub-folder
            # (SITEURL https://example.org/vijesti) needs its path before them
            html = _ROOT_LINK.sub(lambda m: f'href="{self.sitepath}/', html)
        return Markup(images.rewrite(html, self.pictures, sitepath=self.sitepath,
                                     sizes=self.image_sizes, eager_first=eager_first))

    def _item_link(self, match, locale) -> str:
        """href of the page of the item whose file a link names: in the page's
        locale where it has one, else in its fallbacks' (as its lists show
        items), else in the file's own locale."""
        route = self.source_routes.get(match.group(2))
        pages = self.routes.get(route, {}) if route else {}
        own = self.locales.by_suffix(match.group(2)[:-3].rpartition(".")[2])
        wanted = [locale.tag, *locale.fallbacks, own.tag if own else None]
        url = next((pages[tag] for tag in wanted if tag in pages),
                   next(iter(pages.values()), None))
        if url is None:   # checked by the reader; kept as written otherwise
            return match.group(0)
        return f'{match.group(1)}/{url}{match.group(3) or ""}"'
