"""`invoke new` and `invoke translate`: files that pass `invoke check` as
they are, start as drafts, and share what is language-neutral."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from plugins.content.frontmatter import decode, split as split_front_matter
from plugins.content.locales import Locales
from plugins.common.errors import ScaffoldError
from plugins.common.problems import Problems, did_you_mean
from plugins.translit.slugs import is_valid_slug, slugify


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)   # a valid YAML double-quoted string


def _locale(locales: Locales, tag: str):
    found = locales.by_suffix(tag)
    if found is None:
        raise ScaffoldError(f"unknown language {tag!r}; use one of "
                            f"{', '.join(l.suffix for l in locales)}")
    return found


def registry_keys(content: Path) -> tuple[set, set]:
    """(project keys, topic keys) as content/ declares them."""
    projects = {p.stem for p in (content / "projects").glob("*.yml")}
    topics_file = content / "topics.yml"
    topics = set((yaml.safe_load(topics_file.read_text(encoding="utf-8")) or {}).keys()) \
        if topics_file.is_file() else set()
    return projects, topics


def _known(kind: str, value: str, known: set) -> None:
    if value not in known:
        guess = did_you_mean(value, known)
        raise ScaffoldError(f"no {kind} {value!r}" + (f"; {guess}" if guess else "")
                            + f" (known: {', '.join(sorted(known)) or 'none'})")


def new_item(content: Path, locales: Locales, *, lang: str, title: str, timezone: str,
             project: str | None = None, topics: list | None = None,
             slug: str | None = None, body: str = "", now: dt.datetime | None = None) -> Path:
    """Write content/news/<year>/<slug>.<lang>.md; its path."""
    locale = _locale(locales, lang)
    if not title.strip():
        raise ScaffoldError("the title is empty: --title \"...\"")
    projects, known_topics = registry_keys(content)
    if project:
        _known("project", project, projects)
    for topic in topics or []:
        _known("topic", topic, known_topics)
    if slug and not is_valid_slug(slug):
        better = slugify(slug)
        raise ScaffoldError(f"--slug {slug!r} is not an address word: lower-case ASCII "
                            "letters, digits and `-`"
                            + (f"; did you mean --slug {better}?" if is_valid_slug(better)
                               else ""))
    slug = slug or slugify(title, lang=locale.tag)   # Vietnamese đ is d, Serbian dj
    if not is_valid_slug(slug):
        raise ScaffoldError(f"cannot make an address from {title!r}; give one with "
                            "--slug such as --slug okrugli-sto-sarajevo")
    now = now or dt.datetime.now(ZoneInfo(timezone))
    folder = content / "news" / str(now.year)
    taken = sorted(folder.glob(f"{slug}.*.md")) + sorted(
        p for p in (content / "news").glob(f"*/{slug}.*.md"))
    if taken:
        raise ScaffoldError(f"{taken[0].relative_to(content.parent)} already has the "
                            f"address {slug!r}: choose another --slug, or add a "
                            "language to it with `invoke translate`")
    lines = ["---", f"title: {_quoted(title.strip())}", f"date: {now:%Y-%m-%d %H:%M}"]
    if project:
        lines.append(f"project: {project}")
    if topics:
        lines.append(f"topics: [{', '.join(topics)}]")
    lines += ["draft: true   # shown only in previews; delete this line to publish", "---",
              "", body.strip() or "…", ""]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.{locale.suffix}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


_PER_LOCALE = ("title", "summary", "author", "image_alt")


def translate_item(source: Path, locales: Locales, *, to: str) -> Path:
    """Write the `to` translation beside `source`: per-locale fields to
    translate, the shared ones left to the original, the original's text in a
    comment below; its path."""
    match = re.fullmatch(r"(.+)\.([A-Za-z-]+)\.md", source.name)
    origin = locales.by_suffix(match.group(2)) if match else None
    if origin is None or not source.is_file():
        raise ScaffoldError(f"{source} is not a news item or page written in one of "
                            f"{', '.join(l.suffix for l in locales)}")
    target_locale = _locale(locales, to)
    target = source.with_name(f"{match.group(1)}.{target_locale.suffix}.md")
    if target.exists():
        raise ScaffoldError(f"{target} exists already: finish the translation there "
                            "(and delete its `draft: true` line, if it has one)")
    problems = Problems()
    # read as the build reads it: a byte-order mark, CRLF, an encoding error named
    text = decode(source.read_bytes(), str(source), problems)
    parsed = split_front_matter(text, str(source), problems) if text is not None else None
    if parsed is None or problems.errors:
        raise ScaffoldError(f"{source} cannot be translated until it is fixed:\n"
                            + "\n".join(p.format() for p in problems.errors))
    lines = ["---"]
    for key in _PER_LOCALE:
        if parsed.data.get(key):
            lines.append(f"{key}: {_quoted(str(parsed.data[key]))}   # translate from "
                         f"{origin.tag}")
    lines += ["draft: true   # delete this line once the translation is done", "---", ""]
    original = re.sub(r"--(!?>)", r"- -\1", parsed.body.strip())   # would end the comment
    lines += ["…", "", f"<!-- The {origin.tag} text, to translate from:", "", original,
              "-->", ""]
    target.write_text("\n".join(lines), encoding="utf-8")
    return target
