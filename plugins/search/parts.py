"""The index in parts: one Pagefind run per language index, side by side,
each part kept between builds.

Pagefind's service indexes on one core, and one language's index owes
nothing to another's. So each part (a bundle folder and one language of
it) is indexed by a service of its own, as many at once as the build has
workers, and a bundle is put together from its parts: their files side by
side, the languages of their pagefind-entry.json joined. A part's files are
kept in SEARCH_CACHE under a hash of all it was made from (Pagefind's
version, the language forced on it, our code that makes its pages, and each
page's recipe with the bytes of the files it reads): after an edit of one
item, only the part that holds the item is indexed again. The pages of a
part are kept too (Made), each under the hash of what it is made of: a
part indexed again makes only the pages that changed, and the folder
Pagefind reads them from stays laid out (laid_out.py), so that only they
are linked into it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Callable

from plugins.common.parallel import fork_map

from . import laid_out

ENTRY = "pagefind-entry.json"
# In a kept part: each file's size, written once its files were found whole,
# so that a later build checks a kept part by sizes instead of reading and
# decompressing every file (0.4 s for a 2,800-page part).
SIZES = ".sizes.json"
# The format of a kept part; a new one leaves the old parts unused.
FORMAT = 2
# The folder of the store that keeps the pages as Pagefind gets them (Made)
MADE = "made"
# The folder of the store that keeps each part's pages laid out for Pagefind
# to read (laid_out.py), a folder per part's name
LAID_OUT = "laid-out"
# Kept parts no build has used for this long are removed (a part another
# build running at the same moment is using is never that old).
UNUSED_SECONDS = 24 * 3600


@functools.cache
def _pagefind_version() -> str:
    return " ".join(metadata.version(name) for name in ("pagefind", "pagefind-bin-extended"))


@functools.cache
def _code_version() -> str:
    """Our code that makes a page for Pagefind from a recipe and its files:
    a change to it leaves the kept parts unused."""
    here = Path(__file__).parent
    return hashlib.sha256(b"".join((here / name).read_bytes()
                                   for name in ("indexer.py", "twins.py"))).hexdigest()


class Part:
    """The pages of one part, as recipes (indexer.Recipe): its key is taken
    from what they are made of, and a page is made only when Pagefind is
    to index it, so a kept part's pages are never made, and a large site's
    pages are never all held at once."""

    def __init__(self, folder: str, force: str | None, make: Callable, language: str = ""):
        self.folder, self.force, self.make = folder, force, make
        # the same from build to build, whatever the part holds
        self.name = re.sub(r"[^\w-]", "_", f"{folder or 'pagefind'}-{language or 'none'}")
        self.recipes: list = []
        self.digests: list[str] = []   # of each page's inputs
        self.made: Made | None = None   # where made pages are kept, if anywhere
        self._digest = hashlib.sha256(
            f"{FORMAT}\0{_pagefind_version()}\0{_code_version()}\0{force}\0".encode())

    def add(self, recipe, inputs: bytes) -> None:
        """One page of the part, and all it is made of."""
        self.recipes.append(recipe)
        self.digests.append(hashlib.sha256(
            f"{_code_version()}\0{self.force}\0".encode() + inputs).hexdigest())
        self._digest.update(len(inputs).to_bytes(8, "little") + inputs)

    def close(self) -> str:
        """Done adding; the part's key."""
        self.key = self._digest.hexdigest()[:32]
        return self.key

    def pages(self):
        """(bundle folder "", url, page) of each page, made in order: its
        HTML, or the file in `made` that holds it."""
        for index, recipe in enumerate(self.recipes):
            yield "", recipe.url, self.page(index)

    def page(self, index: int) -> Path | str:
        """The page `index`: its HTML, or the file in `made` that holds it."""
        recipe = self.recipes[index]
        if self.made is None:
            return self.make(recipe)
        return self.made.page(self.digests[index], lambda: self.make(recipe))


def make_missing(parts: list[Part], store: Path, workers: int) -> None:
    """Make, on every core, the pages the parts to index lack in their
    store (Made), before any part is indexed: each part then only links
    its pages, and a cold build's parts start Pagefind sooner. A part kept
    in `store` needs no pages."""
    missing = [(part, index) for part in parts
               if part.made is not None and not _kept(store, part)
               for index, digest in enumerate(part.digests)
               if not part.made.has(digest)]

    def job(share: int, count: int) -> None:
        for part, index in missing[share::count]:
            part.page(index)
    fork_map(job, len(missing), workers)


