"""The folder of pages Pagefind reads for one part, kept between builds.

Pagefind reads a folder of pages, each at the path its address is made from
(service.page_file): one folder and one hard link per page. Laid out afresh
and removed after every run, the folder of a 2,800-page language cost 0.5 s
of a one-item edit's 4.4 s search index, and the removal slowed the files
written after it. Kept in SEARCH_CACHE, a part indexed again only links the
pages that changed and unlinks those that went (Pagefind's index does not
depend on the order the files were made in).

A kept folder is trusted by what it holds, not by a list of it: a page
stays only where it is the very file (the same inode) the store holds for
it, and every other file is removed. A build that finds the folder in use by
another build (a lock held) lays its pages out in a folder of its own.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:   # no locks to share the folders by: none is kept
    fcntl = None

# Beside each folder: the file locked while a build uses it
LOCK = ".lock"
# A page being placed, renamed over its path once whole (a stray one,
# left by a build that stopped, is removed as any other file not wanted)
_PLACING = ".placing"


@contextlib.contextmanager
def held(folder: Path) -> Iterator[Path | None]:
    """`folder`, locked for this build while the block runs; None where
    another build holds it or no lock can be taken."""
    if fcntl is None:
        yield None
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = open(folder.with_name(folder.name + LOCK), "a")
    except OSError:
        yield None
        return
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield None
            return
        yield folder


def update(folder: Path, wanted: dict[str, Path | str]) -> None:
    """Bring `folder` to hold exactly `wanted` ({path below it: the file
    that holds the page, linked, or its HTML}): a page already there as that
    very file stays, others are placed whole, files not wanted go."""
    present = {relative for relative, _ in files(folder)}
    for relative, page in wanted.items():
        path = folder / relative
        if isinstance(page, Path) and relative in present and _same_file(path, page):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        placing = path.with_name(path.name + _PLACING)
        if isinstance(page, str):
            placing.write_text(page, encoding="utf-8")
        else:
            placing.unlink(missing_ok=True)
            try:
                os.link(page, placing)
            except OSError:   # another file system, or no hard links there
                shutil.copyfile(page, placing)
        os.replace(placing, path)
    for relative in present - wanted.keys():
        _remove(folder, relative)


def files(folder: Path) -> list[tuple[str, str]]:
    """(path relative to `folder`, with `/`; the path) of each of its files,
    in order. Strings, not Paths: a folder of pages or a part holds
    thousands."""
    top, found = os.fspath(folder), []
    for root, folders, names in os.walk(top):
        folders.sort()
        base = root[len(top) + 1:].replace(os.sep, "/")
        found += ((f"{base}/{name}" if base else name, os.path.join(root, name))
                  for name in sorted(names))
    return found


def _same_file(path: Path, page: Path) -> bool:
    try:
        return os.path.samefile(path, page)
    except OSError:
        return False


def _remove(folder: Path, relative: str) -> None:
    """Remove a file and the folders it leaves empty, up to `folder`."""
    path = folder / relative
    path.unlink(missing_ok=True)
    for parent in path.parents:
        if parent == folder:
            break
        try:
            parent.rmdir()
        except OSError:   # not empty
            break
