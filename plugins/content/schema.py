"""The declared schema of front matter, project records, topics and contacts.

Each field is a converter plus flags. A converter turns the YAML value into
the value the site uses, or raises `Invalid` saying what was expected; the
validator adds what was found, the file, the line and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from plugins.common.problems import Problems, did_you_mean, known_list

from .converters import (Context, Invalid, alias_paths, boolean, describe,  # noqa: F401
                         key, key_list, list_of, locale_list, localized, one_of,
                         record, relative_path, slug, text, text_list, url)
from .dates import datetime_value, partial_date  # noqa: F401


@dataclass(frozen=True)
class Field:
    """A front matter field: its converter, and whether it is required and
    shared by all translations (neutral)."""
    convert: Callable[[Any, Context], Any]
    required: bool = False
    neutral: bool = False    # language-neutral: shared by all translations
    example: str = ""


# --- Schemas ------------------------------------------------------------------

NEWS = {
    "title": Field(text, required=True, example="title: Завршна конференција"),
    "date": Field(datetime_value, required=True, neutral=True, example="date: 2017-02-10"),
    "updated": Field(datetime_value),
    "project": Field(key, neutral=True),
    "topics": Field(key_list, neutral=True),
    "summary": Field(text),
    "image": Field(relative_path, neutral=True),
    "image_alt": Field(text),
    # under the main picture: what it shows, in each language; who took it, once
    "image_caption": Field(text),
    "image_credit": Field(text, neutral=True),
    "author": Field(text),
    "slug": Field(slug, neutral=True),
    "draft": Field(boolean),
    "aliases": Field(alias_paths),
    # languages this item must be translated into: `invoke check` warns
    # while one is missing
    "translate_to": Field(locale_list, neutral=True),
    "translation_key": Field(key),
}

PAGE = {
    "title": Field(text, required=True, example="title: Контакт"),
    "summary": Field(text),
    "slug": Field(slug, neutral=True),
    "updated": Field(datetime_value),
    "draft": Field(boolean),
    "translation_key": Field(key),
}

# A project's optional description per locale: Markdown, front matter optional.
PROJECT_TEXT = {
    "summary": Field(text),
}

ORGANISATION_REF = {
    "name": Field(localized, required=True),
    "url": Field(url),
}

PROJECT = {
    "name": Field(localized, required=True),
    "summary": Field(localized),
    "funders": Field(list_of(record(ORGANISATION_REF))),
    "partners": Field(list_of(record(ORGANISATION_REF))),
    "start": Field(partial_date),
    "end": Field(partial_date),
    "status": Field(one_of("ongoing", "completed")),
    "links": Field(list_of(record({"url": Field(url, required=True),
                                   "label": Field(localized, required=True)}))),
}

TOPIC = {
    "label": Field(localized, required=True),
    "description": Field(localized),
}

ORGANISATION = {
    "key": Field(key, required=True),
    "name": Field(localized, required=True),
    "city": Field(localized),
    "country": Field(one_of("RS", "BA", "VN", "ME", "HR", "MK", "SI", "DE",
                            "NO", "CH", "AT")),
    "address": Field(localized),
    "phone": Field(text_list),
    "email": Field(text_list),
    "hours": Field(localized),
    "website": Field(url),
    "osm": Field(url),
    "social": Field(list_of(record({"network": Field(text, required=True),
                                    "url": Field(url, required=True)}))),
    "contact_person": Field(record({"name": Field(text, required=True),
                                    "role": Field(localized)})),
}

CONTACT = {
    "publisher": Field(key, required=True),
    "organisations": Field(list_of(record(ORGANISATION)), required=True),
}


def validate(data: dict, schema: dict, path: str | Path, lines: dict, problems: Problems,
             ctx: Context, *, what: str = "front matter") -> dict:
    """Checked and converted fields; every problem goes to `problems`."""
    out = {}
    for name, value in data.items():
        line = lines.get(name)
        if schema is PAGE and name in NEWS and name not in PAGE:
            problems.error(path, f"`{name}` is a field of news items, not of pages"
                           + ("; pages have no main picture" if name.startswith("image")
                              else ""), line=line, field=str(name),
                           hint="show the picture in the text: `![what it shows]"
                           "(photo.jpg)`" if name.startswith("image") else
                           f"remove the `{name}` line")
            continue
        if name not in schema:
            hint = did_you_mean(name, schema) or f"known fields: {known_list(schema, 20)}"
            problems.error(path, f"unknown field `{name}` in the {what}", line=line,
                           field=str(name), hint=hint)
            continue
        try:
            out[name] = schema[name].convert(value, ctx)
        except Invalid as exc:
            where = f"{name}{'.' if exc.where and exc.where[0] != '[' else ''}{exc.where}"
            found = exc.found or describe(value)
            problems.error(path, f"expected {exc.expected}, but found {found}",
                           line=line, field=where, hint=exc.hint)
    for name, spec in schema.items():
        # A neutral field may be written in any translation: checked per item.
        if spec.required and not spec.neutral and name not in data:
            hint = f"add a line `{spec.example or name + ': ...'}`"
            problems.error(path, f"the required field `{name}` is missing",
                           line=lines.get(name) or 1, field=name,
                           hint=hint + (f" to the {what}" if what else ""))
    return out
