"""The page cache: pages a build has rendered before are taken, not rendered.

A page's key is the digest of the site's code, theme, settings and template
globals (site_digest.py) and of everything its template is given
(fingerprint.py). A page whose key the last build of the same output folder
wrote is hard-linked from the cache into the new output; only the others
are rendered, then linked into the cache in turn. After a one-item edit only
the pages that show the item are rendered again.

Production builds keep it (publishconf.py); development builds do not: the
preview rebuilds a text edit in place (plugins/preview/live.py), and a
build that takes nothing from the cache pays for the fingerprints and links
(about 3 CPU-seconds at 15,000 pages, a fifth of their rendering).

The cache holds the last build's pages of each output folder
(`<PAGE_CACHE>/<folder's digest>/<key>-<size>-<SHA-256 of the bytes>`): as
hard links of that build's own files, it takes no room beside them, and in
CI, where only the caches are restored, it carries the pages from one run to
the next. A file whose size is not the one its name says (cut short) is not
used. A page is kept by the worker that rendered it, and the build forgets
what it did not use. Pages are only ever replaced whole (os.replace) in an
output folder, never rewritten in place, so a cached file never changes
under its key.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import time
from pathlib import Path

from .fingerprint import Fingerprints, Unknown
from .site_digest import site_digest

logger = logging.getLogger(__name__)

# A replacement older than this was left by a build that stopped (seconds).
STRAY_SECONDS = 60
# Beside each output folder's kept pages, `<digest>.output` names that folder
# (touched by each build of it). Once the output folder is gone (a temporary
# one, a folder moved), its kept pages hold the only links to its files: a
# build of another output removes them when it was last built a day ago.
MARK = ".output"
GONE_SECONDS = 24 * 3600
UNMARKED_SECONDS = 7 * 24 * 3600   # kept by a release that wrote no mark
_FOLDER = re.compile("[0-9a-f]{16}")


def output_of(settings: dict, output: Path) -> str:
    """The output folder's full path, as the page cache names it."""
    return str(Path(settings.get("OUTPUT_PATH") or output).resolve())


def folder_of(settings: dict, output: Path) -> Path | None:
    """Where the pages of builds into `output` are kept (PAGE_CACHE; a
    relative folder is beside content/, as the other caches); None when
    it is off."""
    base = settings.get("PAGE_CACHE")
    if not base:
        return None
    base = Path(settings["PATH"]).resolve().parent / Path(base).expanduser()
    return base / hashlib.sha256(output_of(settings, output).encode()).hexdigest()[:16]