def _kept(store: Path, part: Part) -> bool:
    """Whether `store` holds the part's files (its entry list is written last)."""
    return (store / part.key / ENTRY).is_file()


class Made:
    """Pages as Pagefind gets them, kept in `folder` under the hash of what
    each is made of: after an edit, the part indexed again makes only the
    pages that changed (a Serbian page's making is mostly reading its
    Cyrillic twin for the words spelt otherwise)."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def has(self, digest: str) -> bool:
        return (self.folder / digest).is_file()

    def page(self, digest: str, make: Callable[[], str]) -> Path | str:
        """The file holding the page, made now if it is not kept whole (or
        the page itself where it cannot be kept)."""
        path = self.folder / digest
        try:
            if path.read_text(encoding="utf-8").endswith("</html>"):
                return path
        except (OSError, UnicodeDecodeError):
            pass
        html = make()
        writing = path.with_name(f".{digest}.{os.getpid()}")
        try:
            writing.write_text(html, encoding="utf-8")
            os.replace(writing, path)
        except OSError:   # kept or not, this build indexes the page
            writing.unlink(missing_ok=True)
            return html
        return path

    def forget_unused(self, used: set[str]) -> None:
        """Remove the pages none of `used` are."""
        for path in self.folder.iterdir():
            if path.name not in used:
                path.unlink(missing_ok=True)


def split(pages, bundles: dict) -> list[Part]:
    """Parts of the recipes `pages` (indexer.SitePages) gives, in the order
    their first pages came; `bundles`: {folder: the language forced on it}."""
    parts: dict[tuple, Part] = {}
    for recipe in pages:
        # Pagefind keeps one index per language, not per script or region
        name = (recipe.folder, recipe.language.split("-")[0].lower())
        if name not in parts:
            parts[name] = Part(recipe.folder, bundles.get(recipe.folder), pages.page, name[1])
        parts[name].add(recipe, pages.inputs(recipe))
    for folder, force in bundles.items():   # a bundle without pages: an empty index
        if not any(name[0] == folder for name in parts):
            parts[(folder, "")] = Part(folder, force, pages.page)
    for part in parts.values():
        part.close()
    return list(parts.values())


async def index_parts(parts: list[Part], store: Path, write: Callable, workers: int,
                      check: Callable, place: Callable = lambda part, folder: None
                      ) -> list[Path]:
    """Each part's files, from `store` or indexed into it by `write` (at
    most `workers` at once); `check(folder)` lists files cut short: a kept
    part that lists some is indexed again, a new one gets one more run,
    then a RuntimeError. The folders, in the order of `parts`.

    `place(part, folder)` is called with each part's folder as soon as it
    is ready, in a thread of its own, one part after the other: the kept
    parts are checked and placed while Pagefind indexes the others (after
    its run, they took 0.8 s of a one-item edit's 5.5 s index at N=2,500)."""
    running = asyncio.Semaphore(max(1, workers))
    loop = asyncio.get_running_loop()
    placer = ThreadPoolExecutor(1)
    placed: list = []

    async def one(part: Part) -> Path:
        done = store / part.key
        if _kept(store, part):
            if await loop.run_in_executor(placer, _still_whole, done, check):
                os.utime(done)   # in use: not removed as unused
                return done
            shutil.rmtree(done, ignore_errors=True)   # spoiled on disk since it was kept
        async with running, _pages_folder(store, part) as kept_pages:
            fresh = store / f".{part.key}-{os.getpid()}"
            for attempt in range(2):
                shutil.rmtree(fresh, ignore_errors=True)
                await write(part.pages(), str(fresh), bundles={"": part.force},
                            pages_folder=kept_pages)
                if not (fresh / "pagefind.js").is_file():
                    raise RuntimeError(f"it wrote no pagefind.js into {fresh}")
                damaged = check(fresh)
                if not damaged:
                    _note_sizes(fresh)
                    break
                if attempt:
                    raise RuntimeError(f"{len(damaged)} of its files are cut short, "
                                       f"such as {damaged[0]}; build again")
            shutil.rmtree(done, ignore_errors=True)
            try:
                fresh.rename(done)
            except OSError:
                if not (done / ENTRY).is_file():
                    raise
                shutil.rmtree(fresh, ignore_errors=True)   # another build kept it first
            return done

    async def ready(part: Part) -> Path:
        folder = await one(part)
        placed.append(loop.run_in_executor(placer, place, part, folder))
        return folder

    # every run is let finish, failed or not: a run cancelled midway leaves
    # its Pagefind waiting to write answers nobody reads; and every part
    # placed that was ready, before the caller may remove where they went
    try:
        done = await asyncio.gather(*(ready(part) for part in parts), return_exceptions=True)
        outcomes = done + await asyncio.gather(*placed, return_exceptions=True)
    finally:
        placer.shutdown()
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return done


@contextlib.asynccontextmanager
async def _pages_folder(store: Path, part: Part):
    """The folder the part's pages are kept laid out in for Pagefind, held
    by this build (None: another build holds it, so they go in a folder of
    their own); its lock file's time says when a build last used it."""
    with laid_out.held(store / LAID_OUT / part.name) as folder:
        if folder is not None:
            with contextlib.suppress(OSError):
                os.utime(folder.with_name(folder.name + laid_out.LOCK))
        yield folder


def _sizes(folder: Path) -> dict[str, int]:
    """{file of a part: its size}, the SIZES file left out."""
    return {relative: os.stat(path).st_size for relative, path in laid_out.files(folder)
            if relative.rpartition("/")[2] != SIZES}


def _note_sizes(folder: Path) -> None:
    """Keep the size of each file of a part found whole (SIZES)."""
    (folder / SIZES).write_text(json.dumps(_sizes(folder), separators=(",", ":")),
                                encoding="utf-8")


def _still_whole(folder: Path, check: Callable) -> bool:
    """Whether a kept part has every file it had when it was found whole, at
    the same size; a part kept before sizes were noted is read whole."""
    try:
        sizes = json.loads((folder / SIZES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        if check(folder):
            return False
        _note_sizes(folder)
        return True
    return _sizes(folder) == sizes


def place(part: Part, source: Path, output: Path, unused: Callable) -> None:
    """A part's files in its bundle, output/<folder>, but its entry list
    (join_entries) and those `unused(name)` says the site does not serve."""
    target = os.path.join(output, part.folder)
    made: set[str] = set()
    for relative, path in laid_out.files(source):
        name = relative.rpartition("/")[2]
        if unused(name) or name == SIZES or relative == ENTRY:
            continue
        placed = os.path.join(target, relative)
        folder = os.path.dirname(placed)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        _place(path, placed)


def join_entries(parts: list[Part], folders: list[Path], output: Path) -> None:
    """Each bundle's entry list in output/<folder>, made of its parts'."""
    entries: dict[str, dict] = {}
    for part, source in zip(parts, folders):
        if (source / ENTRY).is_file():
            _join_entry(entries.setdefault(part.folder, {}), source / ENTRY, source)
    for folder, entry in entries.items():
        entry["languages"] = dict(sorted(entry["languages"].items()))
        (output / folder / ENTRY).write_text(
            json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _join_entry(entry: dict, path: Path, source: Path) -> None:
    """Add a part's languages to its bundle's entry list."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not entry:
        entry.update(data, languages={})
    elif {k: v for k, v in data.items() if k != "languages"} != \
            {k: v for k, v in entry.items() if k != "languages"}:
        raise RuntimeError(f"the parts of one bundle disagree on {ENTRY} ({source})")
    entry["languages"].update(data["languages"])


def _place(path: str, target: str) -> None:
    """A part's file in its bundle: linked (a kept part is never written
    again), else copied. Files all parts have (the scripts, the shared
    wasm) must be the same in each."""
    try:
        os.link(path, target)
    except FileExistsError:
        with open(target, "rb") as there, open(path, "rb") as here:
            if there.read() != here.read():
                raise RuntimeError("two parts of the index wrote different "
                                   f"{os.path.basename(target)}") from None
    except OSError:
        shutil.copyfile(path, target)


def forget_unused(store: Path, used: set[str]) -> None:
    """Remove kept parts and laid-out pages that no build has used for
    UNUSED_SECONDS, and folders of runs that stopped midway as long."""
    limit = time.time() - UNUSED_SECONDS
    for path in store.iterdir() if store.is_dir() else ():
        try:
            if path.name not in used and path.name not in (MADE, LAID_OUT) and \
                    path.stat().st_mtime < limit:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            continue
    laid = store / LAID_OUT
    for lock in laid.glob(f"*{laid_out.LOCK}") if laid.is_dir() else ():
        try:
            if lock.stat().st_mtime < limit:
                shutil.rmtree(lock.with_name(lock.name[:-len(laid_out.LOCK)]),
                              ignore_errors=True)
                lock.unlink(missing_ok=True)
        except OSError:
            continue
