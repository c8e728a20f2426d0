"""The production build's Pagefind index: one per language (Serbian once, in
Latin, for both scripts), items and records only; development builds have
none. What the browser does with it is in tests/quality/test_search.py."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest

from plugins.content.locales import load_locales
from plugins.search import twins
from plugins.search.page import plural_samples
from plugins.translit import cyrillic_to_latin, latin_to_cyrillic
from tests.conftest import ROOT, build_site, copy_fixture, html, settings_for


def all_fragments(site) -> list:
    """Every record Pagefind keeps (a page may be in two languages' indexes)."""
    found = []
    for path in sorted((site / "pagefind").glob("**/fragment/*")):   # every bundle
        data = gzip.decompress(path.read_bytes())
        found.append(json.loads(data[len(b"pagefind_dcd"):]))
    return found


def fragments(site) -> dict:
    """{url: the record Pagefind keeps for the page in its own language}."""
    return {r["url"]: r for r in all_fragments(site)
            if r["meta"]["lang"] in r["filters"]["shown_in"]}


@pytest.mark.slow
def test_production_builds_are_indexed_per_language(tmp_path):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    result = build_site(content, out, production=True)
    assert (out / "pagefind/pagefind.js").is_file()
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text())
    # the search page of either Serbian script finds "sr" from its own lang
    assert set(entry["languages"]) == {"sr", "vi"}
    # Bosnian is a bundle of its own, indexed with Pagefind's Serbian stemmer
    # (Pagefind has no Bosnian one); its search page loads that bundle
    bosnian = json.loads((out / "pagefind/bs/pagefind-entry.json").read_text())
    assert list(bosnian["languages"]) == ["sr"] and bosnian["languages"]["sr"]["wasm"] == "sr"
    assert (out / "pagefind/bs/pagefind.js").is_file()
    assert not list((out / "pagefind").rglob("pagefind-*ui*")), "Pagefind's own UI is unused"
    config = json.loads(html(out / "bs/pretraga/index.html").select_one(
        "#search-config").string)
    assert config["pagefind"] == "/pagefind/bs/pagefind.js"
    # a Cyrillic query on the bs page is turned into Latin
    assert config["letters"]["to_latin"]["Љ"] == "Lj" and "to_cyrillic" not in config["letters"]
    config = json.loads(html(out / "vi/tim-kiem/index.html").select_one("#search-config").string)
    assert config["pagefind"] == "/pagefind/pagefind.js" and config["letters"] is None
    assert result.phases["search index"] > 0
    assert not list((out / "pagefind").glob("pagefind-*ui*")), "Pagefind's own UI is unused"
    dev = tmp_path / "dev"
    build_site(content, dev)
    assert not (dev / "pagefind").exists()


@pytest.mark.slow
def test_serbian_is_indexed_once_with_each_cyrillic_twin(tmp_path):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True)
    records = fragments(out)
    assert not [url for url in records if url.startswith("/sr-cyrl/")]
    latin = {url: r for url, r in records.items() if url.startswith("/sr-latn/")}
    assert latin, "the Serbian pages are indexed through their Latin version"
    for url, record in latin.items():
        meta = record["meta"]
        twin = out / meta["twin_url"].strip("/") / "index.html"
        assert meta["twin_url"] == url.replace("/sr-latn/", "/sr-cyrl/", 1)
        assert twin.is_file()
        assert html(twin).h1.get_text(" ", strip=True) == meta["twin_title"]
        assert cyrillic_to_latin(meta["twin_title"]) == meta["title"]
        assert isinstance(json.loads(meta["twin_words"]), dict)
    # the published Latin pages carry none of it
    for url in latin:
        assert "twin_url" not in (out / url.strip("/") / "index.html").read_text()


@pytest.mark.slow
def test_items_carry_date_and_project_and_topic_keys(tmp_path):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True)
    records = fragments(out)
    item = records["/bs/vijesti/conference/"]
    assert item["meta"]["published"].startswith("20")
    assert item["meta"]["date"] and item["filters"]["project"] == ["alpha"]
    assert records["/bs/projekti/alpha/"]["meta"]["kind"] == "project"
    assert records["/bs/projekti/alpha/"]["filters"]["project"] == ["alpha"]
    assert records["/bs/teme/lgbti/"]["meta"]["kind"] == "topic"
    # the generated-script notice and the footer labels are not searched
    assert "Project:" not in item["content"] and "Projekat:" not in item["content"]


@pytest.mark.slow
def test_each_page_names_the_search_pages_that_show_it(tmp_path):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True)
    shown_in = {}
    for record in all_fragments(out):
        url = record["url"].split("#")[0]   # the copy in another index: #<its language>
        shown_in.setdefault(url, []).append(set(record["filters"]["shown_in"]))
    # bs lists show the sr-Latn item bs lacks (LOCALE_FALLBACKS), not the one it
    # has: that item is in the bs index too, searched with bs's rules
    assert sorted(shown_in["/sr-latn/vesti/latin-only/"], key=len) == [
        {"bs"}, {"sr-Latn", "sr-Cyrl"}]
    assert shown_in["/sr-latn/vesti/conference/"] == [{"sr-Latn", "sr-Cyrl"}]
    assert shown_in["/bs/vijesti/conference/"] == [{"bs"}]
    assert shown_in["/sr-latn/projekti/alpha/"] == [{"sr-Latn", "sr-Cyrl"}]


