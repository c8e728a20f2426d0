"""Checks a finished build must pass before it replaces the published site.

Fast enough for 15,000 pages (regular expressions, not an HTML parser, on
every core): every page declares its language and title, every
root-relative link, picture, stylesheet and srcset candidate points at a
file of the build, and no hidden file (`.env`, `.git/`, a build marker) is
among the site's files. It reads the files as they are on the disk, not
what the pipeline meant to write.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from plugins.common.parallel import fork_map, start_worker

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
    pages, found = _walk(folder)
    links = _Links(folder, sitepath)
    if early is not None:
        found += early.problems()
        done = set(early.pages)
        pages = [shown for shown in pages if shown not in done]

    def check_slice(index: int, count: int) -> list[str]:
        return [problem for shown in pages[index::count]
                for problem in _page_problems(folder, shown, links)]

    for part in fork_map(check_slice, len(pages), workers):
        found.extend(part)
    if not (folder / "index.html").is_file():
        found.append("index.html: missing")
    return sorted(found)


class Verifier:
    """What `build` checks a finished build with: problems(folder), and
    begin(folder), which checks the pages written so far in a process of
    its own while the build goes on (Pagefind indexing, which leaves a core
    mostly idle)."""

    def __init__(self, sitepath: str = "", workers: int = 1):
        self.sitepath, self.workers = sitepath, workers

    def __call__(self, folder: Path, early: Early | None = None) -> list[str]:
        return problems(folder, self.sitepath, self.workers, early)

    def begin(self, folder: Path) -> Early:
        return Early(folder, self.sitepath)


class Early:
    """The pages of a build checked in a forked process while the parent
    goes on; problems() waits for them."""

    def __init__(self, folder: Path, sitepath: str):
        self.pages = _walk(folder)[0]
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)

        def check() -> None:
            start_worker()   # Ctrl-C is the parent's to handle
            # behind the build: Pagefind reads pages on every core, and this
            # check then takes what it leaves (its one-core stretches)
            os.nice(EARLY_NICENESS)
            links = _Links(folder, sitepath)
            send.send([problem for shown in self.pages
                       for problem in _page_problems(folder, shown, links)])

        self._process = context.Process(target=check, daemon=True)
        self._process.start()
        send.close()

    def problems(self) -> list[str]:
        """The pages' problems, once the process has checked them all."""
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


def _walk(folder: Path) -> tuple[list[str], list[str]]:
    """(the HTML pages of a built site, its hidden files as problems)."""
    pages, found = [], []
    for root, _, files in os.walk(folder):
        base = Path(root).relative_to(folder).as_posix() + "/"
        for name in files:
            shown = name if base == "./" else base + name
            if any(part.startswith(".") for part in shown.split("/")):
                # settings, keys, version control: never the site's own files
                found.append(f"{shown}: a hidden file, which is not part of the site")
            if name.endswith(".html"):
                pages.append(shown)
    return pages, found


def _page_problems(folder: Path, shown: str, links: _Links) -> list[str]:
    html = (folder / shown).read_text(encoding="utf-8")
    found = []
    if not _LANG.search(html):
        found.append(f"{shown}: no lang on <html>")
    if not _TITLE.search(html):
        found.append(f"{shown}: no <title>")
    for url in targets(html):
        if url.startswith("/") and not url.startswith("//") and not links.resolves(url):
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
