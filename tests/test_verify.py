"""The checks a finished build passes before it is published
(plugins.publishing.verify): read from the files on the disk, in one
process or several, with the same answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plugins.publishing import verify

pytestmark = pytest.mark.unit

GOOD = ('<!doctype html><html lang="sr-Cyrl"><head><title>Вести</title>'
        '<link rel="stylesheet" href="/theme/site.css"></head><body>'
        '<a href="/vesti/">вести</a> <a\nhref="/theme/site.css#x">css</a>'
        '<img src="/slike/a.jpg" srcset="/slike/a.jpg 320w, /slike/a-640.jpg 640w">'
        '<a href="https://example.org/nema/">elsewhere</a> <a href="//cdn.example/x">cdn</a>'
        '<p>data-src="/not/an/attribute" and xhref="/nor/this"</p></body></html>')


def site(folder: Path, pages: int = 3) -> Path:
    """A built site that passes: `pages` pages under vesti/, each linking
    the stylesheet, the list, a picture in two widths."""
    for relative in ("theme/site.css", "slike/a.jpg", "slike/a-640.jpg"):
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text("x")
    for relative in ["index.html", "vesti/index.html"] + [
            f"vesti/{n}/index.html" for n in range(pages)]:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(GOOD, encoding="utf-8")
    return folder


def test_a_good_site_passes(tmp_path):
    assert verify.problems(site(tmp_path)) == []


def test_each_kind_of_problem_is_named_with_its_page(tmp_path):
    folder = site(tmp_path)
    (folder / "vesti/0/index.html").write_text(GOOD.replace(' lang="sr-Cyrl"', ""))
    (folder / "vesti/1/index.html").write_text(GOOD.replace("<title>Вести</title>", ""))
    (folder / "vesti/2/index.html").write_text(GOOD.replace("a-640.jpg 640w", "b.jpg 640w")
                                               .replace('href="/vesti/"', 'href="/nema/"'))
    (folder / ".env").write_text("TOKEN=1")
    assert verify.problems(folder) == [
        ".env: a hidden file, which is not part of the site",
        "vesti/0/index.html: no lang on <html>",
        "vesti/1/index.html: no <title>",
        "vesti/2/index.html: links to /nema/, which the build does not have",
        "vesti/2/index.html: links to /slike/b.jpg, which the build does not have",
    ]


def test_a_hidden_folder_at_any_depth_is_named_by_its_files(tmp_path):
    """Files not hidden themselves, in a hidden folder below another folder
    (a key under `.well-known/`, a checkout's `.git/`), walked after one
    that is not hidden."""
    folder = site(tmp_path)
    for relative in ("vesti/.well-known/key", "vesti/0/.git/config", ".git/HEAD"):
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text("x")
    assert verify.problems(folder) == [
        f"{relative}: a hidden file, which is not part of the site"
        for relative in (".git/HEAD", "vesti/.well-known/key", "vesti/0/.git/config")]


def test_a_site_below_a_path_links_under_it(tmp_path):
    folder = site(tmp_path)
    assert verify.problems(folder, "/vijesti") == sorted(
        f"{page}: links to {url}, which the build does not have"
        for page in ["index.html", "vesti/0/index.html", "vesti/1/index.html",
                     "vesti/2/index.html", "vesti/index.html"]
        for url in sorted(verify.targets(GOOD)) if url.startswith("/") and
        not url.startswith("//"))
    moved = re.sub(r'(="|, )/(?!/)', r"\1/vijesti/", GOOD)
    for page in folder.rglob("*.html"):
        page.write_text(moved, encoding="utf-8")
    assert verify.problems(folder, "/vijesti") == []


def test_workers_find_what_one_process_finds(tmp_path):
    folder = site(tmp_path, pages=450)    # enough for a pool (parallel.MIN_ITEMS)
    for n in (7, 200, 449):
        page = folder / f"vesti/{n}/index.html"
        page.write_text(GOOD.replace('href="/vesti/"', f'href="/vesti/{n + 1000}/"'))
    alone = verify.problems(folder, workers=1)
    assert alone == sorted(f"vesti/{n}/index.html: links to /vesti/{n + 1000}/, which "
                           "the build does not have" for n in (7, 200, 449))
    assert verify.problems(folder, workers=2) == alone


def test_targets_are_the_attributes_only():
    assert verify.targets(GOOD) == {
        "/theme/site.css", "/vesti/", "/theme/site.css#x", "/slike/a.jpg",
        "/slike/a-640.jpg", "https://example.org/nema/", "//cdn.example/x"}


def test_pages_checked_early_give_the_same_answer(tmp_path):
    """A publication checks the pages in a process of its own while Pagefind
    indexes (Verifier.begin): the same problems, and a page written after
    that began is still checked."""
    folder = site(tmp_path)
    (folder / "vesti/0/index.html").write_text(GOOD.replace('href="/vesti/"', 'href="/nema/"'))
    checker = verify.Verifier()
    early = checker.begin(folder)
    (folder / "pagefind").mkdir()
    (folder / "pagefind/late.html").write_text(GOOD.replace("<title>Вести</title>", ""))
    (folder / "pagefind/.work").write_text("")
    assert checker(folder, early=early) == verify.problems(folder) == [
        "pagefind/.work: a hidden file, which is not part of the site",
        "pagefind/late.html: no <title>",
        "vesti/0/index.html: links to /nema/, which the build does not have",
    ]


def test_an_early_check_that_died_stops_the_publication(tmp_path, monkeypatch):
    folder = site(tmp_path)
    # the forked check waits (for ever) before its first page: killed first
    monkeypatch.setattr(verify, "_read_facts", lambda *_: __import__("time").sleep(600))
    early = verify.Verifier().begin(folder)
    early._process.kill()
    early._process.join()
    with pytest.raises(RuntimeError, match="stopped before its end"):
        verify.Verifier()(folder, early=early)
