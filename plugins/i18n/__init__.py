"""i18n: theme catalogs per locale and CLDR formatting of dates and numbers.

A library used by the `newsroom` generator: each page is rendered with the
catalog and the Babel locale of its own locale, never a global one.
"""

from .catalogs import load_translations
from .formatting import iso, long_date, number, partial_date, period

__all__ = ["load_translations", "long_date", "partial_date", "period", "number", "iso"]
