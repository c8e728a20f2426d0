"""Old addresses (`aliases`) become redirect pages; they never replace a page."""

from __future__ import annotations

import pytest

from plugins.common.errors import ContentErrors
from tests.conftest import build_site, html, run_check, write

ITEM = "---\ntitle: Konferencija\ndate: 2017-02-10\naliases:\n{aliases}---\nTekst.\n"


@pytest.mark.slow
def test_old_addresses_lead_to_the_item(content, tmp_path):
    write(content, "news/2017/konf.bs.md", ITEM.format(
        aliases="  - /2017/02/zavrsna-konferencija/\n  - /vijesti/konf.html\n"
                "  - /stari/konferencija\n"))
    out = tmp_path / "out"
    build_site(content, out)
    for path in ["2017/02/zavrsna-konferencija/index.html", "vijesti/konf.html",
                 "stari/konferencija/index.html"]:
        page = html(out / path)
        assert page.select_one('meta[http-equiv="refresh"]')["content"] == \
            "0; url=/bs/vijesti/konf/"
        assert page.select_one('link[rel="canonical"]')["href"].endswith("/bs/vijesti/konf/")
        assert page.select_one("main a")["href"] == "/bs/vijesti/konf/"
        assert page.html["lang"] == "bs" and "premještena" in page.get_text()
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "zavrsna-konferencija" not in sitemap


@pytest.mark.slow
@pytest.mark.parametrize("alias", [
    "/bs/vijesti/", "/robots.txt", "/sitemap.xml", "/_headers", "/bs/vijesti/atom.xml",
    "/bs/vijesti/atom.xml/", "/pagefind/pagefind.js", "/404.html"])
def test_an_alias_may_not_replace_a_page_or_file(content, tmp_path, alias):
    rel = write(content, "news/2017/konf.bs.md", ITEM.format(aliases=f"  - {alias}\n"))
    with pytest.raises(ContentErrors) as caught:
        build_site(content, tmp_path / "out", FEEDS=True)
    text = str(caught.value)
    assert f"content/{rel}:4:" in text and f"{alias} is already the address" in text
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("alias", ["stari/put", "/../etc/passwd", "/?p=12", "/"])
def test_malformed_aliases_are_content_errors(content, capsys, alias):
    rel = write(content, "news/2017/konf.bs.md", ITEM.format(aliases=f"  - '{alias}'\n"))
    code, out = run_check(content, capsys)
    assert code == 1 and f"content/{rel}:4:" in out and "aliases" in out, out
