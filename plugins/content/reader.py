"""Read content/: Markdown sources with front matter, and the YAML registries.

Only reading and per-file checks happen here; checks that need more than one
file (translations, slugs, references) are in `assemble.py`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from plugins.translit.slugs import slugify

from plugins.common.problems import did_you_mean, display_path

from . import frontmatter, limits, links, safety, schema
from .locales import Locales
from .model import Contact, Project, Source, Topic
from .textpos import LineIndex

KIND_BY_FOLDER = {"news": ("news", schema.NEWS), "pages": ("page", schema.PAGE),
                  "projects": ("project", schema.PROJECT_TEXT)}

_MD_REFERENCE = re.compile(r"(!?)\[([^\]\n]*)\]\([ \t]*<?([^)\s>]+)>?(?:[ \t]+\"[^\"\n]*\")?[ \t]*\)")
_HTML_IMAGE = re.compile(r"<img\b[^<>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_HTML_ALT = re.compile(r"\salt\s*=", re.I)    # alt="" is a decorative picture
# `![](border.png){.decorative}`: Markdown's attribute list marks a picture
# that says nothing, which may then have no alt text.
_DECORATIVE = re.compile(r"\{[^}\n]*\.decorative\b[^}\n]*\}")


def content_files(content: Path):
    """Every file under content/ except hidden ones, in a stable order."""
    for folder, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder, name)


_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def refused_file(path: Path, content: Path) -> tuple[str, str] | None:
    """(why, what to do) when a file found in content/ must not be read:
    a link to nothing or to outside content/, or not a regular file (a
    named pipe would make every reader wait for ever)."""
    try:
        if path.is_symlink():
            target = Path(os.path.realpath(path))
            if not target.exists():
                return (f"a symbolic link to {os.readlink(path)}, which does not exist",
                        "remove the link, or copy the file it should point at into "
                        "its place")
            if content not in target.parents:
                return (f"a symbolic link to {target}, outside content/; only files in "
                        "content/ are read", "copy the file into content/ in place of "
                        "the link")
        mode = path.stat().st_mode
    except OSError as exc:
        return unreadable(exc)
    if not stat.S_ISREG(mode):
        return (f"{_KINDS.get(stat.S_IFMT(mode), 'not a regular file')}, not a file "
                "with text", "remove it from content/: only files are read")
    return None


def unreadable(exc: OSError) -> tuple[str, str]:
    """(why, what to do) for a content file the system would not let us read."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"the file cannot be read ({exc.strerror})",
                "let everyone read it (`chmod a+r`), or ask whoever owns it")
    if exc.errno == errno.ENOENT:
        return ("the file disappeared while it was read", "check it again")
    return (f"the file cannot be read ({exc.strerror or exc})",
            "copy it again (the disk or the copy may be damaged)")


def split_locale(path: Path, locales: Locales, shown: str, problems):
    """(group, Locale) from `news/2017/x.sr-cyrl.md`; None after an error."""
    name = path.name[: -len(".md")]
    stem, dot, suffix = name.rpartition(".")
    locale = locales.by_suffix(suffix) if dot else None
    if locale is None:
        known = [loc.suffix for loc in locales]
        hint = (did_you_mean(suffix.lower(), known) if dot else None) or \
            "name the file like `" + (stem or name) + ".sr-cyrl.md`; known suffixes: " + \
            ", ".join(known)
        problems.error(shown, "unknown locale suffix " +
                       (f"`.{suffix}`" if dot else "(the file name has none)"),
                       field="file name", hint=hint)
        return None
    return stem, locale


