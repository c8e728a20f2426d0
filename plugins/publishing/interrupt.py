"""Ctrl-C (SIGINT) and a cancelled CI job or `kill PID` (SIGTERM) stop a
build cleanly.

While `stopping_cleanly()` is active, either signal stops this process's
helper programs at once (Pagefind) and raises Interrupted in the main
thread: forked workers are stopped by their pool as the exception leaves
it, the build removes its staging folder on the way out, and the command
exits 130 or 143, as a shell reports a process ended by the signal.
`held()` makes a signal wait until the swap into place is whole.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_held: list | None = None     # signals received while held(), else None


class Interrupted(BaseException):
    """Not an Exception: no `except Exception` in the build may swallow it."""

    def __init__(self, signum: int, published: bool = False):
        self.signum, self.published = signum, published
        self.exitcode = 128 + signum
        self.name = signal.Signals(signum).name
        super().__init__(f"stopped by {self.name}")


def _stop(signum, frame):
    if _held is not None:
        _held.append(signum)
        return
    # forked workers are the pool's to stop, as the exception leaves it: one
    # killed here while it waits for work would keep the pool's queue locked
    stop_helpers(spare={child.pid for child in multiprocessing.active_children()})
    raise Interrupted(signum)


@contextmanager
def stopping_cleanly():
    """Within: SIGINT and SIGTERM raise Interrupted after stopping helpers."""
    before = {s: signal.signal(s, _stop) for s in SIGNALS}
    try:
        yield
    except Interrupted:
        stop_helpers()   # any the way out did not stop
        raise
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


@contextmanager
def held():
    """Within: a signal is kept until the block ends, then raised (with
    `published`: the block finished, the new build is in place)."""
    global _held
    outer, _held = _held, []
    try:
        yield
    finally:
        received, _held = _held, outer
    if received:
        raise Interrupted(received[0], published=True)


def stop_helpers(grace: float = 3.0, spare=frozenset()) -> None:
    """Stop every process this one started and that runs in its session
    (workers, Pagefind), theirs too, but those in `spare`; detached ones
    (the `rm` deleting an old build) go on."""
    helpers = [pid for pid in descendants(os.getpid()) if pid not in spare]
    for pid in helpers:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while helpers and time.monotonic() < deadline:
        helpers = [pid for pid in helpers if _running(pid)]
        time.sleep(0.02)
    for pid in helpers:
        _signal(pid, signal.SIGKILL)


def descendants(parent: int) -> list[int]:
    """The process ids below `parent` in its session, at any depth (read
    from /proc; none without it)."""
    session, children = os.getsid(parent), {}
    for entry in Path("/proc").iterdir() if Path("/proc/self").exists() else ():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        # after the name: state, ppid, pgrp, session
        if int(fields[3]) == session:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, waiting = [], [parent]
    while waiting:
        for child in children.get(waiting.pop(), []):
            found.append(child)
            waiting.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except (ProcessLookupError, PermissionError):
        pass
