"""sitemap.xml with xhtml:link alternates, and robots.txt pointing at it."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr, escape


def sitemap(views, routes: dict, absolute) -> str:
    """sitemap.xml: every page, with its translations as xhtml:link alternates."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    linked = {}   # a route's alternates: the same lines under each of its pages
    for view in views:
        # the search pages have nothing of their own to find
        if view.locale is None or not view.url.endswith("/") or view.route == ("search",):
            continue
        lines.append(f"  <url><loc>{escape(absolute(view.url))}</loc>")
        alternates = routes.get(view.route, {})
        if len(alternates) > 1:
            if view.route not in linked:
                linked[view.route] = "\n".join(
                    f'    <xhtml:link rel="alternate" hreflang={quoteattr(tag)} '
                    f'href={quoteattr(absolute(url))}/>' for tag, url in alternates.items())
            lines.append(linked[view.route])
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(absolute) -> str:
    """robots.txt: everything allowed, and where the sitemap is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute('sitemap.xml')}\n"
