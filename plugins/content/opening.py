"""Opening files found in content/: which may be read at all (regular files
inside content/, not links to nothing, pipes or folders), and their text,
within the size limit, without ever blocking on a pipe put in a file's place."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from plugins.common.problems import Problems

from . import frontmatter, limits


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


def read_text(path: Path, shown: str, limit: limits.Limits,
              problems: Problems) -> str | None:
    """The file's decoded text; None after an error (too large to read, not
    text, not a regular file, or not readable)."""
    raw = read_bytes(path, shown, limit, problems)
    return None if raw is None else frontmatter.decode(raw, shown, problems)


def read_bytes(path: Path, shown: str, limit: limits.Limits,
               problems: Problems) -> bytes | None:
    """The file's bytes; None after an error (too large to read, not a
    regular file, or not readable)."""
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
            return file.read()
        except OSError as exc:
            problems.error(shown, unreadable(exc)[0], hint=unreadable(exc)[1])
            return None
