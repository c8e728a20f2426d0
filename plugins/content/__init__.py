"""Content: read content/, check it against the declared schema, render it once.

A library used by the `newsroom` generator and by `invoke check`; the entry
point is `load_site(settings)`, which returns the Site and every problem.
"""

from .assemble import load_site, render_site
from .locales import Locale, Locales, load_locales

__all__ = ["load_site", "render_site", "load_locales", "Locale", "Locales"]
