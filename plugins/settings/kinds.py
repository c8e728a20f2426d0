"""Kinds of setting values: what a setting expects, said the way an error
says it ("expected a positive whole number"), and the test of a value."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any, Callable
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Kind:
    """What a setting takes: `expected` completes "expected ...";
    `accepts(value)` is True for a value the build can use."""

    expected: str
    accepts: Callable[[Any], bool]


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _texts(value) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def _zone(value) -> bool:
    try:
        ZoneInfo(value)
    except (TypeError, ValueError, KeyError, OSError):
        return False
    return True


def optional(kind: Kind) -> Kind:
    """`kind`, or None for "not set"."""
    return Kind(f"{kind.expected}, or None", lambda v: v is None or kind.accepts(v))


def whole_between(low: int, high: int, what: str) -> Kind:
    return Kind(f"{what} from {low:,} to {high:,}",
                lambda v: _whole(v) and low <= v <= high)


POSITIVE = Kind("a positive whole number, such as 10", lambda v: _whole(v) and v > 0)
FLAG = Kind("True or False", lambda v: isinstance(v, bool))
TEXT = Kind("text in quotes", lambda v: isinstance(v, str))
TEXTS = Kind("a list of texts, such as ['a', 'b']", _texts)
FOLDER = Kind("a folder, as text such as 'content'",
              lambda v: isinstance(v, (str, os.PathLike)) and str(v) != "")
FILE = Kind("a file, as text such as '.cache/render.sqlite'",
            lambda v: isinstance(v, (str, os.PathLike)))
FOLDERS = Kind("a list of folders, such as ['overrides']",
               lambda v: isinstance(v, (list, tuple))
               and all(isinstance(p, (str, os.PathLike)) and str(p) for p in v))
MAPPING = Kind("a mapping, such as {'key': 'value'}", lambda v: isinstance(v, dict))
PER_LOCALE = Kind("a text per locale, such as {'bs': '...', 'vi': '...'}",
                  lambda v: isinstance(v, dict) and all(isinstance(t, str)
                                                       for t in v.values()))
LOCALE_LISTS = Kind("locales per locale, such as {'bs': ['sr-Latn']}",
                    lambda v: isinstance(v, dict) and all(_texts(t) for t in v.values()))
HEADERS = Kind("header names with their values, such as {'X-Frame-Options': 'DENY'}",
               lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(t, str)
                                                    for k, t in v.items()))
ADDRESS = Kind("a web address such as 'https://example.org', or ''",
               lambda v: isinstance(v, str) and (v == "" or v.startswith(("http://",
                                                                          "https://"))))
ZONE = Kind("a time zone such as 'Europe/Belgrade'", lambda v: isinstance(v, str) and _zone(v))
DATE = Kind("a date, such as datetime.date(2026, 1, 1)",
            lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime))
AWARE_TIME = Kind("a date and time with its zone, such as "
                  "datetime.datetime(2026, 1, 1, 9, tzinfo=ZoneInfo('Europe/Belgrade'))",
                  lambda v: isinstance(v, dt.datetime) and v.tzinfo is not None)
WIDTHS = Kind("a list of widths in pixels such as [320, 720, 1200] (16 to 8000)",
              lambda v: isinstance(v, (list, tuple)) and bool(v)
              and all(_whole(w) and 16 <= w <= 8000 for w in v))
PICTURE_FORMATS = Kind("a list of 'avif' and 'webp' (JPEG or PNG is always written)",
                       lambda v: isinstance(v, (list, tuple))
                       and set(v) <= {"avif", "webp"})
QUALITIES = Kind("a quality from 1 to 100 for 'avif', 'webp', 'jpeg' or 'og' (the Open "
                 "Graph picture), such as {'avif': 50}",
                 lambda v: isinstance(v, dict) and all(
                     k in ("avif", "webp", "jpeg", "og") and _whole(q) and 1 <= q <= 100
                     for k, q in v.items()))
CALLABLES = Kind("a mapping of names to functions, such as {'shout': str.upper}",
                 lambda v: isinstance(v, dict) and all(isinstance(k, str) and k.isidentifier()
                                                      and callable(f) for k, f in v.items()))
GLOBALS = Kind("a mapping of names to values, such as {'phone': '+381 11 123'}",
               lambda v: isinstance(v, dict) and all(isinstance(k, str) and k.isidentifier()
                                                    for k in v))
PATH_METADATA = Kind("a mapping of content paths to {'save_as': 'path in the site'}, "
                     "such as {'extra/CNAME': {'save_as': 'CNAME'}}",
                     lambda v: isinstance(v, dict) and all(
                         isinstance(k, str) and isinstance(m, dict) for k, m in v.items()))
ANYTHING = Kind("anything", lambda v: True)
