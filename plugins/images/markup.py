"""<picture> markup for published pictures: modern formats first, every
width in srcset, width and height so nothing shifts while loading, lazy
loading for all but the first large picture."""

from __future__ import annotations

import re
from html import escape, unescape

from markupsafe import Markup

from .pipeline import Picture

_IMG = re.compile(r"<img\b[^>]*>", re.I)
# A picture alone in its paragraph, as Markdown writes `![alt](src "title")`.
_ALONE = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>", re.I)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
# The browser's choice among formats, best first; the <img> carries the fallback.
ORDER = ("image/avif", "image/webp", "image/jpeg", "image/png")
# Above this width a picture is "large": the first one on a page loads at once.
LARGE = 400


def nearest(picture: Picture, width: int = 800) -> tuple[str, int]:
    """(site path, width) of the JPEG or PNG nearest `width`: what a browser
    without srcset, or a feed reader, gets (the size of a phone's screen)."""
    return min(picture.sources[picture.fallback], key=lambda pair: abs(pair[1] - width))


def plain_img(picture: Picture, alt: str, url_of) -> str:
    """One <img> of a published rendition, for feeds; `url_of(site path)`
    makes its address absolute."""
    src, width = nearest(picture)
    height = round(picture.height * width / picture.width)
    return (f'<img src="{escape(url_of(src))}" alt="{escape(alt)}" width="{width}" '
            f'height="{height}">')


def feed_html(html: str, pictures: dict, url_of, lead: str | None = None,
              lead_alt: str = "") -> str:
    """An item's text for its Atom entry: its main picture first (`lead`),
    and every picture an <img> of a published rendition, at an absolute
    address (the originals are not published)."""
    if lead and lead in pictures:
        html = f"<p>{plain_img(pictures[lead], lead_alt, url_of)}</p>\n" + \
            without_lead(html, lead)
    if "<img" not in html:
        return html

    def replace(match) -> str:
        attributes = attributes_of(match.group(0))
        src = attributes.get("src", "")
        picture = pictures.get(src.lstrip("/")) if src.startswith("/") else None
        if picture is None:
            return match.group(0)
        return plain_img(picture, attributes.get("alt", ""), url_of)
    return _IMG.sub(replace, figures(html))


def picture_html(picture: Picture, alt: str, *, sitepath: str, sizes: str, eager: bool,
                 attrs: str = "") -> Markup:
    def srcset(mime: str) -> str:
        return ", ".join(f"{sitepath}/{url} {width}w" for url, width in picture.sources[mime])
    src = nearest(picture)[0]
    sources = "".join(f'<source type="{mime}" srcset="{srcset(mime)}" sizes="{sizes}">'
                      for mime in ORDER if mime in picture.sources
                      and mime != picture.fallback)
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return Markup(
        f'<picture>{sources}<img src="{sitepath}/{src}" srcset="{srcset(picture.fallback)}" '
        f'sizes="{sizes}" width="{picture.width}" height="{picture.height}" '
        f'alt="{escape(alt)}" {loading} decoding="async"{attrs}></picture>')


def attributes_of(tag: str) -> dict:
    """{name: value} of an <img> tag as the renderer wrote it."""
    return {name.lower(): unescape(value.strip("\"'")) if value else ""
            for name, value in _ATTR.findall(tag[4:])}


def without_lead(html: str, lead: str) -> str:
    """The body without its first paragraph when that is only the picture
    `lead` (a content path), which the page already shows above the text."""
    match = _ALONE.match(html.lstrip())
    if match and attributes_of(match.group(1)).get("src") == f"/{lead}":
        return html.lstrip()[match.end():].lstrip("\n")
    return html


def figures(html: str) -> str:
    """A picture alone in its paragraph with a title (`![alt](src "title")`)
    becomes a <figure> with the title as its <figcaption>. Made here, after
    the sanitiser: content itself cannot write these elements."""
    def replace(match) -> str:
        title = attributes_of(match.group(1)).get("title")
        if not title:
            return match.group(0)
        img = re.sub(r"""\stitle\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""", "", match.group(1),
                     count=1, flags=re.I)
        return f"<figure>{img}<figcaption>{escape(title, quote=False)}</figcaption></figure>"
    return _ALONE.sub(replace, html) if "title=" in html else html


def rewrite(html: str, pictures: dict, *, sitepath: str, sizes: str,
            eager_first: bool) -> str:
    """Every published picture's <img> in a rendered body becomes a
    <picture>, with its caption where it has a title; the first large one
    loads eagerly when `eager_first`."""
    if "<img" not in html:
        return html
    html = figures(html)
    eager = [eager_first]

    def replace(match) -> str:
        attributes = attributes_of(match.group(0))
        src = attributes.pop("src", "")
        picture = pictures.get(src.lstrip("/")) if src.startswith("/") else None
        if picture is None:
            return match.group(0)
        alt = attributes.pop("alt", "")
        for name in ("width", "height", "srcset", "sizes", "loading", "fetchpriority",
                     "decoding", "/"):
            attributes.pop(name, None)
        attrs = "".join(f' {name}="{escape(value)}"' for name, value in attributes.items())
        first = eager[0] and picture.width >= LARGE
        if first:
            eager[0] = False
        return picture_html(picture, alt, sitepath=sitepath, sizes=sizes, eager=first,
                            attrs=attrs)
    return _IMG.sub(replace, html)
