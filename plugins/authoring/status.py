"""`invoke translations`: for every item, which locales have it.

A cell is present (a file staff wrote), a draft (written, not finished),
generated (derived from the other script of Serbian), missing, or outdated:
the item's original changed after the translation did. The original is the
file that writes the shared fields (`invoke translate` never copies them);
where several do, the first written, then the first in locale order.
"Changed" is the `updated` field where the file has one, else the file's
last git commit (or its modification time, when it has edits not committed
yet or is not in git at all).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from plugins.content.translations import writes_shared

PRESENT, GENERATED, MISSING, OUTDATED, DRAFT = ("present", "generated", "missing",
                                                 "outdated", "draft")
MARKS = {PRESENT: "✓", GENERATED: "gen", MISSING: "—", OUTDATED: "old", DRAFT: "draft"}
STATUSES = tuple(MARKS)


@dataclass
class Row:
    """One item of `invoke translations`: its path and a status per locale."""
    key: str                 # content path of the item without language: news/2017/x
    cells: dict              # locale tag -> status


def git_times(folder: Path) -> dict[Path, tuple[float, float]]:
    """{file: (first commit time, last commit time)} for files under folder,
    from one `git log`; empty when git or the repository is missing."""
    try:
        run = subprocess.run(["git", "log", "--format=%x00%ct", "--name-only",
                              "--no-renames", "--", "."], cwd=folder, capture_output=True,
                             text=True, timeout=120)
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder,
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return {}
    if run.returncode or top.returncode:
        return {}
    root = Path(top.stdout.strip())
    times: dict[Path, tuple[float, float]] = {}
    for block in run.stdout.split("\x00")[1:]:      # newest commit first
        stamp, *names = block.strip().split("\n")
        when = float(stamp)
        for name in filter(None, names):
            path = (root / name).resolve()
            first, last = times.get(path, (when, when))
            times[path] = (min(first, when), max(last, when))
    # an edit not committed yet is newer than any commit: its file's own time
    dirty = subprocess.run(["git", "status", "--porcelain", "-z", "--", "."], cwd=folder,
                           capture_output=True, text=True, timeout=60)
    for entry in dirty.stdout.split("\x00") if not dirty.returncode else []:
        path = (root / entry[3:]).resolve() if len(entry) > 3 else None
        if path in times and path.is_file():
            first, last = times[path]
            times[path] = (first, max(last, os.path.getmtime(path)))
    return times


def _changed(source, times) -> float:
    updated = source.meta.get("updated")
    if isinstance(updated, dt.datetime):
        return updated.timestamp()
    if source.path.resolve() in times:
        return times[source.path.resolve()][1]
    return os.path.getmtime(source.path)


def _written(source, times) -> float:
    if source.path.resolve() in times:
        return times[source.path.resolve()][0]
    return os.path.getmtime(source.path)


def table(site, locales) -> list[Row]:
    """One Row per news item and page, each locale's status from the files
    and their git times."""
    times = git_times(site.root)
    rows = []
    for item in [*site.news, *site.pages]:
        written = {tag: source for tag, source in item.sources.items()}
        original = min(written.values(), key=lambda s: (
            not writes_shared(s), _written(s, times), locales.tags.index(s.locale.tag)))
        cells = {}
        for loc in locales:
            source = written.get(loc.tag)
            if source is None:
                cells[loc.tag] = GENERATED if loc.derive_from in written else MISSING
            elif source.meta.get("draft"):
                cells[loc.tag] = DRAFT
            elif source is not original and _changed(original, times) > _changed(source, times):
                cells[loc.tag] = OUTDATED
            else:
                cells[loc.tag] = PRESENT
        rows.append(Row(f"{item.kind}/{item.slug}", cells))
    return rows


def render(rows: list[Row], locales) -> str:
    """The rows as a table for the terminal, one column per locale."""
    tags = list(locales.tags)
    width = max([len(r.key) for r in rows] + [4])
    lines = [f"{'item':<{width}}  " + "  ".join(f"{t:>8}" for t in tags)]
    for row in rows:
        lines.append(f"{row.key:<{width}}  " + "  ".join(
            f"{MARKS[row.cells[t]]:>8}" for t in tags))
    totals = {status: sum(1 for r in rows for c in r.cells.values() if c == status)
              for status in STATUSES}
    lines.append("")
    lines.append(", ".join(f"{MARKS[s] + ' ' if MARKS[s] != s else ''}{s}: {n}"
                           for s, n in totals.items()))
    return "\n".join(lines)
