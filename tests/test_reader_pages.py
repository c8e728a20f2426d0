"""What readers see, round 2: the front page's lead story, pictures on news
cards, the item page's standfirst, captions and credits, the project record,
the 404 page and the chooser, pictures in feeds (tests/fixtures/basic and
the seed site, parsed)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from lxml import etree

from tests.conftest import build_site, html, write
from tests.test_images import ITEM, photo

ATOM = "{http://www.w3.org/2005/Atom}"
PREFIXES = {"sr-Cyrl": "sr-cyrl", "sr-Latn": "sr-latn", "bs": "bs", "vi": "vi"}
NEWS = {"sr-cyrl": "vesti", "sr-latn": "vesti", "bs": "vijesti", "vi": "tin-tuc"}
# the items of tests/fixtures/basic with a main picture, by their titles
PICTURED = {"Завршна конференција „Љубав“", "Završna konferencija „Ljubav“",
            "Završna konferencija", "Hội nghị tổng kết", "Trening u Can Thu",
            "Tập huấn tại Cần Thơ"}
PROJECTS = {"sr-Cyrl": "projekti", "sr-Latn": "projekti", "bs": "projekti", "vi": "du-an"}


def page_of(site, path: str):
    return html(site / path.strip("/") / "index.html")


def srcset_widths(value: str) -> list[int]:
    return [int(w) for w in re.findall(r"\s(\d+)w", value)]


# --- front page and lists ---------------------------------------------------

@pytest.mark.parametrize("prefix,title,picture", [
    ("vi", "Tập huấn tại Cần Thơ", True), ("bs", "Trening u Can Thu", True),
    ("sr-cyrl", "Његош и конјугација", False)])
def test_home_leads_with_the_newest_item(basic_site, prefix, title, picture):
    page = page_of(basic_site, prefix)
    lead = page.select_one("main .news-lead")
    assert lead.select_one(".news-lead-title").get_text() == title
    # the lead comes first, the next items follow as cards
    assert lead.find_previous(class_="news-card") is None
    assert page.select(".news-lead ~ .news-card")
    img = lead.select_one(".news-lead-image img")
    assert (img is not None) == picture
    if picture:
        # the first thing on the page to paint: loaded at once, its real alt
        assert img["fetchpriority"] == "high" and not img.get("loading")
        assert img["alt"] and img["width"] and img["height"] and img["srcset"]
    assert lead.select_one(".news-lead-summary").get_text().strip()


@pytest.mark.parametrize("prefix,line", [
    ("sr-cyrl", "Овај сајт објављује Завод."), ("sr-latn", "Ovaj sajt objavljuje Zavod."),
    ("bs", "Ovu stranicu objavljuje Zavod."), ("vi", "Trang này do Viện xuất bản.")])
def test_home_says_who_publishes_the_site(basic_site, prefix, line):
    publisher = page_of(basic_site, prefix).select_one(".home-publisher")
    assert publisher.get_text(" ", strip=True).startswith(line)


@pytest.mark.parametrize("path", [
    "sr-cyrl", "sr-cyrl/vesti", "sr-cyrl/vesti/2024", "sr-cyrl/projekti/alpha",
    "sr-cyrl/teme/lgbti", "bs/vijesti/2024", "vi", "vi/tin-tuc"])
def test_cards_show_a_small_lazy_picture_for_items_with_one(basic_site, path):
    cards = page_of(basic_site, path).select(".news-card")
    assert cards
    with_picture = 0
    for card in cards:
        thumb = card.select_one(".news-card-thumb img")
        title = card.select_one(".news-card-title").get_text()
        has_picture = title in PICTURED
        assert (thumb is not None) == has_picture == ("has-thumb" in card["class"]), title
        if thumb is None:
            continue
        with_picture += 1
        # below the fold: lazy; sized, so nothing moves when it arrives
        assert thumb["loading"] == "lazy" and not thumb.get("fetchpriority")
        assert int(thumb["width"]) > 0 and int(thumb["height"]) > 0
        # the title says what it is about; the smallest rendition is offered
        assert thumb["alt"] == ""
        assert min(srcset_widths(thumb["srcset"])) <= 320
        assert "6.5rem" in thumb["sizes"]
        for source in thumb.find_parent("picture").select("source"):
            assert min(srcset_widths(source["srcset"])) <= 320
            for url in re.findall(r"(\S+) \d+w", source["srcset"]):
                assert (basic_site / url.lstrip("/")).is_file()
    assert with_picture


def test_projects_without_news_do_not_read_as_a_failure(basic_site):
    cards = {c.h2.get_text(strip=True): c for c in
             page_of(basic_site, "vi/du-an").select(".project-card")}
    beta = cards["Projekat Beta"].get_text(" ", strip=True)
    assert "0 tin" not in beta and "tin" not in beta
    assert "1 tin" in cards["Dự án Alpha"].get_text(" ", strip=True)
    # the status is a tag
    assert cards["Projekat Beta"].select_one(".tag.tag-ongoing")


# --- item page --------------------------------------------------------------

def test_summary_written_by_staff_is_the_standfirst(basic_site):
    page = page_of(basic_site, "sr-cyrl/vesti/conference")
    standfirst = page.select_one(".news-item header .standfirst")
    assert standfirst.get_text() == "Кратак опис конференције."
    assert standfirst.find_previous_sibling("h1") is not None
    latin = page_of(basic_site, "sr-latn/vesti/conference").select_one(".standfirst")
    assert latin.get_text() == "Kratak opis konferencije."
    # no summary in the file: the first words would only repeat the text
    assert page_of(basic_site, "bs/vijesti/conference").select_one(".standfirst") is None


@pytest.mark.parametrize("prefix,caption,credit", [
    ("sr-cyrl", "Учесници завршне конференције у Новом Саду", "Фото: Zavod Novi Sad"),
    ("sr-latn", "Učesnici završne konferencije u Novom Sadu", "Foto: Zavod Novi Sad"),
    ("bs", "Učesnici završne konferencije u Novom Sadu", "Foto: Zavod Novi Sad"),
    ("vi", "Người tham dự hội nghị tổng kết tại Novi Sad", "Ảnh: Zavod Novi Sad")])
def test_main_picture_has_its_caption_and_credit(basic_site, prefix, caption, credit):
    page = page_of(basic_site, f"{prefix}/{NEWS[prefix]}/conference")
    figure = page.select_one(".news-item-image")
    assert figure.name == "figure" and figure.select_one("picture img")
    figcaption = figure.find("figcaption")
    assert figcaption.get_text(" ", strip=True).startswith(caption)
    assert figcaption.select_one(".credit").get_text() == credit


def test_a_picture_with_a_title_becomes_a_figure(basic_site):
    for prefix, caption in (("sr-cyrl", "Сала током отварања"),
                            ("sr-latn", "Sala tokom otvaranja")):
        body = page_of(basic_site, f"{prefix}/vesti/conference").select_one(".news-item-body")
        figure = body.find("figure")
        assert figure.find("figcaption").get_text() == caption
        img = figure.select_one("picture img")
        assert img["alt"] in ("Учесници конференције", "Učesnici konferencije")
        assert not img.get("title")   # said once, in the caption
        assert figure.parent.name != "p"


def test_content_cannot_smuggle_markup_into_a_caption(content, tmp_path):
    photo(content / "news/2017/p.jpg", size=(900, 600))
    write(content, "news/2017/x.bs.md", ITEM.format(
        front="image: p.jpg\nimage_alt: Sala\nimage_caption: <b>Sala</b> & <i>gosti</i>\n",
        body='![Govornici](p.jpg "<script>alert(1)</script>")'))
    out = tmp_path / "out"
    build_site(content, out)
    page = page_of(out, "bs/vijesti/x")
    assert page.select_one(".news-item-image figcaption").get_text().startswith(
        "<b>Sala</b> & <i>gosti</i>")
    assert not page.select("script:not([type])") and not page.select("figcaption b")
    assert page.select_one(".news-item-body figcaption").get_text() == \
        "<script>alert(1)</script>"


@pytest.mark.slow
def test_lead_picture_is_not_shown_twice_and_footer_only_when_filled(content, tmp_path):
    photo(content / "news/2017/p.jpg", size=(900, 600))
    photo(content / "news/2017/q.jpg", size=(900, 600))
    write(content, "news/2017/first.bs.md", "---\ntitle: A\ndate: 2017-03-01\nimage: p.jpg\n"
          "image_alt: Sala\n---\n![Sala](p.jpg)\n\nTekst.\n")
    write(content, "news/2017/later.bs.md", "---\ntitle: B\ndate: 2017-03-02\nimage: p.jpg\n"
          "image_alt: Sala\n---\nTekst.\n\n![Sala](p.jpg)\n\n![Drugo](q.jpg)\n")
    out = tmp_path / "out"
    build_site(content, out)
    first = page_of(out, "bs/vijesti/first")
    assert len(first.select("picture")) == 1
    assert first.select_one(".news-item-body").get_text(strip=True) == "Tekst."
    # the same picture further down is the author's choice: kept
    assert len(page_of(out, "bs/vijesti/later").select("picture")) == 3
    # no project, no topics: no footer and its rule
    assert first.select_one(".news-item-footer") is None
    ok = page_of(out, "sr-cyrl/vesti/ok")
    assert ok.select_one(".news-item-footer") is not None


# --- project record ---------------------------------------------------------

@pytest.mark.parametrize("tag,project,period,wrong", [
    ("sr-Cyrl", "duga", "до фебруара 2017.", "– фебруар 2017."),
    ("sr-Latn", "duga", "do februara 2017.", "– februar 2017."),
    ("bs", "duga", "do februara 2017.", "– februar 2017."),
    ("vi", "duga", "đến tháng 2 năm 2017", "– tháng 2 năm 2017"),
    ("sr-Cyrl", "can-tho-lgbt-children", "2020.", "2020. – 2020."),
    ("vi", "can-tho-lgbt-children", "2020", "2020 – 2020")])
def test_project_periods_read_well(seed_site, tag, project, period, wrong):
    page = page_of(seed_site, f"{PREFIXES[tag]}/{PROJECTS[tag]}/{project}")
    rows = {row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
            for row in page.select(".project-record-row")}
    assert period in rows.values() and not any(wrong in v for v in rows.values()), rows


@pytest.mark.parametrize("babel,one_side,start,end,expected", [
    ("sr_Cyrl", ("од %(date)s", "до %(date)s"), "2024", None, "од 2024."),
    ("sr_Cyrl", ("од %(date)s", "до %(date)s"), None, "2019-09", "до септембра 2019."),
    ("sr_Cyrl", ("од %(date)s", "до %(date)s"), "2018-05-03", None, "од 3. маја 2018."),
    ("bs", ("od %(date)s", "do %(date)s"), None, "2019-12", "do decembra 2019."),
    ("sr_Latn", ("od %(date)s", "do %(date)s"), "2019-08", None, "od avgusta 2019."),
    ("vi", ("từ %(date)s", "đến %(date)s"), "2019-03", None, "từ tháng 3 năm 2019"),
    ("sr_Cyrl", (), "2020-03", "2020-10", "март – октобар 2020."),
    ("sr_Cyrl", (), "2020-03", "2020-03", "март 2020."),
    ("bs", (), "2017", "2019", "2017. – 2019."),
])
def test_periods_with_one_side_unknown_or_one_year(babel, one_side, start, end, expected):
    from plugins.i18n import period
    assert period(start, end, babel, *([one_side] if one_side else [])) == expected


def test_project_record_is_a_summary_list(seed_site):
    for path in sorted(seed_site.glob("*/projekti/*/index.html")) + \
            sorted(seed_site.glob("vi/du-an/*/index.html")):
        page = html(path)
        record = page.select_one("dl.project-record")
        for row in record.find_all(recursive=False):
            # one key and one value per row: nothing drops into the key column
            assert row.name == "div" and "project-record-row" in row["class"], path
            assert [c.name for c in row.find_all(recursive=False)] == ["dt", "dd"], path
        status = record.select_one(".project-record-row dd .tag")
        assert status is not None and {"tag-ongoing", "tag-completed"} & set(status["class"])
    # several partners: a list in one value
    page = page_of(seed_site, "sr-cyrl/projekti/lgbti-mental-health-bih")
    partners = [row for row in page.select(".project-record-row")
                if row.dt.get_text(strip=True) in ("Партнер", "Партнери")]
    assert len(partners) == 1 and len(partners[0].dd.select("ul > li")) >= 2


# --- 404 and chooser --------------------------------------------------------

def test_not_found_page_has_the_header_search_and_every_home(basic_site):
    page = html(basic_site / "404.html")
    assert page.html["lang"] == "sr-Cyrl"
    assert page.select_one(".site-header .site-name") is not None
    assert page.select_one(".site-header .lang-switch") is not None
    form = page.select_one('main form[role="search"]')
    assert form["action"] == "/sr-cyrl/pretraga/" and form.select_one('input[name="q"]')
    homes = {li["lang"]: li.a for li in page.select(".not-found-list li")}
    assert {tag: a["href"] for tag, a in homes.items()} == {
        tag: f"/{prefix}/" for tag, prefix in PREFIXES.items()}
    # each named in its own language
    assert homes["vi"].get_text() == "Tiếng Việt"
    assert homes["sr-Cyrl"].get_text() == "Српски (ћирилица)"
    assert "Trang chủ" in homes["vi"].parent.get_text()


def test_chooser_says_what_the_site_is_and_who_publishes_it(basic_site):
    page = html(basic_site / "index.html")
    about = {li["lang"]: li.select_one(".chooser-about").get_text() for li in
             page.select(".chooser-list li")}
    assert about["sr-Cyrl"] == ("Вести, пројекти и теме из социјалне заштите. "
                                "Овај сајт објављује Завод.")
    assert about["vi"].endswith("Trang này do Viện xuất bản.")
    assert about["sr-Latn"].endswith("Ovaj sajt objavljuje Zavod.")
    assert page.select_one('meta[name="description"]')["content"] == about["sr-Cyrl"]


# --- header -------------------------------------------------------------------

def test_switcher_labels_are_short_and_say_the_rest_to_screen_readers(basic_site):
    page = page_of(basic_site, "bs/vijesti/round-table")
    links = {a["hreflang"]: a for a in page.select(".lang-switch a")}
    serbian = links["sr-Cyrl"]
    assert serbian.contents[0].strip() == "Српски"
    assert serbian.select_one(".visually-hidden").get_text() == " (ћирилица)"
    # no version in Vietnamese: its home, said so without widening the label
    assert links["vi"].select_one(".lang-switch-note").get_text() == " (trang chủ)"
    # the search is in the header bar, the menu keeps four entries
    assert page.select_one(".site-header-bar .site-search")["href"] == "/bs/pretraga/"
    assert len(page.select(".site-nav li")) == 3   # no contact page in bs


# --- feeds --------------------------------------------------------------------

@pytest.mark.parametrize("tag", PREFIXES)
def test_feed_entries_carry_published_pictures(basic_site, tag):
    feed = basic_site / PREFIXES[tag] / NEWS[PREFIXES[tag]] / "atom.xml"
    entries = etree.parse(str(feed)).getroot().findall(f"{ATOM}entry")
    with_picture = 0
    for entry in entries:
        content = entry.find(f"{ATOM}content")
        body = html_fragment(content.text if content is not None else "")
        for img in body.select("img"):
            src = urlsplit(img["src"])
            assert src.scheme == "http" and src.netloc == "127.0.0.1:8000", img
            assert (basic_site / src.path.lstrip("/")).is_file(), img["src"]
            assert img["src"].endswith((".jpg", ".png")) and img.get("width")
        title = entry.find(f"{ATOM}title").text
        if title in PICTURED:
            # the main picture first, as a rendition (not the social card)
            first = body.select_one("img")
            assert first is not None and "-og" not in first["src"], title
            with_picture += 1
    assert with_picture >= 1


def html_fragment(text: str):
    from bs4 import BeautifulSoup
    return BeautifulSoup(text, "lxml")


def test_caption_and_credit_are_checked_by_invoke_check(content, capsys):
    from tests.conftest import run_check
    photo(content / "news/2017/p.jpg", size=(600, 400))
    write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\nimage: p.jpg\n"
          "image_alt: Sala\nimage_caption: [a, b]\nimage_credit: Zavod\n---\nTekst.\n")
    write(content, "news/2017/x.vi.md", "---\ntitle: T\nimage_alt: Hội trường\n"
          "image_credit: Viện\n---\nVăn.\n")
    code, output = run_check(content, capsys)
    assert code != 0
    assert "content/news/2017/x.bs.md" in output and "image_caption" in output
    # the credit is written once for all translations
    assert "`image_credit` differs between translations" in output
