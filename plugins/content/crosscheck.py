"""Checks across items: slugs unique per language, required translations
present, projects and topics that exist."""

from __future__ import annotations

from plugins.common.problems import Problems, did_you_mean, known_list

from .locales import Locales
from .model import Item, Project, Source, Topic
from .translations import written_in


def check_slugs(items: list[Item], locales: Locales, problems: Problems) -> None:
    """Each slug is used once per language and kind (derived languages
    included) and is no reserved URL word."""
    reserved = {word for loc in locales for word in loc.words.values()}
    # A page's slug is also looked up as a path word: `news` would be the list.
    reserved_keys = {key for key in locales.default.words if key != "contact"}
    seen: dict[tuple, Source] = {}
    for item in items:
        first = item.first()
        where = dict(line=first.lines.get("slug"), field="slug" if "slug" in first.meta
                     else "file name")
        if not item.slug:
            problems.error(first.shown, "no URL slug can be made from the file name",
                           hint="add `slug: some-ascii-words` to the front matter",
                           **where)
            continue
        if item.slug.isdigit() or item.slug in reserved or (
                item.kind == "page" and item.slug in reserved_keys):
            problems.error(first.shown, f"the slug `{item.slug}` is a reserved URL word "
                           "(year archives, lists and pages use it)",
                           hint="choose a slug with a letter and another word", **where)
        for tag, source in item.sources.items():
            other = seen.get((item.kind, tag, item.slug))
            if other is not None:
                how = "" if other.locale.tag == tag else \
                    f" (its {tag} version is made from it)"
                problems.error(source.shown, f"the slug `{item.slug}` is already used "
                               f"in {tag} by {other.shown}{how}",
                               hint="give one of them another `slug:` (or file name); "
                               "translations of one item share the file name or a "
                               "`translation_key`", **where)
            seen[(item.kind, tag, item.slug)] = source
            for locale in locales:
                if locale.derive_from == tag and locale.tag not in item.sources:
                    seen.setdefault((item.kind, locale.tag, item.slug), source)


def check_required_translations(items: list[Item], locales: Locales,
                                problems: Problems) -> None:
    """Items marked `translate_to: [...]` that lack one of those languages
    (a language derived from the other script counts as present)."""
    for item in items:
        first = item.first()
        for tag in first.meta.get("translate_to", ()):
            derive = locales.get(tag).derive_from
            if tag in item.sources or (derive and derive in item.sources):
                continue
            marked = next(s for s in item.sources.values() if "translate_to" in s.lines)
            problems.warning(marked.shown, f"not yet translated into {tag}",
                             line=marked.lines["translate_to"], field="translate_to",
                             hint=f"`invoke translate {marked.shown} --to {tag.lower()}` "
                             "starts the translation")


def check_references(news: list[Item], projects: dict[str, Project],
                     topics: dict[str, Topic], problems: Problems) -> None:
    """Every project and topic an item names exists."""
    for item in news:
        owner = written_in(item, "project")
        if item.project and item.project not in projects:
            hint = did_you_mean(item.project, projects)
            known = f"known projects: {known_list(projects)}" if projects else \
                "there are no projects in content/projects/ yet"
            problems.error(owner.shown, f"unknown project `{item.project}`; {known}",
                           line=owner.lines.get("project"), field="project",
                           hint=hint or f"add content/projects/{item.project}.yml or "
                           "fix the key")
        for topic in item.topics:
            if topic not in topics:
                owner = written_in(item, "topics")
                hint = did_you_mean(topic, topics)
                problems.error(owner.shown, f"unknown topic `{topic}`; known topics: "
                               f"{known_list(topics) or '(none: content/topics.yml)'}",
                               line=owner.lines.get("topics"), field="topics",
                               hint=hint or "add it to content/topics.yml or fix the key")
