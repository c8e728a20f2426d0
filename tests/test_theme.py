"""The theme's promises that need no browser: brand settings checked once,
hashed assets, security headers, nothing from other hosts, page weight."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import build_site, copy_fixture, html
from tests.quality.conftest import REPORT
from plugins.common.errors import SettingsError

BUDGET = 60 * 1024   # an item page's HTML, CSS, JS and fonts, gzip, images aside


def pages(site: Path) -> list:
    return sorted(site.rglob("*.html"))


@pytest.mark.slow
def test_every_page_has_the_policy_and_no_inline_script(seed_site):
    for path in pages(seed_site):
        page = html(path)
        csp = page.select_one('meta[http-equiv="Content-Security-Policy"]')
        assert csp and "default-src 'self'" in csp["content"], path
        assert "unsafe-inline" not in csp["content"]
        search_page = path.parent.name in ("pretraga", "tim-kiem")
        for script in page.select("script"):
            if script.get("src"):
                # the one script of the site, on the search pages only, from the site
                assert search_page and script["type"] == "module", path
                assert script["src"].startswith("/theme/js/search."), path
                assert not script.string
            else:
                # data, not script: a policy without inline script allows it
                assert script.get("type") in ("application/ld+json", "application/json"), path
        assert bool(page.select("script[src]")) == search_page, path
        assert not page.select("[style], [onclick], [onload], iframe, embed, object"), path


@pytest.mark.slow
def test_nothing_is_loaded_from_another_host(seed_site):
    for path in pages(seed_site):
        page = html(path)
        for tag, attr in [("link[rel=stylesheet]", "href"), ("link[rel=preload]", "href"),
                          ("link[rel=icon]", "href"), ("script[src]", "src"),
                          ("img", "src"), ("source", "srcset"), ("video", "src"),
                          ("audio", "src")]:
            for element in page.select(tag):
                assert not urlsplit(element[attr]).netloc, (path, element)


def test_headers_file_for_static_hosts(seed_site):
    text = (seed_site / "_headers").read_text(encoding="utf-8")
    rules = text.split("\n\n")
    assert rules[0].startswith("/*\n")
    assert "Content-Security-Policy: default-src 'self';" in rules[0]
    assert "frame-ancestors 'none'" in rules[0]
    for header in ["X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer",
                   "X-Frame-Options: DENY"]:
        assert f"  {header}" in rules[0]
    assert rules[1].startswith("/theme/*\n") and "immutable" in rules[1]


@pytest.mark.slow
def test_theme_files_are_named_by_their_content(tmp_path):
    content = copy_fixture("basic", tmp_path)
    first, second = tmp_path / "one", tmp_path / "two"
    build_site(content, first)
    build_site(content, second, BRAND={"accent": "#7a1f1f"})
    [one] = (first / "theme/css").glob("site.*.css")
    [two] = (second / "theme/css").glob("site.*.css")
    assert one.name != two.name   # a new colour, a new name: no stale cache
    assert "--accent: #7a1f1f" in two.read_text(encoding="utf-8")


@pytest.mark.parametrize("brand,message", [
    ({"accent": "#ffcc00"}, "contrast of 1.5:1 with the light background"),
    ({"accent_dark": "#1a1a6e"}, "choose a lighter shade"),
    ({"accent": "blue"}, "must be a colour written #rrggbb"),
    ({"colour": "#000000"}, "unknown keys ['colour']"),
    ({"logo": "images/nope.svg"}, "no such file in content/"),
])
def test_brand_settings_are_checked(tmp_path, brand, message):
    with pytest.raises(SettingsError, match=None) as caught:
        build_site(copy_fixture("basic", tmp_path), tmp_path / "out", BRAND=brand)
    assert message in str(caught.value) and "BRAND" in str(caught.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_logo_shown_with_its_size(tmp_path):
    content = copy_fixture("basic", tmp_path)
    (content / "images").mkdir(exist_ok=True)
    (content / "images/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" '
        'height="40" fill="#0b5394"/></svg>', encoding="utf-8")
    out = tmp_path / "out"
    build_site(content, out, BRAND={"logo": "images/logo.svg"})
    logo = html(out / "vi/index.html").select_one(".site-name img")
    assert (logo["width"], logo["height"], logo["alt"]) == ("120", "40", "")
    assert (out / logo["src"].lstrip("/")).is_file()


def transferred(site: Path, page_path: Path) -> dict:
    """gzip bytes of a page and of the CSS, JS and fonts it loads."""
    page = html(page_path)
    sizes = {"html": len(gzip.compress(page_path.read_bytes(), 9))}
    for element in page.select("link[rel=stylesheet], link[rel=preload], script[src]"):
        url = element.get("href") or element.get("src")
        sizes[url] = len(gzip.compress((site / url.lstrip("/")).read_bytes(), 9))
    return sizes


def test_item_pages_stay_within_the_weight_budget(seed_site):
    items = [p for p in pages(seed_site)
             if html(p).select_one('meta[property="og:type"][content="article"]')]
    assert len(items) == 16   # 7 in each Serbian script, 1 in bs, 1 in vi
    totals = {}
    for path in items:
        sizes = transferred(seed_site, path)
        totals[path.relative_to(seed_site).parent.as_posix()] = sum(sizes.values())
        assert sum(sizes.values()) <= BUDGET, (path, sizes)
    heaviest = max(totals, key=totals.get)
    REPORT.setdefault("Page weight (gzip: HTML + CSS + JS + fonts)", []).append(
        f"{len(totals)} item pages: {min(totals.values()) / 1024:.1f} to "
        f"{totals[heaviest] / 1024:.1f} KB (heaviest /{heaviest}/); budget "
        f"{BUDGET // 1024} KB")
