"""The search index in parts (plugins/search/parts.py): each language's
index made by a Pagefind run of its own, put together per bundle, and kept
in SEARCH_CACHE so that an edit indexes only the language it touched."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import plugins.search as search
from plugins.search import indexer, parts, service
from tests.conftest import build_site, copy_fixture

pytestmark = pytest.mark.slow


@pytest.fixture
def runs(monkeypatch) -> list:
    """The languages each Pagefind run of a build indexed."""
    indexed = _Runs()
    real = search.write_index

    async def counted(pages, output, **kwargs):
        # a page is its HTML, or a file of the store's that holds it (given
        # on as it came: a kept folder of pages links the file)
        pages = list(pages)
        texts = [(url, page if isinstance(page, str) else page.read_text())
                 for _, url, page in pages]
        indexed.append(sorted({html.split('lang="', 1)[1].split('"', 1)[0]
                               for _, html in texts}))
        indexed.pages += texts
        return await real(iter(pages), output, **kwargs)

    monkeypatch.setattr(search, "write_index", counted)
    return indexed


class _Runs(list):
    """The languages of each run; `pages`: (url, html) of every page given."""

    def __init__(self):
        super().__init__()
        self.pages: list = []


def entries(out) -> dict:
    """{bundle: its pagefind-entry.json}."""
    return {path.parent.relative_to(out / "pagefind").as_posix():
            json.loads(path.read_text()) for path in (out / "pagefind").rglob(parts.ENTRY)}


def test_each_language_is_indexed_apart_and_joined_in_its_bundle(tmp_path, runs):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True)
    # Serbian (both scripts, through Latin), Vietnamese and the Bosnian bundle
    assert sorted(runs) == [["bs"], ["sr"], ["vi"]]
    found = entries(out)
    assert list(found["."]["languages"]) == ["sr", "vi"]
    assert list(found["bs"]["languages"]) == ["sr"]
    for bundle, entry in found.items():
        for language in entry["languages"].values():
            assert (out / "pagefind" / bundle / f"pagefind.{language['hash']}.pf_meta").is_file()
    assert search.cut_short(out / "pagefind") == []
    # nothing of the runs is left in the site
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_an_edit_indexes_again_only_the_language_it_touched(tmp_path, runs):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True)
    before = entries(out)
    runs.clear()
    build_site(content, out, production=True)
    assert runs == [], "nothing changed: every part came from the cache"
    assert entries(out) == before
    item = content / "news/2024/conference.vi.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    build_site(content, out, production=True)
    assert runs == [["vi"]]
    after = entries(out)
    assert after["bs"] == before["bs"]
    assert after["."]["languages"]["sr"] == before["."]["languages"]["sr"]
    assert after["."]["languages"]["vi"]["hash"] != before["."]["languages"]["vi"]["hash"]


def test_without_a_cache_every_build_indexes_everything(tmp_path, runs):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    for _ in range(2):
        build_site(content, out, production=True, SEARCH_CACHE=None)
    assert len(runs) == 6
    assert not (content.parent / ".cache" / "search").exists()


def test_a_kept_part_spoiled_on_disk_is_indexed_again(tmp_path, runs):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True)
    kept = content.parent / ".cache" / "search"
    wasm = next(kept.glob("*/wasm.sr.pagefind"))
    wasm.write_bytes(wasm.read_bytes()[:100])
    runs.clear()
    build_site(content, out, production=True)
    assert runs, "the spoiled part was indexed again"
    assert search.cut_short(out / "pagefind") == []


def test_parts_no_build_used_for_a_day_are_removed(tmp_path):
    old, recent, used = (tmp_path / name for name in ("old", "recent", "used"))
    for folder in (old, recent, used):
        folder.mkdir()
    day_ago = time.time() - parts.UNUSED_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    os.utime(used, (day_ago, day_ago))
    parts.forget_unused(tmp_path, {"used"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recent", "used"]


def test_a_cache_that_cannot_be_written_is_gone_without(tmp_path, runs, caplog):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    build_site(content, out, production=True, SEARCH_CACHE=str(blocked / "search"))
    assert len(runs) == 3 and search.cut_short(out / "pagefind") == []
    assert "the search cache" in caplog.text and "cannot be written" in caplog.text


def test_pagefind_gets_each_page_cut_down_to_what_it_indexes(tmp_path, runs):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True)
    given = runs.pages
    assert given
    for url, page in given:
        # its <html> tag, the data-pagefind-body element, our hidden metadata
        assert page.startswith("<!DOCTYPE html><html lang="), url
        assert "<nav" not in page and "<script" not in page and "<footer class=\"site" not in page
        assert page.count("data-pagefind-body") == 1
        assert page.endswith("</div></body></html>")
    item = next(page for url, page in given if "/vesti/" in url or "/news/" in url)
    assert "<h1>" in item and "data-pagefind-filter=\"lang\"" in item


def test_a_page_speaking_to_pagefind_outside_its_body_is_given_whole():
    from plugins.search.indexer import indexed_part
    body = '<article data-pagefind-body><h1>Naslov</h1><div><p>Tekst</p></div></article>'
    page = (f'<!DOCTYPE html><html lang="sr-Latn"><head><title>T</title></head><body>'
            f'<nav>meni</nav>{body}<footer>kraj</footer></body></html>')
    assert indexed_part(page) == ('<!DOCTYPE html><html lang="sr-Latn"><head><meta '
                                  f'charset="utf-8"></head><body>{body}</body></html>')
    # a filter in the theme's header, or a second body: Pagefind reads them too
    for extra in ('<span data-pagefind-filter="kind:x"></span>',
                  '<div data-pagefind-body>druga</div>'):
        whole = page.replace("<nav>", extra + "<nav>")
        assert indexed_part(whole) == whole
    # no body element (or one never closed): whole
    assert indexed_part(page.replace(" data-pagefind-body", "")) == \
        page.replace(" data-pagefind-body", "")
    unclosed = page.replace("</article>", "")
    assert indexed_part(unclosed) == unclosed


def test_a_kept_part_is_checked_by_the_sizes_it_had_when_found_whole(tmp_path, runs):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True)
    kept = content.parent / ".cache" / "search"
    noted = sorted(kept.glob(f"*/{parts.SIZES}"))
    assert len(noted) == 3   # one per part, never published
    assert not list((out / "pagefind").rglob(parts.SIZES))
    sizes = json.loads(noted[0].read_text())
    assert sizes and all(size > 0 for size in sizes.values())
    # a part kept before sizes were noted is read whole, then noted
    noted[1].unlink()
    runs.clear()
    build_site(content, out, production=True)
    assert runs == [] and noted[1].is_file()
    # a file grown (or gone) since: indexed again
    fragment = next(noted[0].parent.glob("fragment/*"))
    fragment.write_bytes(fragment.read_bytes() + b"\0")
    build_site(content, out, production=True)
    assert len(runs) == 1
    assert search.cut_short(out / "pagefind") == []


@pytest.mark.parametrize("page", [
    '<div data-pagefind-body>x</div>', '<p>data-pagefind-body</p><main data-pagefind-body id=x>',
    '<p>data-pagefind-body</p>', 'none', '<a data-pagefind-bodyx>', '<x data-pagefind-body',
    'data-pagefind-body>', '<b><i class="a" data-pagefind-body>'])
def test_the_body_tag_is_found_as_the_pattern_finds_it(page):
    found, expected = indexer._body_tag(page), indexer._BODY.search(page)
    assert (found and (found.span(), found.group())) == \
        (expected and (expected.span(), expected.group()))


def test_an_edit_makes_again_only_the_pages_it_changed(tmp_path, runs, monkeypatch):
    made = []
    real = indexer.SitePages.page
    monkeypatch.setattr(indexer.SitePages, "page",
                        lambda self, recipe: made.append(recipe.url) or real(self, recipe))
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True)
    kept = content.parent / ".cache" / "search" / parts.MADE
    assert made and len(list(kept.iterdir())) == len(made)
    every, runs.pages[:], made[:] = len(made), [], []
    item = content / "news/2024/conference.vi.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    build_site(content, out, production=True)
    assert runs[-1] == ["vi"] and len(runs.pages) > 1
    assert made == ["/vi/tin-tuc/conference/"], "only the edited page was made"
    # the store keeps the pages of this build, the edited page's old one gone
    assert len(list(kept.iterdir())) == every
    # as Pagefind got them: a build without the store gives it the same pages
    given = list(runs.pages)
    runs.pages[:] = []
    build_site(content, tmp_path / "again", production=True, SEARCH_CACHE=None)
    fresh = dict(runs.pages)
    assert all(fresh[url] == page for url, page in given)


def test_a_page_is_read_from_the_path_its_address_names():
    assert service.page_file("/sr-latn/vesti/obuka/") == "sr-latn/vesti/obuka/index.html"
    assert service.page_file("/") == "index.html"
    assert service.page_file("/vijesti/bs/a.html") == "vijesti/bs/a.html"
    # another index's copy of a page
    assert service.page_file("/sr-latn/vesti/obuka/#bs/") == "sr-latn/vesti/obuka/#bs/index.html"
    for unnamed in ("sr/a/", "/a/index.html", "/a/../b/", "/a//b/", "/feed.xml", "/a/#bs"):
        assert service.page_file(unnamed) is None, unnamed


def test_a_page_no_path_names_is_sent_and_indexed_all_the_same(tmp_path):
    page = '<html lang="sr"><body><main data-pagefind-body><p>{}</p></main></body></html>'
    pages = [("", "/a/", page.format("prva")), ("", "/b/index.html", page.format("druga")),
             ("", "/c/#vi/", page.format("treća"))]
    with ThreadPoolExecutor(1) as thread:   # Playwright's tests may leave a loop running
        count = thread.submit(asyncio.run, service.write_index(
            iter(pages), str(tmp_path / "index"))).result()
    assert count == 3
    urls = {json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])["url"]
            for path in (tmp_path / "index" / "fragment").iterdir()}
    assert urls == {"/a/", "/b/index.html", "/c/#vi/"}
    assert [path.name for path in tmp_path.iterdir()] == ["index"], "its folder of pages is gone"


def test_index_files_are_written_inside_their_folder_only(tmp_path):
    service._write_files([{"path": "fragment/a.pf_fragment", "content": b"1"},
                          {"path": "pagefind.js", "content": b"2"}], tmp_path / "index")
    assert (tmp_path / "index/fragment/a.pf_fragment").read_bytes() == b"1"
    for outside in ("../escaped.js", "/etc/escaped.js", "fragment/../../escaped.js"):
        with pytest.raises(RuntimeError, match="outside its folder"):
            service._write_files([{"path": outside, "content": b""}], tmp_path / "index")
    assert not list(tmp_path.rglob("escaped.js"))


def test_pages_made_ahead_on_every_core_are_those_made_one_by_one(tmp_path, runs,
                                                                   monkeypatch):
    from functools import partial
    from plugins.common.parallel import fork_map
    monkeypatch.setattr(parts, "fork_map", partial(fork_map, min_items=1))
    content = copy_fixture("basic", tmp_path)
    build_site(content, tmp_path / "out", production=True, BUILD_WORKERS=2)
    ahead = sorted(runs.pages)
    assert len(list((content.parent / ".cache/search" / parts.MADE).iterdir())) == len(ahead)
    runs.pages[:] = []
    build_site(content, tmp_path / "plain", production=True, SEARCH_CACHE=None)
    assert sorted(runs.pages) == ahead


def _laid_out(content) -> dict:
    """{part's name: {page laid out for Pagefind: its inode}}."""
    folder = content.parent / ".cache/search" / parts.LAID_OUT
    return {part.name: {path.relative_to(part).as_posix(): path.stat().st_ino
                        for path in part.rglob("*") if path.is_file()}
            for part in folder.iterdir() if part.is_dir()}


def test_each_parts_pages_stay_laid_out_and_an_edit_places_only_its_own(tmp_path, runs,
                                                                       monkeypatch):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, production=True)
    before = _laid_out(content)
    assert sorted(before) == ["bs-bs", "pagefind-sr", "pagefind-vi"]
    item = content / "news/2024/conference.vi.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    runs.clear()
    placed, link = [], os.link
    monkeypatch.setattr(os, "link", lambda source, target: placed.append(str(target)) or
                        link(source, target))
    build_site(content, out, production=True)
    assert runs == [["vi"]]
    assert [target for target in placed if f"/{parts.LAID_OUT}/" in target] == [
        str(content.parent / ".cache/search" / parts.LAID_OUT /
            "pagefind-vi/vi/tin-tuc/conference/index.html.placing")]
    after = _laid_out(content)
    assert after["pagefind-sr"] == before["pagefind-sr"]
    assert after["pagefind-vi"].keys() == before["pagefind-vi"].keys()
    changed = {page for page, inode in after["pagefind-vi"].items()
               if before["pagefind-vi"][page] != inode}
    assert changed == {"vi/tin-tuc/conference/index.html"}
    # an item gone: its page goes, and the folder it leaves empty
    for translation in ("named.vi.md", "other-name.bs.md"):
        (content / "news/2025" / translation).unlink()
    gone = "vi/tin-tuc/other-name/index.html"
    assert gone in after["pagefind-vi"]
    build_site(content, out, production=True)
    assert gone not in _laid_out(content)["pagefind-vi"]
    kept = content.parent / ".cache/search" / parts.LAID_OUT / "pagefind-vi"
    assert not (kept / gone).parent.exists() and (kept / "vi/tin-tuc").is_dir()
    # the index holds what a build that lays every page out afresh indexes
    build_site(content, tmp_path / "afresh", production=True, SEARCH_CACHE=None)
    assert _files(out / "pagefind") == _files(tmp_path / "afresh" / "pagefind")


