"""Split a source file into YAML front matter and Markdown body.

Every field keeps the line it was written on, so later checks can point at
it. Decoding, normalisation and YAML problems go into `Problems`; the caller
gets None back when the file cannot be used at all.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import yaml

from . import characters
from .limits import Limits, yaml_too_deep


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML (libyaml when present: much faster on 10,000 files) that
    leaves dates and numbers as the text written: our parser reports a bad
    date with a hint instead of YAML raising on `2020-14-01`, and a title
    `0700` stays `0700` (YAML 1.1 reads it as the octal number 448)."""


_AS_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _AS_TEXT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
FENCE = "---"


@dataclass
class Parsed:
    """A file split into its front matter (and each field's line) and its body."""
    data: dict
    lines: dict          # field name -> line number in the file
    body: str
    body_line: int       # line number of the body's first line


def decode(raw: bytes, path, problems) -> str | None:
    """UTF-8 text with LF line ends and NFC, or None after an error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(path, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} "
                       "cannot be read)", line=line,
                       hint="save it as UTF-8 (in most editors: Save with "
                       "encoding, UTF-8)")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        normal = unicodedata.normalize("NFC", text)
        line = _first_differing_line(text, normal)
        problems.warning(path, "text is not in Unicode NFC form; it was "
                         "normalised for the build", line=line,
                         hint="letters written as a base letter plus a "
                         "separate accent mark; retype them or save as NFC")
        text = normal
    return characters.check_text(text, path, problems)


def _first_differing_line(a: str, b: str) -> int:
    for number, (x, y) in enumerate(zip(a.split("\n"), b.split("\n")), 1):
        if x != y:
            return number
    return 1


def split(text: str, path, problems, *, required: bool = True,
          limits: Limits = Limits()) -> Parsed | None:
    """Front matter and body of `text`; None after an error."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        if not required:
            return Parsed({}, {}, text, 1)
        problems.error(path, "the file does not start with front matter",
                       line=1, hint="start the file with a line `---`, then "
                       "`title: ...` and `date: ...` lines, then `---`")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in (FENCE, "..."))
    except StopIteration:
        problems.error(path, "the front matter is never closed", line=1,
                       hint="add a line `---` after the last field")
        return None
    data, field_lines = parse_mapping("\n".join(lines[1:end]), path, problems,
                                      first_line=2, what="front matter", limits=limits)
    if data is None:
        return None
    body = "\n".join(lines[end + 1:])
    return Parsed(data, field_lines, body, end + 2)


# Characters YAML does not take as spaces, which look like spaces on screen.
_INVISIBLE = {"\t": "a tab", "\u00a0": "a non-breaking space",
              "\u202f": "a narrow non-breaking space", "\u2007": "a figure space",
              "\u200b": "a zero-width space", "\ufeff": "a zero-width no-break space"}


RETYPE = ("retype the spaces on that line with the space bar (text pasted from "
          "Word or a tab key often brings these)")


def _invisible(text: str, problem_line: int | None):
    """(line index, column, name) of the look-alike space most likely behind a
    YAML error: on the error's line, else on a line before it."""
    lines = text.split("\n")
    last = len(lines) - 1 if problem_line is None else min(problem_line, len(lines) - 1)
    for index in [last, *range(last - 1, -1, -1)]:
        for column, char in enumerate(lines[index], 1):
            if char in _INVISIBLE and (char != "\t" or not lines[index][:column - 1].strip()
                                       or lines[index][column - 2] == ":"):
                return index, column, _INVISIBLE[char]
    return None