def read_source(path: Path, content: Path, root: Path, locales: Locales, ctx,
                problems) -> Source | None:
    shown = display_path(path, root)
    rel = path.relative_to(content)
    folder = rel.parts[0] if len(rel.parts) > 1 else ""
    if folder not in KIND_BY_FOLDER:
        problems.error(shown, "a Markdown file outside news/, pages/ and projects/",
                       hint="move it into content/news/<year>/ (a news item) or "
                       "content/pages/ (a page)")
        return None
    kind, fields = KIND_BY_FOLDER[folder]
    split = split_locale(path, locales, shown, problems)
    if split is None:
        return None
    stem, locale = split
    text = _read_text(path, shown, ctx.limits, problems)
    if text is None:
        return None
    parsed = frontmatter.split(text, shown, problems, required=kind != "project",
                               limits=ctx.limits)
    if parsed is None:
        return None
    deep = limits.markdown_too_deep(parsed.body, ctx.limits.markdown_depth)
    if deep:
        index, depth = deep
        problems.error(shown, f"the text nests lists and quotes {depth} levels deep; at "
                       f"most {ctx.limits.markdown_depth} are accepted",
                       line=parsed.body_line + index, hint="readers cannot follow more "
                       "than a few levels: make the deepest points a list of their own "
                       "(CONTENT_MAX_NESTING in pelicanconf.py sets this limit)")
        return None
    meta = schema.validate(parsed.data, fields, shown, parsed.lines, problems, ctx)
    if meta.get("date") and meta.get("updated") and meta["updated"] < meta["date"]:
        problems.error(shown, f"`updated` ({meta['updated']:%Y-%m-%d %H:%M}) is before "
                       f"`date` ({meta['date']:%Y-%m-%d %H:%M})", field="updated",
                       line=parsed.lines.get("updated"), hint="`updated` is when the "
                       "item was last changed, after it was first published")
    group = (rel.parent / stem).as_posix()
    source = Source(path, shown, group, kind, locale, meta, parsed.lines,
                    parsed.body, parsed.body_line)
    check_body(source, problems)
    check_script(source, problems)
    return source


# Runs of letters, not letters: one match per word instead of one per letter.
_CYRILLIC, _LATIN = re.compile(r"[\u0400-\u04ff]+"), re.compile(r"[A-Za-z\u00c0-\u024f]+")
# Each alternative stops where another could start (`[^()]`, `[^<>]`), and an
# address is looked for only from the start of a word: a long text without
# one is then read once, not once per letter.
_NOT_PROSE = re.compile(r"\]\([^()]*\)|<[^<>]*>|https?://\S+|(?<!\S)[^\s@]+@\S+")


def check_script(source: Source, problems) -> None:
    """A file named for one script (`.sr-cyrl.md`) written in the other: the
    page would show it in the wrong script, and the derived twin would be
    made from it wrongly."""
    script = source.locale.tag.rpartition("-")[2] if source.locale else ""
    if script not in ("Cyrl", "Latn"):
        return
    text = _NOT_PROSE.sub(" ", f"{source.meta.get('title', '')}\n"
                          f"{safety.mask_code(source.body)}")
    cyrillic, latin = (sum(map(len, script.findall(text))) for script in (_CYRILLIC, _LATIN))
    wrong, right = (latin, cyrillic) if script == "Cyrl" else (cyrillic, latin)
    if wrong >= 20 and wrong > 3 * right:   # names such as GIZ or UNICEF are fine
        written = "Latin" if script == "Cyrl" else "Cyrillic"
        other = source.locale.tag.replace(script, "Latn" if script == "Cyrl" else "Cyrl")
        problems.warning(source.shown, f"the text is written in {written} letters, but "
                         f"the file's name says {source.locale.tag}",
                         hint=f"rename it to end in `.{other.lower()}.md` (the other "
                         "script is made from it), or retype the text")


PLACEHOLDERS = {"…", "..."}   # the body `invoke new` and `invoke translate` write


