"""search: the production build's Pagefind index and the search page.

Pagefind (pagefind[extended] from PyPI, which ships the binary) indexes the
built pages, one index per language. Only what the theme marks
`data-pagefind-body` is indexed: the text of news items and the record of
projects and topics, never lists or home pages; dates, projects and topics
go in as metadata and filters. Within a language Pagefind folds diacritics
("cetiri" finds "četiri", "tap huan" finds "tập huấn"); Serbian is indexed
once, in Latin, for both scripts (twins.py). A locale with a
`search_language` (bs: "sr", as Pagefind has no Bosnian stemmer) is a bundle
of its own, pagefind/<language>/, indexed as that language, so inflected
forms find each other (Tuzla, Tuzli).
"""

from __future__ import annotations

import asyncio
import errno
import gzip
import json
import logging
import os
import shutil
import tempfile
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from plugins.common.errors import SearchIndexError
from plugins.common import faults
from plugins.common.parallel import workers

from . import parts
from .indexer import SitePages
from .page import page_data
from . import service
from .service import write_index

if TYPE_CHECKING:
    from plugins.newsroom.pipeline import Build

logger = logging.getLogger(__name__)
FOLDER = "pagefind"
# Pagefind's ready-made interfaces: the search page is ours.
_UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*",
           "pagefind-highlight.js")

__all__ = ["FOLDER", "SearchIndexError", "index", "page_data"]


def cut_short(bundle: Path) -> list[str]:
    """Files of a Pagefind bundle that are not whole (every file but its
    scripts and entry list is gzip, and none is empty): a reader's search
    would fail. A part's files are checked before it is used, new or kept."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            if path.name == "pagefind-entry.json":
                json.loads(data)
            elif path.suffix != ".css" and not path.name.endswith(".js"):
                gzip.decompress(data)
            if not data:
                raise EOFError
        except (OSError, EOFError, zlib.error, ValueError):
            found.append(path.relative_to(bundle).as_posix())
    return found


def index(site: Path, build: Build) -> float:
    """Index a built site into site/pagefind/, replacing the index there
    only once the new one is complete; seconds taken. `build`: the
    pipeline's Build that wrote the site (plugins.newsroom.pipeline).
    Each language's index is a part of its own (parts.py): indexed side by
    side, and kept in SEARCH_CACHE for the next build."""
    started = time.perf_counter()
    pages = SitePages(site, build)
    output, fresh = site / FOLDER, site / f".{FOLDER}-new"
    work = Path(tempfile.mkdtemp(prefix=f".{FOLDER}-work-", dir=site))
    kept = _usable(cache_folder(build.settings))
    store = kept if kept is not None else work / "parts"
    store.mkdir(exist_ok=True)
    try:
        pieces = parts.split(pages, pages.bundles)
        made = parts.Made(kept / parts.MADE) if kept is not None else None
        for piece in pieces:
            piece.made = made
        parts.make_missing(pieces, store, workers(build.settings))
        shutil.rmtree(fresh, ignore_errors=True)
        # in a thread of its own: the caller may be running an event loop;
        # each part's files are checked whole there (cut_short), kept or new
        try:
            with ThreadPoolExecutor(1) as thread:
                running = thread.submit(asyncio.run, parts.index_parts(
                    pieces, store, write_index, workers(build.settings), cut_short,
                    place=lambda part, folder: parts.place(part, folder, fresh, _unused)))
                try:
                    folders = running.result()
                except BaseException:   # stopped (Ctrl-C): no run may keep it waiting
                    service.stop_all()
                    raise
        finally:   # the thread is done
            service.resume()
        parts.join_entries(pieces, folders, fresh)
        parts.forget_unused(store, {piece.key for piece in pieces})
        if made is not None:
            made.forget_unused({digest for piece in pieces for digest in piece.digests})
    except FileNotFoundError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"Pagefind is missing ({exc}): install pagefind[extended] "
                               "from requirements.txt") from None
    except Exception as exc:
        full = faults.free_bytes(site) < faults.MIN_FREE
        shutil.rmtree(fresh, ignore_errors=True)
        if full:   # said as a full disk, with the room the build needs
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(fresh)) from None
        raise SearchIndexError(f"Pagefind could not index the site: {exc}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if output.exists():   # the preview's rebuild in place: the old index goes
        stale = site / f".{FOLDER}-old"
        shutil.rmtree(stale, ignore_errors=True)
        output.rename(stale)
        fresh.rename(output)
        shutil.rmtree(stale, ignore_errors=True)
    else:
        fresh.rename(output)
    return time.perf_counter() - started


def cache_folder(settings: dict) -> Path | None:
    """Where parts of the index are kept between builds (SEARCH_CACHE,
    beside content/ by default; None or "" keeps none)."""
    default = Path(settings["PATH"]).resolve().parent / ".cache" / "search"
    folder = settings.get("SEARCH_CACHE", default)
    return Path(folder) if folder else None


def _usable(store: Path | None) -> Path | None:
    """The cache folder, if it can be written; else the build goes on
    without it, saying so."""
    if store is None:
        return None
    try:
        store.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=store).close()
    except OSError as exc:
        logger.warning("the search cache %s cannot be written (%s): this build indexed "
                       "every language; `invoke clean` empties the caches to make room",
                       store, exc.strerror or exc)
        return None
    return store


def _unused(name: str) -> bool:
    """Pagefind's ready-made interfaces: the search page is ours."""
    return any(fnmatch(name, pattern) for pattern in _UNUSED)
