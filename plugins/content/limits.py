"""What one content file may cost: its size, and how deep its YAML and its
Markdown nest.

Every check here is one linear pass over the text and runs before the parser
it protects: libyaml composes nested collections by recursion (100,000 `[`
crash the process) and spends time quadratic in their depth, and
Python-Markdown takes minutes on lists nested 10,000 deep. A file over a
limit is one content error naming it; the rest of the site is still checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from plugins import settings as checked_settings


@dataclass(frozen=True)
class Limits:
    # A news item is rarely over 100 KB of text (pictures are files of their
    # own); 1 MB leaves ten times that and is checked and rendered in seconds.
    max_bytes: int = 1_000_000
    # Staff write flat fields, lists of keys and per-locale texts: 3 levels;
    # contact.yml nests 5.
    yaml_depth: int = 20
    # Lists within lists and quotes within quotes, counted together.
    markdown_depth: int = 20
    # Processor seconds Markdown may take on one body: a 1 MB item renders in
    # about three; some short texts (20,000 `[`) would take minutes.
    render_seconds: int = 10


SETTINGS = {"CONTENT_MAX_BYTES": "max_bytes", "CONTENT_MAX_YAML_DEPTH": "yaml_depth",
            "CONTENT_MAX_NESTING": "markdown_depth",
            "CONTENT_MAX_RENDER_SECONDS": "render_seconds"}


def load_limits(settings: dict) -> Limits:
    """CONTENT_MAX_* settings, checked against the schema (plugins/settings);
    SettingsError names the wrong one."""
    found = checked_settings.values(settings, SETTINGS)
    return Limits(**{attribute: found[name] for name, attribute in SETTINGS.items()})


assert set(SETTINGS.values()) == {f.name for f in fields(Limits)}


def check_size(size: int, shown: str, limits: Limits, problems) -> bool:
    """False, after an error, when a file is too large to read."""
    if size <= limits.max_bytes:
        return True
    problems.error(shown, f"the file is {_megabytes(size)}; a content file may be at "
                   f"most {_megabytes(limits.max_bytes)}", line=1,
                   hint="split it into several items, or move long documents into a "
                   "PDF linked from the text (CONTENT_MAX_BYTES in pelicanconf.py "
                   "sets this limit)")
    return False


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


# --- YAML ----------------------------------------------------------------------

# What may open a level of YAML nesting: `[` and `{` outside quotes and
# comments, and at the start of a line, indentation and the markers `- `,
# `? ` and `: `. A quote or comment starts where YAML would start one (after
# a space, a bracket or a comma), so `x'[[[` cannot hide its brackets.
_QUOTED_OR_BRACKET = re.compile(r"""(?:^|(?<=[\s\[{,:]))(?:"(?:[^"\\\n]|\\.)*"?|'(?:[^'\n]|'')*'?)"""
                                r"|[\[\]{}]|(?:^|(?<=\s))#.*")
_BLOCK_MARKERS = re.compile(r"(?:[-?:](?:[ ]+|$))*")
_MARKER_CHAR = re.compile(r"[-?:]")


def yaml_too_deep(text: str, limit: int) -> tuple[int, int, int] | None:
    """(line index, column, depth) where YAML in `text` first nests deeper
    than `limit`, or None. An upper bound read from the text alone, in
    linear time, before any YAML parser sees it."""
    flow, indents = 0, []
    for index, line in enumerate(text.split("\n")):
        stripped = line.lstrip(" ")
        if flow == 0 and stripped and not stripped.startswith("#"):
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            depth = len(indents) + len(_MARKER_CHAR.findall(
                _BLOCK_MARKERS.match(stripped).group(0)))
            if depth > limit:
                return index, indent + 1, depth
        for m in _QUOTED_OR_BRACKET.finditer(line):
            char = m.group(0)[0]
            if char in "[{":
                flow += 1
                if flow + len(indents) > limit:
                    return index, m.start() + 1, flow + len(indents)
            elif char in "]}":
                flow = max(0, flow - 1)
    return None


# --- Markdown ------------------------------------------------------------------

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# Quote markers and list markers at the start of a line, spaces between them.
_CONTAINERS = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+")
_MARKER = re.compile(r">|[-*+]|\d+[.)]")
_INDENT = re.compile(r"[ \t]*")


def markdown_too_deep(body: str, limit: int) -> tuple[int, int] | None:
    """(line index in the body, depth) of the first line whose lists and
    quotes nest deeper than `limit`, or None. Counted from the source, in
    linear time: each list marker or `>` is a level, and so are four columns
    of indentation before them (a list inside a list item). Fenced code is
    skipped."""
    fence = None
    for index, line in enumerate(body.split("\n")):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and \
                    len(opening.group(1)) >= len(fence) and not line[opening.end():].strip():
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        space = _INDENT.match(line).group(0)
        m = _CONTAINERS.match(line, len(space))
        if not m:
            continue
        markers = len(_MARKER.findall(m.group(0)))
        depth = len(space.expandtabs(4)) // 4 + markers
        if depth > limit:
            return index, depth
    return None
