"""Dates, numbers and periods through Babel (CLDR), never the OS locale."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal


def long_date(moment: dt.datetime | dt.date, babel_locale: str) -> str:
    """`10. фебруар 2017.`, `10. februar 2017.`, `10 tháng 2, 2017`."""
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return _long_date(day, babel_locale)


@lru_cache(maxsize=65536)
def _long_date(day: dt.date, babel_locale: str) -> str:
    # Lists repeat the same dates thousands of times; CLDR formatting is slow.
    return format_date(day, "long", locale=babel_locale)


def partial_date(value: str, babel_locale: str) -> str:
    """A `YYYY`, `YYYY-MM` or `YYYY-MM-DD` text in the locale's words."""
    parts = [int(p) for p in value.split("-")]
    day = dt.date(parts[0], parts[1] if len(parts) > 1 else 1,
                  parts[2] if len(parts) > 2 else 1)
    if len(parts) == 1:
        return format_skeleton("y", day, locale=babel_locale)
    if len(parts) == 2:
        return format_skeleton("yMMMM", day, locale=babel_locale)
    return format_date(day, "long", locale=babel_locale)


def period(start: str | None, end: str | None, babel_locale: str) -> str:
    """`фебруар 2017. – фебруар 2018.`; one side alone when the other is unknown."""
    parts = [partial_date(v, babel_locale) if v else "" for v in (start, end)]
    if parts[0] and parts[1]:
        return f"{parts[0]} – {parts[1]}"
    if parts[0]:
        return f"{parts[0]} –"
    return f"– {parts[1]}" if parts[1] else ""


def number(value, babel_locale: str) -> str:
    return format_decimal(value, locale=babel_locale)


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")