class PageCache:
    """The kept pages of one output folder, and the site's digest they are
    keyed under. A kept page's file is named by its key, its size and the
    SHA-256 of its bytes (the search index's key of the page: no page
    taken from the cache is read again)."""

    def __init__(self, folder: Path, site: bytes):
        self.folder, self.site = folder, site
        self.prefix = os.path.join(folder, "")   # (a path per page: no pathlib)
        self.kept: dict[str, tuple[int, str]] = {}   # key -> (size, digest of the bytes)
        self.stray: list[str] = []   # replacements a build stopped before renaming
        folder.mkdir(parents=True, exist_ok=True)
        for name in os.listdir(folder):
            kept = _kept_page(name)
            if kept:
                key, size, digest = kept
                self.kept[key] = size, digest
            elif name.startswith("."):
                self.stray.append(name)

    @classmethod
    def open(cls, settings: dict, output: Path, pages) -> PageCache | None:
        """The cache for a build of `pages` into `output`; None when
        PAGE_CACHE is off, its folder cannot be made, or the site's digest
        cannot be taken (a setting or global whose value the fingerprint
        does not know)."""
        folder = folder_of(settings, output)
        if folder is None:
            return None
        try:
            cache = cls(folder, site_digest(settings, pages))
            cache.mark(output_of(settings, output))
            return cache
        except Unknown as exc:
            logger.info("page cache off for this build: a setting or template global "
                        "holds a %s, which it cannot tell apart from the next", exc)
        except OSError as exc:
            _not_written(folder, exc)
        return None

    def key(self, fingerprints: Fingerprints, view) -> str | None:
        """The key of a view's page; None when a value in it is of a type
        the fingerprint does not know. The page's chrome (chrome.py) is
        made from the view and what the site digest holds."""
        try:
            return fingerprints.of_view(self.site, view).hex()[:40]
        except Unknown:
            return None

    def take(self, out, relative: str, key: str) -> str | None:
        """Put the kept page of `key` at `relative` in the output: the
        digest of its bytes; None when there is none (or it was cut short)."""
        found = self.kept.get(key)
        if found is None:
            return None
        size, digest = found
        cached = f"{self.prefix}{key}-{size}-{digest}"
        try:
            if os.stat(cached).st_size != size:
                return None
            out.copy(relative, cached)
        except FileNotFoundError:   # removed by a build running at the same time
            return None
        return digest

    def keep(self, written: str, key: str, data: bytes) -> str:
        """Keep a page just written (at the path `written`) under its key;
        the digest of its bytes."""
        digest = hashlib.sha256(data).hexdigest()
        target = f"{self.prefix}{key}-{len(data)}-{digest}"
        temporary = f"{self.prefix}.{key}.{os.getpid()}"   # a replacement, renamed whole
        try:
            try:
                os.link(written, target)
            except FileExistsError:   # kept by a build running at the same time, or cut short
                if os.stat(target).st_size != len(data):
                    os.link(written, temporary)
                    os.replace(temporary, target)
        except OSError as exc:
            try:   # another file system: a copy
                with open(temporary, "wb") as file:
                    file.write(data)
                os.replace(temporary, target)
            except OSError:
                _not_written(self.folder, exc)
        return digest

    def forget_unused(self, used: set[str]) -> None:
        """Remove the kept pages this build did not use, and replacements
        a build stopped before renaming (one running now renames its own
        within microseconds: those a minute old are left behind)."""
        for key, (size, digest) in self.kept.items():
            if key not in used:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{self.prefix}{key}-{size}-{digest}")
        left = time.time() - STRAY_SECONDS
        for name in self.stray:
            with contextlib.suppress(FileNotFoundError):
                if os.stat(self.prefix + name).st_mtime < left:
                    os.unlink(self.prefix + name)

    def mark(self, output: str) -> None:
        """Name the output folder beside its kept pages (MARK)."""
        mark = self.folder.with_name(self.folder.name + MARK)
        try:
            same = mark.read_text(encoding="utf-8") == output
        except (OSError, UnicodeDecodeError):   # none yet, or spoilt
            same = False
        if same:
            os.utime(mark)
        else:
            mark.write_text(output, encoding="utf-8")

    def forget_gone_outputs(self) -> None:
        """Remove the pages kept for output folders that are gone (MARK),
        with the files beside them (`<digest>.*`: the publication check's
        facts); a folder a former release kept, without a mark, once it has
        not changed for UNMARKED_SECONDS."""
        now = time.time()
        for folder in self.folder.parent.iterdir():
            if folder == self.folder or not _FOLDER.fullmatch(folder.name):
                continue
            mark = folder.with_name(folder.name + MARK)
            try:
                if mark.is_file():
                    kept_for = mark.read_text(encoding="utf-8")
                    gone = now - mark.stat().st_mtime > GONE_SECONDS and \
                        not Path(kept_for).exists()
                else:
                    kept_for = str(folder)
                    gone = folder.is_dir() and now - folder.stat().st_mtime > \
                        UNMARKED_SECONDS and _only_kept_pages(folder)
            except (OSError, UnicodeDecodeError):
                continue
            if gone:
                logger.info("page cache: removing the pages kept for %s, which is gone",
                            kept_for)
                shutil.rmtree(folder, ignore_errors=True)
                for beside in folder.parent.glob(folder.name + ".*"):
                    with contextlib.suppress(FileNotFoundError):
                        beside.unlink()


def _kept_page(name: str) -> tuple[str, int, str] | None:
    """(key, size, digest) of a kept page's file name; None for another name."""
    key, size, digest = (name.split("-") + ["", ""])[:3]
    return (key, int(size), digest) if size.isdigit() and len(digest) == 64 else None


def _only_kept_pages(folder: Path) -> bool:
    """Whether every file in `folder` is named as the page cache names them
    (PAGE_CACHE may be a folder that holds other things too)."""
    return all(_kept_page(name) or name.startswith(".") for name in os.listdir(folder))


def _not_written(folder: Path, exc: OSError) -> None:
    logger.warning("the page cache %s cannot be written (%s): the next build renders "
                   "those pages again; `invoke clean` empties the caches", folder,
                   exc.strerror or exc)
