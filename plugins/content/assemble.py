"""Read all of content/ and check what needs more than one file.

`load_site` is the single entry point used by the build and by `invoke check`:
it reads every file, collects every problem, and returns the Site and the
problems; it never raises for a content mistake.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from plugins import files as reader_files
from plugins.translit.slugs import slugify

from plugins.common.errors import SettingsError
from plugins.common.parallel import fork_map, workers
from plugins.common.problems import Problems, did_you_mean, display_path, known_list

from . import reader, render, schema
from .cache import open_cache
from .limits import load_limits
from .locales import Locales, load_locales
from .model import Item, Site, Source

REGISTRY_FILES = ("topics.yml", "contact.yml")


def make_context(settings: dict, locales: Locales) -> schema.Context:
    try:
        zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"TIMEZONE = {settings.get('TIMEZONE')!r} is not a time "
                            "zone name such as 'Europe/Belgrade'") from None
    return schema.Context(locales.tags, zone, limits=load_limits(settings))


def read_sources(paths: list, content: Path, root: Path, locales, ctx, problems,
                 n_workers: int) -> tuple[list, set]:
    """Read and check every Markdown file, on every core; (the sources in
    path order, the groups of the files that could not be read, such as
    `news/2017/x`: their translations miss what they would have shared)."""
    def job(index: int, count: int):
        found, unread = Problems(), set()
        sources = []
        for path in paths[index::count]:
            source = reader.read_source(path, content, root, locales, ctx, found)
            if source is None:
                unread.add(path.relative_to(content).as_posix().rsplit(".", 2)[0])
            else:
                sources.append(source)
        return sources, found.items, unread
    sources, unread = [], set()
    for part, items, groups in fork_map(job, len(paths), n_workers):
        sources += part
        problems.items += items
        unread |= groups
    sources.sort(key=lambda s: s.path)
    return sources, unread


def warn_misnamed(files, locales, root: Path, problems) -> None:
    """Items saved with an ending the build does not read (Notepad's
    `.md.txt`, `.markdown`, `.MD`) would silently be left out."""
    suffixes = "|".join(re.escape(loc.suffix.lower()) for loc in locales)
    misnamed = re.compile(rf"(.+\.(?:{suffixes}))\.(md\.txt|markdown|mdown|mkd|md|txt)",
                          re.I)
    endings = ", ".join(f"`.{loc.suffix}.md`" for loc in locales)
    for path in files:
        m = misnamed.fullmatch(path.name)
        if m and path.suffix != ".md":
            problems.warning(display_path(path, root), f"this looks like a news item or "
                             f"page, but files ending in `.{m.group(2)}` are not read",
                             hint=f"rename it to `{m.group(1)}.md`")
        elif _WORD_SAVED.fullmatch(path.name):
            name = _WORD_SAVED.fullmatch(path.name).group(1)
            problems.warning(display_path(path, root), "this looks like a news item or "
                             "page saved by a word processor, which is not read",
                             hint="save it as plain text (Word: File > Save as > Plain "
                             f"Text, UTF-8) and name it `{name}.md`; the ending names "
                             f"its language: {endings}")
        elif path.suffix.lower() == ".txt" and _has_front_matter(path):
            problems.warning(display_path(path, root), "this looks like a news item or "
                             "page, but files ending in `.txt` are not read",
                             hint=f"rename it to `{path.stem}.<language>.md`, such as "
                             f"`{path.stem}.{locales.default.suffix}.md`; the endings: "
                             f"{endings}")


_WORD_SAVED = re.compile(r"(.+)\.md\.(?:docx?|odt|rtf|pages)", re.I)


def _has_front_matter(path: Path) -> bool:
    """The file starts as an item does (a `---` line), BOM or not."""
    try:
        with open(path, "rb") as file:
            start = file.read(8)
    except OSError:
        return False
    return start.removeprefix(b"\xef\xbb\xbf").startswith((b"---\n", b"---\r\n"))


def load_site(settings: dict, root: Path | None = None) -> tuple[Site, Problems]:
    """Read and check content/; (Site, Problems). Settings errors raise."""
    locales = load_locales(settings)
    ctx = make_context(settings, locales)
    content = Path(settings["PATH"]).resolve()
    # Paths in messages read as staff type them: from the project folder.
    cwd = Path.cwd().resolve()
    root = Path(root or (cwd if cwd in content.parents else content.parent)).resolve()
    problems = Problems()
    if not content.is_dir():
        raise SettingsError(f"PATH = {settings['PATH']!r}: there is no such folder")

    files = []
    for path in reader.content_files(content):
        refused = reader.refused_file(path, content)
        if refused is None:
            files.append(path)
        elif path.suffix in (".md", ".yml", ".yaml"):
            # other files are read only when content links to them
            problems.error(display_path(path, root), refused[0], hint=refused[1])
    sources, unread = read_sources([p for p in files if p.suffix == ".md"], content, root,
                           locales, ctx, problems, workers(settings))
    projects, topics, contact = {}, {}, None
    for path in files:
        rel = path.relative_to(content).as_posix()
        if path.suffix == ".md":
            continue
        elif rel == "topics.yml":
            topics = reader.read_topics(path, root, ctx, problems)
        elif rel == "contact.yml":
            contact = reader.read_contact(path, root, ctx, problems)
        elif path.suffix in (".yml", ".yaml"):
            if path.parent == content / "projects" and path.suffix == ".yml":
                project = reader.read_project(path, root, ctx, problems)
                if project:
                    projects[project.key] = project
            else:
                problems.error(display_path(path, root), "a YAML file the site does "
                               "not know", hint="projects go in content/projects/"
                               "<key>.yml; topics in content/topics.yml; contacts in "
                               "content/contact.yml")

    warn_misnamed(files, locales, root, problems)
    project_texts = [s for s in sources if s.kind == "project"]
    attach_descriptions(project_texts, projects, problems)
    # Grouped with drafts, so a draft translation still shares its date.
    news = group_items([s for s in sources if s.kind == "news"], locales, problems, unread)
    pages = group_items([s for s in sources if s.kind == "page"], locales, problems, unread)
    for item in [*news, *pages]:
        mark_draft_translations(item)
    schedule(news, build_time(settings, ctx.timezone), problems)
    if not settings.get("SHOW_DRAFTS", False):   # a production build
        news, pages = drop_drafts(news), drop_drafts(pages)
        news = [item for item in news if not item.scheduled]
        shown = {id(s) for item in [*news, *pages] for s in item.sources.values()}
        sources = [s for s in sources if id(s) in shown
                   or (s.kind == "project" and not s.draft)]
    for items in (news, pages):
        check_slugs(items, locales, problems)
    check_references(news, projects, topics, problems)
    check_required_translations([*news, *pages], locales, problems)
    assets, pictures = check_images(sources, content, problems,
                                    settings.get("IMAGE_WARN_BYTES", 8_000_000))
    news.sort(key=lambda item: (item.date, item.slug), reverse=True)
    site = Site(root, news, pages, projects, topics, contact, sources, assets, pictures)
    return site, problems


def render_site(site: Site, settings: dict, problems: Problems) -> int:
    """Render every body once (unchanged ones from the cache) and report, at
    its line, what the sanitiser took out of each. Returns the count rendered."""
    content = Path(settings["PATH"]).resolve()
    cache = open_cache(settings, content)
    try:
        count = render.render_all(site.sources, content, workers(settings), cache,
                                  load_limits(settings).render_seconds)
    finally:
        if cache:
            cache.close()
    render.report_removed(site.sources, problems,
                          tuple(settings.get("ALLOW_RAW_HTML_IN", ())))
    return count


def build_time(settings: dict, zone) -> dt.datetime:
    """Now, in the site's zone (BUILD_NOW, an aware datetime, fixes it in tests)."""
    return settings.get("BUILD_NOW") or dt.datetime.now(zone)


