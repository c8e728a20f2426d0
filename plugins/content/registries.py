"""The YAML registries of content/: project records (`projects/<key>.yml`),
`topics.yml` and `contact.yml`, each read and checked against its schema."""

from __future__ import annotations

from pathlib import Path

from plugins.translit.slugs import slugify

from plugins.common.problems import Problems, did_you_mean, display_path

from . import frontmatter, limits, schema
from .converters import Context
from .model import Contact, Project, Topic
from .opening import read_text


def read_yaml(path: Path, root: Path, problems: Problems, what: str,
              limit: limits.Limits):
    """(shown path, data, {field: line}) of a YAML file; data is None after
    an error."""
    shown = display_path(path, root)
    text = read_text(path, shown, limit, problems)
    if text is None:
        return shown, None, None
    data, lines = frontmatter.parse_mapping(text, shown, problems, what=what,
                                            limits=limit)
    return shown, data, lines


def read_project(path: Path, root: Path, ctx: Context,
                 problems: Problems) -> Project | None:
    """The project record of content/projects/<key>.yml, or None after an error."""
    try:
        schema.key(path.stem)
    except schema.Invalid:
        suggestion = slugify(path.stem)
        problems.error(display_path(path, root), "a project's file name is its key "
                       "and URL word: lower-case ASCII letters, digits and `-`",
                       field="file name", hint=f"rename it to `{suggestion}.yml`")
        return None
    shown, data, lines = read_yaml(path, root, problems, "project record", ctx.limits)
    if data is None:
        return None
    record = schema.validate(data, schema.PROJECT, shown, lines, problems, ctx,
                             what="project record")
    if "name" not in record:
        return None
    return Project(path.stem, shown, record["name"], record.get("summary", {}),
                   record.get("funders", []), record.get("partners", []),
                   record.get("start"), record.get("end"), record.get("status"),
                   record.get("links", []))


def read_topics(path: Path, root: Path, ctx: Context, problems: Problems) -> dict:
    """{key: Topic} from topics.yml; a topic with a mistake is left out
    (and reported)."""
    shown, data, lines = read_yaml(path, root, problems, "topic list", ctx.limits)
    topics = {}
    for key, spec in (data or {}).items():
        line = lines.get(key)
        try:
            schema.key(key)
        except schema.Invalid as exc:
            problems.error(shown, f"topic key `{key}`: expected {exc.expected}",
                           line=line, field=str(key))
            continue
        if not isinstance(spec, dict):
            problems.error(shown, f"topic `{key}`: expected a mapping with `label:` "
                           f"(and optionally `description:`), but found "
                           f"{schema.describe(spec)}", line=line, field=key,
                           hint="write `label:` on the next line, indented, then "
                           "one `sr-Cyrl: ...` line per locale")
            continue
        record = schema.validate(spec, schema.TOPIC, shown, {k: line for k in spec},
                                 problems, ctx, what=f"topic `{key}`")
        if "label" in record:
            topics[key] = Topic(key, record["label"], record.get("description", {}))
    return topics


def read_contact(path: Path, root: Path, ctx: Context,
                 problems: Problems) -> Contact | None:
    """content/contact.yml, checked: unique keys, a publisher among the
    organisations; None after an error."""
    shown, data, lines = read_yaml(path, root, problems, "contact file", ctx.limits)
    if data is None:
        return None
    record = schema.validate(data, schema.CONTACT, shown, lines, problems, ctx,
                             what="contact file")
    orgs = record.get("organisations")
    if not orgs or "publisher" not in record:
        return None
    keys = [org["key"] for org in orgs]
    for key in {k for k in keys if keys.count(k) > 1}:
        problems.error(shown, f"two organisations have the key `{key}`",
                       field="organisations", line=lines.get("organisations"),
                       hint="each organisation needs a key of its own")
    if record["publisher"] not in keys:
        problems.error(shown, f"the publisher `{record['publisher']}` is not one of "
                       "the organisations", line=lines.get("publisher"),
                       field="publisher", hint=did_you_mean(record["publisher"], keys)
                       or "the organisations' keys are: " + ", ".join(keys))
        return None
    orgs.sort(key=lambda org: org["key"] != record["publisher"])
    return Contact(shown, record["publisher"], orgs)
