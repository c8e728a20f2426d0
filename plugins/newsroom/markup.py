"""Small markup helpers the templates call on every page.

Written in Python rather than as Jinja macros: they run some 70 times per
page, and a macro call costs ten times a function call.
"""

from __future__ import annotations

import json

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


def meta_tags(tags) -> Markup:
    """Open Graph and Twitter card tags from (property, content) pairs, one
    a line: Twitter's are named by `name`, Open Graph's by `property`."""
    return Markup("".join(
        f'<meta {"name" if tag.startswith("twitter:") else "property"}="{escape(tag)}" '
        f'content="{escape(content)}">\n' for tag, content in tags))


# What could close the script or end its line, as JSON escapes. One replace
# per character, not str.translate: translate looks up each character of the
# text in a dict, some 30 times slower on a news item's JSON-LD.
_SCRIPT_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                  ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def json_ld(data) -> Markup:
    """JSON for a <script type="application/ld+json"> block: compact, with
    letters as UTF-8 (Jinja's tojson writes each Cyrillic or Vietnamese letter
    as a six-byte \\u escape), and nothing that could close the script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for unsafe, escaped in _SCRIPT_UNSAFE:
        text = text.replace(unsafe, escaped)
    return Markup(text)