def schedule(news: list[Item], now: dt.datetime, problems: Problems) -> None:
    """Items dated after `now` wait for it: previews show them (badged),
    production builds leave them out until the first build after their time.
    Each is noted, with when; a date over a year ahead is likely a typo."""
    for item in news:
        if item.date is None or item.date <= now:
            continue
        item.scheduled = True
        owner = written_in(item, "date")
        when = f"{item.date:%Y-%m-%d %H:%M}"
        days = (item.date - now).days
        if days > 366:
            problems.warning(owner.shown, f"the date {when} is {days // 365} year"
                             f"{'s' if days >= 730 else ''} ahead", line=owner.lines.get(
                                 "date"), field="date", hint="an item dated in the "
                             "future is published when its time comes: check the year")
        else:
            ahead = f"in {days} day{'s' if days != 1 else ''}" if days else "today"
            problems.note(owner.shown, f"scheduled for {when} ({ahead}): published "
                          "by the first build after that", line=owner.lines.get("date"))


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
    kept = []
    for item in items:
        item.sources = {tag: s for tag, s in item.sources.items() if not s.draft}
        if item.sources:
            kept.append(item)
    return kept


def attach_descriptions(texts, projects, problems) -> None:
    for source in texts:
        key = source.stem
        if key not in projects:
            problems.error(source.shown, f"a description of project `{key}`, but "
                           f"content/projects/{key}.yml does not exist",
                           field="file name", hint=did_you_mean(key, projects)
                           or "name it after a project's .yml file")
            continue
        projects[key].descriptions[source.locale.tag] = source


