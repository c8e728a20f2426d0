"""Texts as the reader left them, kept between builds (READ_CACHE).

Reading a Markdown file (front matter, checks, links) depends on its bytes,
its path, the locales, the time zone, the limits and the reader's code, and
on nothing else: cross-file checks come later (crosscheck.py). So a file
whose bytes and all the rest are unchanged is taken from the cache, with
the problems reading it found said again, instead of read again: 0.04 ms
instead of 0.4 ms a file. The rows live in the Markdown cache's SQLite file
(cache.py), a table of their own; a row is a pickle, as the render cache's
rows are HTML put straight into pages: whoever can write .cache/ can write
the site.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import sqlite3
import sys
from functools import cache
from pathlib import Path

import yaml

from plugins.common.problems import Problems

from . import opening, reader
from .cache import forget_unused as forget_rows
from .converters import Context
from .locales import Locales

# The table's name carries the format of its rows.
_TABLE = "read1"
_SCHEMA = f"CREATE TABLE IF NOT EXISTS {_TABLE} (key TEXT PRIMARY KEY, state BLOB)"


@cache
def _code() -> bytes:
    """The code reading depends on: this package and the shared problems."""
    here = Path(__file__).parent
    files = [*sorted(here.glob("*.py")), here.parent / "common" / "problems.py",
             *sorted((here.parent / "translit").glob("*.py"))]
    return b"".join(path.read_bytes() for path in files)


def fingerprint(content: Path, root: Path, locales: Locales, ctx: Context) -> str:
    """All reading a file depends on but its own path and bytes."""
    digest = hashlib.sha256(_code())
    digest.update(repr((sys.version, yaml.__version__, str(content), str(root),
                        list(locales), locales.default.tag, ctx)).encode())
    return digest.hexdigest()


class ReadCache:
    """The sources of one build's worker, read or taken from `path` (the
    Markdown cache's file)."""

    def __init__(self, path: Path, content: Path, root: Path, locales: Locales,
                 ctx: Context):
        self.content, self.root, self.locales, self.ctx = content, root, locales, ctx
        self.fingerprint = fingerprint(content, root, locales, ctx)
        self.db = sqlite3.connect(path)
        self.db.execute(_SCHEMA)

    def read(self, paths: list[Path], problems: Problems) -> tuple[list, list[str]]:
        """reader.read_source of each path, in order (None for a file that
        left nothing to publish), its problems added to `problems`; and the
        keys the files were read or taken under."""
        keys = [self._key(path) for path in paths]
        used = [key for key in keys if key]
        kept = self._get_many(used)
        found, rows = [], []
        for path, key in zip(paths, keys):
            state = kept.get(key)
            if state is not None:
                found.append(self._taken(state, problems))
                continue
            own = Problems()
            source = reader.read_source(path, self.content, self.root, self.locales,
                                        self.ctx, own)
            problems.items += own.items
            found.append(source)
            if key:
                rows.append((key, self._state(source, own)))
        self._put_many(rows)
        return found, used

    def close(self) -> None:
        self.db.close()

    def _key(self, path: Path) -> str | None:
        """The key of a file's reading; None where its bytes cannot be had
        (read_source says why: what is found here is not said)."""
        data = opening.read_bytes(path, str(path), self.ctx.limits, Problems())
        if data is None:
            return None
        digest = hashlib.sha256(f"{self.fingerprint}\0{path}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def _state(self, source, problems: Problems) -> bytes:
        kept = None if source is None else (
            dataclasses.replace(source, locale=None), source.locale.tag)
        return pickle.dumps((kept, problems.items), protocol=pickle.HIGHEST_PROTOCOL)

    def _taken(self, state: bytes, problems: Problems):
        kept, items = pickle.loads(state)
        problems.items += items
        if kept is None:
            return None
        source, tag = kept
        source.locale = self.locales.get(tag)
        return source

    def _get_many(self, keys: list[str]) -> dict:
        found = {}
        try:
            for start in range(0, len(keys), 900):  # SQLite's parameter limit
                chunk = keys[start:start + 900]
                marks = ",".join("?" * len(chunk))
                found.update(self.db.execute(
                    f"SELECT key, state FROM {_TABLE} WHERE key IN ({marks})", chunk))
        except sqlite3.Error:   # unreadable: every file is read
            return {}
        return found

    def _put_many(self, rows: list) -> None:
        if not rows:
            return
        try:
            with self.db:   # one transaction: all rows are kept, or none
                self.db.executemany(f"INSERT OR REPLACE INTO {_TABLE} VALUES (?, ?)", rows)
        except sqlite3.Error:   # a full disk: the next build reads them again
            pass


def forget_unused(path: Path, used: list[str]) -> None:
    """Remove the rows no file of this build was read or taken by."""
    forget_rows(path, _TABLE, used)
