"""The content model: what the readers produce and the generators consume."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .locales import Locale


@dataclass
class Source:
    """One Markdown file written by staff, in one locale."""

    path: Path               # absolute path of the file
    shown: str               # path as staff see it: content/news/2017/x.bs.md
    group: str               # path without locale suffix: news/2017/x
    kind: str                # "news", "page" or "project"
    locale: Locale
    meta: dict               # validated front matter
    lines: dict              # field -> line in the file
    body: str                # Markdown ("" once the build has rendered it)
    body_line: int
    html: str = ""           # rendered once per build
    summary: str = ""        # plain text: front matter `summary` or the first words
    removed: list = field(default_factory=list)   # (line, what, fix): what the sanitiser took out
    unrendered: tuple | None = None   # (what, fix) when Markdown could not render it
    original_draft: bool = False   # translated from an original still marked draft
    # (line, path, field, kind, described) of the files the body points at
    # (set by the reader)
    body_references: list = field(default_factory=list)

    @property
    def stem(self) -> str:
        """The file name without folder and locale suffix."""
        return self.group.rsplit("/", 1)[-1]

    @property
    def relative(self) -> str:
        """The file's path below content/, such as news/2017/x.bs.md (from
        its group: Path.relative_to costs 10 µs a file)."""
        return self.group[: len(self.group) - len(self.stem)] + self.path.name

    @property
    def draft(self) -> bool:
        """Not published: marked `draft`, or a translation of such an original."""
        return bool(self.meta.get("draft")) or self.original_draft


@dataclass
class Item:
    """A news item or page: all translations of one text, keyed by locale tag."""

    kind: str
    key: str                 # translation key: group path or `translation_key`
    slug: str
    sources: dict            # locale tag -> Source (written by staff)
    date: dt.datetime | None = None
    project: str | None = None
    topics: list = field(default_factory=list)
    image: str | None = None
    image_from: Path | None = None   # the file whose `image:` it is (paths are relative to it)
    scheduled: bool = False  # dated after the build: published by the first build after it

    def first(self) -> Source:
        """The first translation, in settings order of the locales."""
        return next(iter(self.sources.values()))


@dataclass
class Project:
    """A project record from content/projects/<key>.yml, with its
    descriptions per locale."""
    key: str
    path: str                # shown path of the .yml
    name: dict               # locale tag (or None: same everywhere) -> text
    summary: dict
    funders: list
    partners: list
    start: str | None
    end: str | None
    status: str | None
    links: list
    descriptions: dict = field(default_factory=dict)   # locale tag -> Source


@dataclass
class Topic:
    """A topic of topics.yml: its label and description per locale."""
    key: str
    label: dict
    description: dict


@dataclass
class Contact:
    """content/contact.yml: the publisher and the organisations, publisher first."""
    path: str
    publisher: str
    organisations: list      # validated mappings, publisher first


@dataclass
class Site:
    """Everything read from content/, checked, ready for the generators."""

    root: Path
    news: list               # Items, newest first
    pages: list              # Items
    projects: dict           # key -> Project
    topics: dict             # key -> Topic
    contact: Contact | None
    sources: list            # every Source, for rendering
    assets: set = field(default_factory=set)  # files content links to, from content/
    pictures: set = field(default_factory=set)  # pictures content shows, from content/
    rendered: bool = False   # each body rendered as it was read (load_site(render=True))
