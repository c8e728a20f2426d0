"""Replace the published folder with a new build in one step.

On Linux, renameat2(RENAME_EXCHANGE) swaps two folders atomically: a reader
(or a web server) sees the old site or the new one, never neither. Where the
call is missing, two renames do it, with a gap of microseconds.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        call = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                     ctypes.c_uint]
    return call


# The C library's renameat2, or None where it has none: then three renames
# swap the folders (tests set it to None to take that way).
RENAMEAT2 = _renameat2()
# renameat2 answers these where the file system has no exchange: fall back
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths; True when it was one atomic step. On an
    error (a mount point, a read-only folder) both are as they were."""
    if RENAMEAT2 is not None:
        result = RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                           _RENAME_EXCHANGE)
        if result == 0:
            return True
        code = ctypes.get_errno()
        if code not in _UNSUPPORTED:
            raise OSError(code, os.strerror(code), str(second))
    # No renameat2 (or a file system without it): through a third name.
    spare = first.with_name(first.name + ".swap")
    os.rename(first, spare)
    try:
        os.rename(second, first)
    except OSError:
        os.rename(spare, first)   # nothing left under the third name
        raise
    os.rename(spare, second)
    return False


def _syncfs():
    try:
        call = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True).syncfs
    except (OSError, AttributeError, TypeError):
        return None
    call.argtypes = [ctypes.c_int]
    return call


_SYNCFS = _syncfs()


def flush(folder: Path) -> None:
    """Every file of `folder` on the disk itself, not in the system's
    memory: once a build is published, a crash or power cut cannot take
    back what it wrote. One syncfs call for the whole file system (fsync of
    15,000 files one by one takes seconds), else sync."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        if _SYNCFS is None or _SYNCFS(handle) != 0:
            os.sync()
    finally:
        os.close(handle)


def flush_names(folder: Path) -> None:
    """The folder's own list of names (the renames just made) on the disk."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EROFS):   # folders that cannot
            raise
    finally:
        os.close(handle)
