"""Build the basic fixture and the shipped seed site; assert on produced files."""

from __future__ import annotations


import re

import pytest
from lxml import etree

from tests.conftest import build_site, copy_fixture, html, write

LOCALES = ["sr-cyrl", "sr-latn", "bs", "vi"]
ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_locale_has_every_page_kind(basic_site):
    for prefix, news, projects, topics in [("sr-cyrl", "vesti", "projekti", "teme"),
                                           ("sr-latn", "vesti", "projekti", "teme"),
                                           ("bs", "vijesti", "projekti", "teme"),
                                           ("vi", "tin-tuc", "du-an", "chu-de")]:
        for page in ["", f"{news}/", f"{projects}/", f"{projects}/alpha/",
                     f"{topics}/", f"{topics}/lgbti/"]:
            path = basic_site / prefix / page / "index.html"
            assert path.is_file(), path
            assert html(path).html["lang"].lower() == prefix
        assert (basic_site / prefix / news / "atom.xml").is_file()
    for name in ["index.html", "404.html", "sitemap.xml", "robots.txt", "_headers"]:
        assert (basic_site / name).is_file(), name
    # the stylesheet carries a hash of its content in its name
    [css] = (basic_site / "theme/css").glob("site.*.css")
    assert len(css.name.split(".")) == 3
    assert html(basic_site / "bs/index.html").select_one('link[rel="stylesheet"]')["href"] == \
        "/" + str(css.relative_to(basic_site))


def test_item_pages_per_locale_share_the_slug(basic_site):
    for prefix, news in [("sr-cyrl", "vesti"), ("bs", "vijesti"), ("vi", "tin-tuc"),
                         ("sr-latn", "vesti")]:
        page = html(basic_site / prefix / news / "conference" / "index.html")
        assert page.h1.get_text()
    assert html(basic_site / "bs/vijesti/conference/index.html").h1.get_text() == \
        "Završna konferencija"
    # translation_key links files whose names differ; slug from the first locale
    assert (basic_site / "bs/vijesti/other-name/index.html").is_file()
    assert (basic_site / "vi/tin-tuc/other-name/index.html").is_file()


def test_language_neutral_fields_are_shared(basic_site):
    # date, project and topics are written only in the sr-Cyrl file
    page = html(basic_site / "vi/tin-tuc/conference/index.html")
    assert page.find("time")["datetime"].startswith("2024-02-10")
    assert page.find("time").get_text() == "10 tháng 2, 2024"
    links = [a["href"] for a in page.select(".news-item-footer a")]
    assert "/vi/du-an/alpha/" in links and "/vi/chu-de/lgbti/" in links


def test_localized_dates(basic_site):
    expected = {"sr-cyrl/vesti": "10. фебруар 2024.", "sr-latn/vesti": "10. februar 2024.",
                "bs/vijesti": "10. februar 2024.", "vi/tin-tuc": "10 tháng 2, 2024"}
    for path, text in expected.items():
        page = html(basic_site / path / "conference/index.html")
        assert page.find("time").get_text() == text


def test_serbian_latin_is_derived_and_cyrillic_from_latin(basic_site):
    latn = html(basic_site / "sr-latn/vesti/conference/index.html")
    assert latn.h1.get_text() == "Završna konferencija „Ljubav“"
    body = latn.select_one(".news-item-body")
    assert "LJUBAV" in body.get_text()
    assert body.find("code").get_text() == "код"  # code is never transliterated
    assert latn.select_one(".notice-generated") is not None
    cyrl = html(basic_site / "sr-cyrl/vesti/latin-only/index.html")
    assert cyrl.h1.get_text() == "Његош и конјугација"
    assert "GIZ" in cyrl.select_one(".news-item-body").get_text()


def test_drafts_shown_in_development_with_badge(basic_site):
    page = html(basic_site / "bs/vijesti/draft-note/index.html")
    assert page.select_one(".badge-draft") is not None


@pytest.mark.slow
def test_drafts_absent_from_production(tmp_path):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    result = build_site(content, out, production=True)
    assert not any("draft-note" in f for f in result.files)
    assert "draft-note" not in (out / "sitemap.xml").read_text()
    assert "draft-note" not in (out / "bs/vijesti/atom.xml").read_text()


