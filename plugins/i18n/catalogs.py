"""Gettext catalogs for theme strings, one per locale, compiled at build time.

Sources are theme/translations/<babel locale>/LC_MESSAGES/messages.po; no .mo
files are kept in git. A locale with `derive_from` and no .po of its own gets
its catalog from the other script's, converted message by message.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from plugins.translit.derive import converter

DOMAIN = "messages"


def po_path(translations_dir: Path, babel_locale: str) -> Path:
    """The .po file of a Babel locale under the theme's translations."""
    return translations_dir / babel_locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, babel_locale: str) -> Catalog:
    """The catalog in a .po file."""
    with path.open("rb") as handle:
        return read_po(handle, locale=babel_locale)


def derive_catalog(source: Catalog, babel_locale: str, convert) -> Catalog:
    """A copy of `source` in another script (the sr_Latn-from-sr_Cyrl hook)."""
    derived = Catalog(locale=babel_locale, domain=DOMAIN)
    for message in source:
        if not message.id:
            continue
        if isinstance(message.string, (tuple, list)):
            string = tuple(convert(s) for s in message.string)
        else:
            string = convert(message.string) if message.string else message.string
        derived.add(message.id, string, context=message.context,
                    flags=message.flags)
    return derived


def to_translations(catalog: Catalog) -> Translations:
    """The catalog compiled in memory, as gettext translations (fuzzy
    entries left out)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def load_translations(translations_dir: Path, locale, locales, settings) -> NullTranslations:
    """The compiled catalog of `locale`, derived if needed; empty if none."""
    own = po_path(translations_dir, locale.babel)
    if own.is_file():
        return to_translations(read_catalog(own, locale.babel))
    if locale.derive_from:
        origin = locales.get(locale.derive_from)
        origin_po = po_path(translations_dir, origin.babel)
        convert = converter(origin.tag, locale.tag, settings)
        if origin_po.is_file() and convert:
            catalog = derive_catalog(read_catalog(origin_po, origin.babel),
                                     locale.babel, convert.text)
            return to_translations(catalog)
    return NullTranslations()
