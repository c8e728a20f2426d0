"""Translations grouped into items: files of one item share its
language-neutral fields (date, project, topics, picture, slug), written once;
two translations that disagree are an error naming both files."""

from __future__ import annotations

from plugins.translit.slugs import slugify

from plugins.common.problems import Problems, did_you_mean

from . import schema
from .locales import Locales
from .model import Item, Project, Source


def writes_shared(source: Source) -> bool:
    """The file's own front matter has a language-neutral field: it is the
    original (`invoke translate` never copies them into a translation)."""
    fields = schema.NEWS if source.kind == "news" else schema.PAGE
    return any(fields[name].neutral for name in source.lines if name in fields)


def mark_draft_translations(item: Item) -> None:
    """While the original is a draft, so are its translations: a finished
    translation of an unfinished text is not published before it."""
    original = next((s for s in item.sources.values() if writes_shared(s)), None)
    if original is not None and original.meta.get("draft"):
        for source in item.sources.values():
            source.original_draft = True


def drop_drafts(items: list[Item]) -> list[Item]:
    """The items without their draft translations; items left with none go."""
    kept = []
    for item in items:
        item.sources = {tag: s for tag, s in item.sources.items() if not s.draft}
        if item.sources:
            kept.append(item)
    return kept


def attach_descriptions(texts: list[Source], projects: dict[str, Project],
                        problems: Problems) -> None:
    """Each project description (projects/<key>.<lang>.md) joins its
    project; one without a project is an error."""
    for source in texts:
        key = source.stem
        if key not in projects:
            problems.error(source.shown, f"a description of project `{key}`, but "
                           f"content/projects/{key}.yml does not exist",
                           field="file name", hint=did_you_mean(key, projects)
                           or "name it after a project's .yml file")
            continue
        projects[key].descriptions[source.locale.tag] = source


def group_items(sources: list[Source], locales: Locales, problems: Problems,
                unread: frozenset | set = frozenset()) -> list[Item]:
    """Translations grouped into items, with language-neutral fields shared.
    `unread`: groups with a file that could not be read (already reported)."""
    groups: dict[str, dict] = {}
    for source in sorted(sources, key=lambda s: locales.tags.index(s.locale.tag)):
        key = source.meta.get("translation_key") or source.group
        group = groups.setdefault(key, {})
        tag = source.locale.tag
        if tag in group:
            problems.error(source.shown, f"two files are the {tag} text of the same "
                           f"item: this one and {group[tag].shown}",
                           field="translation_key", line=source.lines.get("translation_key"), hint="give one of them another "
                           "`translation_key`, or remove one")
            continue
        group[tag] = source
    items = []
    for key, group in groups.items():
        kind = next(iter(group.values())).kind
        fields = schema.NEWS if kind == "news" else schema.PAGE
        shared, written_in = share_neutral_fields(group, fields, problems)
        first = next(iter(group.values()))
        # a translation that could not be read may hold the shared fields:
        # its error is the one to fix, not "missing" in every other file
        if not check_required_neutral(group, fields, shared, problems,
                                      quiet=key in unread):
            continue
        slug = shared.get("slug") or slugify(first.stem, lang=first.locale.tag)
        item = Item(kind, key, slug, group, shared.get("date"), shared.get("project"),
                    shared.get("topics", []), shared.get("image"))
        if item.image:
            item.image_from = written_in["image"].path
        items.append(item)
    return items


def share_neutral_fields(group: dict, fields: dict,
                         problems: Problems) -> tuple[dict, dict]:
    """Neutral fields written once; two translations that disagree are an error."""
    shared, written_in = {}, {}
    for source in group.values():
        for name, spec in fields.items():
            if not spec.neutral or name not in source.meta:
                continue
            value = source.meta[name]
            if name not in shared:
                shared[name], written_in[name] = value, source
            elif shared[name] != value:
                other = written_in[name]
                problems.error(source.shown, f"`{name}` differs between translations: "
                               f"{_show(value)} here, {_show(shared[name])} in "
                               f"{other.shown}:{other.lines.get(name)}",
                               line=source.lines.get(name), field=name,
                               hint=f"`{name}` is shared by all translations: write "
                               "it in one file only, or make both the same")
    for source in group.values():
        for name, value in shared.items():
            source.meta.setdefault(name, value)
    return shared, written_in


def check_required_neutral(group: dict, fields: dict, shared: dict, problems: Problems,
                           quiet: bool = False) -> bool:
    """Each required neutral field is written in one translation; False
    when one is missing (reported here unless `quiet` or already reported)."""
    ok = True
    for name, spec in fields.items():
        if spec.required and spec.neutral and name not in shared:
            if quiet or any(name in source.lines for source in group.values()):
                ok = False  # written but invalid: already reported
                continue
            files = ", ".join(source.shown for source in group.values())
            first = next(iter(group.values()))
            others = f" (nor in its translations: {files})" if len(group) > 1 else ""
            problems.error(first.shown, f"the required field `{name}` is missing"
                           + others, line=1, field=name,
                           hint=f"add a line `{spec.example}` to the front matter "
                           "of one of the translations")
            ok = False
    return ok


def _show(value) -> str:
    if hasattr(value, "isoformat"):
        return f"`{value.isoformat()}`"
    return f"`{value}`"


def written_in(item: Item, name: str) -> Source:
    """The translation whose own front matter has a shared field (the others
    only share it): where a mistake in it is reported."""
    return next((s for s in item.sources.values() if name in s.lines), item.first())
