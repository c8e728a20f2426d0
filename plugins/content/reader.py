"""Read content/'s Markdown sources: front matter, body and the files they
link to (the YAML registries are read in `registries.py`).

Only reading and per-file checks happen here; checks that need more than one
file (translations, slugs, references) are in `translations.py` and
`crosscheck.py`, called by `assemble.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

from plugins.common.problems import Problems, did_you_mean, display_path

from . import frontmatter, limits, links, safety, schema
from .converters import Context
from .letters import letter_counts
from .locales import Locales
from .model import Source
from .opening import read_text
from .textpos import LineIndex

KIND_BY_FOLDER = {"news": ("news", schema.NEWS), "pages": ("page", schema.PAGE),
                  "projects": ("project", schema.PROJECT_TEXT)}

# A link or picture from its `[`: a picture's `!` is the character before
# (a leading `!?` had `re` try the pattern at every character, 17 times slower).
_MD_REFERENCE = re.compile(r"\[([^\]\n]*)\]\([ \t]*<?([^)\s>]+)>?(?:[ \t]+\"[^\"\n]*\")?[ \t]*\)")
_HTML_IMAGE = re.compile(r"<img\b[^<>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_HTML_ALT = re.compile(r"\salt\s*=", re.I)    # alt="" is a decorative picture
# `![](border.png){.decorative}`: Markdown's attribute list marks a picture
# that says nothing, which may then have no alt text.
_DECORATIVE = re.compile(r"\{[^}\n]*\.decorative\b[^}\n]*\}")


def split_locale(path: Path, locales: Locales, shown: str, problems: Problems):
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


def read_source(path: Path, content: Path, root: Path, locales: Locales, ctx: Context,
                problems: Problems) -> Source | None:
    """A Markdown file read and checked on its own: its front matter
    converted, its body and links looked at; None after an error that leaves
    nothing to publish (every problem goes to `problems`)."""
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
    text = read_text(path, shown, ctx.limits, problems)
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
    masked = safety.mask_code(source.body)
    check_script(source, masked, problems)
    source.body_references = list(_body_references(source, masked))
    return source


# Each alternative stops where another could start (`[^()]`, `[^<>]`), and an
# address is looked for only from the start of a word: a long text without
# one is then read once, not once per letter.
_NOT_PROSE_NOR_MAIL = re.compile(r"\]\([^()]*\)|<[^<>]*>|https?://\S+")
# The same and e-mail addresses, which are tried at every word and are most of
# the time: only for a text holding `@`, as no other can hold one.
_NOT_PROSE = re.compile(_NOT_PROSE_NOR_MAIL.pattern + r"|(?<!\S)[^\s@]+@\S+")


def check_script(source: Source, masked: str, problems: Problems) -> None:
    """A file named for one script (`.sr-cyrl.md`) written in the other: the
    page would show it in the wrong script, and the derived twin would be
    made from it wrongly. `masked`: the body, its code blanked out
    (safety.mask_code)."""
    script = source.locale.tag.rpartition("-")[2] if source.locale else ""
    if script not in ("Cyrl", "Latn"):
        return
    text = f"{source.meta.get('title', '')}\n{masked}"
    text = (_NOT_PROSE if "@" in text else _NOT_PROSE_NOR_MAIL).sub(" ", text)
    cyrillic, latin = letter_counts(text)
    wrong, right = (latin, cyrillic) if script == "Cyrl" else (cyrillic, latin)
    if wrong >= 20 and wrong > 3 * right:   # names such as GIZ or UNICEF are fine
        written = "Latin" if script == "Cyrl" else "Cyrillic"
        other = source.locale.tag.replace(script, "Latn" if script == "Cyrl" else "Cyrl")
        problems.warning(source.shown, f"the text is written in {written} letters, but "
                         f"the file's name says {source.locale.tag}",
                         hint=f"rename it to end in `.{other.lower()}.md` (the other "
                         "script is made from it), or retype the text")


PLACEHOLDERS = {"…", "..."}   # the body `invoke new` and `invoke translate` write


def check_body(source: Source, problems: Problems) -> None:
    """The body is written (not empty, not the placeholder) and holds
    nothing the source gets wrong (unclosed comments, nesting too deep)."""
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
    yield from source.body_references


def _body_references(source: Source, body: str):
    """local_references() of the body (`body`: its code blanked out): found
    once, by read_source (on every core), as the body does not change and is
    let go once rendered."""
    lines = LineIndex(body)
    if "](" in body:
        for m in _MD_REFERENCE.finditer(body):
            target = m.group(2)
            line = source.body_line - 1 + lines.line(m.start())
            if m.start() and body[m.start() - 1] == "!":
                described = bool(m.group(1).strip()) or bool(
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
