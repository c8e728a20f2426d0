"""Faults of the file system while building and publishing, told as one
message each: which folder, what happened, and what to do.

A build writes thousands of files; a full disk, a read-only mount or a
folder without write permission stops it at whichever comes first. The
build then clears its own leftovers and raises FileSystemFault with the
message from `describe`; the published folder is as it was.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import FileSystemFault  # noqa: F401  (raised as faults.FileSystemFault)

# A build that leaves less than this free may have lost bytes to a program
# that does not check its writes (Pagefind's background writes): refused.
MIN_FREE = 256 * 1024


def free_bytes(path: Path) -> int:
    """Bytes this process may still write on the file system holding `path`
    (root may use the blocks kept for it)."""
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    found = os.statvfs(path)
    blocks = found.f_bfree if os.geteuid() == 0 else found.f_bavail
    return blocks * found.f_frsize


def size_of(folder: Path) -> int:
    """Bytes a folder takes on its disk (0 when it is missing)."""
    total = 0
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except OSError:
                pass
    return total


def megabytes(count: int) -> str:
    """A byte count as people read it: 12.3 MB, 1.2 GB, 80 kB."""
    if count >= 10**9:
        return f"{count / 1e9:.1f} GB"
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count / 1e3:.0f} kB"


def disk_full(folder: Path, needed: int, free: int, room: str) -> str:
    """The message for a disk too full for what a build writes in `folder`."""
    return (f"the disk holding {folder} is full: this needs about {megabytes(needed)}, "
            f"and {megabytes(free)} {'was' if free < 2e6 else 'were'} free. {room}")


def describe(exc: OSError, output: Path, needed: int, free: int) -> str:
    """What a file-system error while building into `output` means for the
    person who ran the build."""
    where = exc.filename or output
    reason = exc.strerror or str(exc)
    previous = output.with_name(f"{output.name}.previous")
    if not str(where).startswith(str(output)):   # not the build's own folders
        return f"{where}: {reason}; the build stopped."
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        room = ("Make room on it and build again: `invoke clean` removes previews and "
                "caches")
        if previous.is_dir():
            room += (f"; {previous} (the build before, for `invoke publish --rollback`)"
                     f" takes {megabytes(size_of(previous))}, and may be deleted")
        return disk_full(output.parent, needed, free, room + ".")
    if exc.errno == errno.EBUSY:
        mounted = "a mount point" + (", mounted read-only," if _read_only(output) else "")
        return (f"{output} cannot be replaced ({reason}): it is {mounted} and a build "
                "puts a whole new folder in its place. Publish into a folder inside a "
                f"writable mount (`--output {output / 'site'}`, mounted read-write), or "
                "mount the folder that holds it instead.")
    if exc.errno == errno.EROFS:
        return (f"{where} is on a read-only file system ({reason}). A build writes a new "
                f"folder beside {output} and renames it into place, so {output.parent} "
                "must be writable: mount it read-write, or choose another output folder "
                "(`--output`).")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"no permission to write {where} ({reason}). A build writes a new folder "
                f"beside {output} and renames it into place: make {output.parent} and "
                f"{output} writable for this user, or choose another output folder "
                "(`--output`).")
    return f"{where}: {reason}; the build stopped."


def _read_only(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False