def _files(folder) -> dict:
    """The index's pages and words: its fragments and index chunks (Pagefind
    writes its filters and metadata in an order of its own each run)."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*") if path.suffix in (".pf_fragment", ".pf_index")}


def test_pages_laid_out_by_a_build_still_running_are_left_to_it(tmp_path, runs):
    from plugins.search import laid_out
    content = copy_fixture("basic", tmp_path)
    build_site(content, tmp_path / "out", production=True)
    kept = content.parent / ".cache/search" / parts.LAID_OUT / "pagefind-vi"
    before = _laid_out(content)["pagefind-vi"]
    item = content / "news/2024/conference.vi.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    with laid_out.held(kept) as mine:   # as another build would hold it
        assert mine == kept
        build_site(content, tmp_path / "out", production=True)
        assert runs[-1] == ["vi"]
        assert _laid_out(content)["pagefind-vi"] == before, "not touched while held"
    build_site(content, tmp_path / "afresh", production=True, SEARCH_CACHE=None)
    assert _files(tmp_path / "out" / "pagefind") == _files(tmp_path / "afresh" / "pagefind")
    assert not [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_a_laid_out_folder_is_brought_to_hold_exactly_the_pages_wanted(tmp_path):
    from plugins.search import laid_out
    store, folder = tmp_path / "made", tmp_path / "laid"
    store.mkdir()
    for name in ("a", "b", "c"):
        (store / name).write_text(f"<html>{name}</html>")
    laid_out.update(folder, {"x/a/index.html": store / "a", "x/b/index.html": store / "b",
                             "y/index.html": "<html>sent as text</html>"})
    (folder / "x/b/index.html.placing").write_text("left by a build that stopped")
    (folder / "z/deep/stray.html").parent.mkdir(parents=True)
    (folder / "z/deep/stray.html").write_text("not wanted")
    kept = (folder / "x/a/index.html").stat().st_ino
    laid_out.update(folder, {"x/a/index.html": store / "a", "x/b/index.html": store / "c",
                             "y/index.html": "<html>changed</html>"})
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "x", "x/a", "x/a/index.html", "x/b", "x/b/index.html", "y", "y/index.html"]
    assert (folder / "x/a/index.html").stat().st_ino == kept
    assert (folder / "x/b/index.html").read_text() == "<html>c</html>"
    assert (folder / "y/index.html").read_text() == "<html>changed</html>"
    # a page that is not the store's file (changed in place, copied) is placed again
    (folder / "x/a/index.html").unlink()
    (folder / "x/a/index.html").write_text("<html>a</html>")
    laid_out.update(folder, {"x/a/index.html": store / "a"})
    assert (folder / "x/a/index.html").stat().st_ino == (store / "a").stat().st_ino
    assert [p.name for p in folder.iterdir()] == ["x"]


def test_laid_out_pages_no_build_used_for_a_day_are_removed(tmp_path):
    laid = tmp_path / parts.LAID_OUT
    for name in ("old-sr", "recent-sr"):
        (laid / name / "a").mkdir(parents=True)
        (laid / (name + ".lock")).write_text("")
    day_ago = time.time() - parts.UNUSED_SECONDS - 60
    os.utime(laid / "old-sr.lock", (day_ago, day_ago))
    os.utime(laid, (day_ago, day_ago))
    parts.forget_unused(tmp_path, set())
    assert sorted(p.name for p in laid.iterdir()) == ["recent-sr", "recent-sr.lock"]
