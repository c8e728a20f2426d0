"""Head metadata of a page: Open Graph, Twitter card and schema.org JSON-LD.

Plain dicts and lists computed in Python; the template prints them, with
Jinja's `tojson` for JSON-LD (it escapes `<`, `>` and `&` for a script block).
"""

from __future__ import annotations


def open_graph(view, *, title: str, description: str, url: str, site_name: str,
               alternates: list, image: str | None,
               image_alt: str | None = None) -> list[tuple[str, str]]:
    """The page's Open Graph (and Twitter card) meta tags, as (property, value)."""
    loc = view.locale
    tags = [("og:type", "article" if view.template == "item.html" else "website"),
            ("og:title", title), ("og:description", description), ("og:url", url),
            ("og:site_name", site_name), ("og:locale", loc.og_locale)]
    others = []
    for alt in alternates:
        code = alt["locale"].og_locale
        if code != loc.og_locale and code not in others:
            others.append(code)
    tags += [("og:locale:alternate", code) for code in others]
    if image:
        # the 1200x630 card made for every item's own picture
        tags += [("og:image", image), ("og:image:width", "1200"),
                 ("og:image:height", "630"), ("og:image:alt", image_alt or "")]
    tags.append(("twitter:card", "summary_large_image" if image else "summary"))
    return tags


def news_article(entry, *, url: str, publisher: str, image: str | None) -> dict:
    """The schema.org NewsArticle JSON-LD of a news item."""
    updated = entry.source.meta.get("updated") or entry.date
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": entry.title,
        "description": entry.summary,
        "datePublished": entry.date.isoformat(timespec="seconds"),
        "dateModified": updated.isoformat(timespec="seconds"),
        "inLanguage": entry.lang,
        "mainEntityOfPage": url,
        "author": ({"@type": "Person", "name": entry.author} if entry.author
                   else {"@type": "Organization", "name": publisher}),
        "publisher": {"@type": "Organization", "name": publisher},
    }
    if image:
        data["image"] = [image]
    return data


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """BreadcrumbList from (name, absolute URL) pairs, outermost first."""
    return {"@context": "https://schema.org", "@type": "BreadcrumbList",
            "itemListElement": [{"@type": "ListItem", "position": n, "name": name,
                                 "item": url} for n, (name, url) in enumerate(trail, 1)]}


def organisations(cards: list, *, url: str) -> list[dict]:
    """Organization JSON-LD for each contact card (the publisher first)."""
    out = []
    for card in cards:
        org = {"@context": "https://schema.org", "@type": "Organization",
               "name": str(card["name"])}
        if card["publisher"]:
            org["url"] = url
        if card["website"]:
            org["sameAs"] = [card["website"]]
        if card["phone"]:
            org["telephone"] = card["phone"][0]
        if card["email"]:
            org["email"] = card["email"][0]
        if card["address"] or card["city"]:
            org["address"] = {"@type": "PostalAddress",
                              **({"streetAddress": str(card["address"])} if card["address"] else {}),
                              **({"addressLocality": str(card["city"])} if card["city"] else {}),
                              **({"addressCountry": card["country"]} if card["country"] else {})}
        out.append(org)
    return out
