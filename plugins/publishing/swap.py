"""Replace the published folder with a new build in one step.

On Linux, renameat2(RENAME_EXCHANGE) swaps two folders atomically: a reader
(or a web server) sees the old site or the new one, never neither. Where the
call is missing, two renames do it, with a gap of microseconds.
"""

from __future__ import annotations

import ctypes
import ctypes.util
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


_EXCHANGE = _renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths; True when it was one atomic step."""
    if _EXCHANGE is not None:
        result = _EXCHANGE(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                           _RENAME_EXCHANGE)
        if result == 0:
            return True
    # No renameat2 (or a file system without it): through a third name.
    spare = first.with_name(first.name + ".swap")
    os.rename(first, spare)
    os.rename(second, first)
    os.rename(spare, second)
    return False
