"""The editor's configuration, made from the declared schema and registries.

`decap_config(settings, locales, site, editor)` returns the Decap CMS
configuration as a dict (published as /admin/config.json): one collection
per kind of content, each field of `plugins.content.schema` turned into the
widget that writes what its converter accepts. Nothing here lists a field by
hand except the few whose choices come from a registry (REFERENCES): a field
added to the schema appears in the editor with the next build.

News items and pages use Decap's i18n `multiple_files` structure, which is
our layout (`<name>.<locale>.md` beside each other). Fields the schema marks
`neutral` are not translatable: Decap writes them into the file of the
language the editor is writing in, once, as our reader expects; translatable
fields are written into each language's file.
"""

from __future__ import annotations

from plugins.content import schema
from plugins.content.schema import Field

from .labels import (ALIAS_RULE, COLLECTIONS, FIELDS, HINTS, KEY_RULE, PARTIAL_DATE_RULE,
                     SHARED, SINGULAR, URL_RULE, label)

# Fields whose values are keys of a registry: (registry, multiple)
REFERENCES = {"project": ("projects", False), "topics": ("topics", True),
              "publisher": ("organisations", False)}
KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_PATTERN = KEY_PATTERN
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
URL_PATTERN = r"^(https?://|mailto:|/)\S+$"
ALIAS_PATTERN = r"^/(?!/)[^?#\\\s]*$"
DATE_WIDGET = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
               "time_format": False}
# Fields of Markdown files that are not front matter
BODY = {"label": FIELDS["body"], "name": "body", "widget": "markdown", "required": False}


def choices(registry: dict, default_tag: str) -> list[dict]:
    """Select options: a registry's keys, labelled in the default locale
    (the admin page relabels them in the editor's language)."""
    return [{"value": key, "label": labels.get(default_tag) or next(iter(labels.values()), key)}
            for key, labels in registry.items()]


def field_widget(name: str, spec: Field, ctx: dict, *, i18n: bool | None = None) -> dict:
    """The Decap field for one schema field."""
    convert = spec.convert
    out = {"label": label(name), "name": name, "required": spec.required}
    if i18n is not None:
        out["i18n"] = i18n
    hint = SHARED if i18n is False else HINTS.get(name)
    if hint:
        out["hint"] = hint
    reference = REFERENCES.get(name)
    if reference and reference[0] in ctx["registries"]:
        registry, multiple = reference
        out.update(widget="select", multiple=multiple,
                   options=choices(ctx["registries"][registry], ctx["default"]))
        return out
    if convert is schema.text:
        out["widget"] = "text" if name in ("summary", "description") else "string"
    elif convert is schema.datetime_value:
        # no default ("{{now}}"): Decap would write it into every language's file
        out.update(DATE_WIDGET)
    elif convert is schema.boolean:
        out["widget"] = "boolean"
    elif convert is schema.slug:
        out.update(widget="string", pattern=[SLUG_PATTERN, KEY_RULE])
    elif convert in (schema.key, schema.key_list):
        pattern = {"widget": "string", "pattern": [KEY_PATTERN, KEY_RULE]}
        if convert is schema.key:
            out.update(pattern)
        else:
            out.update(widget="list", field={"label": label(name), "name": name, **pattern})
    elif convert is schema.relative_path:
        out.update(widget="image", choose_url=False)
    elif convert is schema.alias_paths:
        out.update(widget="list", label_singular=label("alias"), field={
            "label": label("alias"), "name": "alias", "widget": "string",
            "pattern": [ALIAS_PATTERN, ALIAS_RULE]})
    elif convert is schema.text_list:
        out.update(widget="list", field={"label": label(name), "name": name,
                                         "widget": "string"})
    elif convert is schema.locale_list:
        out.update(widget="select", multiple=True,
                   options=[{"value": loc.suffix, "label": loc.name} for loc in ctx["locales"]])
    elif convert is schema.partial_date:
        out.update(widget="string", pattern=[PARTIAL_DATE_PATTERN, PARTIAL_DATE_RULE])
    elif convert is schema.url:
        out.update(widget="string", pattern=[URL_PATTERN, URL_RULE])
    elif convert is schema.localized:
        out.update(widget="object", collapsed=False, fields=[
            {"label": loc.name, "name": loc.tag, "widget": "text" if name in (
                "summary", "description", "address", "hours") else "string",
             "required": spec.required and loc.tag == ctx["default"]}
            for loc in ctx["locales"]])
    elif hasattr(convert, "choices"):
        out.update(widget="select", options=list(convert.choices))
    elif hasattr(convert, "fields"):
        out.update(widget="object", fields=fields_of(convert.fields, ctx))
    elif hasattr(convert, "item") and hasattr(convert.item, "fields"):
        out.update(widget="list", fields=fields_of(convert.item.fields, ctx))
    else:
        raise TypeError(f"the editor has no widget for field `{name}` "
                        f"({getattr(convert, '__name__', convert)!r})")
    return out