def group_items(sources, locales: Locales, problems, unread=frozenset()) -> list[Item]:
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


def share_neutral_fields(group: dict, fields: dict, problems) -> tuple[dict, dict]:
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


def check_required_neutral(group: dict, fields: dict, shared: dict, problems,
                           quiet: bool = False) -> bool:
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


def check_slugs(items, locales: Locales, problems) -> None:
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


def check_required_translations(items, locales: Locales, problems) -> None:
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


def written_in(item: Item, name: str) -> Source:
    """The translation whose own front matter has a shared field (the others
    only share it): where a mistake in it is reported."""
    return next((s for s in item.sources.values() if name in s.lines), item.first())


def check_references(news, projects, topics, problems) -> None:
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


def report_identity(ref: str, path: Path, shown: str, line: int, problems) -> None:
    """A warning for a document that names its author (an error for one
    that cannot be read)."""
    try:
        found = reader_files.identity_fields(path)
    except reader_files.DocumentError as exc:
        problems.error(shown, f"`{ref}` is not published: {exc}", line=line,
                       hint="open it in the program that made it and save it again")
        return
    if found and found[0]:
        fields, how = found
        problems.warning(shown, f"`{ref}` holds the name of who made or saved it, in: "
                         + ", ".join(fields), line=line, hint=how)


def item_paths(sources, content: Path) -> set:
    """The files of news items and pages, relative to content/: what links
    between items may point at. (Sources are read from below the resolved
    content folder, so their paths need no resolving: 0.75 s for 10,000.)"""
    return {s.path.relative_to(content).as_posix() for s in sources
            if s.kind in ("news", "page")}