def check_body(source: Source, problems) -> None:
    uncommented = safety.without_comments(source.body)   # comments are not published
    shown_text = uncommented.strip()
    if not shown_text:
        if source.kind != "project":
            problems.error(source.shown, "the text after the front matter is empty"
                           + (" (it holds only a comment)" if source.body.strip() else ""),
                           line=source.body_line, hint="write the news text below "
                           "the closing `---` line")
        if not source.body.strip():
            return
    elif shown_text in PLACEHOLDERS and not source.meta.get("draft"):
        problems.error(source.shown, f"the text is still the placeholder `{shown_text}` "
                       "that `invoke new` or `invoke translate` wrote",
                       line=source.body_line + uncommented.count(
                           "\n", 0, uncommented.index(shown_text)),
                       hint="write the text in its place, or put "
                       "`draft: true` back until it is written")
    for line, what, fix in safety.scan(source.body):
        problems.error(source.shown, f"the text contains {what}",
                       line=source.body_line + line - 1, hint=fix)


def local_references(source: Source):
    """(line, path, field, kind, described) of every file the item points at:
    its `image`, Markdown pictures and links to files, and raw <img> tags.
    kind is "picture", "file", "item" (a link to another item's Markdown
    file), "page" (a link ending in `.html`) or "raw-picture"; described is
    False for a body picture with no alt text that is not marked
    `{.decorative}`."""
    # written (and valid) in this file, not shared from another
    if "image" in source.lines and "image" in source.meta:
        yield source.lines["image"], source.meta["image"], "image", "picture", True
    body = safety.mask_code(source.body)
    lines = LineIndex(body)
    if "](" in body:
        for m in _MD_REFERENCE.finditer(body):
            target = m.group(3)
            line = source.body_line - 1 + lines.line(m.start())
            if m.group(1):
                described = bool(m.group(2).strip()) or bool(
                    _DECORATIVE.match(body, m.end()))
                yield line, target, None, "picture", described
            elif links.is_local_file(target):
                yield line, target, None, "file", True
            elif links.is_source_link(target):
                yield line, target, None, "item", True
            elif links.is_page_link(target):
                yield line, target, None, "page", True
    if "<" in body:
        for m in _HTML_IMAGE.finditer(body):
            tag = body[m.start():body.find(">", m.start()) + 1]
            yield (source.body_line - 1 + lines.line(m.start()), m.group(1), None,
                   "raw-picture", bool(_HTML_ALT.search(tag)))


def resolve_local(ref: str, source_path: Path, content: Path) -> Path | None:
    """The file a picture reference names, or None for addresses elsewhere."""
    if links.is_elsewhere(ref):
        return None
    ref = ref.split("#")[0].split("?")[0]
    return (content / ref.lstrip("/")) if ref.startswith("/") else source_path.parent / ref


# --- Registries -------------------------------------------------------------

def _read_text(path: Path, shown: str, limit: limits.Limits, problems) -> str | None:
    """The file's decoded text; None after an error (too large to read, not
    text, not a regular file, or not readable)."""
    try:
        # non-blocking: a named pipe put in a regular file's place since
        # refused_file() looked opens at once and is refused below
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        problems.error(shown, unreadable(exc)[0], hint=unreadable(exc)[1])
        return None
    with os.fdopen(handle, "rb") as file:
        try:
            found = os.fstat(file.fileno())
            if not stat.S_ISREG(found.st_mode):
                problems.error(shown, "not a file with text", hint="remove it from "
                               "content/: only files are read")
                return None
            if not limits.check_size(found.st_size, shown, limit, problems):
                return None
            raw = file.read()
        except OSError as exc:
            problems.error(shown, unreadable(exc)[0], hint=unreadable(exc)[1])
            return None
    return frontmatter.decode(raw, shown, problems)


def read_yaml(path: Path, root: Path, problems, what: str, limit: limits.Limits):
    shown = display_path(path, root)
    text = _read_text(path, shown, limit, problems)
    if text is None:
        return shown, None, None
    data, lines = frontmatter.parse_mapping(text, shown, problems, what=what,
                                            limits=limit)
    return shown, data, lines


def read_project(path: Path, root: Path, ctx, problems) -> Project | None:
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


def read_topics(path: Path, root: Path, ctx, problems) -> dict:
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


def read_contact(path: Path, root: Path, ctx, problems) -> Contact | None:
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