def test_pagination(basic_site):
    # bs has 4 published items (3 own + the derived-free translation) at 2 per page
    first = html(basic_site / "bs/vijesti/index.html")
    assert len(first.select(".news-card")) == 2
    second = html(basic_site / "bs/vijesti/stranica/2/index.html")
    assert second.select_one('a[rel="prev"]')["href"] == "/bs/vijesti/"
    assert first.select_one('a[rel="next"]')["href"] == "/bs/vijesti/stranica/2/"


def test_year_archives(basic_site):
    page = html(basic_site / "bs/vijesti/2025/index.html")
    titles = [h.get_text() for h in page.select(".news-card-title")]
    assert "Okrugli sto u Sarajevu" in titles
    assert "Završna konferencija" not in titles


def test_language_switcher_stays_on_the_same_page(basic_site):
    page = html(basic_site / "bs/vijesti/conference/index.html")
    links = {a["hreflang"]: a for a in page.select(".lang-switch a")}
    assert links["sr-Cyrl"]["href"] == "/sr-cyrl/vesti/conference/"
    assert links["vi"]["href"] == "/vi/tin-tuc/conference/"
    assert links["bs"]["aria-current"] == "page"
    # an item with no Vietnamese text links the Vietnamese home, marked as such
    page = html(basic_site / "bs/vijesti/round-table/index.html")
    vi = page.select_one('.lang-switch a[hreflang="vi"]')
    assert vi["href"] == "/vi/" and "lang-switch-home" in vi["class"]
    alternates = {l["hreflang"] for l in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"bs", "x-default"}


def test_project_page_record_and_news(basic_site):
    page = html(basic_site / "sr-cyrl/projekti/alpha/index.html")
    assert page.h1.get_text() == "Пројекат Алфа"
    record = page.select_one(".project-record").get_text(" ", strip=True)
    assert "фебруар 2017. – фебруар 2018." in record
    assert "Завршен" in record and "Европска унија" in record
    assert "пробни" in page.select_one(".project-description").get_text()
    assert [a.get_text() for a in page.select(".news-card-title a")] == \
        ["Завршна конференција „Љубав“"]
    # a name written only in bs shows in bs, marked with its language
    beta = html(basic_site / "vi/du-an/beta/index.html").h1
    assert beta.find("span")["lang"] == "bs"


def test_plural_counts(basic_site):
    page = html(basic_site / "sr-cyrl/teme/index.html")
    text = page.select_one(".topic-list").get_text(" ", strip=True)
    # sr-Cyrl shows the conference and the item derived from sr-Latn
    assert "ЛГБТИ (1 вест)" in text and "Заштита деце (2 вести)" in text
    page = html(basic_site / "sr-cyrl/projekti/index.html")
    assert "1 вест" in page.get_text()


def test_contact_page_lists_every_field(basic_site):
    page = html(basic_site / "sr-cyrl/kontakt/index.html")
    card = page.select_one(".contact-card")
    assert card.h3.get_text() == "Завод"
    assert card.select_one('a[href="tel:+38121000000"]').get_text() == "+381 21 000 000"
    assert card.select_one('a[href="mailto:info@example.org"]')
    assert card.select_one('a[href^="https://www.openstreetmap.org/"]')
    text = card.get_text(" ", strip=True)
    for label in ["Адреса", "Телефон", "Е-пошта", "Радно време", "Особа за контакт"]:
        assert label in text
    assert "Ана Анић" in text and "Улица 1" in text
    # a locale without its own page text (bs) has no contact page; vi has one
    assert (basic_site / "vi/lien-he/index.html").is_file()


def test_feeds_are_atom_with_language(basic_site):
    tree = etree.parse(str(basic_site / "vi/tin-tuc/atom.xml"))
    root = tree.getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    assert root.find(f"{ATOM}id").text and root.find(f"{ATOM}updated").text
    assert root.find(f'{ATOM}link[@rel="self"]') is not None
    entries = root.findall(f"{ATOM}entry")
    assert {e.find(f"{ATOM}title").text for e in entries} == \
        {"Hội nghị tổng kết", "Tập huấn tại Cần Thơ"}
    for entry in entries:
        for name in ["id", "title", "updated", "published", "summary"]:
            assert entry.find(f"{ATOM}{name}") is not None, name