def check_images(sources, content: Path, problems, warn_bytes: int | None = None,
                 items: set | None = None):
    """Every file the content points at must exist inside content/, and
    every picture must be described. Returns (files, pictures): paths
    relative to content/ of the files linked to (published as they are,
    pictures stripped of metadata) and of the pictures shown (published in
    several sizes and formats). `items`: the item files links may name
    (item_paths), when `sources` are not all of them."""
    files, pictures, inspected = set(), set(), set()
    source_paths = item_paths(sources, content) if items is None else items
    for source in sources:
        for line, ref, field, kind, described in reader.local_references(source):
            target = reader.resolve_local(ref, source.path, content)
            if target is None:
                if kind != "file":
                    problems.error(source.shown, f"the picture `{ref}` is on another "
                                   "site", line=line, field=field, hint="download it "
                                   "and put it beside the item: the site loads nothing "
                                   "from other hosts")
                continue
            if kind == "raw-picture" and not ref.startswith("/"):
                problems.error(source.shown, f"the <img> tag's `{ref}` is relative to a "
                               "page address, so it would not be found", line=line,
                               hint=f"write it as a Markdown picture, `![what it shows]"
                               f"({ref})`, or start the path with `/` (from content/)")
                continue
            what = {"file": "file", "item": "item", "page": "page"}.get(kind, "picture")
            try:
                resolved = target.resolve()
                inside = content in resolved.parents
                found = inside and resolved.is_file()
            except OSError:   # a name longer than the file system allows
                problems.error(source.shown, f"the {what} `{ref[:60]}...` cannot be a "
                               "file: a part of its name is too long", line=line,
                               field=field, hint="check the file name: the names of "
                               "files and folders are at most 255 bytes")
                continue
            if kind == "page":   # a link to a page of the site, unless it names a file
                if found:
                    problems.error(source.shown, f"`{ref}` is not published: "
                                   + reader_files.policy.REFUSED[".html"][0].format(
                                       kind="HTML"), line=line,
                                   hint=reader_files.policy.REFUSED[".html"][1])
                continue
            if not inside and resolved.is_file():
                linked = content in Path(os.path.normpath(target.absolute())).parents
                problems.error(source.shown, f"the {what} `{ref}` is "
                               + ("a link to a file " if linked else "")
                               + "outside content/, and only files in content/ are "
                               "published", line=line,
                               field=field, hint="copy the file readers should get into "
                               "content/ (beside the item) and link that copy")
                continue
            refused = reader.refused_file(target, content) if inside and not found \
                and (target.exists() or target.is_symlink()) else None
            if refused is not None:   # a named pipe, a folder, a link to nothing
                problems.error(source.shown, f"the {what} `{ref}`: {refused[0]}",
                               line=line, field=field, hint=refused[1])
                continue
            if not found:
                problems.error(source.shown, f"the {what} `{ref}` does not exist"
                               + ("" if inside else " inside content/"), line=line,
                               field=field, hint="check the file name and folder: a "
                               "relative path starts at this file's folder, a path "
                               "starting with `/` at content/")
                continue
            if not described:
                problems.error(source.shown, f"the picture `{ref}` has no description for "
                               "readers who cannot see it", line=line,
                               hint=f"write what it shows between the brackets, `![Round "
                               f"table participants]({ref})`; a purely decorative picture "
                               f"is written `![]({ref}){{.decorative}}`" if kind == "picture"
                               else "add alt=\"what it shows\" to the <img> tag (alt=\"\" "
                               "for a purely decorative picture)")
            relative = resolved.relative_to(content).as_posix()
            if kind != "item":
                refused = reader_files.refusal(ref, resolved, relative, kind)
                if refused is not None:
                    problems.error(source.shown, refused.message, line=line, field=field,
                                   hint=refused.hint)
                    continue
            if kind == "file" and relative not in inspected:
                inspected.add(relative)
                report_identity(ref, resolved, source.shown, line, problems)
            if kind == "item":
                if relative not in source_paths:
                    problems.error(source.shown, f"`{ref}` is not a news item or page of "
                                   "this site (or it is a draft)", line=line, hint="link to "
                                   "an item by its file, such as `[the conference]"
                                   "(other-item.bs.md)`")
                continue
            (files if kind == "file" else pictures).add(relative)
            size = resolved.stat().st_size if warn_bytes and kind != "file" else 0
            if size and size > warn_bytes:
                problems.warning(source.shown, f"the picture `{ref}` is "
                                 f"{size / 1e6:.1f} MB", line=line,
                                 field=field, hint="readers get small copies, but the "
                                 "original stays in the repository: export it at about "
                                 "2000 pixels wide (IMAGE_WARN_BYTES sets this limit)")
        if "image" in source.meta and "image_alt" not in source.meta:
            problems.error(source.shown, "the picture has no description for readers "
                           "who cannot see it", line=source.lines.get("image"),
                           field="image_alt", hint="add `image_alt: what the picture "
                           "shows`")
    return files, pictures
