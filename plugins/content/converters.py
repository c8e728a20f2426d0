"""Converters of front matter values: each turns the YAML value into the
value the site uses, or raises `Invalid` saying what was expected (the
validator in schema.py adds what was found, the file, the line and the field).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from plugins.translit.slugs import is_valid_slug, slugify

from plugins.common.problems import did_you_mean, known_list

from .limits import Limits


class Invalid(Exception):
    """A value a converter cannot take: what was `expected`, a hint, where
    inside the value (`funders[0].name`) and what was found."""
    def __init__(self, expected: str, hint: str | None = None, where: str = "",
                 found: str | None = None):
        super().__init__(expected)
        self.expected, self.hint, self.where, self.found = expected, hint, where, found


@dataclass(frozen=True)
class Context:
    """What a converter needs beyond the value: the locales, the site's time
    zone and the limits."""
    locales: tuple           # BCP 47 tags, e.g. ("sr-Cyrl", "sr-Latn", "bs", "vi")
    timezone: dt.tzinfo
    limits: Limits = Limits()    # what one file may cost (limits.py)


def describe(value: Any) -> str:
    """What was found, in words staff understand."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text `{shown}`" if value.strip() else "empty text"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (`name: value` lines)"
    return type(value).__name__


# --- Converters ---------------------------------------------------------------

def text(value: Any, ctx: Context | None = None) -> str:
    """A non-empty line of text, stripped."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise Invalid("a line of text")
    value = str(value).strip()
    if not value:
        raise Invalid("a line of text")
    return value


def boolean(value: Any, ctx: Context | None = None) -> bool:
    """`true` or `false`."""
    if not isinstance(value, bool):
        raise Invalid("`true` or `false`")
    return value


def key(value: Any, ctx: Context | None = None) -> str:
    """A key of a project or topic: lower-case ASCII words joined by `-`."""
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        raise Invalid("a key: lower-case ASCII letters, digits and single `-`",
                      hint="keys are the file names in content/projects/ or the "
                      "names in content/topics.yml")
    return value


def key_list(value: Any, ctx: Context | None = None) -> list[str]:
    """A list of keys (a single key written without brackets is refused
    with the fix)."""
    if isinstance(value, str):
        raise Invalid("a list of keys", hint=f"write `[{value}]` or one `- {value}` "
                      "line per key")
    if not isinstance(value, list):
        raise Invalid("a list of keys")
    keys = []
    for index, item in enumerate(value):
        try:
            keys.append(key(item))
        except Invalid as exc:
            exc.where, exc.found = f"[{index}]", describe(item)
            raise
    return keys


def slug(value: Any, ctx: Context | None = None) -> str:
    """A URL slug: lower-case ASCII letters, digits and single hyphens."""
    if not isinstance(value, str) or not is_valid_slug(value):
        suggestion = slugify(str(value)) if value is not None else ""
        raise Invalid("a slug of lower-case ASCII letters, digits and single "
                      "hyphens (no `/`, `..`, spaces or accented letters)",
                      hint=f"for example `{suggestion}`" if suggestion else None)
    return value


def relative_path(value: Any, ctx: Context | None = None) -> str:
    """A picture's path in content/ (relative to the item, or from content/
    with a leading `/`), never an address on another site."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid("a path to a picture, such as `photo.jpg` or "
                      "`/images/photo.jpg`")
    if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I) or value.startswith("//"):
        raise Invalid("a picture file in content/, not an address on another site",
                      hint="download the picture and put it beside the item: "
                      "the site loads nothing from other hosts")
    return value.strip()


def text_list(value: Any, ctx: Context | None = None) -> list[str]:
    """A list of text lines."""
    if not isinstance(value, list):
        raise Invalid("a list of text lines")
    return [text(v) for v in value]


