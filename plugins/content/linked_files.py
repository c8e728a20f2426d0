"""Files and pictures that content links to: each must exist inside
content/, be a file readers may get, and (pictures) be described."""

from __future__ import annotations

import os
from pathlib import Path

from plugins import files as reader_files
from plugins.common.problems import Problems

from . import reader
from .model import Source
from .opening import refused_file


def report_identity(ref: str, path: Path, shown: str, line: int,
                    problems: Problems) -> None:
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


def item_paths(sources: list[Source]) -> set:
    """The files of news items and pages, relative to content/: what links
    between items may point at. (Sources are read from below the resolved
    content folder, so their paths need no resolving: 0.75 s for 10,000.)"""
    return {s.relative for s in sources if s.kind in ("news", "page")}


def check_images(sources: list[Source], content: Path, problems: Problems,
                 warn_bytes: int | None = None,
                 items: set | None = None) -> tuple[set, set]:
    """Every file the content points at must exist inside content/, and
    every picture must be described. Returns (files, pictures): paths
    relative to content/ of the files linked to (published as they are,
    pictures stripped of metadata) and of the pictures shown (published in
    several sizes and formats). `items`: the item files links may name
    (item_paths), when `sources` are not all of them."""
    files, pictures, inspected = set(), set(), set()
    source_paths = item_paths(sources) if items is None else items
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
            refused = refused_file(target, content) if inside and not found \
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
