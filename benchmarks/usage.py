"""What a command costs as a whole process tree: wall seconds, CPU seconds
(user + system, the command and every descendant it waited for), and the
peak of the tree's memory, summed over its processes as PSS (proportional
set size: pages shared by forked workers are counted once in all, not once
per worker, which RSS would do).

From /proc (Linux); psutil is not needed. Memory is sampled every
`interval` seconds, so a peak shorter than that may be missed. Sampling
costs the measured tree time: reading a process's smaps_rollup walks its
page tables under its memory-map lock, which its own mmap and munmap calls
then wait for (at 0.1 s, both our build and Hugo took 10-20% more CPU
seconds). So timed runs are not sampled (`interval=None`), and the peak
comes from a run of its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path


# Seconds between two samples of a sampled run's memory.
SAMPLE_EVERY = 0.1
# Folders of earlier builds, set aside until the timings are done.
_ASIDE: list[Path] = []


def set_aside(path: Path) -> None:
    """Move an earlier build's output (or cache) out of the way instead of
    deleting it: on a file system without a journal (this machine's ext4),
    a file or folder made within minutes of a mass deletion makes ext4 pass
    over each recently freed inode one by one (recently_deleted() in
    ialloc.c), which added 3-7 s of system time to a build of 15,000 pages,
    ours and Hugo's alike. Removed by clear_aside() once timing is over."""
    if path.exists():
        target = path.with_name(f".aside-{path.name}-{uuid.uuid4().hex[:12]}")
        path.rename(target)
        _ASIDE.append(target)


def clear_aside() -> None:
    """Delete what set_aside() moved (and what an interrupted run left)."""
    for parent in {path.parent for path in _ASIDE}:
        for left in parent.glob(".aside-*"):
            shutil.rmtree(left, ignore_errors=True)
    _ASIDE.clear()


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text()
            found += [int(child) for child in text.split()]
    except OSError:   # it ended meanwhile
        pass
    return found


def tree(pid: int) -> list[int]:
    """`pid` and its descendants now."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += _children(current)
    return pids


def pss_kib(pid: int) -> int:
    """A process's proportional set size in KiB (0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_usage(command: list[str], interval: float | None = SAMPLE_EVERY, **popen) -> dict:
    """Run `command`; {"wall", "cpu", "user", "sys", "peak_mb", "returncode",
    "stdout", "stderr"}: wall and CPU seconds of the whole tree (CPU = user
    + sys: the system's share is mostly the file system's), its peak PSS in MB
    (None with `interval=None`: memory not sampled, the times undisturbed)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True, **popen)
        peak = 0
        while True:
            # wait4's usage of a reaped child includes every descendant it
            # waited for (forked workers, the search indexer)
            pid, status, usage = os.wait4(process.pid, 0 if interval is None else os.WNOHANG)
            if pid:
                break
            peak = max(peak, sum(pss_kib(p) for p in tree(process.pid)))
            time.sleep(interval)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                "user": usage.ru_utime, "sys": usage.ru_stime,
                "peak_mb": None if interval is None else peak / 1024,
                "returncode": process.returncode, "stdout": out.read(), "stderr": err.read()}
