"""Gate: LinkChecker over HTTP finds no broken internal link or #anchor on
any page (and our own pass checks same-page #anchors, which it skips)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import html
from tests.quality.conftest import ServedSite, need, serve

pytestmark = pytest.mark.quality

CONFIG = """[checking]
threads=8
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


def link_problems(site: ServedSite, workdir: Path) -> tuple[int, list[str]]:
    """(links checked, broken links and anchors) over HTTP, every page a start."""
    linkchecker = need(Path(sys.executable).parent / "linkchecker", "LinkChecker")
    config = workdir / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    urls = "\n".join(site.url(page) for page in site.pages())
    run = subprocess.run([linkchecker, "-f", str(config), "--no-status", "--verbose",
                          "-o", "csv", "--stdin"], input=urls, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode in (0, 1), run.stderr[-3000:]   # 2: it failed itself
    rows = list(csv.DictReader(io.StringIO(
        "".join(l for l in run.stdout.splitlines(True) if not l.startswith("#"))),
        delimiter=";"))
    # e-mail addresses are not links of this site, and LinkChecker refuses an
    # internationalised one (контакт@пример.срб, RFC 6531) that mail accepts
    problems = [f"{r['parentname']}: {r['urlname']} -> {r['result']}" for r in rows
                if r["valid"] != "True" and not r["urlname"].startswith("mailto:")]
    problems += [f"{r['parentname']}: {r['urlname']} -> {r['warningstring']}"
                 for r in rows if "Anchor" in (r["warningstring"] or "")]
    return len(rows), problems


def test_no_broken_links_or_anchors(served_sites, tmp_path):
    for site in served_sites:
        checked, problems = link_problems(site, tmp_path)
        assert checked > 100, site.name
        assert problems == [], (site.name, problems[:20])


def test_the_link_check_finds_breaks(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(
        '<!doctype html><html lang="en"><title>a</title><a href="/b.html#here">ok</a>'
        '<a href="/b.html#nowhere">anchor</a><a href="/missing/">gone</a></html>',
        encoding="utf-8")
    (root / "b.html").write_text('<!doctype html><html lang="en"><title>b</title>'
                                 '<h2 id="here">b</h2></html>', encoding="utf-8")
    checked, problems = link_problems(serve("broken", root), tmp_path)
    assert len(problems) == 2, problems
    assert any("missing" in p for p in problems) and any("nowhere" in p for p in problems)


def test_same_page_anchors_exist(served_sites):
    for site in served_sites:
        for path in sorted(site.root.rglob("*.html")):
            page = html(path)
            ids = {e["id"] for e in page.select("[id]")}
            for link in page.select('a[href^="#"]'):
                assert link["href"][1:] in ids, (path, link["href"])