def locale_list(value: Any, ctx: Context) -> list[str]:
    """Locale tags as Context knows them, written in any case: [bs, vi]."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list):
        raise Invalid(f"a list of languages from {', '.join(ctx.locales)}")
    known = {tag.lower(): tag for tag in ctx.locales}
    tags = []
    for item in values:
        tag = known.get(str(item).lower())
        if tag is None:
            raise Invalid(f"languages from {', '.join(ctx.locales)}", found=str(item))
        tags.append(tag)
    return tags


# An old address becomes a file of the output: each of its parts a file or
# folder name (255 bytes on every common file system) and the whole a path
# below the output folder (4,096 bytes on Linux, with the folder's own path).
ALIAS_PART_BYTES = 255
ALIAS_BYTES = 2048


def alias_paths(value: Any, ctx: Context | None = None) -> list[str]:
    """Old addresses of an item: site paths such as /2017/02/zavrsna-konferencija/."""
    if isinstance(value, str):
        raise Invalid("a list of old site paths", hint=f"write `[{value}]` or one "
                      f"`- {value}` line per old address")
    paths = text_list(value, ctx)
    for path in paths:
        if (not path.startswith("/") or path.startswith("//") or any(c in path for c in "?#\\")
                or any(part in ("..", ".") for part in path.split("/"))
                or any(c.isspace() for c in path) or path == "/"):
            raise Invalid("a list of old site paths, each starting with `/`, without `..`, "
                          "`?` or `#`, such as `- /2017/02/zavrsna-konferencija/`",
                          found=describe(path))
        longest = max(path.split("/"), key=lambda part: len(part.encode("utf-8")))
        if len(longest.encode("utf-8")) > ALIAS_PART_BYTES:
            raise Invalid(f"old site paths whose parts between `/` are at most "
                          f"{ALIAS_PART_BYTES} bytes (a Cyrillic letter is 2)",
                          found=f"a part of {len(longest.encode('utf-8'))} bytes "
                          f"(`{longest[:30]}...`)", hint="no web server keeps a file "
                          "or folder name that long: this cannot be a real old address")
        if len(path.encode("utf-8")) > ALIAS_BYTES:
            raise Invalid(f"old site paths of at most {ALIAS_BYTES} bytes",
                          found=f"a path of {len(path.encode('utf-8'))} bytes "
                          f"(`{path[:30]}...`)", hint="this cannot be a real old "
                          "address: copy it again from the old site")
    return paths


def localized(value: Any, ctx: Context) -> dict:
    """Text per locale: a mapping of locale tag to text (or one plain text)."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return {None: text(value)}
    if not isinstance(value, dict) or not value:
        raise Invalid("a text, or a mapping of locale to text such as "
                      "`{sr-Cyrl: ..., bs: ..., vi: ...}`")
    out = {}
    for tag, item in value.items():
        if tag not in ctx.locales:
            hint = did_you_mean(tag, ctx.locales)
            raise Invalid(f"locale tags from {known_list(ctx.locales)}",
                          hint=hint, where=str(tag), found=f"the locale tag `{tag}`")
        try:
            out[tag] = text(item)
        except Invalid as exc:
            exc.where, exc.found = str(tag), describe(item)
            raise
    return out


def one_of(*choices: str):
    """A converter that takes only one of `choices`."""
    def convert(value: Any, ctx: Context | None = None):
        if value not in choices:
            raise Invalid("one of " + ", ".join(f"`{c}`" for c in choices),
                          hint=did_you_mean(value, choices))
        return value
    convert.choices = choices   # read by the editor's configuration
    return convert


def url(value: Any, ctx: Context | None = None) -> str:
    """An address: `https://`, `http://`, `mailto:` or a path from `/`."""
    if not isinstance(value, str) or not re.match(r"^(https?://|mailto:|/)\S+$", value):
        raise Invalid("an address starting with `https://`")
    return value


def record(schema: dict):
    """A nested mapping checked against `schema`; the first problem is raised."""
    def convert(value: Any, ctx: Context):
        if not isinstance(value, dict):
            raise Invalid("a mapping of " + ", ".join(f"`{k}`" for k in schema))
        out = {}
        for name, item in value.items():
            if name not in schema:
                raise Invalid("one of the fields " + known_list(schema),
                              hint=did_you_mean(name, schema), where=str(name),
                              found=f"the field `{name}`")
            try:
                out[name] = schema[name].convert(item, ctx)
            except Invalid as exc:
                exc.where = ".".join(filter(None, [str(name), exc.where]))
                exc.found = exc.found or describe(item)
                raise
        for name, spec in schema.items():
            if spec.required and name not in out:
                raise Invalid(f"a `{name}` field", where=str(name))
        return out
    convert.fields = schema   # read by the editor's configuration
    return convert


def list_of(convert_one):
    """A converter for a list whose entries `convert_one` takes; the first
    problem is raised with its index."""
    def convert(value: Any, ctx: Context):
        if not isinstance(value, list):
            raise Invalid("a list (one `- ` line per entry)")
        out = []
        for index, item in enumerate(value):
            try:
                out.append(convert_one(item, ctx))
            except Invalid as exc:
                exc.where = f"[{index}]" + ("." + exc.where if exc.where else "")
                exc.found = exc.found or describe(item)
                raise
        return out
    convert.item = convert_one   # read by the editor's configuration
    return convert
