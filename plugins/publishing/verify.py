"""Checks a finished build must pass before it replaces the published site.

Fast enough for 15,000 pages (regular expressions, not an HTML parser, on
every core): every page declares its language and title, every
root-relative link, picture, stylesheet and srcset candidate points at a
file of the build, and no hidden file (`.env`, `.git/`, a build marker) is
among the site's files. It reads the files as they are on the disk, not
what the pipeline meant to write; but a page the build took unchanged
from its page cache, which an earlier check read, is known by the digest
in its cached name (checked.py: at N=2,500 a one-item edit's check read
14,900 pages again, 5 CPU-seconds beside Pagefind). Where its addresses
lead is asked of each build.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from plugins.common.parallel import fork_map, start_worker, workers
from plugins.newsroom.urls import site_path

from . import checked

# One pass for href, src and srcset. Led by the attribute's first letter,
# so the regex engine skips ahead to an h or s instead of trying at every
# blank; the look-behind then asks for the blank before the name.
_URL_ATTRS = re.compile(r"""(?:h(?<=\sh)ref|s(?<=\ss)rc(set)?)\s*=\s*["']([^"']+)["']""")
_LANG = re.compile(r"<html[^>]*\slang=\"[A-Za-z-]+\"")
_TITLE = re.compile(r"<title>[^<]+</title>")
# How far behind the build the early check runs (os.nice): a CI one-item
# edit at N=2,500 indexed 0.6-0.8 s faster than with the check beside it
EARLY_NICENESS = 10


def targets(html: str) -> set[str]:
    """Every address an HTML page points at (href, src, srcset...)."""
    found = set()
    for srcset, value in _URL_ATTRS.findall(html):
        if srcset:
            found.update(part.strip().split(" ")[0] for part in value.split(","))
        else:
            found.add(value)
    return found


def problems(folder: Path, sitepath: str = "", workers: int = 1,
             early: Early | None = None) -> list[str]:
    """What is wrong with a built site; empty when it may be published.
    `workers`: processes reading its pages at once; `early`: the pages
    already being checked (while the search index was made), whose
    problems are taken from there."""
    return _checked(folder, sitepath, workers, early, Known())[0]


def _checked(folder: Path, sitepath: str, workers: int, early: Early | None,
             known: Known) -> tuple[list[str], dict[str, checked.Facts]]:
    """(problems(), the facts of each page of the site by its digest)."""
    pages, found = _walk(folder)
    links = _Links(folder, sitepath)
    facts = known.of_pages(pages)
    if early is not None:
        done, early_found, learned = early.outcome()
        found += early_found
        facts.update(learned)
        done = set(done)
        pages = [shown for shown in pages if shown not in done]

    def check_slice(index: int, count: int) -> tuple[list[str], dict]:
        return _check_pages(folder, pages[index::count], links, known)

    for part, learned in fork_map(check_slice, len(pages), workers):
        found.extend(part)
        facts.update(learned)
    if not (folder / "index.html").is_file():
        found.append("index.html: missing")
    return sorted(found), facts


class Known:
    """Pages whose facts need no reading: {page: digest} of those the build
    vouches are byte for byte pages it cached before (taken unchanged from
    its page cache), and {digest: facts} found in pages earlier checks read."""

    def __init__(self, digests: dict[str, str] | None = None,
                 facts: dict[str, checked.Facts] | None = None):
        self.digests, self.facts = digests or {}, facts or {}

    def get(self, shown: str) -> checked.Facts | None:
        digest = self.digests.get(shown)
        return self.facts.get(digest) if digest is not None else None

    def of_pages(self, pages: list[str]) -> dict[str, checked.Facts]:
        """{digest: facts} of those of `pages` known here."""
        found = {}
        for shown in pages:
            digest = self.digests.get(shown)
            if digest is not None and digest in self.facts:
                found[digest] = self.facts[digest]
        return found


class Verifier:
    """What `build` checks a finished build with: problems(folder), and
    begin(folder), which checks the pages written so far in a process of
    its own while the build goes on (Pagefind indexing, which leaves a core
    mostly idle)."""

    def __init__(self, sitepath: str = "", workers: int = 1, kept: Path | None = None):
        """`kept`: the file the facts of checked pages are kept in between
        publications (checked.facts_file); None: every page is read."""
        self.sitepath, self.workers, self.kept = sitepath, workers, kept

    @classmethod
    def of(cls, settings: dict) -> Verifier:
        """The check of a publication with these settings: its pages read on
        every worker, and the facts of checked pages kept where its page
        cache is (none without one)."""
        return cls(site_path(settings["SITEURL"]), workers(settings),
                   checked.facts_file(settings))

    def __call__(self, folder: Path, early: Early | None = None,
                 taken: dict[str, str] | None = None) -> list[str]:
        """`taken`: {page: digest} of the pages the build took unchanged
        from its page cache (given to begin() where the check began early)."""
        known = early.known if early is not None else self._known(taken)
        found, facts = _checked(folder, self.sitepath, self.workers, early, known)
        checked.save(self.kept, facts)
        return found

    def begin(self, folder: Path, taken: dict[str, str] | None = None) -> Early:
        return Early(folder, self.sitepath, self._known(taken))

    def _known(self, taken: dict[str, str] | None) -> Known:
        return Known(taken, checked.load(self.kept) if taken else {})


class Early:
    """The pages of a build checked in a forked process while the parent
    goes on; outcome() waits for them."""

    def __init__(self, folder: Path, sitepath: str, known: Known | None = None):
        self.known = known or Known()
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)

        def check() -> None:
            start_worker()   # Ctrl-C is the parent's to handle
            # behind the build: Pagefind reads pages on every core, and this
            # check then takes what it leaves (its one-core stretches)
            os.nice(EARLY_NICENESS)
            # the walk too (0.3 s at 15,000 pages), past the hidden folders
            # the search index is made in: the check at the end sees those
            pages = _walk(folder, hidden=False)[0]
            send.send((pages, *_check_pages(folder, pages, _Links(folder, sitepath),
                                            self.known)))

        self._process = context.Process(target=check, daemon=True)
        self._process.start()
        send.close()

    def outcome(self) -> tuple[list[str], list[str], dict[str, checked.Facts]]:
        """(the pages it checked, their problems, the facts read from
        them), once the process has checked them all."""
        try:
            found = self._receive.recv()
        except EOFError:   # it died (killed, out of memory): said, not published
            raise RuntimeError("the check of the built pages stopped before its end") \
                from None
        finally:
            self._process.join()
        return found

    def stop(self) -> None:
        """The build failed: the check is not wanted."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


