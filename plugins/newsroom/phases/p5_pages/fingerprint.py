"""Fingerprints: a digest of what a template is given, for the page cache.

Two pages with the same fingerprint, built by the same code, theme and
settings, are the same bytes (templates see nothing else: their globals are
part of the site's digest, cache.py). Values are walked by type, with a
tag per type so that `1`, `"1"` and `[1]` differ. A value of a type not
known here raises `Unknown`: that page is rendered, never taken from the
cache on a guess.

An entry's `extra` links it to other entries (related, newer, older), which
link back. Those are fingerprinted by their own fields, one link deep: a
page shows its neighbours' titles, dates and pictures, not theirs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from itertools import chain
from pathlib import PurePath
from types import SimpleNamespace

from markupsafe import Markup

from plugins.content.locales import Locale

from ...localize import Entry, Text

FULL, SHALLOW, REFERENCE = 0, 1, 2   # how deep an entry is fingerprinted
ENTRY_FIELDS = tuple(f.name for f in dataclasses.fields(Entry) if f.name != "extra")


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


@functools.cache
def _fields(kind: type) -> tuple | None:
    """(the type's name, its fields' (name, label)) of a dataclass; (its name,
    None) of a Record, a named tuple or another kind of dict, list or tuple,
    read as a plain one; None for any other type."""
    name = f"{kind.__module__}.{kind.__qualname__}(".encode()
    if dataclasses.is_dataclass(kind):
        return name, tuple((f.name, f"{f.name}=".encode()) for f in dataclasses.fields(kind))
    if issubclass(kind, (SimpleNamespace, dict, list, tuple)):
        return name, None
    return None


class Unknown(Exception):
    """A value the fingerprint cannot vouch for."""


class Fingerprints:
    """Digests of values. `lasting` objects (what the views hold, alive
    through the whole pages phase) are memoised by id: an entry or a list
    shared by many pages is walked once. Anything else is walked each time:
    a short-lived object's id is reused by the next one.

    A container with no entry below it has one digest (`plain`); one with
    entries below has one per depth it is met at (`deep`)."""

    def __init__(self):
        self.plain: dict[int, bytes] = {}
        self.deep: dict[tuple, bytes] = {}
        self.entries: dict[int, bytes] = {}   # an entry's fields but `extra`

    def of(self, value, lasting: bool = False) -> bytes:
        """The digest of `value`."""
        parts: list = []
        self._feed(parts, value, lasting, FULL)
        return digest(b"".join(parts))

    def of_view(self, site: bytes, view) -> bytes:
        """The digest of a view and the data its template is given, after
        `site` (the site's digest). The data's values are held by the
        views: memoised, walked once for all the pages that show them."""
        parts = [site]
        self._feed(parts, (view.template, view.url, view.route, view.locale, view.title),
                   False, FULL)
        for name, value in view.data.items():
            self._feed(parts, name, False, FULL)
            self._feed(parts, value, True, FULL)
        return digest(b"".join(parts))

    def _feed(self, parts: list, value, lasting: bool, depth: int) -> bool:
        """Add `value` to `parts`; whether an entry was met below it."""
        kind = type(value)
        if kind is str or kind is Markup:
            data = value.encode("utf-8", "surrogatepass")
            parts += (b"s", len(data).to_bytes(8, "little"), data)
        elif kind is Text:   # the most frequent small value: no digest of its own
            data = value.value.encode("utf-8", "surrogatepass")
            parts += (b"t", len(data).to_bytes(8, "little"), data,
                      (value.lang or "").encode(), b";")
        elif value is None or kind is bool or kind is int or kind is float:
            parts += (b"v", repr(value).encode(), b";")
        elif kind is Entry:
            parts += (b"E", self._entry(value, depth))
            return True
        elif kind is Locale:
            parts += (b"L", value.tag.encode(), b";")
        elif kind is tuple:   # small (a route, a reference): added in place, not memoised
            parts += (b"(", len(value).to_bytes(8, "little"))
            return self._sequence(parts, value, lasting, depth)
        elif kind is dict or kind is list or _fields(kind) is not None:
            found = self.plain.get(id(value)) if lasting else None
            if found is None:
                found = self.deep.get((id(value), depth)) if lasting else None
                if found is None:
                    return self._container(parts, value, lasting, depth)
                parts += (b"o", found)
                return True
            parts += (b"o", found)
        elif isinstance(value, str):
            return self._feed(parts, str(value), lasting, depth)
        elif isinstance(value, (dt.date, dt.time)):
            parts += (b"d", value.isoformat().encode(), b";")
        elif isinstance(value, PurePath):
            parts += (b"p", str(value).encode("utf-8", "surrogatepass"), b";")
        elif kind is set or kind is frozenset:
            parts += (b"S", *sorted(self.of(v, lasting) for v in value))
        else:
            raise Unknown(f"{kind.__module__}.{kind.__qualname__}")
        return False

    def _container(self, outer: list, value, lasting: bool, depth: int) -> bool:
        parts: list = []
        deep, ident, kind = False, id(value), type(value)
        if kind is not dict and kind is not list and kind is not tuple:
            name, fields = _fields(kind)
            parts.append(name)
            if fields is not None:   # a dataclass
                for field, label in fields:
                    item = getattr(value, field)
                    if type(item) is str:
                        data = item.encode("utf-8", "surrogatepass")
                        parts += (label, b"s", len(data).to_bytes(8, "little"), data)
                    else:
                        parts.append(label)
                        deep |= self._feed(parts, item, lasting, depth)
            elif isinstance(value, SimpleNamespace):
                value = vars(value)
        if isinstance(value, dict):   # its names and values, one after the other
            parts += (b"{", len(value).to_bytes(8, "little"))
            deep |= self._sequence(parts, chain.from_iterable(value.items()), lasting, depth)
        elif isinstance(value, (list, tuple)):
            parts += (b"[", len(value).to_bytes(8, "little"))
            deep |= self._sequence(parts, value, lasting, depth)
        found = digest(b"".join(parts))
        if lasting:
            if deep:
                self.deep[ident, depth] = found
            else:
                self.plain[ident] = found
        outer += (b"o", found)
        return deep

    def _sequence(self, parts: list, values, lasting: bool, depth: int) -> bool:
        """Add values one after the other; a string in place (most values
        are: a call less each)."""
        deep = False
        for item in values:
            if type(item) is str:
                data = item.encode("utf-8", "surrogatepass")
                parts += (b"s", len(data).to_bytes(8, "little"), data)
            else:
                deep |= self._feed(parts, item, lasting, depth)
        return deep

    def _entry(self, entry: Entry, depth: int) -> bytes:
        """An entry (always lasting: the views hold every one); the entries
        its `extra` names one level less deep, and past that only which
        page they are."""
        key = (id(entry), depth)
        found = self.deep.get(key)
        if found is not None:
            return found
        if depth >= REFERENCE:
            found = digest(f"{entry.item.key}\0{entry.lang}\0{entry.url}".encode())
        else:
            own = self.entries.get(id(entry))
            if own is None:
                parts: list = []
                for name in ENTRY_FIELDS:
                    self._feed(parts, getattr(entry, name), True, depth)
                own = self.entries[id(entry)] = digest(b"".join(parts))
            parts = [own]
            self._feed(parts, entry.extra, True, depth + 1)
            found = digest(b"".join(parts))
        self.deep[key] = found
        return found
