"""The publication's check reads again only the pages it has not seen
(plugins/publishing/checked.py): a page the build took unchanged from its
page cache is known by its digest, and what its addresses lead to is asked
of each build again. The answer is always that of a check that reads all."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from plugins.publishing import build as builder, checked, verify
from tests.conftest import copy_fixture, settings_for
from tests.test_live import edit
from tests.test_verify import GOOD, site


@pytest.fixture()
def reads(monkeypatch) -> list[str]:
    """The pages the check reads from the disk (in this process: one worker)."""
    read, real = [], verify._read_facts

    def counted(path: Path):
        read.append(path.as_posix())
        return real(path)
    monkeypatch.setattr(verify, "_read_facts", counted)
    return read


def digests(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in folder.rglob("*.html")}


def test_pages_taken_unchanged_are_not_read_again(tmp_path, reads):
    folder, kept = site(tmp_path / "site", pages=4), tmp_path / "checked.json"
    checker = verify.Verifier(kept=kept)
    assert checker(folder) == []
    assert len(reads) == 6 and kept.is_file()
    taken = digests(folder)
    changed = folder / "vesti/2/index.html"
    changed.write_text(GOOD.replace('href="/vesti/"', 'href="/nema/"'), encoding="utf-8")
    del taken["vesti/2/index.html"]   # rendered again: not from the page cache
    reads.clear()
    found = checker(folder, taken=taken)
    assert reads == [changed.as_posix()]
    assert found == verify.problems(folder) == [
        "vesti/2/index.html: links to /nema/, which the build does not have"]


def test_known_pages_have_their_addresses_asked_of_this_build(tmp_path, reads):
    """A page's facts are kept, not its verdict: a file it points at that
    this build lacks is a problem, though the page was not read."""
    folder, kept = site(tmp_path / "site", pages=2), tmp_path / "checked.json"
    checker = verify.Verifier(kept=kept)
    checker(folder)
    (folder / "slike/a-640.jpg").unlink()
    reads.clear()
    found = checker(folder, taken=digests(folder))
    assert reads == []
    assert found == verify.problems(folder) and len(found) == 4
    assert all(line.endswith("links to /slike/a-640.jpg, which the build does not have")
               for line in found)


def test_a_page_not_vouched_for_is_read_though_its_digest_is_known(tmp_path, reads):
    """Without the build's word that a file holds the cached bytes (`taken`),
    every page is read: the facts file names digests, not files."""
    folder, kept = site(tmp_path / "site", pages=2), tmp_path / "checked.json"
    checker = verify.Verifier(kept=kept)
    checker(folder)
    reads.clear()
    assert checker(folder) == []
    assert len(reads) == 4


@pytest.mark.parametrize("spoiled", ["", "{not json", '{"version": 99}',
                                     '{"version": 1, "addresses": [], "pages": {"x": 1}}',
                                     '{"version": 1, "addresses": [], "pages": '
                                     '{"%s": [true, true, [7]]}}'])
def test_a_spoiled_facts_file_costs_only_time(tmp_path, reads, spoiled):
    folder, kept = site(tmp_path / "site", pages=2), tmp_path / "checked.json"
    taken = digests(folder)
    kept.write_text(spoiled.replace("%s", taken["index.html"]), encoding="utf-8")
    (folder / "vesti/0/index.html").write_text(GOOD.replace("<title>Вести</title>", ""))
    taken = digests(folder)
    found = verify.Verifier(kept=kept)(folder, taken=taken)
    assert found == ["vesti/0/index.html: no <title>"]
    assert len(reads) == 4
    assert set(checked.load(kept)) == set(taken.values())   # written whole again


def test_facts_are_kept_for_this_builds_pages_only(tmp_path):
    folder, kept = site(tmp_path / "site", pages=3), tmp_path / "checked.json"
    checker = verify.Verifier(kept=kept)
    checker(folder)
    (folder / "vesti/1/index.html").write_text(GOOD.replace("Вести", "Вести 1"))
    checker(folder, taken={})
    assert set(checked.load(kept)) == set(digests(folder).values())
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert len(data["addresses"]) == len(set(data["addresses"])) == 5   # each once


def test_an_early_check_reads_only_what_it_does_not_know(tmp_path):
    folder, kept = site(tmp_path / "site", pages=3), tmp_path / "checked.json"
    checker = verify.Verifier(kept=kept)
    checker(folder)
    taken = digests(folder)
    (folder / "vesti/1/index.html").write_text(GOOD.replace("<title>Вести</title>", ""))
    del taken["vesti/1/index.html"]
    (folder / "theme/site.css").unlink()
    early = checker.begin(folder, taken)
    (folder / "late.html").write_text(GOOD.replace('lang="sr-Cyrl"', ""))
    assert checker(folder, early=early) == verify.problems(folder)
    assert "vesti/1/index.html: no <title>" in verify.problems(folder)
    assert "late.html: no lang on <html>" in verify.problems(folder)


def test_a_publication_reads_only_the_pages_it_did_not_take(tmp_path, reads):
    """Publications of the fixture site with the page cache: the second reads
    only the pages not made by the page cache (the 404 page, the redirects);
    after an edit, the edited item's pages too. The same answer as a check
    that reads all."""
    content = copy_fixture("basic", tmp_path)
    settings = settings_for(content, tmp_path / "out", PAGE_CACHE=".cache/pages",
                            BUILD_WORKERS=1, SEARCH_INDEX=False)

    class Checker(verify.Verifier):
        def __call__(self, folder, **known):
            everything = verify.problems(folder)
            reads.clear()
            assert super().__call__(folder, **known) == everything == []
            return []

    def publish() -> tuple[set[str], set[str]]:
        result = builder.build(dict(settings), verify=Checker(kept=checked.facts_file(settings)))
        shown = {re.sub(r"^.*?\.staging-\d+/", "", path) for path in reads}
        return shown, set(result.build.pages.taken)

    read, taken = publish()
    assert taken == set() and len(read) > 50
    assert checked.facts_file(settings).is_file()
    pages = read
    read, taken = publish()
    assert len(taken) > 50 and read == pages - taken
    edit(content / "news/2024/conference.sr-cyrl.md", "Кратак опис конференције.",
         "Нови опис.")
    read, taken = publish()
    assert read == pages - taken
    assert {"sr-cyrl/vesti/conference/index.html", "sr-latn/vesti/conference/index.html",
            "sr-cyrl/vesti/index.html"} <= read
