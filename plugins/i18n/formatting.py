"""Dates, numbers and periods through Babel (CLDR), never the OS locale."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_interval, format_skeleton, get_month_names
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


def period(start: str | None, end: str | None, babel_locale: str,
           one_side: tuple = ("from %(date)s", "until %(date)s")) -> str:
    """`фебруар 2017. – фебруар 2018.`, `март – октобар 2020.`, `2020.` (one
    year); with one side unknown, `one_side` (the page's words for "from" and
    "until") around it: `од 2024.`, `до фебруара 2017.`."""
    if start and end:
        if start == end:
            return partial_date(start, babel_locale)
        if len(start) == len(end) == 7 and start[:4] == end[:4]:
            return format_interval(_day(start), _day(end), "yMMMM", locale=babel_locale)
        return f"{partial_date(start, babel_locale)} – {partial_date(end, babel_locale)}"
    if not (start or end):
        return ""
    since, until = one_side
    value = start or end
    return (since if start else until) % {"date": _genitive(
        partial_date(value, babel_locale), value, babel_locale)}


def _day(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1,
                   parts[2] if len(parts) > 2 else 1)


# Serbian and Bosnian months after "од"/"до" are genitive, which CLDR does
# not give: јануар -> јануара, септембар -> септембра (the -бар months drop
# their а), in either script.
_GENITIVE_LANGUAGES = {"sr", "bs"}


def _genitive(text: str, value: str, babel_locale: str) -> str:
    if "-" not in value or babel_locale.split("_")[0] not in _GENITIVE_LANGUAGES:
        return text
    month = get_month_names("wide", "format", locale=babel_locale)[int(value[5:7])]
    if month[-3:] in ("бар", "bar"):
        genitive = month[:-2] + month[-1] + month[-2]
    else:
        genitive = month + ("а" if month[-1] in _CYRILLIC else "a")
    return text.replace(month, genitive, 1)


_CYRILLIC = frozenset(chr(c) for c in range(0x0400, 0x0500))


@lru_cache(maxsize=65536, typed=True)   # typed: 1 and 1.0 are written apart
def number(value, babel_locale: str) -> str:
    """A number as the locale writes it (CLDR; slow, and each year's count
    of news is on every news list of a locale)."""
    return format_decimal(value, locale=babel_locale)


def iso(moment: dt.datetime) -> str:
    """The moment in ISO 8601 to the second, with its offset."""
    return moment.isoformat(timespec="seconds")
