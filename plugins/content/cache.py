"""A persistent cache of rendered Markdown, keyed by what the output depends on.

An unchanged source is never rendered twice across builds: the key is a hash
of its text, its folder (picture paths are relative to it), the Markdown
version and the code that renders it, so a code change empties it in effect.
One SQLite file: one transaction per build, no file per entry.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from pathlib import Path

import markdown
import nh3

from plugins.translit import slugs

from . import render, safety, sanitise

# html as text: compressing it cost a cold build more processor time (a
# second per 10,000 bodies, and as much again to decompress) than writing
# the larger file takes. The table name carries the format version.
RENDERINGS = "render3"
_SCHEMA = (f"CREATE TABLE IF NOT EXISTS {RENDERINGS} "
           "(key TEXT PRIMARY KEY, html TEXT, summary TEXT)")
_FORMER = ("render", "render2")   # the formats before, their rows unread
# Bodies derived in the other Serbian script (plugins.newsroom.localize), by
# a hash of the body, the conversion's rules and the translit code
DERIVED = "derived1"
_DERIVED = f"CREATE TABLE IF NOT EXISTS {DERIVED} (key TEXT PRIMARY KEY, html TEXT)"


def _code_fingerprint() -> str:
    digest = hashlib.sha256(f"{markdown.__version__} {nh3.__version__}".encode())
    for module in (render, safety, sanitise, slugs):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


class RenderCache:
    """Rendered bodies in SQLite, by a hash of the body, its folder, its
    summary and the rendering code: an unchanged source is not rendered again."""
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        for table in _FORMER:
            self.db.execute(f"DROP TABLE IF EXISTS {table}")
        self.db.execute(_SCHEMA)
        self.db.execute(_DERIVED)
        self.fingerprint = _code_fingerprint()

    def key(self, source, content_root: Path) -> str:
        """The cache key of a source's rendering."""
        folder = source.path.parent.relative_to(content_root).as_posix()
        text = f"{self.fingerprint}\0{folder}\0{source.meta.get('summary', '')}\0{source.body}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get_many(self, keys: list[str]) -> dict:
        """{key: (html, summary)} for the keys that are cached."""
        select = f"SELECT key, html, summary FROM {RENDERINGS}"
        return {k: (h, s) for k, h, s in self._rows(select, keys)}

    def derived(self, keys: list[str]) -> dict[str, str]:
        """{key: body} of the derived bodies that are cached."""
        try:
            return dict(self._rows(f"SELECT key, html FROM {DERIVED}", keys))
        except sqlite3.Error:   # unreadable: derived again
            return {}

    def _rows(self, select: str, keys: list[str]):
        for start in range(0, len(keys), 900):  # SQLite's parameter limit
            chunk = keys[start:start + 900]
            yield from self.db.execute(
                f"{select} WHERE key IN ({','.join('?' * len(chunk))})", chunk)

    def put_many(self, rows: list[tuple]) -> None:
        """Keep (key, html, summary) rows; on a full disk nothing is kept
        and the build goes on."""
        try:
            with self.db:   # one transaction: all rows are kept, or none
                self.db.executemany(f"INSERT OR REPLACE INTO {RENDERINGS} VALUES (?, ?, ?)",
                                    rows)
        except sqlite3.Error as exc:   # a full disk: the next build renders again
            _not_kept(self.path, exc)

    def close(self) -> None:
        """Close the database."""
        self.db.close()


def cache_path(settings: dict, content: Path) -> Path | None:
    """The Markdown cache's file, beside content/ unless RENDER_CACHE says
    otherwise (None or "": none)."""
    path = settings.get("RENDER_CACHE", content.parent / ".cache" / "render.sqlite")
    return Path(path) if path else None


def keep_derived(path: Path, rows: list[tuple[str, str]]) -> None:
    """Keep (key, body) rows of derived bodies, from a worker of its own
    connection; a cache that cannot take them costs the next build time."""
    if not rows:
        return
    try:
        db = sqlite3.connect(path)
        try:
            with db:   # one transaction: all rows are kept, or none
                db.execute(_DERIVED)
                db.executemany(f"INSERT OR REPLACE INTO {DERIVED} VALUES (?, ?)", rows)
        finally:
            db.close()
    except sqlite3.Error:
        pass


def forget_unused(path: Path, table: str, used) -> None:
    """Remove the rows of `table` in the cache's file whose keys this build
    did not use: it keeps one row a source (or derived body), not one for
    each version a text had or each release of the code that rendered it.
    A build running at the same time may lose rows it just kept: its next
    build renders them again. A cache that cannot be changed stays as it is
    (the next build tries again)."""
    if not Path(path).is_file():   # connecting would make one
        return
    try:
        db = sqlite3.connect(path)
        try:
            with db:
                db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in used))
                db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM used)")
        finally:
            db.close()
    except sqlite3.Error:   # also: no such table yet
        pass


def open_cache(settings: dict, content: Path) -> RenderCache | None:
    """The Markdown cache, beside content/ unless RENDER_CACHE says otherwise
    (None or "" turns it off)."""
    path = cache_path(settings, content)
    if not path:
        return None
    try:
        return RenderCache(Path(path))
    except (sqlite3.Error, OSError) as exc:
        _not_kept(Path(path), exc)
        return None


def _not_kept(path: Path, exc: Exception) -> None:
    logging.getLogger(__name__).warning(
        "the Markdown cache %s cannot be written (%s): this build went on without it; "
        "`invoke clean` empties the caches to make room", path,
        getattr(exc, "strerror", None) or exc)
