"""<picture> markup for published pictures: modern formats first, every
width in srcset, width and height so nothing shifts while loading, lazy
loading for all but the first large picture."""

from __future__ import annotations

import re
from html import escape, unescape

from markupsafe import Markup

from .pipeline import Picture

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
# The browser's choice among formats, best first; the <img> carries the fallback.
ORDER = ("image/avif", "image/webp", "image/jpeg", "image/png")
# Above this width a picture is "large": the first one on a page loads at once.
LARGE = 400


def picture_html(picture: Picture, alt: str, *, sitepath: str, sizes: str, eager: bool,
                 attrs: str = "") -> Markup:
    def srcset(mime: str) -> str:
        return ", ".join(f"{sitepath}/{url} {width}w" for url, width in picture.sources[mime])
    fallback = picture.sources[picture.fallback]
    # src for browsers without srcset: the size nearest a phone's screen
    src = min(fallback, key=lambda pair: abs(pair[1] - 800))[0]
    sources = "".join(f'<source type="{mime}" srcset="{srcset(mime)}" sizes="{sizes}">'
                      for mime in ORDER if mime in picture.sources
                      and mime != picture.fallback)
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return Markup(
        f'<picture>{sources}<img src="{sitepath}/{src}" srcset="{srcset(picture.fallback)}" '
        f'sizes="{sizes}" width="{picture.width}" height="{picture.height}" '
        f'alt="{escape(alt)}" {loading} decoding="async"{attrs}></picture>')


def rewrite(html: str, pictures: dict, *, sitepath: str, sizes: str,
            eager_first: bool) -> str:
    """Every published picture's <img> in a rendered body becomes a
    <picture>; the first large one loads eagerly when `eager_first`."""
    if "<img" not in html:
        return html
    eager = [eager_first]

    def replace(match) -> str:
        attributes = {name.lower(): unescape(value.strip("\"'")) if value else ""
                      for name, value in _ATTR.findall(match.group(0)[4:])}
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
