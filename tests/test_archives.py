"""Projects, topics, contact and the ways between them, in every locale of
the seed site and the fixture: records, paging, feeds, breadcrumbs and
structured data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import html

LOCALES = {"sr-Cyrl": "sr-cyrl", "sr-Latn": "sr-latn", "bs": "bs", "vi": "vi"}
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def file_of(site: Path, url: str) -> Path:
    path = site / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def json_ld(page) -> list:
    return [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]


def list_pages(site: Path, first_url: str) -> list:
    """Every page of a paginated list, following its rel=next links."""
    pages, url = [], first_url
    while url:
        page = html(file_of(site, url))
        pages.append(page)
        nxt = page.select_one('.pagination a[rel="next"]')
        url = nxt["href"] if nxt else None
    return pages


def listed_urls(site: Path, first_url: str) -> list:
    return [a["href"] for page in list_pages(site, first_url)
            for a in page.select(".news-card-title a")]


def item_pages(site: Path, prefix: str) -> list:
    news = next(p for p in (site / prefix).iterdir()
                if p.is_dir() and (p / "atom.xml").exists() and p.name not in
                {"projekti", "teme", "du-an", "chu-de"})
    return sorted(p / "index.html" for p in news.iterdir()
                  if p.is_dir() and not p.name.isdigit()
                  and p.name not in {"strana", "stranica", "trang"})


@pytest.mark.slow
@pytest.mark.parametrize("tag,prefix", LOCALES.items())
def test_from_every_item_to_its_project_topics_and_contact_and_back(seed_site, tag, prefix):
    items = item_pages(seed_site, prefix)
    assert items, f"no news items in {tag}"
    for path in items:
        page = html(path)
        me = "/" + str(path.parent.relative_to(seed_site)) + "/"
        footer = page.select_one(".news-item-footer")
        links = [a["href"] for a in footer.select("a")]
        project = [h for h in links if "/projekti/" in h or "/du-an/" in h]
        topics = [h for h in links if "/teme/" in h or "/chu-de/" in h]
        assert project or topics, path
        for url in project + topics:
            target = file_of(seed_site, url)
            assert target.is_file(), (path, url)
            assert html(target).html["lang"] == tag
            # the project's or topic's news list shows the item
            assert me in listed_urls(seed_site, url), (me, url)
        contact = page.select_one('.site-nav a[href$="/kontakt/"], .site-nav a[href$="/lien-he/"]')
        assert contact and file_of(seed_site, contact["href"]).is_file(), path
        # and back: breadcrumbs lead to the news list and the home page
        crumbs = [a["href"] for a in page.select(".breadcrumbs a")]
        assert crumbs[0] == f"/{prefix}/" and len(crumbs) == 2
        assert me in listed_urls(seed_site, crumbs[1])


@pytest.mark.slow
@pytest.mark.parametrize("tag,prefix", LOCALES.items())
def test_project_pages_show_the_record_in_every_locale(seed_site, tag, prefix):
    word = "du-an" if tag == "vi" else "projekti"
    listing = html(seed_site / prefix / word / "index.html")
    cards = listing.select(".project-list > li")
    assert len(cards) == 7
    statuses = [c.select_one(".project-status").get_text(strip=True) for c in cards]
    # current projects first
    ongoing = {"sr-Cyrl": "У току", "sr-Latn": "U toku", "bs": "U toku", "vi": "Đang thực hiện"}
    first_done = next((i for i, s in enumerate(statuses) if s != ongoing[tag]), len(statuses))
    assert all(s != ongoing[tag] for s in statuses[first_done:]), statuses
    giz = html(seed_site / prefix / word / "giz-better-support" / "index.html")
    record = giz.select_one(".project-record").get_text(" ", strip=True)
    period = {"sr-Cyrl": "фебруар 2017. – фебруар 2018.",
              "sr-Latn": "februar 2017. – februar 2018.",
              "bs": "februar 2017. – februar 2018.",
              "vi": "tháng 2 năm 2017 – tháng 2 năm 2018"}[tag]
    assert period in record, record
    feed = giz.select_one('link[type="application/atom+xml"]')["href"]
    assert file_of(seed_site, feed).is_file()


@pytest.mark.parametrize("tag,prefix", LOCALES.items())
def test_topic_pages_in_every_locale(seed_site, tag, prefix):
    word = "chu-de" if tag == "vi" else "teme"
    listing = html(seed_site / prefix / word / "index.html")
    links = listing.select(".topic-list a")
    assert len(links) == 8
    labels = {"sr-Cyrl": "Супервизија", "sr-Latn": "Supervizija", "bs": "Supervizija",
              "vi": "Giám sát chuyên môn"}
    supervision = html(seed_site / prefix / word / "supervision" / "index.html")
    assert supervision.h1.get_text(strip=True) == labels[tag]
    for a in links:
        assert file_of(seed_site, a["href"]).is_file(), a["href"]


@pytest.mark.slow
def test_pages_of_a_project_and_a_topic(tmp_path):
    from tests.conftest import build_site, copy_fixture
    out = tmp_path / "out"
    build_site(copy_fixture("basic", tmp_path), out, NEWS_PER_PAGE=1)
    first = listed_urls(out, "/sr-cyrl/teme/child-protection/")
    assert len(first) == 2 and len(set(first)) == 2
    page2 = html(out / "sr-cyrl/teme/child-protection/strana/2/index.html")
    assert page2.select_one('.pagination a[rel="prev"]')["href"] == \
        "/sr-cyrl/teme/child-protection/"
    # page 2's breadcrumb leads back to the topic's first page
    assert page2.select(".breadcrumbs a")[-1]["href"] == "/sr-cyrl/teme/child-protection/"


@pytest.mark.slow
def test_every_feed_is_complete_atom(seed_site, basic_site):
    for site in (seed_site, basic_site):
        feeds = sorted(site.rglob("atom.xml"))
        assert len(feeds) >= 20, site  # per locale: news, each project and topic
        for path in feeds:
            root = etree.parse(str(path)).getroot()
            assert root.tag == f"{ATOM}feed", path
            assert root.get(XML_LANG) in LOCALES, path
            for name in ("id", "title", "updated"):
                assert (root.find(f"{ATOM}{name}").text or "").strip(), (path, name)
            self_link = root.find(f'{ATOM}link[@rel="self"]').get("href")
            assert self_link.endswith("/" + str(path.relative_to(site))), path
            assert root.find(f'{ATOM}link[@rel="alternate"]') is not None, path
            entries = root.findall(f"{ATOM}entry")
            assert len(entries) <= 20, path
            for entry in entries:
                for name in ("id", "title", "updated", "published", "summary"):
                    assert (entry.find(f"{ATOM}{name}").text or "").strip(), (path, name)
                link = entry.find(f'{ATOM}link[@rel="alternate"]').get("href")
                assert link.startswith("http"), (path, link)


@pytest.mark.slow
def test_breadcrumbs_visible_and_structured_on_every_page(basic_site):
    for path in sorted(basic_site.glob("*/**/index.html")):
        page = html(path)
        lang = page.html["lang"]
        visible = page.select(".breadcrumbs a")
        structured = [b for b in json_ld(page) if b["@type"] == "BreadcrumbList"]
        if path.parent.parent == basic_site:  # a home page has none
            assert not visible and not structured, path
            continue
        assert visible and len(structured) == 1, path
        steps = structured[0]["itemListElement"]
        assert [s["position"] for s in steps] == list(range(1, len(steps) + 1))
        me = "http://127.0.0.1:8000/" + str(path.parent.relative_to(basic_site)) + "/"
        # the visible trail is the way up; the structured one ends with the
        # page itself (on page 2 and later: the list's first page)
        ancestors = [s for s in steps if s["item"] != me]
        assert len(ancestors) >= len(steps) - 1
        assert [s["name"] for s in ancestors] == [a.get_text() for a in visible], path
        assert [s["item"] for s in ancestors] == \
            ["http://127.0.0.1:8000" + a["href"] for a in visible], path
        if steps[-1]["item"] == me:
            assert steps[-1]["name"] in page.h1.get_text(" ", strip=True), path
        assert visible[0]["href"] == f"/{LOCALES[lang]}/"
        for a in visible:
            assert file_of(basic_site, a["href"]).is_file(), (path, a["href"])


def test_news_article_data_on_every_seed_item(seed_site):
    for prefix in LOCALES.values():
        for path in item_pages(seed_site, prefix):
            page = html(path)
            article = next(b for b in json_ld(page) if b["@type"] == "NewsArticle")
            for field in ("headline", "datePublished", "dateModified", "inLanguage",
                          "author", "publisher"):
                assert article.get(field), (path, field)
            assert article["inLanguage"] == page.html["lang"]
            assert article["headline"] == page.h1.get_text()
            assert article["publisher"]["@type"] == "Organization"
            og = {m["property"]: m["content"] for m in page.select("meta[property]")
                  if m["property"] != "og:locale:alternate"}
            assert og["og:title"] == article["headline"] and og["og:type"] == "article"


def test_seed_contact_pages_list_every_organisation(seed_site):
    for prefix, word in [("sr-cyrl", "kontakt"), ("sr-latn", "kontakt"), ("bs", "kontakt"),
                         ("vi", "lien-he")]:
        page = html(seed_site / prefix / word / "index.html")
        cards = page.select(".contact-card")
        assert len(cards) == 4, prefix
        orgs = [b for b in json_ld(page) if b["@type"] == "Organization"]
        assert [o["name"] for o in orgs] == [c.h3.get_text() for c in cards]
        for card in cards:
            for a in card.select('a[href^="tel:"]'):
                assert a["href"][4:].lstrip("+").isdigit(), a["href"]
            assert not card.select("iframe")