def test_sitemap_alternates_are_reciprocal(basic_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    root = etree.parse(str(basic_site / "sitemap.xml")).getroot()
    groups = {}
    for url in root.findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        groups[loc] = {l.get("href") for l in url.findall("x:link", ns)}
    assert any(loc.endswith("/bs/vijesti/conference/") for loc in groups)
    for loc, alternates in groups.items():
        if alternates:
            assert loc in alternates
            for other in alternates:
                assert groups[other] == alternates


def test_images_are_copied_and_linked(basic_site):
    page = html(basic_site / "sr-cyrl/vesti/conference/index.html")
    img = page.select_one(".news-item-body img")
    assert img["src"] == "/images/hall-8.jpg" and img["alt"] == "Учесници конференције"
    assert (basic_site / "images/hall-8.jpg").is_file()
    assert img.find_parent("picture") is not None
    latn = html(basic_site / "sr-latn/vesti/conference/index.html")
    assert latn.select_one(".news-item-body img")["alt"] == "Učesnici konferencije"


def test_source_files_are_not_published(basic_site):
    assert not list(basic_site.rglob("*.md")) and not list(basic_site.rglob("*.yml"))


def test_chooser_links_every_locale(basic_site):
    page = html(basic_site / "index.html")
    hrefs = [a["href"] for a in page.select(".chooser-list a")]
    assert hrefs == ["/sr-cyrl/", "/sr-latn/", "/bs/", "/vi/"]
    assert page.select_one('link[hreflang="x-default"]')


# --- the shipped seed site ------------------------------------------------------

SEED_ITEMS = ["duga-final-conference", "focus-groups-csr-cpsu",
              "supervision-round-table-stara-pazova", "supervision-round-table-sombor",
              "agenda-2030-conference-novi-sad",
              "local-self-government-social-protection-seminars",
              "bijeljina-giz-project-results"]


def test_seed_site_serbian_in_both_scripts(seed_site):
    for slug in SEED_ITEMS:
        for prefix in ("sr-cyrl", "sr-latn"):
            page = html(seed_site / prefix / "vesti" / slug / "index.html")
            assert page.h1.get_text().strip()
    assert html(seed_site / "sr-latn/vesti/duga-final-conference/index.html").h1 \
        .get_text().startswith("Završna konferencija projekta")
    assert html(seed_site / "sr-cyrl/vesti/bijeljina-giz-project-results/index.html").h1 \
        .get_text() == "Јачање социјалних услуга социјално угроженим особама"


def test_seed_site_other_languages(seed_site):
    bs = html(seed_site / "bs/vijesti/lgbti-round-table-sarajevo/index.html")
    assert "28. mart 2022." == bs.find("time").get_text()
    vi = html(seed_site / "vi/tin-tuc/can-tho-lgbt-safe-services-training/index.html")
    assert vi.find("time").get_text() == "30 tháng 9, 2020"
    assert "Thanh Vũ" in vi.select_one(".news-item-author").get_text()


def test_seed_site_contact_pages(seed_site):
    for path in ["sr-cyrl/kontakt", "sr-latn/kontakt", "bs/kontakt", "vi/lien-he"]:
        page = html(seed_site / path / "index.html")
        assert len(page.select(".contact-card")) >= 4
    bs = html(seed_site / "bs/kontakt/index.html")
    assert bs.select_one('a[href="tel:+38733551000"]')


def test_writer_refuses_paths_outside_the_output(tmp_path):
    from plugins.newsroom.writer import SafeWriter, UnsafePath
    out = tmp_path / "output"
    writer = SafeWriter(out)
    writer.write("bs/vijesti/x/index.html", "ok")
    for bad in ["../output-evil/x/index.html", "../../etc/x", "/tmp/x.html",
                "bs/../../output2/index.html"]:
        with pytest.raises(UnsafePath):
            writer.write(bad, "no")
    assert not (tmp_path / "output-evil").exists()


def test_keep_markers_protect_text_and_disappear_from_both_scripts(basic_site):
    cyrl = html(basic_site / "sr-cyrl/vesti/conference/index.html").get_text()
    latn = html(basic_site / "sr-latn/vesti/conference/index.html").get_text()
    assert "Скуп је отворио Marko Marković из Бијељине." in cyrl
    assert "Skup je otvorio Marko Marković iz Bijeljine." in latn
    assert "-{" not in cyrl + latn and "}-" not in cyrl + latn


@pytest.mark.slow
def test_keep_words_written_in_cyrillic_are_cyrillic_on_derived_pages(tmp_path):
    """topics.yml writes ЛГБТИ in Cyrillic: a Latin item's LGBTI is ЛГБТИ on
    its Cyrillic page, while GIZ, which no Cyrillic text spells, stays Latin."""
    content = copy_fixture("basic", tmp_path)
    item = content / "news/2024/latin-only.sr-latn.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nLGBTI osobe i SoRi.\n",
                    encoding="utf-8")
    build_site(content, tmp_path / "out")
    text = html(tmp_path / "out/sr-cyrl/vesti/latin-only/index.html").select_one(
        ".news-item-body").get_text()
    assert "Радне групе GIZ и UNICEF" in text
    assert "ЛГБТИ особе и SoRi." in text


