"""The one-pass multilingual engine: switcher, alternates, plurals, fallbacks,
locale independence and one render per source."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import markdown
import pytest

from tests.conftest import ROOT, build_site, copy_fixture, html

PREVIEW = "http://127.0.0.1:8000"
TAGS = ["sr-Cyrl", "sr-Latn", "bs", "vi"]


def locale_pages(site: Path):
    for path in sorted(site.rglob("index.html")):
        if path.parent != site:
            yield path


def page_url(site: Path, path: Path) -> str:
    return PREVIEW + "/" + path.parent.relative_to(site).as_posix() + "/"


def file_of(site: Path, url: str) -> Path:
    return site / urlparse(url).path.lstrip("/") / "index.html"


@pytest.mark.slow
def test_switcher_and_alternates_on_every_page(basic_site):
    pages = list(locale_pages(basic_site))
    kinds = {p.relative_to(basic_site).parts[1] if len(p.relative_to(basic_site).parts) > 2
             else "home" for p in pages}
    assert {"home", "vesti", "vijesti", "tin-tuc", "projekti", "du-an", "teme",
            "chu-de", "kontakt", "lien-he"} <= kinds
    for path in pages:
        page = html(path)
        me = page_url(basic_site, path)
        assert page.html["lang"] in TAGS, path
        assert page.select_one('link[rel="canonical"]')["href"] == me
        links = page.select(".lang-switch a")
        assert [a["hreflang"] for a in links] == TAGS, path
        assert all(a["lang"] == a["hreflang"] for a in links)
        current = [a for a in links if a.get("aria-current") == "page"]
        assert len(current) == 1 and current[0]["hreflang"] == page.html["lang"]
        for a in links:
            assert file_of(basic_site, a["href"]).is_file(), (path, a["href"])
        labels = {a["hreflang"]: a.get_text(" ", strip=True) for a in links}
        if page.html["lang"].startswith("sr-"):
            # both scripts on every Serbian page, named by script, each the
            # same page in the other script
            assert labels["sr-Cyrl"] == "Ћирилица" and labels["sr-Latn"] == "Latinica"
            other = {"sr-Cyrl": "sr-Latn", "sr-Latn": "sr-Cyrl"}[page.html["lang"]]
            twin = page.select_one(f'.lang-switch a[hreflang="{other}"]')
            assert "lang-switch-home" not in (twin.get("class") or []), path
        else:
            assert labels["sr-Cyrl"].startswith("Српски (ћирилица)"), path
            assert labels["sr-Latn"].startswith("Srpski (latinica)"), path
        alternates = {l["hreflang"]: l["href"] for l in
                      page.select('link[rel="alternate"][hreflang]')}
        # x-default: the chooser for homes, else the default locale's version
        # (or the first existing), identical across the group
        expected_default = PREVIEW + "/" if path.parent.parent == basic_site else next(
            alternates[t] for t in TAGS if t in alternates)
        assert alternates["x-default"] == expected_default
        assert alternates[page.html["lang"]] == me
        for tag, href in alternates.items():
            assert href.startswith(PREVIEW + "/"), href
            if tag == "x-default":
                continue
            other = html(file_of(basic_site, href))
            back = {l["hreflang"]: l["href"] for l in
                    other.select('link[rel="alternate"][hreflang]')}
            assert back == alternates, (path, href)  # the same group everywhere
            # the switcher goes to the same page, not the other home
            switch = page.select_one(f'.lang-switch a[hreflang="{tag}"]')
            assert PREVIEW + switch["href"] == href


@pytest.mark.slow
def test_switcher_keeps_the_page_number(tmp_path):
    out = tmp_path / "out"
    build_site(copy_fixture("basic", tmp_path), out, NEWS_PER_PAGE=1)
    page = html(out / "sr-cyrl/vesti/strana/2/index.html")
    switch = {a["hreflang"]: a["href"] for a in page.select(".lang-switch a")}
    assert switch["sr-Latn"] == "/sr-latn/vesti/strana/2/"
    assert switch["bs"] == "/bs/vijesti/stranica/2/"
    # vi has fewer pages: its news list has no page 3
    page = html(out / "bs/vijesti/stranica/3/index.html")
    assert page.select_one('.lang-switch a[hreflang="vi"]')["href"] == "/vi/"


PLURALS = {
    "sr-Cyrl": {0: "0 вести", 1: "1 вест", 2: "2 вести", 5: "5 вести", 11: "11 вести",
                21: "21 вест", 22: "22 вести"},
    "sr-Latn": {0: "0 vesti", 1: "1 vest", 2: "2 vesti", 5: "5 vesti", 11: "11 vesti",
                21: "21 vest", 22: "22 vesti"},
    "bs": {0: "0 vijesti", 1: "1 vijest", 2: "2 vijesti", 5: "5 vijesti", 11: "11 vijesti",
           21: "21 vijest", 22: "22 vijesti"},
    "vi": {n: f"{n} tin" for n in (0, 1, 2, 5, 11, 21, 22)},
}


@pytest.mark.parametrize("tag", TAGS)
def test_plural_forms(tag):
    from plugins.content import load_locales
    from plugins.i18n import load_translations
    settings = {"LOCALES": __import__("pelicanconf").LOCALES, "DEFAULT_LOCALE": "sr-Cyrl"}
    locales = load_locales(settings)
    catalog = load_translations(ROOT / "theme/translations", locales.get(tag), locales,
                                settings)
    for n, expected in PLURALS[tag].items():
        text = catalog.ngettext("%(num)s news item", "%(num)s news items", n) % {"num": n}
        assert text == expected, (tag, n)


@pytest.mark.parametrize("babel,expected", [("sr_Cyrl", "фебруар 2017. – фебруар 2018."),
                                            ("sr_Latn", "februar 2017. – februar 2018."),
                                            ("bs", "februar 2017. – februar 2018."),
                                            ("vi", "tháng 2 năm 2017 – tháng 2 năm 2018")])
def test_periods(babel, expected):
    from plugins.i18n import period
    assert period("2017-02", "2018-02", babel) == expected


@pytest.mark.slow
def test_fallback_items_listed_with_their_language_and_a_notice(basic_site):
    page = html(basic_site / "bs/vijesti/index.html")
    cards = page.select(".news-card") + html(
        basic_site / "bs/vijesti/stranica/2/index.html").select(".news-card") + html(
        basic_site / "bs/vijesti/stranica/3/index.html").select(".news-card")
    fallback = [c for c in cards if c.select_one(".news-card-title").get("lang") == "sr-Latn"]
    assert len(fallback) == 1
    card = fallback[0]
    assert card.a["href"] == "/sr-latn/vesti/latin-only/"
    assert card.select_one(".news-card-summary")["lang"] == "sr-Latn"
    assert card.get("lang") is None  # the date and notice are in the page's language
    notice = card.select_one(".news-card-fallback")
    assert notice.get("lang") is None
    assert notice.get_text() == "Nije prevedeno: original je na jeziku srpski (latinica)."
    assert not (basic_site / "bs/vijesti/latin-only").exists()  # no duplicate page
    # vi has no fallback: the Latin-only item is not in its lists
    assert "latin-only" not in (basic_site / "vi/tin-tuc/index.html").read_text()


@pytest.fixture
def markdown_calls(monkeypatch) -> list:
    """The text of every Markdown conversion made while the test runs."""
    calls = []
    original = markdown.Markdown.convert

    def counting(self, text):
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    return calls


@pytest.mark.slow
def test_every_source_is_rendered_once(tmp_path, markdown_calls):
    calls = markdown_calls
    content = copy_fixture("basic", tmp_path)
    build_site(content, tmp_path / "out")
    sources = list(content.rglob("*.md"))
    assert len(calls) == len(sources) == 11


@pytest.mark.slow
def test_output_does_not_depend_on_the_os_locale(tmp_path):
    content = copy_fixture("basic", tmp_path)
    outputs = []
    for lang in ("C", "sr_RS.UTF-8"):
        out = tmp_path / f"out-{lang}"
        env = {**os.environ, "LANG": lang, "LC_ALL": lang, "TZ": "America/New_York"}
        code = ("import sys; from tests.conftest import build_site;"
                f"build_site(__import__('pathlib').Path({str(content)!r}), "
                f"__import__('pathlib').Path({str(out)!r}))")
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                       timeout=120)
        outputs.append(out)
    a, b = outputs
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b and len(files_a) > 50
    _, mismatch, errors = filecmp.cmpfiles(a, b, [str(f) for f in files_a], shallow=False)
    assert mismatch == [] and errors == []


@pytest.mark.slow
def test_unchanged_sources_are_not_rendered_again(tmp_path, markdown_calls):
    calls = markdown_calls
    content = copy_fixture("basic", tmp_path)
    build_site(content, tmp_path / "first")
    assert len(calls) == 11
    calls.clear()
    build_site(content, tmp_path / "second")
    assert calls == []
    for path in (tmp_path / "first").rglob("*.html"):
        assert path.read_bytes() == (tmp_path / "second" / path.relative_to(
            tmp_path / "first")).read_bytes()
    item = content / "news/2025/round-table.bs.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nNovi pasus.\n", encoding="utf-8")
    build_site(content, tmp_path / "third")
    assert len(calls) == 1 and "Novi pasus." in calls[0]
    assert "Novi pasus." in (tmp_path / "third/bs/vijesti/round-table/index.html").read_text()


@pytest.mark.slow
def test_catalogs_are_complete_and_the_template_is_current(tmp_path):
    """Every theme string is in messages.pot and translated in every catalog
    (a string added to a template without `invoke i18n-extract` fails here)."""
    from babel.messages.pofile import read_po
    root = ROOT
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    "babel.cfg", "--no-location", "--sort-output", "-o", str(fresh),
                    "."], cwd=root, check=True, capture_output=True)
    with fresh.open("rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    with (root / "theme/translations/messages.pot").open("rb") as handle:
        shipped = {m.id for m in read_po(handle) if m.id}
    assert wanted == shipped, "run `invoke i18n-extract`"
    for po in sorted((root / "theme/translations").glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parts[-3])
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings) and not message.fuzzy, (po, message.id)
        assert wanted <= {m.id for m in catalog if m.id}, po
