"""Problems: collected over a whole run and reported together.

A problem names the file, the line where there is one, the field, what was
expected, what was found, and a hint. Nothing here raises per problem: readers
add to a `Problems` list and the caller decides when to stop.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"
NOTE = "note"            # for information: what a build will do, not a mistake


@dataclass(frozen=True)
class Problem:
    severity: str
    path: str            # relative to the project root, e.g. content/news/2017/x.bs.md
    message: str
    line: int | None = None
    field: str | None = None
    hint: str | None = None

    def format(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        text = f"{where}: {self.severity}: "
        if self.field:
            text += f"field `{self.field}`: "
        text += self.message
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


@dataclass
class Problems:
    """Every problem of a run, in the order found."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path, message, *, line=None, field=None, hint=None):
        self.items.append(Problem(ERROR, str(path), message, line, field, hint))

    def warning(self, path, message, *, line=None, field=None, hint=None):
        self.items.append(Problem(WARNING, str(path), message, line, field, hint))

    def note(self, path, message, *, line=None, field=None, hint=None):
        self.items.append(Problem(NOTE, str(path), message, line, field, hint))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.items if p.severity == NOTE]

    def report(self) -> str:
        ordered = sorted(self.items, key=lambda p: (p.path, p.line or 0))
        lines = [p.format() for p in ordered]
        n_err, n_warn = len(self.errors), len(self.warnings)
        lines.append(f"{n_err} error{'s' if n_err != 1 else ''}, "
                     f"{n_warn} warning{'s' if n_warn != 1 else ''}")
        return "\n".join(lines)


def did_you_mean(word: str, known) -> str | None:
    """A hint naming the closest known word, or None."""
    close = difflib.get_close_matches(str(word), sorted(known), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


def known_list(known, limit: int = 12) -> str:
    names = sorted(known)
    shown = ", ".join(names[:limit])
    return shown + (f" (and {len(names) - limit} more)" if len(names) > limit else "")


def display_path(path: Path, root: Path) -> str:
    """Path as staff see it: relative to the project root where possible."""
    try:  # paths from the reader are already absolute: no resolve() needed
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
