"""Write files into the output folder, and only there.

Stock Pelican compares string prefixes, so `../output-evil/x` passes its
check. We normalise the joined path and require it to be the folder itself or
below it (prefix plus a separator). The folder is a fresh staging folder that
only this writer fills, so no symlink inside it can lead elsewhere, and a
pure-string check saves a resolve() (several syscalls) per file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Protocol


class Writer(Protocol):
    """What a phase writes a file through (SafeWriter, or the preview's
    writer that replaces files in place)."""

    def write(self, relative: str, text: str | bytes) -> None:
        """Write a file of the site, at a path relative to the output folder."""


class UnsafePath(Exception):
    """A page that would be written outside the output folder, or over
    another page."""
    exitcode = 1


class SafeWriter:
    """Writes the site's files, only inside the output folder and each path once."""
    def __init__(self, output: Path):
        self.output = os.path.realpath(output)
        self.written: list[str] = []
        self._made: set[str] = set()
        self._paths: set[str] = set()

    def target(self, relative: str) -> str:
        """The absolute path of `relative`; UnsafePath if it leaves the output folder."""
        path = os.path.normpath(os.path.join(self.output, relative))
        if path != self.output and not path.startswith(self.output + os.sep):
            raise UnsafePath(f"refusing to write {relative!r}: it resolves outside "
                             f"the output folder {self.output}")
        return path

    def has(self, relative: str) -> bool:
        """Whether this build already wrote (or claimed) that path."""
        return self.target(relative) in self._paths

    def collides(self, relative: str) -> bool:
        """Whether writing `relative` would replace a written file, or need a
        folder where a file was written (or a file where a folder was made)."""
        path = self.target(relative)
        if path in self._paths or path in self._made:
            return True
        parent = os.path.dirname(path)
        while parent != self.output and len(parent) > len(self.output):
            if parent in self._paths:
                return True
            parent = os.path.dirname(parent)
        return False

    def claim(self, relatives) -> None:
        """Record paths as written here; two claims of one path are an error."""
        for relative in relatives:
            path = self.target(relative)
            if path in self._paths:
                raise UnsafePath(f"two pages would be written to {relative!r}; the "
                                 "second would silently replace the first")
            self._paths.add(path)
            self.written.append(relative)

    def copy(self, relative: str, source: str | os.PathLike) -> None:
        """Put a file (from a cache) into the output: a hard link where the
        file system allows, else a copy."""
        path = self.target(relative)
        self.claim([relative])
        self._folder(os.path.dirname(path))
        try:
            os.link(source, path)
        except OSError:
            shutil.copyfile(source, path)

    def write(self, relative: str, text: str | bytes) -> None:
        """Write a file of the site once (UnsafePath for a second write or
        a path outside)."""
        path = self.target(relative)
        if path in self._paths:
            raise UnsafePath(f"two pages would be written to {relative!r}; the "
                             "second would silently replace the first")
        self._paths.add(path)
        self._folder(os.path.dirname(path))
        _write_file(path, text if isinstance(text, bytes) else text.encode("utf-8"))
        self.written.append(relative)

    def _folder(self, folder: str) -> None:
        """Make a file's folder, once: one mkdir where its parent was made
        here (most pages' folders), makedirs' stat of the parent first
        otherwise."""
        if folder in self._made or folder == self.output:
            return
        if os.path.dirname(folder) in self._made:
            try:
                os.mkdir(folder)
            except FileExistsError:
                pass
        else:
            os.makedirs(folder, exist_ok=True)
        while folder not in self._made and folder != self.output:
            self._made.add(folder)
            folder = os.path.dirname(folder)


# Bytes as given (no newline translation on Windows either), closed on exec
_WRITE_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
                | getattr(os, "O_CLOEXEC", 0))


def _write_file(path: str, data: bytes) -> None:
    """A file's bytes through the bare descriptor: open() adds a buffered
    text layer, a stat and a terminal check to each of some 15,000 pages."""
    handle = os.open(path, _WRITE_FLAGS, 0o666)
    try:
        rest = memoryview(data)
        while rest:
            rest = rest[os.write(handle, rest):]
    finally:
        os.close(handle)
