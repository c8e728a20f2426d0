"""Small markup helpers the templates call on every page.

Written in Python rather than as Jinja macros: they run some 70 times per
page, and a macro call costs ten times a function call.
"""

from __future__ import annotations

from markupsafe import Markup, escape


def text(value, locale) -> Markup:
    """A Text in the page's language as is; in another, with its own lang."""
    lang = getattr(value, "lang", None)
    if lang and lang != locale.tag:
        return Markup('<span lang="{}">{}</span>').format(lang, value)
    return escape(value)


def lang_attr(entry, locale) -> Markup:
    """` lang="…"` for an entry shown outside its own language, else nothing."""
    if entry.lang != locale.tag:
        return Markup(' lang="{}"').format(entry.lang)
    return Markup("")