def _walk(folder: Path, hidden: bool = True) -> tuple[list[str], list[str]]:
    """(the HTML pages of a built site, its hidden files as problems);
    `hidden=False`: not looking into hidden folders."""
    pages, found = [], []
    top = os.path.normpath(folder)
    for root, folders, files in os.walk(top):
        if not hidden:
            folders[:] = [name for name in folders if not name.startswith(".")]
        # (cut from the walk's own path: a Path per folder took 0.4 s of a
        # walk of 15,000 pages)
        base = root[len(top) + 1:].replace(os.sep, "/")
        in_hidden = base.startswith(".") or "/." in base
        for name in files:
            shown = f"{base}/{name}" if base else name
            if in_hidden or name.startswith("."):
                # settings, keys, version control: never the site's own files
                found.append(f"{shown}: a hidden file, which is not part of the site")
            if name.endswith(".html"):
                pages.append(shown)
    return pages, found


def _check_pages(folder: Path, pages: list[str], links: _Links,
                 known: Known) -> tuple[list[str], dict[str, checked.Facts]]:
    """The problems of `pages`, and the facts of those read from the disk
    here (the others' are known) by the digest of their bytes."""
    found, learned = [], {}
    for shown in pages:
        facts = known.get(shown)
        if facts is None:
            digest, facts = _read_facts(folder / shown)
            learned[digest] = facts
        found += _problems_of(shown, facts, links)
    return found, learned


def _read_facts(path: Path) -> tuple[str, checked.Facts]:
    """(the SHA-256 of a page's bytes, what the check looks for in them)."""
    data = path.read_bytes()
    html = data.decode("utf-8")
    addresses = sorted(url for url in targets(html)
                       if url.startswith("/") and not url.startswith("//"))
    return (hashlib.sha256(data).hexdigest(),
            (bool(_LANG.search(html)), bool(_TITLE.search(html)), tuple(addresses)))


def _problems_of(shown: str, facts: checked.Facts, links: _Links) -> list[str]:
    has_lang, has_title, addresses = facts
    found = []
    if not has_lang:
        found.append(f"{shown}: no lang on <html>")
    if not has_title:
        found.append(f"{shown}: no <title>")
    for url in addresses:
        if not links.resolves(url):
            found.append(f"{shown}: links to {url}, which the build does not have")
    return found


class _Links:
    """Whether a root-relative address is a file of the build, asked once
    per address (every page repeats the menu's, the stylesheet's...)."""

    def __init__(self, folder: Path, sitepath: str):
        self.folder, self.sitepath = folder, sitepath
        self.known: dict[str, bool] = {}

    def resolves(self, url: str) -> bool:
        known = self.known.get(url)
        if known is None:
            known = self.known[url] = self._exists(unquote(urlsplit(url).path))
        return known

    def _exists(self, path: str) -> bool:
        if self.sitepath:
            if not path.startswith(self.sitepath + "/"):
                return False
            path = path[len(self.sitepath):]
        target = os.path.join(self.folder, path.lstrip("/"))
        return os.path.isfile(os.path.join(target, "index.html") if path.endswith("/")
                              else target)
