"""Read all of content/ and check what needs more than one file.

`load_site` is the single entry point used by the build and by `invoke check`:
it reads every file, collects every problem, and returns the Site and the
problems; it never raises for a content mistake.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from plugins.common.errors import SettingsError
from plugins.common.parallel import fork_map, workers
from plugins.common.problems import Problems, display_path
from plugins.common.progress import Progress

from . import opening, reader, registries, render, schema
from .cache import open_cache
from .converters import Context
from .crosscheck import check_references, check_required_translations, check_slugs
from .limits import load_limits
from .linked_files import check_images
from .locales import Locales, load_locales
from .misnamed import warn_misnamed
from .model import Item, Site
from .read_cache import ReadCache, forget_unused
from .render_pass import RenderAsRead
from .translations import (attach_descriptions, drop_drafts, group_items,
                           mark_draft_translations, written_in)

REGISTRY_FILES = ("topics.yml", "contact.yml")


def make_context(settings: dict, locales: Locales) -> schema.Context:
    """What converters need to know: the locales, TIMEZONE and the limits
    (a SettingsError for a zone that does not exist)."""
    try:
        zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"TIMEZONE = {settings.get('TIMEZONE')!r} is not a time "
                            "zone name such as 'Europe/Belgrade'") from None
    return schema.Context(locales.tags, zone, limits=load_limits(settings))


def read_sources(paths: list, content: Path, root: Path, locales: Locales, ctx: Context,
                 problems: Problems, n_workers: int,
                 render: RenderAsRead | None = None,
                 kept: Path | None = None) -> tuple[list, set]:
    """Read and check every Markdown file, on every core (`render`: and
    render each body there; `kept`: the file of the read cache, whose
    unchanged files are not read again); (the sources in path order, the
    groups of the files that could not be read, such as `news/2017/x`:
    their translations miss what they would have shared)."""
    def job(index: int, count: int):
        found, unread = Problems(), set()
        mine, keys = paths[index::count], []
        if kept is None:
            read = [reader.read_source(path, content, root, locales, ctx, found)
                    for path in mine]
        else:
            cache = ReadCache(kept, content, root, locales, ctx)
            try:
                read, keys = cache.read(mine, found)
            finally:
                cache.close()
        sources = []
        for path, source in zip(mine, read):
            if source is None:
                unread.add(path.relative_to(content).as_posix().rsplit(".", 2)[0])
            else:
                sources.append(source)
        rendered = render(sources, content) if render else None
        return sources, found.items, unread, keys, rendered
    sources, unread, used, renderings = [], set(), [], []
    # in 4 shares a worker: reading and rendering costs vary from file to
    # file (2 shares left a core idle 0.2 s at the end on N=2,500)
    for part, items, groups, keys, rendered in fork_map(job, len(paths), n_workers,
                                                        shares_per_worker=4):
        sources += part
        problems.items += items
        unread |= groups
        used += keys
        renderings.append(rendered)
    if kept is not None:
        forget_unused(kept, used)
    if render:
        render.forget_unused(renderings)
    sources.sort(key=lambda s: s.path)
    return sources, unread


def load_site(settings: dict, root: Path | None = None,
              render: bool = False) -> tuple[Site, Problems]:
    """Read and check content/; (Site, Problems). Settings errors raise.
    `render`: each body is also rendered as it is read (render_site then
    only reports what the sanitiser removed)."""
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
    for path in opening.content_files(content):
        refused = opening.refused_file(path, content)
        if refused is None:
            files.append(path)
        elif path.suffix in (".md", ".yml", ".yaml"):
            # other files are read only when content links to them
            problems.error(display_path(path, root), refused[0], hint=refused[1])
    texts = [p for p in files if p.suffix == ".md"]
    if render:
        sources, unread = _read_and_render(texts, content, root, locales, ctx, problems,
                                           settings)
    else:
        sources, unread = read_sources(texts, content, root, locales, ctx, problems,
                                       workers(settings))
    projects, topics, contact = {}, {}, None
    for path in files:
        if path.suffix == ".md":
            continue
        rel = path.relative_to(content).as_posix()
        if rel == "topics.yml":
            topics = registries.read_topics(path, root, ctx, problems)
        elif rel == "contact.yml":
            contact = registries.read_contact(path, root, ctx, problems)
        elif path.suffix in (".yml", ".yaml"):
            if path.parent == content / "projects" and path.suffix == ".yml":
                project = registries.read_project(path, root, ctx, problems)
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
    site = Site(root, news, pages, projects, topics, contact, sources, assets, pictures,
                rendered=render)
    return site, problems


def _read_and_render(paths: list, content: Path, root: Path, locales: Locales,
                     ctx: Context, problems: Problems, settings: dict) -> tuple[list, set]:
    """read_sources, each body rendered by the worker that read it (the
    cache is opened here first: made, and a failure to open it said, once)."""
    cache = open_cache(settings, content)
    if cache:
        cache.close()
    kept = cache.path if cache and settings.get("READ_CACHE") else None
    with Progress("texts", len(paths)) as progress:
        return read_sources(paths, content, root, locales, ctx, problems, workers(settings),
                            RenderAsRead(cache, load_limits(settings).render_seconds,
                                         progress), kept)


def render_site(site: Site, settings: dict, problems: Problems) -> int:
    """Render every body once (unchanged ones from the cache), unless
    load_site did as it read them, and report, at its line, what the
    sanitiser took out of each. Returns the count rendered here."""
    content = Path(settings["PATH"]).resolve()
    count = 0
    if not site.rendered:
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


def build_time(settings: dict, zone: dt.tzinfo) -> dt.datetime:
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
