"""The editor's own words in the staff's language: field labels, hints,
pattern messages and collection names.

Each is a gettext message with the context `editor` in the theme's catalogs
(theme/translations/<babel locale>/LC_MESSAGES/messages.po), extracted by
`invoke i18n-extract` from this file like the theme's strings; Serbian Latin
is derived from Serbian Cyrillic as the theme's strings are. The
configuration is written in English (the msgids); the admin page swaps in
the chosen language's words from `words(...)`.
"""

from __future__ import annotations

from pathlib import Path

CONTEXT = "editor"


def pgettext(context: str, message: str) -> str:
    """Marks a message for extraction; `words()` translates it."""
    return message


# A field's label by its schema name (the same name in every schema).
FIELDS = {
    "title": pgettext("editor", "Title"),
    "date": pgettext("editor", "Date"),
    "updated": pgettext("editor", "Updated"),
    "project": pgettext("editor", "Project"),
    "topics": pgettext("editor", "Topics"),
    "summary": pgettext("editor", "Summary"),
    "image": pgettext("editor", "Picture"),
    "image_alt": pgettext("editor", "What the picture shows"),
    "image_caption": pgettext("editor", "Picture caption"),
    "image_credit": pgettext("editor", "Photo credit"),
    "author": pgettext("editor", "Author"),
    "slug": pgettext("editor", "Address (slug)"),
    "draft": pgettext("editor", "Draft"),
    "aliases": pgettext("editor", "Old addresses"),
    "translate_to": pgettext("editor", "Translate into"),
    "translation_key": pgettext("editor", "Translation key"),
    "body": pgettext("editor", "Text"),
    "alias": pgettext("editor", "Old address"),
    "name": pgettext("editor", "Name"),
    "url": pgettext("editor", "Web address"),
    "funders": pgettext("editor", "Funders"),
    "partners": pgettext("editor", "Partners"),
    "start": pgettext("editor", "Start"),
    "end": pgettext("editor", "End"),
    "status": pgettext("editor", "Status"),
    "links": pgettext("editor", "Links"),
    "label": pgettext("editor", "Label"),
    "description": pgettext("editor", "Description"),
    "key": pgettext("editor", "Key"),
    "city": pgettext("editor", "City"),
    "country": pgettext("editor", "Country"),
    "address": pgettext("editor", "Street address"),
    "phone": pgettext("editor", "Phone"),
    "email": pgettext("editor", "E-mail"),
    "hours": pgettext("editor", "Working hours"),
    "website": pgettext("editor", "Website"),
    "osm": pgettext("editor", "Map (OpenStreetMap)"),
    "social": pgettext("editor", "Social networks"),
    "network": pgettext("editor", "Network"),
    "contact_person": pgettext("editor", "Contact person"),
    "role": pgettext("editor", "Role"),
    "publisher": pgettext("editor", "Publisher"),
    "organisations": pgettext("editor", "Organisations"),
}

COLLECTIONS = {
    "news": pgettext("editor", "News"),
    "pages": pgettext("editor", "Pages"),
    "projects": pgettext("editor", "Projects"),
    "project_texts": pgettext("editor", "Project descriptions"),
    "topics": pgettext("editor", "Topics"),
    "contact": pgettext("editor", "Contact"),
    "contact_details": pgettext("editor", "Contact details"),
}

# one of a collection's items ("＋ Vijest", Decap's button for a new one)
SINGULAR = {
    "news": pgettext("editor", "News item"),
    "pages": pgettext("editor", "Page"),
}

KEY_RULE = pgettext("editor", "lower-case letters a-z, digits and single hyphens")
ALIAS_RULE = pgettext("editor", "a path on this site starting with /")
PARTIAL_DATE_RULE = pgettext("editor", "2017, 2017-02 or 2017-02-10")
URL_RULE = pgettext("editor", "an address starting with https://")

# a neutral field's hint is SHARED
HINTS = {
    "image_alt": pgettext("editor", "Needed whenever there is a picture: what it shows, "
                          "for readers who cannot see it."),
    "draft": pgettext("editor", "A draft shows in previews only, never on the "
                      "published site."),
}
# What the admin page says when it refuses a save ({names} filled in there).
SAYS = {
    "not_written": pgettext("editor", "This item is not written in {language} yet. Open the "
                            "editor in {original} (the link at the bottom right) and add "
                            "{language} beside it."),
    "no_image_alt": pgettext("editor", "The picture needs a description: write what it shows "
                             "in “What the picture shows”, for readers who cannot see it."),
    "no_picture_alt": pgettext("editor", "A picture in the text has no description: write "
                               "what it shows between its brackets, ![like this](photo.jpg)."),
    "slug_taken": pgettext("editor", "The address {slug} is already used by {file}: "
                           "write another one in “Address (slug)”, or leave it empty."),
}
SHARED = pgettext("editor", "Shared by all languages: written once, in the file of the "
                  "language the text was first written in.")


def label(name: str) -> str:
    """A field's label (English; a name missing from FIELDS fails
    tests/test_editor.py until it is added here and translated)."""
    return FIELDS.get(name) or name.replace("_", " ").capitalize()


def messages() -> list[str]:
    """Every message of the editor, for the catalogs' test."""
    return [*FIELDS.values(), *COLLECTIONS.values(), *SINGULAR.values(), KEY_RULE, ALIAS_RULE,
            PARTIAL_DATE_RULE, URL_RULE, *HINTS.values(), SHARED, *SAYS.values()]


def words(translations_dir: Path, locales, settings: dict) -> dict[str, dict[str, str]]:
    """{locale suffix: {English message: its translation}}, for the
    messages each locale's catalog translates."""
    from plugins.i18n import load_translations
    out = {}
    for locale in locales:
        catalog = load_translations(Path(translations_dir), locale, locales, settings)
        found = {message: catalog.pgettext(CONTEXT, message) for message in messages()}
        out[locale.suffix] = {m: t for m, t in found.items() if t and t != m}
    return out
