"""Files that look like content but are not read: an item saved as `.md.txt`,
`.markdown` or by a word processor would silently be left out, so each is a
warning with the name to give it."""

from __future__ import annotations

import re
from pathlib import Path

from plugins.common.problems import Problems, display_path

from .locales import Locales


def warn_misnamed(files: list[Path], locales: Locales, root: Path,
                  problems: Problems) -> None:
    """Items saved with an ending the build does not read (Notepad's
    `.md.txt`, `.markdown`, `.MD`) would silently be left out."""
    suffixes = "|".join(re.escape(loc.suffix.lower()) for loc in locales)
    misnamed = re.compile(rf"(.+\.(?:{suffixes}))\.(md\.txt|markdown|mdown|mkd|md|txt)",
                          re.I)
    endings = ", ".join(f"`.{loc.suffix}.md`" for loc in locales)
    for path in files:
        m = misnamed.fullmatch(path.name)
        if m and path.suffix != ".md":
            problems.warning(display_path(path, root), f"this looks like a news item or "
                             f"page, but files ending in `.{m.group(2)}` are not read",
                             hint=f"rename it to `{m.group(1)}.md`")
        elif _WORD_SAVED.fullmatch(path.name):
            name = _WORD_SAVED.fullmatch(path.name).group(1)
            problems.warning(display_path(path, root), "this looks like a news item or "
                             "page saved by a word processor, which is not read",
                             hint="save it as plain text (Word: File > Save as > Plain "
                             f"Text, UTF-8) and name it `{name}.md`; the ending names "
                             f"its language: {endings}")
        elif path.suffix.lower() == ".txt" and _has_front_matter(path):
            problems.warning(display_path(path, root), "this looks like a news item or "
                             "page, but files ending in `.txt` are not read",
                             hint=f"rename it to `{path.stem}.<language>.md`, such as "
                             f"`{path.stem}.{locales.default.suffix}.md`; the endings: "
                             f"{endings}")


_WORD_SAVED = re.compile(r"(.+)\.md\.(?:docx?|odt|rtf|pages)", re.I)


def _has_front_matter(path: Path) -> bool:
    """The file starts as an item does (a `---` line), BOM or not."""
    try:
        with open(path, "rb") as file:
            start = file.read(8)
    except OSError:
        return False
    return start.removeprefix(b"\xef\xbb\xbf").startswith((b"---\n", b"---\r\n"))