def fields_of(fields: dict, ctx: dict, *, translatable: bool = False) -> list[dict]:
    """Decap fields for a schema; in an i18n collection, every field that is
    not neutral is translatable."""
    return [field_widget(name, spec, ctx, i18n=(not spec.neutral) if translatable else None)
            for name, spec in fields.items()]


def i18n_collection(name: str, folder: str, fields: dict, ctx: dict, **extra) -> dict:
    """A folder of Markdown files, one per item and locale."""
    singular = {"label_singular": SINGULAR[name]} if name in SINGULAR else {}
    return {"name": name, "label": COLLECTIONS[name], **singular, "folder": folder,
            "extension": "md", "format": "frontmatter", "create": True, "i18n": True,
            "fields": [*fields_of(fields, ctx, translatable=True), {**BODY, "i18n": True}],
            **extra}


def registries(site) -> dict:
    """{registry: {key: {locale tag: label}}} for the select widgets."""
    def named(value):
        return {tag: text for tag, text in value.items() if tag is not None} or \
            {None: value.get(None, "")}
    contact = site.contact.organisations if site.contact else []
    return {
        "projects": {key: named(project.name) for key, project in sorted(site.projects.items())},
        "topics": {key: named(topic.label) for key, topic in site.topics.items()},
        "organisations": {org["key"]: named(org["name"]) for org in contact},
    }


def decap_config(locales, site, backend: dict, *, site_url: str = "",
                 media_folder: str = "content/images") -> dict:
    """The whole Decap configuration."""
    ctx = {"locales": list(locales), "default": locales.default.tag,
           "registries": registries(site)}
    news = i18n_collection(
        "news", "content/news", schema.NEWS, ctx,
        # the admin page's preSave gives a new item its ASCII `slug` (Decap's
        # own would drop Cyrillic letters); its file is named after it
        slug="{{fields.slug}}", path="{{year}}/{{slug}}", media_folder="", public_folder="",
        identifier_field="title", summary="{{title}}", sortable_fields=["date", "title"])
    pages = i18n_collection("pages", "content/pages", schema.PAGE, ctx,
                            identifier_field="title")
    descriptions = i18n_collection(
        "project_texts", "content/projects", schema.PROJECT_TEXT, ctx,
        identifier_field="body", summary="{{slug}}", create=False)
    # a project's key is its file name, which Decap cannot ask for: new
    # projects are still made as files (README)
    projects = {"name": "projects", "label": COLLECTIONS["projects"],
                "folder": "content/projects",
                "extension": "yml", "format": "yml", "create": False,
                "summary": "{{slug}}", "fields": fields_of(schema.PROJECT, ctx)}
    topics = {"name": "topics", "label": COLLECTIONS["topics"], "files": [{
        "name": "topics", "label": COLLECTIONS["topics"], "file": "content/topics.yml",
        "fields": [{"label": key, "name": key, "widget": "object", "collapsed": True,
                    "fields": fields_of(schema.TOPIC, ctx)} for key in site.topics]}]}
    contact = {"name": "contact", "label": COLLECTIONS["contact"], "files": [{
        "name": "contact", "label": COLLECTIONS["contact_details"],
        "file": "content/contact.yml",
        "fields": fields_of(schema.CONTACT, ctx)}]}
    return {
        "backend": backend,
        **({"site_url": site_url} if site_url else {}),
        "media_folder": media_folder,
        "public_folder": "/" + media_folder.removeprefix("content/"),
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {"structure": "multiple_files",
                 "locales": [loc.suffix for loc in locales],
                 "default_locale": locales.default.suffix},
        "collections": [news, pages, projects, descriptions, topics, contact],
    }
