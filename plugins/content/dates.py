"""Dates in front matter: the forms staff write (ISO, with or without a
time and zone, or the dotted `10.02.2017.` of Serbian and Bosnian), read
into timezone-aware datetimes, and the partial dates of project periods.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .converters import Context, Invalid


DATE_FORMS = "`2017-02-10`, `2017-02-10 09:30`, `2017-02-10T09:30+01:00` or `10.02.2017.`"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})"
                  r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_DOTTED = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\.?"
                     r"(?:\s+(\d{1,2}):(\d{2}))?$")


def datetime_value(value: Any, ctx: Context) -> dt.datetime:
    """A timezone-aware datetime; the site's zone when none is written."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        moment = _parse_date_text(value.strip())
    else:
        raise Invalid(f"a date such as {DATE_FORMS}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ctx.timezone)
    return moment


def _parse_date_text(value: str) -> dt.datetime:
    try:
        if m := _ISO.match(value):
            y, mo, d, h, mi, s, zone = m.groups()
            tz = None
            if zone == "Z":
                tz = dt.timezone.utc
            elif zone:
                sign = 1 if zone[0] == "+" else -1
                digits = zone[1:].replace(":", "")
                tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]),
                                                     minutes=int(digits[2:])))
            return dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0),
                               int(s or 0), tzinfo=tz)
        if m := _DOTTED.match(value):
            d, mo, y, h, mi = m.groups()
            return dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0))
    except ValueError as exc:  # e.g. month 13 or 31 February
        raise Invalid(f"a real calendar date ({exc})",
                      hint=f"write the date as {DATE_FORMS}") from None
    raise Invalid(f"a date such as {DATE_FORMS}")


def partial_date(value: Any, ctx: Context | None = None) -> str:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, kept as text with its precision."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    value = str(value).strip() if isinstance(value, (str, int)) else ""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        raise Invalid("a year, year and month, or date: `2017`, `2017-02` or "
                      "`2017-02-10` (in quotes)")
    y, mo, d = m.groups()
    try:
        dt.date(int(y), int(mo or 1), int(d or 1))
    except ValueError as exc:
        raise Invalid(f"a real calendar date ({exc})") from None
    return value