@pytest.mark.slow
def test_a_pagefind_that_stops_answering_fails_the_build_without_hanging(tmp_path):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    run = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, '.');"
         "from tests.conftest import build_site; from pathlib import Path;"
         f"build_site(Path({str(content)!r}), Path({str(out)!r}), production=True)"],
        cwd=ROOT, env={**os.environ, "PAGEFIND_BINARY_PATH": str(fake)},
        capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "SearchIndexError" in run.stderr and "Pagefind" in run.stderr, run.stderr[-2000:]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.slow
def test_sub_folder_sites_index_their_own_addresses(tmp_path):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True, SITEURL="https://example.org/vijesti")
    records = fragments(out)
    assert records and all(url.startswith("/vijesti/") for url in records)
    latin = [r for url, r in records.items() if url.startswith("/vijesti/sr-latn/")]
    assert latin and all(r["meta"]["twin_url"].startswith("/vijesti/sr-cyrl/")
                         for r in latin)


@pytest.mark.slow
def test_only_items_projects_and_topics_are_marked_for_the_index(tmp_path):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, NEWS_PER_PAGE=1)
    marked = {p.relative_to(out).parent.as_posix() for p in out.rglob("*.html")
              if "data-pagefind-body" in p.read_text(encoding="utf-8")}
    assert "bs/vijesti/conference" in marked
    assert "bs/projekti/alpha" in marked and "bs/teme/lgbti" in marked
    for page in ("bs", "bs/vijesti", "bs/projekti", "bs/teme", "bs/vijesti/2024",
                 "bs/teme/child-protection/stranica/2", "bs/pretraga"):
        assert page not in marked, page


def test_two_scripts_of_one_language_are_paired(tmp_path):
    locales = load_locales(settings_for(tmp_path, tmp_path / "out"))
    assert twins.searched_through(locales) == {"sr-Cyrl": "sr-Latn"}
    languages = {loc.tag: twins.index_language(loc, {"sr-Cyrl": "sr-Latn"})
                 for loc in locales}
    assert languages == {"sr-Cyrl": "sr", "sr-Latn": "sr", "bs": "bs", "vi": "vi"}


def test_twin_words_are_the_words_spelt_wrong_letter_by_letter():
    text = ("Одржане четири фокус групе уз подршку UNICEF-а и GIZ, конјугација, "
            "ЉУБАВ и Љубав, www.skgo.org")
    words = twins.twin_words(text)
    assert words == {"UNICEF": "UNICEF", "GIZ": "GIZ", "konjugacija": "конјугација",
                     "skgo": "skgo", "org": "org"}
    # with them, the excerpt's Latin comes back as the Cyrillic page has it
    latin = cyrillic_to_latin(text)
    back = twins._WORD.sub(lambda m: words.get(m.group(), twins.letter_by_letter(m.group())),
                           latin)
    assert back == text


def test_letter_by_letter_agrees_with_the_full_rules_on_plain_words():
    for word in ("četiri", "Ljubav", "LJUBAV", "NJEGOŠ", "džep", "Đorđe", "ćuprija"):
        assert twins.letter_by_letter(word) == latin_to_cyrillic(word)


def test_plural_samples_cover_every_category_of_the_locale():
    assert dict(plural_samples("sr_Cyrl")) == {"one": 1, "few": 2, "other": 0}
    assert dict(plural_samples("vi")) == {"other": 0}
    assert set(dict(plural_samples("ar"))) == {"zero", "one", "two", "few", "many", "other"}


@pytest.mark.slow
def test_a_bundle_with_a_file_cut_short_is_not_published(tmp_path, monkeypatch):
    # a wasm cut short once broke every bs and vi search of a build (CI,
    # when Pagefind wrote its own files): every new part is checked whole
    import pytest
    import plugins.search as search
    real = search.write_index

    async def cut(pages, output, **kwargs):
        count = await real(pages, output, **kwargs)
        wasm = next(p for p in sorted(os.listdir(output)) if p.startswith("wasm."))
        path = os.path.join(output, wasm)
        with open(path, "r+b") as handle:
            handle.truncate(os.path.getsize(path) // 2)
        return count

    monkeypatch.setattr(search, "write_index", cut)
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(search.SearchIndexError, match=r"cut short, such as wasm\."):
        build_site(content, out, production=True)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_pagefind_is_let_exit_by_itself():
    # a signal could cut its last files short; it exits when its input closes
    import asyncio
    from plugins.search.service import IndexingService

    async def run():
        service = await IndexingService().launch()
        return await service.close()

    # in a thread of its own, as the build does: Playwright's tests leave a loop running
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as thread:
        assert thread.submit(asyncio.run, run()).result() == 0
