"""Run work on every core by forking, sharing the parent's state for free.

Forked workers see everything the parent built (the site, compiled
templates) without pickling it; only results travel back. Small jobs run in
process: a pool costs more than it saves below a few hundred items.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from typing import Callable

MIN_ITEMS = 200
_job: Callable | None = None


def workers(settings: dict | None = None) -> int:
    """How many processes work at once: BUILD_WORKERS, else every core."""
    wanted = (settings or {}).get("BUILD_WORKERS") or os.cpu_count() or 1
    return max(1, int(wanted))


def start_worker() -> None:
    """SIGTERM ends a worker at once (a parent that is stopped stops its
    workers so), and Ctrl-C, which the terminal sends to every process of
    the command, is the parent's to handle: no traceback from each worker.
    A worker collects its own garbage, whether or not the parent had its
    collector off while it forked (the pipeline's phases do)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()


def _run_slice(args):
    index, count = args
    return _job(index, count)


def fork_map(job: Callable[[int, int], object], total_items: int, n_workers: int,
             min_items: int = MIN_ITEMS, shares_per_worker: int = 1) -> list:
    """`job(k, n)` for k in range(n), each handling items k, k+n, k+2n...
    (or the k-th of n consecutive shares: the job decides); n is
    `n_workers` times `shares_per_worker`. More shares than workers are
    handed out as workers free up: one that drew cheaper shares takes the
    next instead of waiting idle for the other, and the parent takes in
    each result while the workers go on; but each worker then touches more
    of what the shares have in common (the pages phase's news cards).

    Returns the results in order. Falls back to one in-process call when
    there is little work, one worker, or no fork on this platform."""
    global _job
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if n_workers <= 1 or total_items < min_items or not can_fork:
        return [job(0, 1)]
    shares = max(n_workers, min(total_items, n_workers * shares_per_worker))
    _job = job
    try:
        with multiprocessing.get_context("fork").Pool(n_workers, start_worker) as pool:
            return pool.map(_run_slice, [(k, shares) for k in range(shares)], chunksize=1)
    finally:
        _job = None


def alive(pid: int) -> bool:
    """Whether a process runs (its leftovers must then stay)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # another user's
        return True
    return True