def parse_mapping(text: str, path, problems, *, first_line: int = 1,
                  what: str = "file", limits: Limits = Limits()):
    """YAML mapping and the line of each key; (None, None) after an error."""
    deep = yaml_too_deep(text, limits.yaml_depth)
    if deep:
        index, column, depth = deep
        problems.error(path, f"the {what} nests lists and mappings {depth} levels "
                       f"deep by column {column}; at most {limits.yaml_depth} are "
                       "accepted", line=index + first_line,
                       hint="write `name: value` lines, lists as `[a, b]` or `- a` "
                       "lines (CONTENT_MAX_YAML_DEPTH in pelicanconf.py sets this "
                       "limit)")
        return None, None
    if ("&" in text or "*" in text) and _refuse_anchors(text, path, problems,
                                                         first_line, what):
        return None, None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            found = {"SequenceNode": "a list", "ScalarNode": "a single value"}.get(
                type(node).__name__, type(node).__name__)
            problems.error(path, f"the {what} must be a mapping of `field: value` "
                           f"lines, but it is {found}",
                           line=node.start_mark.line + first_line,
                           hint="write one `name: value` per line")
            return None, None
        lines, seen = {}, set()
        for key_node, _ in node.value:
            key = key_node.value
            line = key_node.start_mark.line + first_line
            if not isinstance(key_node, yaml.ScalarNode):
                problems.error(path, f"a field name in the {what} is a list or a "
                               "mapping", line=line, hint="write field names as "
                               "plain words before the colon: `title: ...`")
                return None, None
            unseen = next((c for c in str(key) if c in _INVISIBLE), None)
            if unseen:
                column = key_node.start_mark.column + str(key).index(unseen) + 1
                problems.error(path, f"the field name on this line has "
                               f"{_INVISIBLE[unseen]} at column {column}, which you "
                               "cannot see", line=line, hint=RETYPE)
                return None, None
            if key in seen:
                problems.error(path, f"`{key}` is given twice in the {what}",
                               line=line, field=key, hint="keep one of them")
            seen.add(key)
            lines[key] = line
        data = characters.check_values(loader.construct_document(node), lines,
                                       path, problems)
    except yaml.reader.ReaderError as exc:   # a character YAML does not accept
        line = text.count("\n", 0, exc.position) + first_line
        problems.error(path, f"the {what} has the character "
                       f"{characters.name(chr(exc.character))}, which YAML does not "
                       "accept", line=line, hint=characters.HINT)
        return None, None
    except yaml.MarkedYAMLError as exc:
        # Where the broken construct starts (an opening quote) helps most.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + first_line if mark else first_line
        reason = " ".join(filter(None, [exc.context, exc.problem]))
        unseen = _invisible(text, exc.problem_mark.line if exc.problem_mark else None)
        if unseen:
            index, column, name = unseen
            problems.error(path, f"the {what} is not valid YAML: line "
                           f"{index + first_line} has {name} at column {column}, "
                           "which you cannot see", line=index + first_line, hint=RETYPE)
            return None, None
        problems.error(path, f"the {what} is not valid YAML: {reason}", line=line,
                       hint="check quotes and colons on this line; a value "
                       "that contains `: ` or starts with a quote must be "
                       "wrapped in double quotes")
        return None, None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        problems.error(path, f"the {what} is not valid YAML: {exc}", line=first_line)
        return None, None
    finally:
        loader.dispose()
    return data, lines


def _refuse_anchors(text: str, path, problems, first_line: int, what: str) -> bool:
    """True, after an error, when YAML `&anchor`s or `*alias`es are used.

    Staff never need them, and an alias repeats a part of the file wherever
    it is named: nine levels of ten aliases stand for 10**9 values, which
    take minutes to read as a slug or a status. Refused from the parser's
    events, before anything is built from them."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                written = f"*{anchor}" if isinstance(event, yaml.AliasEvent) else f"&{anchor}"
                problems.error(path, f"the {what} uses the YAML "
                               f"{'alias' if written[0] == '*' else 'anchor'} "
                               f"`{written}`; anchors (`&name`) and aliases (`*name`) "
                               "are not accepted", line=event.start_mark.line + first_line,
                               hint="write the value out in full where it is needed "
                               "(a `*` or `&` that begins a text must be in quotes)")
                return True
    except yaml.YAMLError:
        return False    # reported with its line by the parse that follows
    return False
