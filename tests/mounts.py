"""Real file-system faults for tests: a small tmpfs, a read-only bind mount.

Both need root (and a kernel that lets this process mount); a test that
cannot make its fault skips and says why. Every mount is undone when the
test ends, passed or failed.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


def digest(folder: Path) -> str:
    """One hash of every file's path and bytes (and every folder) under
    `folder`: equal before and after means byte for byte the same."""
    found = {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             if p.is_file() else "folder" for p in sorted(folder.rglob("*"))}
    return hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest()[:16]


def _mount(*args: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("making this fault needs a mount, and mounting needs root")
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"this machine does not let the tests mount: {done.stderr.strip()}")


def _unmount(target: Path) -> None:
    # lazy: a file a failed test left open must not keep the mount
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


@contextmanager
def tmpfs(target: Path, size: int):
    """A file system of `size` bytes at `target` (made if missing)."""
    target.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target))
    try:
        yield target
    finally:
        _unmount(target)


@contextmanager
def read_only(folder: Path):
    """`folder` mounted read-only onto itself: a mount point, as a published
    folder served from a read-only volume is."""
    _mount("--bind", str(folder), str(folder))
    try:
        done = subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)],
                              capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"cannot make a read-only bind mount: {done.stderr.strip()}")
        yield folder
    finally:
        _unmount(folder)


@contextmanager
def remounted_read_only(target: Path):
    """A mount made by tmpfs() turned read-only, and back."""
    subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
    try:
        yield target
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(target)], capture_output=True)