def test_both_scripts_have_the_same_links_and_addresses(basic_site):
    pages = [html(basic_site / f"{p}/vesti/conference/index.html").select_one(".news-item-body")
             for p in ("sr-cyrl", "sr-latn")]
    links = [[(a["href"], a.get_text()) for a in body.select("a")] for body in pages]
    assert links[0] == links[1]
    assert ("mailto:контакт@пример.срб", "контакт@пример.срб") in links[0]
    latn = pages[1].get_text()
    assert "Pišite na контакт@пример.срб\nili na контакт@пример.срб." in latn
    # accents come out precomposed (NFC): sè, rȕka, glȃva, vídā
    assert "svemu, s\u00e8 do kraja: r\u0215ka, gl\u0203va i v\u00edd\u0101." in latn


@pytest.mark.parametrize("fragment,expected", [
    ('<p title="Љубав">Љубав</p>', '<p title="Ljubav">Ljubav</p>'),
    ("<p title='Љубав'>Љубав</p>", "<p title='Ljubav'>Ljubav</p>"),
    ('<img alt="Сала" src="/сала.jpg">', '<img alt="Sala" src="/сала.jpg">'),
    ('<span lang=en>Ђак</span> ђак', '<span lang=en>Ђак</span> đak'),
    ("<span lang='ru'>Ђак</span>", "<span lang='ru'>Ђак</span>"),
    ('<span lang="sr-Cyrl">Ђак</span>', '<span lang="sr-Latn">Đak</span>'),
    ('<span lang="sr">Ђак</span>', '<span lang="sr">Đak</span>'),
    ("<span translate=no>Ђак</span>", "<span translate=no>Ђак</span>"),
    ('<a href="/ђак/">Ђак</a>', '<a href="/ђак/">Đak</a>'),
    ("<pre><code>Ђак</code></pre>Ђак", "<pre><code>Ђак</code></pre>Đak"),
    ('<abbr title="a > б">Б</abbr> < В', '<abbr title="a > b">B</abbr> < V'),
    ("<!-- Ђак --><p>Ђак</p>", "<!-- Ђак --><p>Đak</p>"),
    ("a &lt; б &amp; в", "a &lt; b &amp; v"),
])
def test_derived_html_changes_text_and_human_attributes_only(fragment, expected):
    from plugins.translit.derive import converter
    assert converter("sr-Cyrl", "sr-Latn").html(fragment) == expected


@pytest.mark.slow
def test_production_links_are_root_relative_and_urls_absolute(tmp_path):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True, SITEURL="https://example.org/vijesti")
    page = html(out / "bs/vijesti/conference/index.html")
    assert re.fullmatch(r"/vijesti/theme/css/site\.[0-9a-f]{10}\.css",
                        page.select_one('link[rel="stylesheet"]')["href"])
    assert page.select_one(".site-nav a")["href"] == "/vijesti/bs/vijesti/"
    assert page.select_one('link[rel="canonical"]')["href"] == \
        "https://example.org/vijesti/bs/vijesti/conference/"
    assert "https://example.org/vijesti/sitemap.xml" in (out / "robots.txt").read_text()


