"""The page cache: pages a build has rendered before are taken, not rendered.

A page's key is the digest of the site's code, theme, settings and template
globals (`site_digest`) and of everything its template is given
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
import functools
import hashlib
import inspect
import logging
import os
import sys
import time
from importlib import metadata
from pathlib import Path

from .fingerprint import Fingerprints, Unknown, digest

logger = logging.getLogger(__name__)

# The layout of the cache; a new one leaves the old entries unused.
FORMAT = 1
# Settings no page shows: a build with fewer workers, or with its texts read
# again rather than taken from the read cache, makes the same pages.
NOT_PAGES = frozenset({"BUILD_WORKERS", "READ_CACHE"})
# A replacement older than this was left by a build that stopped (seconds).
STRAY_SECONDS = 60
# Packages whose code or data shape a page (escaping, dates and numbers).
PACKAGES = ("jinja2", "markupsafe", "babel", "markdown", "nh3", "pelican")


def folder_of(settings: dict, output: Path) -> Path | None:
    """Where the pages of builds into `output` are kept (PAGE_CACHE; a
    relative folder is beside content/, as the other caches); None when
    it is off."""
    base = settings.get("PAGE_CACHE")
    if not base:
        return None
    base = Path(settings["PATH"]).resolve().parent / Path(base).expanduser()
    final = str(Path(settings.get("OUTPUT_PATH") or output).resolve())
    return base / hashlib.sha256(final.encode()).hexdigest()[:16]


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
            key, size, digest = (name.split("-") + ["", ""])[:3]
            if size.isdigit() and len(digest) == 64:
                self.kept[key] = int(size), digest
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
            return cls(folder, site_digest(settings, pages))
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


def _not_written(folder: Path, exc: OSError) -> None:
    logger.warning("the page cache %s cannot be written (%s): the next build renders "
                   "those pages again; `invoke clean` empties the caches", folder,
                   exc.strerror or exc)


def site_digest(settings: dict, pages) -> bytes:
    """What every page of a build depends on besides its own view: our
    code and the packages', the theme and its overrides, the settings, the
    template globals with the state behind them (routes, pictures, renamed
    files, theme files), and what the page chrome is made from."""
    fingerprints = _WithCallables()
    inputs = pages.chrome.inputs()   # held until the digest is made: lasting
    parts = [str(FORMAT).encode(), _environment(), _code(),
             *(_files(folder) for folder in pages.templates.folders),
             *(fingerprints.of(value, True) for value in (
                 {k: v for k, v in settings.items() if k not in NOT_PAGES},
                 pages.templates.names, vars(pages.content), inputs))]
    return digest(b"".join(parts))


class _WithCallables(Fingerprints):
    """Fingerprints that also take functions (in settings: JINJA_FILTERS;
    among the globals: the build's helpers): by name and code, and by the
    object a bound method works on."""

    def _feed(self, parts: list, value, lasting: bool, depth: int) -> bool:
        if isinstance(value, functools.partial):
            parts.append(b"partial")
            for part in (value.func, value.args, value.keywords):
                self._feed(parts, part, lasting, depth)
            return False
        if callable(value) and not isinstance(value, type):
            parts += (b"f", _callable(value))
            owner = getattr(value, "__self__", None)
            if owner is not None and not inspect.ismodule(owner):
                state = owner if isinstance(owner, (dict, list)) else \
                    getattr(owner, "__dict__", None)
                if state is None:
                    raise Unknown(f"method of a {type(owner).__qualname__}")
                self._feed(parts, state, lasting, depth)
            return False
        return super()._feed(parts, value, lasting, depth)


def _callable(function) -> bytes:
    """A function by its name and the file that defines it (ours are in
    _code() already)."""
    name = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"
    try:
        source = inspect.getsourcefile(function)
    except TypeError:   # built in
        source = None
    code = _file_digest(source) if source else b""
    return name.encode() + b"\0" + code


def _file_digest(path: str) -> bytes:
    try:
        return digest(Path(path).read_bytes())
    except OSError:
        return b"?"


@functools.cache
def _environment() -> bytes:
    versions = [sys.version]
    for name in PACKAGES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return digest("\n".join(versions).encode())


@functools.cache
def _code() -> bytes:
    """Our plugins' code: each change to it starts the cache afresh."""
    return _files(Path(__file__).resolve().parents[3], "*.py")


def _files(folder: Path, pattern: str = "*") -> bytes:
    """The digest of the files below a folder: their paths and contents."""
    parts = []
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()
                       and "__pycache__" not in p.parts):
        parts += (path.relative_to(folder).as_posix().encode(), b"\0",
                  digest(path.read_bytes()))
    return digest(b"".join(parts))
