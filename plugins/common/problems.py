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
    """One content problem: its severity, file, line and field, and the fix."""
    severity: str
    path: str            # relative to the project root, e.g. content/news/2017/x.bs.md
    message: str
    line: int | None = None
    field: str | None = None
    hint: str | None = None

    def format(self) -> str:
        """The problem as `invoke check` prints it: `path:line: severity: ...`
        and the hint on a line below."""
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

    def error(self, path: str | Path, message: str, *, line: int | None = None,
                 field: str | None = None, hint: str | None = None) -> None:
        """Note an error: the build stops and names it."""
        self.items.append(Problem(ERROR, str(path), message, line, field, hint))

    def warning(self, path: str | Path, message: str, *, line: int | None = None,
                   field: str | None = None, hint: str | None = None) -> None:
        """Note a warning: reported, the build goes on."""
        self.items.append(Problem(WARNING, str(path), message, line, field, hint))

    def note(self, path: str | Path, message: str, *, line: int | None = None,
                field: str | None = None, hint: str | None = None) -> None:
        """Note something staff may want to know (a scheduled item)."""
        self.items.append(Problem(NOTE, str(path), message, line, field, hint))

    @property
    def errors(self) -> list[Problem]:
        """The errors, in the order they were found."""
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """The warnings, in the order they were found."""
        return [p for p in self.items if p.severity == WARNING]

    @property
    def notes(self) -> list[Problem]:
        """The notes, in the order they were found."""
        return [p for p in self.items if p.severity == NOTE]

    def report(self) -> str:
        """Every problem by file and line, then the count of errors and warnings."""
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
    """Up to `limit` names, sorted and comma-separated, and how many more."""
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