def test_item_pages_link_related_news_and_neighbours(seed_site):
    page = html(seed_site / "sr-cyrl/vesti/supervision-round-table-sombor/index.html")
    related = [a["href"] for a in page.select(".related-news li a")]
    assert related and related[0] == "/sr-cyrl/vesti/supervision-round-table-stara-pazova/"
    assert "/sr-cyrl/vesti/supervision-round-table-sombor/" not in related
    assert 1 <= len(related) <= 5
    assert page.select_one('nav a[rel="prev"]')["href"] == \
        "/sr-cyrl/vesti/supervision-round-table-stara-pazova/"
    # two items share 2019-09-30; the order is by date, then slug
    assert page.select_one('nav a[rel="next"]')["href"] == \
        "/sr-cyrl/vesti/local-self-government-social-protection-seminars/"
    # the oldest item in a locale has no older neighbour
    oldest = html(seed_site / "bs/vijesti/lgbti-round-table-sarajevo/index.html")
    assert oldest.select_one('nav a[rel="next"]') is None


def _json_ld(page) -> list:
    import json
    return [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]


def test_open_graph_and_news_article_data(basic_site):
    page = html(basic_site / "bs/vijesti/conference/index.html")
    og = {m["property"]: m["content"] for m in page.select("meta[property]")
          if m["property"] != "og:locale:alternate"}
    alternates = {m["content"] for m in page.select('meta[property="og:locale:alternate"]')}
    assert og["og:type"] == "article" and og["og:locale"] == "bs_BA"
    assert og["og:url"] == "http://127.0.0.1:8000/bs/vijesti/conference/"
    assert og["og:title"] == "Završna konferencija"
    assert alternates == {"sr_RS", "vi_VN"}
    # the item's own picture, as the 1200x630 card
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert og["og:image"].endswith("/news/2024/conference-hall-og.jpg")
    assert og["og:image:alt"] == "Puna sala ispred platna s naslovom skupa"
    article, crumbs = _json_ld(page)
    assert article["@type"] == "NewsArticle" and article["headline"] == "Završna konferencija"
    assert article["datePublished"] == "2024-02-10T00:00:00+01:00"
    assert article["inLanguage"] == "bs" and article["publisher"]["name"] == "Zavod"
    assert [i["name"] for i in crumbs["itemListElement"]][1:] == ["Vijesti",
                                                                  "Završna konferencija"]


def test_contact_page_has_organisation_data(basic_site):
    blocks = _json_ld(html(basic_site / "vi/lien-he/index.html"))
    orgs = [b for b in blocks if b["@type"] == "Organization"]
    assert [o["name"] for o in orgs] == ["Viện", "Trung tâm"]
    assert orgs[0]["telephone"] == "+381 21 000 000"
    assert orgs[0]["address"]["addressLocality"] == "Novi Sad"


@pytest.mark.slow
def test_front_matter_is_text_everywhere(tmp_path):
    content = copy_fixture("basic", tmp_path)
    evil = 'Naslov </script><script>alert(1)</script> & "navodnici"'
    (content / "news/2025/evil.bs.md").write_text(
        f"---\ntitle: '{evil}'\ndate: 2025-06-01\nsummary: '<b>bold</b>'\n---\nTekst.\n",
        encoding="utf-8")
    out = tmp_path / "out"
    build_site(content, out)
    raw = (out / "bs/vijesti/evil/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw and "<b>bold</b>" not in raw
    page = html(out / "bs/vijesti/evil/index.html")
    assert page.h1.get_text() == evil
    assert _json_ld(page)[0]["headline"] == evil
    assert page.select_one('meta[property="og:title"]')["content"] == evil
    feed = (out / "bs/vijesti/atom.xml").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in feed


@pytest.mark.slow
def test_heading_anchors_are_folded_by_the_items_language(content, tmp_path):
    write(content, "news/2017/x.vi.md", "---\ntitle: Tin\ndate: 2017-02-10\n---\n"
          "## Đà Nẵng\n\nVăn bản.\n")
    write(content, "news/2017/y.sr-latn.md", "---\ntitle: Vest\ndate: 2017-02-10\n---\n"
          "## Đorđe\n\nTekst.\n")
    out = tmp_path / "out"
    build_site(content, out)
    assert html(out / "vi/tin-tuc/x/index.html").select_one("h2#da-nang")
    assert html(out / "sr-latn/vesti/y/index.html").select_one("h2#djordje")
