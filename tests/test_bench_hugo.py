"""The Hugo side of `invoke bench --hugo` makes the pages ours makes (so the
two builds compare like for like): built from a tiny corpus, its output has
every language's item pages, paginated news lists, project and topic pages
with their feeds, and the alternates between translations."""

from __future__ import annotations

import sys
from xml.etree import ElementTree

from benchmarks.corpus import generate
from benchmarks.hugo import LANGUAGES, build_hugo, write_hugo
from benchmarks.usage import tree_usage

from .conftest import html

ATOM = "{http://www.w3.org/2005/Atom}"


def test_hugo_builds_the_pages_and_feeds_ours_makes(tmp_path):
    items = generate(25)
    site, public = tmp_path / "site", tmp_path / "public"
    write_hugo(items, site)
    usage = build_hugo(site, public)
    assert usage["cpu"] > 0 and usage["peak_mb"] > 0

    translated = next(i for i in items if len(i.texts) == 4)
    for key, (code, _, _) in LANGUAGES.items():
        page = html(public / key / "news" / translated.key / "index.html")
        assert page.html["lang"] == code
        assert {link["hreflang"] for link in page.select("link[rel=alternate][hreflang]")} \
            == {c for c, _, _ in LANGUAGES.values()}
        assert page.select_one("script[type='application/ld+json']") is not None
        assert page.select_one("article h2, article p") is not None   # the body
        news = list((public / key / "news").glob("item-*/index.html"))
        assert len(news) == sum(1 for i in items if code in i.texts)
        # paginated by 10
        assert len(html(public / key / "news" / "index.html").select(".news-card")) == 10
        assert (public / key / "news" / "page" / "2" / "index.html").exists()
        project = public / key / "projects" / translated.project
        assert (project / "index.html").exists()
        for topic in translated.topics:
            feed = ElementTree.parse(public / key / "topics" / topic / "atom.xml").getroot()
            assert feed.tag == f"{ATOM}feed" and feed.findall(f"{ATOM}entry")
        assert ElementTree.parse(public / key / "atom.xml").getroot().findall(f"{ATOM}entry")
    assert (public / "sitemap.xml").exists() and (public / "robots.txt").exists()


def test_tree_usage_counts_forked_workers_once(tmp_path):
    # a parent touching 60 MB forks a worker that touches 40 MB more and
    # spends CPU: the tree's peak counts the shared 60 MB once, and its CPU
    # seconds include the worker's
    script = ("import os, time\n"
              "a = b\"x\" * (60 * 2**20)\n"
              "if os.fork() == 0:\n"
              "    b = b\"y\" * (40 * 2**20)\n"
              "    end = time.process_time() + 0.5\n"
              "    while time.process_time() < end: pass\n"
              "    os._exit(0)\n"
              "os.wait()\n")
    usage = tree_usage([sys.executable, "-c", script], interval=0.02)
    assert usage["returncode"] == 0
    assert usage["cpu"] >= 0.5
    assert usage["user"] > 0 and usage["sys"] > 0   # the pages touched are the system's
    assert usage["cpu"] == usage["user"] + usage["sys"]
    assert 100 <= usage["peak_mb"] < 160
    # a timed run, memory not sampled: the worker's CPU still counts
    timed = tree_usage([sys.executable, "-c", script], interval=None)
    assert timed["returncode"] == 0 and timed["cpu"] >= 0.5
    assert timed["peak_mb"] is None


def test_earlier_outputs_are_set_aside_until_the_timings_are_done(tmp_path):
    from benchmarks.usage import clear_aside, set_aside
    output = tmp_path / "output"
    (output / "news").mkdir(parents=True)
    (output / "news" / "index.html").write_text("x")
    set_aside(output)
    set_aside(tmp_path / "never-built")   # nothing to move
    assert not output.exists()
    aside = list(tmp_path.glob(".aside-output-*"))
    assert len(aside) == 1 and (aside[0] / "news" / "index.html").read_text() == "x"
    (tmp_path / ".aside-cache-left-by-a-stopped-run").mkdir()
    clear_aside()
    assert list(tmp_path.iterdir()) == []


def test_turns_alternate_which_tool_builds_first():
    # ours, theirs, theirs, ours...: a machine that speeds up or slows down
    # during the run does not favour the tool that always went first
    from benchmarks.run import bench
    order = []

    class Tool:
        def __init__(self, name):
            self.name = name

        def full(self, sampled=True):
            order.append((self.name, sampled))
            cpu = [4.0, 1.0, 3.0, 2.0][len(order) % 4]
            return {"seconds": 1.0, "wall": 1.0, "cpu": cpu, "user": 0.9, "sys": 0.1,
                    "phases": {}, "peak_mb": 10.0}

        def pages(self):
            return 1

        def one_edit(self):
            return {"wall": 0.1, "cpu": 0.1}

    rows = bench([Tool("ours"), Tool("theirs")], runs=4)
    timed = [name for name, sampled in order if not sampled]
    assert timed == ["ours", "theirs", "theirs", "ours", "ours", "theirs", "theirs", "ours"]
    assert rows["ours"]["user"] == 0.9 and rows["theirs"]["sys"] == 0.1
    assert rows["ours"]["cpu"] == 2.5   # of 4 runs, the mean of the middle two


def test_our_build_on_another_interpreter_is_named_by_it(tmp_path, monkeypatch):
    # `invoke bench --python P`: the row says which interpreter built it, and
    # an interpreter that already has the requirements gets no venv of its own
    import platform

    from benchmarks import run
    monkeypatch.setattr(run, "BENCH", tmp_path)
    here = run.interpreter(sys.executable)
    assert here == (f"{platform.python_implementation()} {platform.python_version()} "
                    f"at {sys._base_executable}")
    assert run.venv_for(sys.executable) == sys.executable
    assert list(tmp_path.iterdir()) == []
    assert run.Ours(tmp_path).name == "this project"
    other = run.Ours(tmp_path, python=sys._base_executable)
    assert other.name == f"this project on {here}" and other.python == sys._base_executable
    line = run.ratio_line(other.name, {"cpu": 8.0, "wall": 5.0, "peak_mb": 100.0},
                          "this project", {"cpu": 10.0, "wall": 4.0, "peak_mb": 50.0})
    assert line.startswith(f"{other.name} / this project: CPU 0.80x, wall 1.25x, "
                           "peak memory 2.00x")
    built_with = []
    monkeypatch.setattr(run, "measure", lambda python, body, sampled=True:
                        built_with.append(python) or {"wall": 1.0})
    other.full(sampled=False)
    run.Ours(tmp_path).full()
    assert built_with == [sys._base_executable, sys.executable]
